#include "page_token.hpp"

#include "sim_crypto.hpp"

#include <charconv>

namespace glue_sim {

namespace {
// Only the first bytes of the MAC travel: 128 bits are plenty against guessing and keep
// tokens short.
constexpr std::size_t token_mac_bytes = 16;

std::string bound_payload(const page_binding& b, std::size_t offset) {
    std::string p;
    p.reserve(64 + b.filter.size());
    p.append("v1|").append(std::to_string(offset)).append("|").append(b.account).append("|");
    p.append(b.region).append("|").append(b.catalog).append("|").append(b.filter);
    return p;
}

std::string mac_of(const std::string& key, std::string_view payload) {
    const digest d = hmac_sha256(key, payload);
    return {reinterpret_cast<const char*>(d.data()), token_mac_bytes};
}
} // namespace

std::string page_token_codec::encode(const page_binding& binding, std::size_t offset) const {
    // The token carries only the offset; the binding is in the MAC, so the client learns
    // nothing it did not send.
    const std::string offset_text = std::to_string(offset);
    const std::string mac = mac_of(key_, bound_payload(binding, offset));
    return base64url_encode(offset_text + "." + mac);
}

std::optional<std::size_t> page_token_codec::decode(std::string_view token,
                                                    const page_binding& binding) const {
    const auto raw = base64url_decode(token);
    if (!raw) {
        return std::nullopt;
    }
    const auto dot = raw->find('.');
    if (dot == std::string::npos || raw->size() - dot - 1 != token_mac_bytes) {
        return std::nullopt;
    }
    std::size_t offset = 0;
    const char* first = raw->data();
    const char* last = raw->data() + dot;
    const auto [ptr, ec] = std::from_chars(first, last, offset);
    if (ec != std::errc{} || ptr != last || dot == 0) {
        return std::nullopt;
    }
    const std::string expected = mac_of(key_, bound_payload(binding, offset));
    if (!equal_constant_time(expected, std::string_view(*raw).substr(dot + 1))) {
        return std::nullopt;
    }
    return offset;
}

} // namespace glue_sim
