#include "temporary_credentials.hpp"

#include "sim_crypto.hpp"

#include <charconv>
#include <vector>

namespace glue_sim {

namespace {
constexpr std::size_t access_key_suffix_length = 16;
constexpr std::string_view key_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (;;) {
        const auto pos = s.find(sep);
        parts.push_back(s.substr(0, pos));
        if (pos == std::string_view::npos) {
            return parts;
        }
        s.remove_prefix(pos + 1);
    }
}
} // namespace

std::string temporary_credentials_issuer::secret_for(std::string_view access_key_id) const {
    const digest d = hmac_sha256(key_, std::string("secret|").append(access_key_id));
    // 30 bytes -> 40 base64url characters, the length of a real secret access key.
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(d.data()), 30));
}

temporary_credentials
temporary_credentials_issuer::issue(std::string_view account, std::string_view role_name,
                                    std::chrono::sys_seconds expiration) const {
    temporary_credentials out;
    out.access_key_id = "ASIA";
    for (char c : random_bytes(access_key_suffix_length)) {
        out.access_key_id.push_back(key_alphabet[static_cast<std::uint8_t>(c) % 32U]);
    }
    out.secret_access_key = secret_for(out.access_key_id);
    std::string payload = out.access_key_id;
    payload.append("|").append(account).append("|").append(role_name).append("|");
    payload.append(std::to_string(expiration.time_since_epoch().count()));
    const digest mac = hmac_sha256(key_, payload);
    out.session_token =
        base64url_encode(payload) + "." +
        base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
    out.expiration = expiration;
    return out;
}

std::optional<session_claims>
temporary_credentials_issuer::check(std::string_view access_key_id,
                                    std::string_view session_token) const {
    const auto dot = session_token.find('.');
    if (dot == std::string_view::npos) {
        return std::nullopt;
    }
    const auto payload = base64url_decode(session_token.substr(0, dot));
    const auto mac = base64url_decode(session_token.substr(dot + 1));
    if (!payload || !mac) {
        return std::nullopt;
    }
    const digest expected = hmac_sha256(key_, *payload);
    if (!equal_constant_time(
            std::string_view(reinterpret_cast<const char*>(expected.data()), expected.size()),
            *mac)) {
        return std::nullopt;
    }
    const auto parts = split(*payload, '|');
    if (parts.size() != 4 || parts[0] != access_key_id) {
        return std::nullopt;
    }
    long long seconds = 0;
    const auto [ptr, ec] =
        std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), seconds);
    if (ec != std::errc{} || ptr != parts[3].data() + parts[3].size()) {
        return std::nullopt;
    }
    return session_claims{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
                          std::chrono::sys_seconds(std::chrono::seconds(seconds))};
}

} // namespace glue_sim
