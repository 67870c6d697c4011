// A key of an X.509 name that two names OpenSSL calls equal always share, computed from the
// name's DER without decoding it.
//
// OpenSSL compares names (X509_NAME_cmp) by a canonical encoding: each value converted to
// UTF-8, ASCII letters lowered, leading and trailing white space dropped and inner runs of it
// made one space. Decoding a name to get that costs ~55k instructions (d2i_X509_NAME): 7.9M for
// Debian's 144-certificate bundle at every start, ~2 ms. ca_file_lookup compares keys first
// and asks OpenSSL only about the names whose key matches. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace glue_inventory::http {

/// The key of the DER-encoded Name at [der, der + size): each RDN's attribute type and its
/// value with every ASCII white space character dropped and ASCII letters lowered. Names OpenSSL
/// calls equal have equal keys (the converse does not hold: equal keys are checked with
/// X509_NAME_cmp). nullopt for a name this key does not cover exactly, which must be compared
/// by OpenSSL: an RDN of several attributes (OpenSSL sorts those), a value that is not an
/// ASCII UTF8String, PrintableString, IA5String or T61String, an object
/// identifier OpenSSL would refuse, or DER that does not parse.
std::optional<std::string> name_key(const unsigned char* der, std::size_t size);

} // namespace glue_inventory::http
