#include "credentials/sts_query.hpp"
#include "endpoints/endpoint_resolver.hpp"
#include "protocol/aws_error.hpp"

#include <glue_inventory/validation.hpp>

namespace glue_inventory {

bool is_account_id(std::string_view text) noexcept {
    return creds::is_account_id(text);
}

bool is_role_session_name(std::string_view text) noexcept {
    return creds::is_role_session_name(text);
}

bool is_endpoint_url(std::string_view url) {
    return endpoints::parse_url(url).has_value();
}

std::string message_excerpt(std::string_view text, std::size_t limit) {
    return protocol::redacted_excerpt(text, limit);
}

} // namespace glue_inventory
