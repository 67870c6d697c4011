#include "sigv4/verifier.hpp"

#include "sigv4/canonical_request.hpp"

#include <algorithm>

namespace glue_inventory::sigv4 {

namespace {

constexpr std::string_view algorithm_prefix = "AWS4-HMAC-SHA256 ";
constexpr std::string_view scope_terminator = "aws4_request";
constexpr std::size_t signature_hex_length = 64;

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(' ');
    return text.substr(first, last - first + 1);
}

/// Splits `text` at every `separator`; empty pieces are kept so callers can reject them.
std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            pieces.push_back(text.substr(start));
            return pieces;
        }
        pieces.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_upper_case(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool parse_credential(std::string_view value, parsed_authorization& out) {
    const auto parts = split(value, '/');
    if (parts.size() != 5 || parts[4] != scope_terminator || parts[1].size() != 8 ||
        !is_digits(parts[1])) {
        return false;
    }
    if (std::any_of(parts.begin(), parts.end(), [](std::string_view p) { return p.empty(); })) {
        return false;
    }
    out.access_key_id = parts[0];
    out.date = parts[1];
    out.region = parts[2];
    out.service = parts[3];
    return true;
}

bool parse_signed_headers(std::string_view value, parsed_authorization& out) {
    for (const std::string_view name : split(value, ';')) {
        if (name.empty() || has_upper_case(name) ||
            (!out.signed_headers.empty() && out.signed_headers.back() >= name)) {
            return false;
        }
        out.signed_headers.emplace_back(name);
    }
    return true;
}

} // namespace

std::optional<parsed_authorization> parse_authorization(std::string_view header_value) {
    if (!header_value.starts_with(algorithm_prefix)) {
        return std::nullopt;
    }
    parsed_authorization out;
    bool have_credential = false;
    bool have_signed_headers = false;
    bool have_signature = false;
    for (const std::string_view piece : split(header_value.substr(algorithm_prefix.size()), ',')) {
        const std::string_view component = trim(piece);
        const std::size_t equals = component.find('=');
        if (equals == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view name = component.substr(0, equals);
        const std::string_view value = component.substr(equals + 1);
        if (name == "Credential" && !have_credential) {
            have_credential = parse_credential(value, out);
            if (!have_credential) {
                return std::nullopt;
            }
        } else if (name == "SignedHeaders" && !have_signed_headers) {
            have_signed_headers = parse_signed_headers(value, out);
            if (!have_signed_headers) {
                return std::nullopt;
            }
        } else if (name == "Signature" && !have_signature) {
            if (value.size() != signature_hex_length || !is_lower_hex(value)) {
                return std::nullopt;
            }
            out.signature = value;
            have_signature = true;
        } else {
            return std::nullopt;
        }
    }
    if (!have_credential || !have_signed_headers || !have_signature) {
        return std::nullopt;
    }
    return out;
}

std::string_view to_string(verdict v) noexcept {
    switch (v) {
    case verdict::ok:
        return "ok";
    case verdict::malformed:
        return "malformed";
    case verdict::signed_header_missing:
        return "signed_header_missing";
    case verdict::scope_mismatch:
        return "scope_mismatch";
    case verdict::signature_mismatch:
        return "signature_mismatch";
    }
    return "unknown";
}

verdict verify(const parsed_authorization& auth, const request_ref& req,
               std::string_view secret_access_key, const scope& expected) {
    if (std::find(auth.signed_headers.begin(), auth.signed_headers.end(), "host") ==
        auth.signed_headers.end()) {
        return verdict::malformed;
    }
    if (auth.date != date_stamp(expected.time) || auth.region != expected.region ||
        auth.service != expected.service) {
        return verdict::scope_mismatch;
    }
    // Only the headers the client signed, each with every value it has in the request.
    std::vector<header_ref> signed_headers;
    signed_headers.reserve(auth.signed_headers.size());
    for (const std::string& name : auth.signed_headers) {
        const std::size_t before = signed_headers.size();
        for (const header_ref& h : req.headers) {
            if (detail::header_name_equal(h.name, name)) {
                signed_headers.push_back(h);
            }
        }
        if (signed_headers.size() == before) {
            return verdict::signed_header_missing;
        }
    }
    std::string canonical;
    detail::append_canonical_request(canonical, req.method, req.path, req.query, signed_headers,
                                     sha256_hex(req.payload), true);
    const std::string expected_signature = signature_hex(
        derive_signing_key(secret_access_key, expected), string_to_sign(canonical, expected));
    return constant_time_equal(expected_signature, auth.signature) ? verdict::ok
                                                                   : verdict::signature_mismatch;
}

} // namespace glue_inventory::sigv4
