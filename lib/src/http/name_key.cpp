#include "http/name_key.hpp"

#include "http/der_reader.hpp"

namespace glue_inventory::http {

namespace {

constexpr unsigned char sequence_tag = 0x30;
constexpr unsigned char set_tag = 0x31;
constexpr unsigned char object_identifier_tag = 0x06;

/// String types whose ASCII values OpenSSL's canonical encoding converts to UTF-8 byte for byte
/// before it lowers letters and folds white space. (Not VisibleString: OpenSSL 3 cannot convert
/// it, and refuses a name that has one.)
bool is_ascii_string_type(unsigned char tag) {
    constexpr unsigned char utf8_string = 0x0C;
    constexpr unsigned char printable_string = 0x13;
    constexpr unsigned char t61_string = 0x14;
    constexpr unsigned char ia5_string = 0x16;
    return tag == utf8_string || tag == printable_string || tag == t61_string || tag == ia5_string;
}

/// OpenSSL's white space (ossl_isspace), which its canonical encoding trims and collapses.
bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// Whether OpenSSL accepts these object identifier contents (ossl_c2i_ASN1_OBJECT): at least
/// one octet, the last without its high bit, no subidentifier starting with 0x80.
bool is_valid_oid(const unsigned char* begin, const unsigned char* end) {
    constexpr unsigned char continuation = 0x80;
    if (begin == end || (end[-1] & continuation) != 0) {
        return false;
    }
    bool at_start = true;
    for (const unsigned char* p = begin; p != end; ++p) {
        if (at_start && *p == continuation) {
            return false;
        }
        at_start = (*p & continuation) == 0;
    }
    return true;
}

void append_length(std::size_t n, std::string& key) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        key += static_cast<char>((n >> static_cast<unsigned>(shift)) & 0xFFU);
    }
}

} // namespace

std::optional<std::string> name_key(const unsigned char* der, std::size_t size) {
    const unsigned char* p = der;
    const unsigned char* const end = der + size;
    der_element name;
    if (!read_element(p, end, name) || name.tag != sequence_tag || p != end) {
        return std::nullopt;
    }
    std::string key;
    key.reserve(size);
    for (p = name.content; p != name.end;) {
        der_element rdn;
        der_element attribute;
        der_element type;
        der_element value;
        if (!read_element(p, name.end, rdn) || rdn.tag != set_tag) {
            return std::nullopt;
        }
        const unsigned char* q = rdn.content;
        if (!read_element(q, rdn.end, attribute) || attribute.tag != sequence_tag || q != rdn.end) {
            return std::nullopt; // empty, or several attributes in one RDN
        }
        q = attribute.content;
        if (!read_element(q, attribute.end, type) || type.tag != object_identifier_tag ||
            !is_valid_oid(type.content, type.end) || !read_element(q, attribute.end, value) ||
            q != attribute.end || !is_ascii_string_type(value.tag)) {
            return std::nullopt;
        }
        // Each part with its length first, so that no two names run together into one key.
        append_length(static_cast<std::size_t>(type.end - type.content), key);
        key.append(type.content, type.end);
        const std::size_t value_at = key.size();
        append_length(0, key);
        for (const unsigned char* c = value.content; c != value.end; ++c) {
            if (*c >= 0x80U) {
                return std::nullopt; // not ASCII: its UTF-8 depends on the type
            }
            if (is_space(*c)) {
                continue;
            }
            key += static_cast<char>(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
        }
        std::string length;
        append_length(key.size() - value_at - 4, length);
        key.replace(value_at, 4, length);
    }
    return key;
}

} // namespace glue_inventory::http
