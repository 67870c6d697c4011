// Shared by the audit tests: connections built from a type and properties, one rule's result,
// evidence look-up.
#pragma once

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <glue_inventory/audit.hpp>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Printable in BOOST_TEST messages (found by argument-dependent look-up).
namespace glue_inventory::audit {
inline std::ostream& operator<<(std::ostream& os, status s) {
    return os << to_string(s);
}
inline std::ostream& operator<<(std::ostream& os, severity s) {
    return os << to_string(s);
}
} // namespace glue_inventory::audit

namespace audit_test {

using namespace glue_inventory;
using namespace glue_inventory::audit;
using namespace std::chrono_literals;

/// 2026-12-01T00:00:00Z: the audit's clock in every test.
inline timestamp audit_now() {
    return timestamp{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}.time_since_epoch()};
}

inline target default_target() {
    return target{"111122223333", "eu-west-1", std::nullopt};
}

inline audit_options default_options() {
    audit_options o;
    o.now = audit_now();
    return o;
}

/// A connection of `type` with these properties, validated, READY, updated recently, in a
/// subnet with a security group: every rule that is not about the properties passes.
inline connection
make_connection(std::string_view type,
                std::initializer_list<std::pair<std::string, std::string>> props) {
    connection c;
    c.name = "conn";
    c.connection_type = std::string(type);
    c.connection_properties = property_map(props.begin(), props.end());
    c.status = "READY";
    c.last_updated_time = audit_now() - std::chrono::days{10};
    c.last_connection_validation_time = audit_now() - std::chrono::days{5};
    c.physical_connection_requirements = physical_connection_requirements{
        "subnet-0123", std::vector<std::string>{"sg-0123"}, "eu-west-1a"};
    c.connection_schema_version = 2;
    return c;
}

inline std::vector<rule_result> evaluate_all(const connection& c,
                                             const audit_options& o = default_options()) {
    std::vector<rule_result> out;
    evaluate(c, default_target(), o, out);
    return out;
}

/// The result of rule `id` (e.g. "GLUE-001") on `c`.
inline rule_result result_of(const connection& c, std::string_view id,
                             const audit_options& o = default_options()) {
    for (auto& r : evaluate_all(c, o)) {
        if (r.rule->id == id) {
            return r;
        }
    }
    BOOST_FAIL("no result for " << id);
    return {};
}

/// The value of evidence item `name`, or "<absent>".
inline std::string evidence(const rule_result& r, std::string_view name) {
    for (const auto& [k, v] : r.evidence) {
        if (k == name) {
            return v;
        }
    }
    return "<absent>";
}

} // namespace audit_test
