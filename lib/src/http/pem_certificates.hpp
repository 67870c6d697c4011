// The certificates of a PEM bundle, read without OpenSSL's PEM reader.
//
// OpenSSL's reader goes through a file BIO line by line and decodes base64 at ~40 instructions
// a byte: ~12M instructions (~4 ms) for Debian's 144-certificate system bundle, a third of what
// a one-account scan spends before its first page. This reader takes only the plain form that
// bundles are written in (PEM_write's: BEGIN and END lines, lines of base64, text between the
// blocks) and answers "not mine" for anything else, so that the caller hands the file to
// OpenSSL's reader and what is trusted never depends on which reader ran. Pure: bytes in, DER
// out.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace glue_inventory::http {

/// One CERTIFICATE (or X509 CERTIFICATE) or TRUSTED CERTIFICATE block, decoded.
struct pem_certificate {
    std::vector<unsigned char> der;
    bool trusted_form = false; // "TRUSTED CERTIFICATE": an X509 followed by its trust settings
};

/// The longest line this reader takes (OpenSSL's PEM reader reads lines in pieces of 255 bytes:
/// a longer line is read here only if OpenSSL would see the same thing, so it is left to it).
inline constexpr std::size_t pem_longest_line = 200;

/// The certificate blocks of `text` in order, with the lines outside blocks skipped as OpenSSL's
/// PEM_read_bio skips them; nullopt when `text` holds anything else this reader does not decode
/// exactly as OpenSSL would (another label, encapsulated headers, characters other than base64
/// in a block, misplaced padding, an END line that does not match, a block cut short, a line
/// longer than pem_longest_line, a line outside the blocks that starts with "-----BEGIN" but is
/// not a BEGIN line). No block at all gives an empty list.
std::optional<std::vector<pem_certificate>> read_pem_certificates(std::string_view text);

} // namespace glue_inventory::http
