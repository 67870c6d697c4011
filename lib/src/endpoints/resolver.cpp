#include "endpoints/embedded_data.hpp"
#include "endpoints/endpoint_resolver.hpp"
#include "endpoints/partitions.hpp"
#include "endpoints/rule_set.hpp"

namespace glue_inventory::endpoints {

std::string_view service_name(service svc) noexcept {
    switch (svc) {
    case service::glue:
        return "glue";
    case service::sts:
        return "sts";
    case service::organizations:
        return "organizations";
    }
    return "unknown";
}

resolver::resolver() {
    const auto& partitions = detail::shared_embedded_partitions();
    glue_ = std::make_shared<const detail::rule_set>(data::glue_endpoint_rule_set_json, partitions,
                                                     service::glue);
    sts_ = std::make_shared<const detail::rule_set>(data::sts_endpoint_rule_set_json, partitions,
                                                    service::sts);
    organizations_ = std::make_shared<const detail::rule_set>(
        data::organizations_endpoint_rule_set_json, partitions, service::organizations);
}

resolver::~resolver() = default;

result resolver::resolve(service svc, const params& p) const {
    switch (svc) {
    case service::glue:
        return glue_->resolve(p);
    case service::sts:
        return sts_->resolve(p);
    case service::organizations:
        return organizations_->resolve(p);
    }
    return result::failure("unknown service");
}

} // namespace glue_inventory::endpoints
