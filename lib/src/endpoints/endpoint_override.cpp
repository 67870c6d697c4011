#include "endpoints/endpoint_resolver.hpp"

namespace glue_inventory::endpoints {

namespace {

// The service-specific variable: AWS_ENDPOINT_URL_ + the service id, upper case (the SDKs'
// "service-specific endpoint" naming).
std::string_view service_variable(service svc) {
    switch (svc) {
    case service::glue:
        return "AWS_ENDPOINT_URL_GLUE";
    case service::sts:
        return "AWS_ENDPOINT_URL_STS";
    case service::organizations:
        return "AWS_ENDPOINT_URL_ORGANIZATIONS";
    }
    return "AWS_ENDPOINT_URL";
}

} // namespace

std::optional<std::string>
endpoint_override(service svc, const std::optional<std::string>& explicit_url,
                  const std::function<std::optional<std::string>(std::string_view)>& getenv) {
    if (explicit_url && !explicit_url->empty()) {
        return explicit_url;
    }
    for (const std::string_view name :
         {service_variable(svc), std::string_view{"AWS_ENDPOINT_URL"}}) {
        if (auto v = getenv(name); v && !v->empty()) {
            return v;
        }
    }
    return std::nullopt;
}

} // namespace glue_inventory::endpoints
