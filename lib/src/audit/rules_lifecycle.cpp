// Placement and life-cycle rules: VPC placement (GLUE-011), state (012), validation age (013),
// legacy schema (016).
#include "audit/properties.hpp"
#include "audit/redaction.hpp"
#include "audit/rule_context.hpp"

namespace glue_inventory::audit::detail {

namespace {

/// StatusReason as evidence: redacted (free text may echo the URL) and cut to this many bytes.
constexpr std::size_t max_status_reason_bytes = 512;

} // namespace

void glue_011(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 10, status::pass, severity::medium);
    const bool data_store = ctx.family == type_family::db || ctx.family == type_family::doc ||
                            ctx.family == type_family::stream || ctx.connector;
    const bool network = ctx.family == type_family::net;
    if (!data_store && !network) {
        w.set(status::not_applicable);
        w.message("The connection type does not run in a VPC.");
        return;
    }
    const auto& p = ctx.c.physical_connection_requirements;
    const bool subnet = p && p->subnet_id && !trim(*p->subnet_id).empty();
    const std::size_t groups =
        p && p->security_group_id_list ? p->security_group_id_list->size() : 0;
    w.add_bool("subnet", subnet);
    w.add_number("security_groups", static_cast<long long>(groups));
    w.add("availability_zone", p && p->availability_zone ? std::string_view(*p->availability_zone)
                                                         : std::string_view("absent"));
    if (!subnet) {
        w.set(status::fail, network ? severity::low : severity::medium);
        w.message(network ? "A NETWORK connection without a subnet cannot work."
                          : "No VPC placement: the data store must be reachable from the "
                            "internet and the traffic leaves the VPC.");
        return;
    }
    if (groups == 0) {
        w.set(status::fail, severity::low);
        w.message("A subnet is set without security groups.");
        return;
    }
    w.message("The connection is placed in a subnet with security groups.");
}

void glue_012(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 11, status::pass, severity::medium);
    if (!ctx.c.status) {
        w.set(status::unknown);
        w.message("The response has no Status.");
        return;
    }
    const std::string_view s = trim(*ctx.c.status);
    // Status is an enum; a value this version does not know is not echoed.
    const bool known = iequals(s, "READY") || iequals(s, "IN_PROGRESS") || iequals(s, "FAILED");
    w.add("status", known ? s : std::string_view("other"));
    if (ctx.c.status_reason) {
        append_redacted_text(*ctx.c.status_reason, max_status_reason_bytes, w.add("status_reason"));
    }
    if (iequals(s, "FAILED")) {
        w.set(status::fail);
        w.message("The connection is in the FAILED state.");
        return;
    }
    if (iequals(s, "IN_PROGRESS")) {
        const auto limit = ctx.options.in_progress_too_long;
        w.add_number("limit_hours", limit.count());
        if (!ctx.c.last_updated_time) {
            w.set(status::unknown);
            w.message("IN_PROGRESS without LastUpdatedTime: for how long is unknown.");
            return;
        }
        append_timestamp(w.add("last_updated"), *ctx.c.last_updated_time);
        if (ctx.options.now - *ctx.c.last_updated_time > limit) {
            w.set(status::fail, severity::low);
            w.message("The connection has been IN_PROGRESS for longer than the limit.");
            return;
        }
        w.message("The connection is IN_PROGRESS since recently.");
        return;
    }
    if (iequals(s, "READY")) {
        w.message("The connection is READY.");
        return;
    }
    w.set(status::unknown);
    w.message("The Status is not one this version knows.");
}

void glue_013(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 12, status::pass, severity::low);
    if (ctx.family == type_family::net) {
        w.set(status::not_applicable);
        w.message("A NETWORK connection has nothing to validate.");
        return;
    }
    const long long threshold = ctx.options.stale_after.count();
    w.add_number("threshold_days", threshold);
    if (!ctx.c.last_connection_validation_time) {
        w.set(status::fail);
        w.add("last_validation", "never");
        w.message("The connection has never been validated.");
        return;
    }
    append_timestamp(w.add("last_validation"), *ctx.c.last_connection_validation_time);
    const long long age = days_between(*ctx.c.last_connection_validation_time, ctx.options.now);
    w.add_number("age_days", age);
    if (age > threshold) {
        w.set(status::fail);
        w.message("The connection has not been validated within the threshold.");
        return;
    }
    w.message("The connection was validated recently.");
}

void glue_016(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 15, status::pass, severity::info);
    if (ctx.family != type_family::db && ctx.family != type_family::doc) {
        w.set(status::not_applicable);
        w.message("Not a JDBC or document-store connection.");
        return;
    }
    const auto& v = ctx.c.connection_schema_version;
    if (v) {
        w.add_number("schema_version", *v);
    } else {
        w.add("schema_version", "absent");
    }
    const bool auth = ctx.c.authentication_configuration.has_value();
    w.add_bool("authentication_configuration", auth);
    if ((!v || *v == 1) && !auth) {
        w.set(status::fail);
        w.message("Legacy connection schema (version 1) without an AuthenticationConfiguration.");
        return;
    }
    w.message("The connection uses schema version 2 or an AuthenticationConfiguration.");
}

} // namespace glue_inventory::audit::detail
