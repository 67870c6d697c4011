#include <glue_inventory/error.hpp>

namespace glue_inventory {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "glue_inventory"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::entity_not_found:
            return "entity not found";
        case errc::invalid_input:
            return "invalid input";
        case errc::operation_timeout:
            return "operation timed out on the server";
        case errc::glue_encryption:
            return "Glue encryption error";
        case errc::access_denied:
            return "access denied";
        case errc::throttled:
            return "throttled";
        case errc::service_unavailable:
            return "service unavailable";
        case errc::service_error:
            return "service error";
        case errc::invalid_response:
            return "invalid response";
        case errc::body_too_large:
            return "response body too large";
        case errc::repeated_next_token:
            return "the server repeated a NextToken";
        case errc::timeout:
            return "timed out";
        case errc::connection_failed:
            return "connection failed";
        case errc::credentials_unavailable:
            return "credentials unavailable";
        case errc::endpoint_unresolved:
            return "endpoint could not be resolved";
        case errc::invalid_argument:
            return "invalid argument";
        case errc::cancelled:
            return "cancelled";
        case errc::internal_error:
            return "internal error (an exception inside the operation)";
        }
        return "unknown glue_inventory error";
    }
};

} // namespace

const boost::system::error_category& error_category() noexcept {
    static const category instance;
    return instance;
}

} // namespace glue_inventory
