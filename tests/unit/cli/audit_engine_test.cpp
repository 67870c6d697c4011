// The audit engine: which results become findings, how suppressions and the baseline classify
// them, what decides exit status 3, and the precedence of the exit statuses. Real rules, real
// writers (ndjson, into a buffer that goes to /dev/null).
#include "audit/audit_engine.hpp"

#include <boost/test/unit_test.hpp>

namespace ga = glue_inventory::audit;
using glue_cli::audit::audit_config;
using glue_cli::audit::audit_engine;
using glue_cli::audit::audit_output;

namespace {

using namespace std::chrono;

glue_inventory::timestamp at(int y, unsigned m, unsigned d) {
    return sys_days{year{y} / month{m} / day{d}};
}

/// A JDBC connection with its password inline and TLS not enforced: GLUE-001 (critical, with
/// the inline password), GLUE-005 (high), GLUE-011 (medium, no VPC), ... fail.
glue_inventory::connection inline_password() {
    glue_inventory::connection c;
    c.name = "orders";
    c.connection_type = "JDBC";
    c.connection_properties = glue_inventory::property_map{
        {"JDBC_CONNECTION_URL", "jdbc:postgresql://db.internal:5432/orders"},
        {"USERNAME", "app"},
        {"PASSWORD", "GLUESIM-SECRET-unit"},
        {"JDBC_ENFORCE_SSL", "false"}};
    c.last_updated_time = at(2020, 1, 1);
    c.status = "READY";
    c.connection_schema_version = 1;
    return c;
}

glue_inventory::target eu() {
    return glue_inventory::target{"111122223333", "eu-west-1", std::nullopt};
}

struct engine_run {
    explicit engine_run(audit_config config, const ga::suppression_set* s = nullptr,
                        ga::baseline* b = nullptr) {
        std::string error;
        std::string warning;
        audit_output o;
        o.name = "--output";
        o.file = glue_cli::output_file::create("/dev/null", glue_cli::file_secrecy::none, error,
                                               warning);
        o.writer = glue_cli::audit::make_finding_writer(glue_cli::audit::finding_format::ndjson);
        outputs.push_back(std::move(o));
        config.options.now = at(2026, 12, 1);
        engine.emplace(std::move(config), s, b, outputs);
        engine->begin({});
    }
    std::vector<audit_output> outputs;
    std::optional<audit_engine> engine;
};

std::size_t total(const glue_cli::audit::audit_summary& s) {
    std::size_t n = 0;
    for (auto v : s.findings_by_severity) {
        n += v;
    }
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(audit_engine_suite)

BOOST_AUTO_TEST_CASE(exit_status_precedence_is_usage_interrupted_incomplete_findings) {
    using glue_cli::audit::audit_exit_status;
    BOOST_TEST(audit_exit_status(false, false, false, false) == 0);
    BOOST_TEST(audit_exit_status(false, false, false, true) == 3);
    BOOST_TEST(audit_exit_status(false, false, true, true) == 2);
    BOOST_TEST(audit_exit_status(false, true, true, true) == 130);
    BOOST_TEST(audit_exit_status(true, true, true, true) == 1);
    BOOST_TEST(audit_exit_status(true, false, false, false) == 1);
    BOOST_TEST(audit_exit_status(false, true, false, false) == 130);
}

BOOST_AUTO_TEST_CASE(fail_on_decides_at_or_above_its_severity) {
    audit_config high;
    high.fail_on = ga::severity::high;
    engine_run a(high);
    a.engine->evaluate(inline_password(), eu());
    BOOST_TEST(a.engine->findings_fail());
    BOOST_TEST(a.engine->summary().connections_evaluated == 1u);
    BOOST_TEST(a.engine->findings_by_rule().count("GLUE-005") == 1u);

    audit_config none; // --fail-on none
    engine_run b(none);
    b.engine->evaluate(inline_password(), eu());
    BOOST_TEST(!b.engine->findings_fail());

    audit_config only_legacy; // GLUE-016 is info: below high
    only_legacy.fail_on = ga::severity::high;
    only_legacy.rules = {"GLUE-016"};
    engine_run c(only_legacy);
    c.engine->evaluate(inline_password(), eu());
    BOOST_TEST(!c.engine->findings_fail());
    BOOST_TEST(total(c.engine->summary()) == 1u);
    BOOST_TEST(c.engine->summary().findings_by_severity[0] == 1u);
}

BOOST_AUTO_TEST_CASE(min_severity_and_include_pass_choose_what_is_written) {
    audit_config all;
    engine_run a(all);
    a.engine->evaluate(inline_password(), eu());
    const auto fails = total(a.engine->summary());
    BOOST_TEST(fails >= 5u);

    audit_config critical;
    critical.min_severity = ga::severity::critical;
    engine_run b(critical);
    b.engine->evaluate(inline_password(), eu());
    BOOST_TEST(total(b.engine->summary()) == b.engine->summary().findings_by_severity[4]);
    BOOST_TEST(total(b.engine->summary()) >= 1u); // GLUE-001, raised by the inline password
    BOOST_TEST(total(b.engine->summary()) < fails);
}

BOOST_AUTO_TEST_CASE(suppressed_findings_are_counted_apart_and_never_fail) {
    std::string error;
    const auto s =
        ga::suppression_set::parse(R"({"suppressions": [{"name": "^orders$", "reason": "known"}]})",
                                   "s.json", at(2026, 12, 1), error);
    BOOST_TEST_REQUIRE(s.has_value(), error);
    audit_config config;
    config.fail_on = ga::severity::info;
    engine_run a(config, &*s);
    a.engine->evaluate(inline_password(), eu());
    BOOST_TEST(!a.engine->findings_fail());
    BOOST_TEST(total(a.engine->summary()) == 0u);
    BOOST_TEST(a.engine->summary().suppressed >= 5u);
}

BOOST_AUTO_TEST_CASE(baseline_classifies_and_fail_on_new_fails_on_new_only) {
    const auto arn = ga::describe(inline_password(), eu()).arn;
    const std::string line = R"({"RuleId":"GLUE-005","Status":"FAIL","Arn":")" + arn +
                             R"(","Fingerprint":")" + ga::fingerprint("GLUE-005", arn) + "\"}\n" +
                             R"({"RuleId":"GLUE-003","Status":"FAIL","Region":"eu-west-1",)" +
                             R"("CatalogId":"111122223333","Arn":"arn:aws:glue:eu-west-1:)" +
                             R"(111122223333:connection/gone","Fingerprint":"f00"})" + "\n";
    std::string error;
    auto base = ga::baseline::parse(line, "b.ndjson", error);
    BOOST_TEST_REQUIRE(base.has_value(), error);
    audit_config config;
    config.rules = {"GLUE-005", "GLUE-003"};
    config.fail_on_new = true;
    engine_run a(config, nullptr, &*base);
    a.engine->evaluate(inline_password(), eu());
    BOOST_TEST(!a.engine->findings_fail()); // GLUE-005 is unchanged
    a.engine->finish(1, {}, false, false);
    BOOST_TEST(a.engine->summary().unchanged_findings == 1u);
    BOOST_TEST(a.engine->summary().new_findings == 0u);
    BOOST_TEST(a.engine->summary().absent_findings == 1u);

    // The catalog of the gone finding failed: it cannot be called absent.
    auto base2 = ga::baseline::parse(line, "b.ndjson", error);
    config.rules = {"GLUE-005", "GLUE-003", "GLUE-001"};
    engine_run b(config, nullptr, &*base2);
    b.engine->evaluate(inline_password(), eu());
    BOOST_TEST(b.engine->findings_fail()); // GLUE-001 is new
    b.engine->finish(1, {eu()}, false, false);
    BOOST_TEST(b.engine->summary().absent_findings == 0u);
    BOOST_TEST(b.engine->summary().new_findings == 1u);
}

BOOST_AUTO_TEST_CASE(the_summary_names_every_count) {
    glue_cli::audit::audit_summary s;
    s.connections_evaluated = 7;
    s.findings_by_severity = {1, 0, 2, 0, 3};
    s.suppressed = 4;
    s.new_findings = 5;
    s.unchanged_findings = 1;
    s.absent_findings = 2;
    s.targets_total = 9;
    s.targets_failed = 1;
    s.expired_suppressions = {"entry 2 (line 4): old"};
    const auto text = glue_cli::audit::summary_text(s, true);
    BOOST_TEST(text.find("7 connection(s) evaluated; 6 finding(s) (3 critical, 2 medium, 1 info); "
                         "4 suppressed") != std::string::npos,
               text);
    BOOST_TEST(text.find("baseline: 5 new, 1 unchanged, 2 absent") != std::string::npos);
    BOOST_TEST(text.find("expired suppression, no longer applied: entry 2 (line 4): old") !=
               std::string::npos);
    BOOST_TEST(text.find("1 of 9 target(s) failed") != std::string::npos);
    BOOST_TEST(glue_cli::audit::summary_text(s, false).find("baseline") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
