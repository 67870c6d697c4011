// evaluate(): every rule on one connection, in ID order, then the severities that depend on
// other rules' outcomes (GLUE-001 critical with GLUE-005/006; GLUE-010 high with 001/003).
#include "audit/rule_context.hpp"

namespace glue_inventory::audit {

namespace {

constexpr std::size_t rule_count = 16;

void evaluate_span(const connection& c, const target& t, const audit_options& options,
                   rule_result* r) {
    const detail::rule_context ctx(c, t, options);
    detail::glue_001(ctx, r[0]);
    detail::glue_002(ctx, r[0], r[1]);
    detail::glue_003(ctx, r[2]);
    detail::glue_004(ctx, r[3]);
    detail::glue_005(ctx, r[4]);
    detail::glue_006(ctx, r[5]);
    detail::glue_007(ctx, r[6]);
    detail::glue_008(ctx, r[7]);
    detail::glue_009(ctx, r[8]);
    detail::glue_010(ctx, r[9]);
    detail::glue_011(ctx, r[10]);
    detail::glue_012(ctx, r[11]);
    detail::glue_013(ctx, r[12]);
    detail::glue_014(ctx, r[4], r[13]);
    detail::glue_015(ctx, r[14]);
    detail::glue_016(ctx, r[15]);

    // Plain-text transport of a credential that is itself exposed: the worst combination.
    if (r[0].status == status::fail &&
        (r[4].status == status::fail || r[5].status == status::fail)) {
        r[0].severity = severity::critical;
    }
    // A public address reached without TLS.
    if (r[9].status == status::fail &&
        (r[0].status == status::fail || r[2].status == status::fail)) {
        r[9].severity = severity::high;
    }
}

} // namespace

void evaluate(const connection& c, const target& t, const audit_options& options,
              std::vector<rule_result>& out) {
    const std::size_t base = out.size();
    out.resize(base + rule_count);
    evaluate_span(c, t, options, out.data() + base);
}

void evaluate_into(const connection& c, const target& t, const audit_options& options,
                   std::vector<rule_result>& out) {
    out.resize(rule_count);
    evaluate_span(c, t, options, out.data());
}

} // namespace glue_inventory::audit
