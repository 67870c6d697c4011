// Reading DER elements (X.690) one at a time: enough to find fields of a certificate without
// OpenSSL's ASN.1 decoder (ca_file_lookup, name_key). Pure.
#pragma once

#include <cstddef>

namespace glue_inventory::http {

/// One DER element: [begin, end) whole, [content, end) its value.
struct der_element {
    unsigned char tag = 0;
    const unsigned char* begin = nullptr;
    const unsigned char* content = nullptr;
    const unsigned char* end = nullptr;
};

/// Reads the element at `p` (within `end`) and moves `p` past it. False when it is malformed,
/// or not DER: the indefinite length of BER, a length not in its shortest form.
inline bool read_element(const unsigned char*& p, const unsigned char* end, der_element& out) {
    constexpr std::size_t max_length_bytes = 4; // a certificate is far below 4 GiB
    if (end - p < 2) {
        return false;
    }
    out.begin = p;
    out.tag = *p++;
    std::size_t length = *p++;
    if ((length & 0x80U) != 0) {
        const std::size_t n = length & 0x7fU;
        if (n == 0 || n > max_length_bytes || static_cast<std::size_t>(end - p) < n) {
            return false;
        }
        length = 0;
        for (std::size_t i = 0; i < n; ++i) {
            length = (length << 8U) | *p++;
        }
        // DER's lengths are minimal: the long form only from 128, with no leading zero byte
        // (OpenSSL refuses others in a name; a caller then leaves the bytes to OpenSSL).
        constexpr std::size_t shortest_long_form = 128;
        if (length < shortest_long_form || length >> (8U * (n - 1)) == 0) {
            return false;
        }
    }
    if (static_cast<std::size_t>(end - p) < length) {
        return false;
    }
    out.content = p;
    out.end = p + length;
    p = out.end;
    return true;
}

} // namespace glue_inventory::http
