// GetConnections and ListAccounts NextTokens: opaque to clients, tamper-checked with an HMAC
// under the server's key and bound to what was asked (account, region, catalog, filter), so an
// altered token or one replayed against another target is refused.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace glue_sim {

/// What a token is bound to: the caller's account, region, catalog and a canonical text of the
/// filter ("" for ListAccounts). Views; the caller keeps the strings alive.
struct page_binding {
    std::string_view account;
    std::string_view region;
    std::string_view catalog;
    std::string_view filter;
};

class page_token_codec {
public:
    explicit page_token_codec(std::string server_key) : key_(std::move(server_key)) {}

    /// A token that resumes at `offset` (an index into the target's full list).
    std::string encode(const page_binding& binding, std::size_t offset) const;

    /// The offset, or nullopt when the token is malformed, altered or bound to something else.
    std::optional<std::size_t> decode(std::string_view token, const page_binding& binding) const;

private:
    std::string key_;
};

} // namespace glue_sim
