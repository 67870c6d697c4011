// Suppressions and baseline (glue_inventory/audit_suppressions.hpp): pure parsing and matching.
#include <boost/test/unit_test.hpp>
#include <glue_inventory/audit_suppressions.hpp>

namespace ga = glue_inventory::audit;
using namespace std::chrono;

namespace {

glue_inventory::timestamp noon_of(int y, unsigned m, unsigned d) {
    return sys_days{year{y} / month{m} / day{d}} + hours{12};
}

ga::resource resource_of(std::string account, std::string region, std::string name) {
    ga::resource r;
    r.account_id = account;
    r.catalog_id = account;
    r.region = region;
    r.name = name;
    r.partition = "aws";
    r.arn = "arn:aws:glue:" + region + ":" + account + ":connection/" + name;
    return r;
}

ga::suppression_set parse_ok(std::string_view json, glue_inventory::timestamp now) {
    std::string error;
    auto set = ga::suppression_set::parse(json, "s.json", now, error);
    BOOST_TEST_REQUIRE(set.has_value(), error);
    return std::move(*set);
}

std::string parse_error(std::string_view json) {
    std::string error;
    auto set = ga::suppression_set::parse(json, "s.json", noon_of(2026, 12, 1), error);
    BOOST_TEST(!set.has_value());
    return error;
}

} // namespace

BOOST_AUTO_TEST_CASE(globs_match_the_whole_text) {
    BOOST_TEST(ga::glob_match("GLUE-00?", "GLUE-005"));
    BOOST_TEST(!ga::glob_match("GLUE-00?", "GLUE-0051"));
    BOOST_TEST(ga::glob_match("GLUE-*", "GLUE-016"));
    BOOST_TEST(ga::glob_match("*", ""));
    BOOST_TEST(ga::glob_match("eu-*-1", "eu-west-1"));
    BOOST_TEST(!ga::glob_match("eu-*-1", "eu-west-2"));
    BOOST_TEST(ga::glob_match("a*b*c", "axxbyyc"));
    BOOST_TEST(!ga::glob_match("a*b*c", "axxbyy"));
    BOOST_TEST(!ga::glob_match("glue-005", "GLUE-005")); // case-sensitive, as rule IDs are
    BOOST_TEST(ga::glob_match("GLUE-005", "GLUE-005"));
}

BOOST_AUTO_TEST_CASE(an_entry_matches_on_rule_account_region_catalog_and_name) {
    const auto set = parse_ok(R"({"suppressions": [
  {"rule": "GLUE-01?", "account": "111122223333", "region": "eu-*", "name": "^legacy-",
   "reason": "decommissioned in Q1"}
]})",
                              noon_of(2026, 12, 1));
    const auto r = resource_of("111122223333", "eu-west-1", "legacy-orders");
    const auto* s = set.match("GLUE-011", r);
    BOOST_TEST_REQUIRE(s != nullptr);
    BOOST_TEST(s->reason == "decommissioned in Q1");
    BOOST_TEST(s->line == 2u);
    BOOST_TEST(set.match("GLUE-005", r) == nullptr); // rule
    BOOST_TEST(set.match("GLUE-011", resource_of("444455556666", "eu-west-1",
                                                 "legacy-orders")) == nullptr); // account
    BOOST_TEST(set.match("GLUE-011", resource_of("111122223333", "us-east-1",
                                                 "legacy-orders")) == nullptr); // region
    BOOST_TEST(set.match("GLUE-011", resource_of("111122223333", "eu-west-1",
                                                 "orders-legacy-")) == nullptr); // name
}

BOOST_AUTO_TEST_CASE(a_name_too_long_for_a_pattern_is_never_suppressed_by_name) {
    // "tmp-.*" over a million characters overflowed the stack inside std::regex_search.
    const auto set = parse_ok(R"({"suppressions": [
  {"rule": "*", "name": "^tmp-.*$", "reason": "scratch connections"}
]})",
                              noon_of(2026, 12, 1));
    const std::string glue_longest = "tmp-" + std::string(251, 'x');
    BOOST_TEST(set.match("GLUE-001", resource_of("111122223333", "eu-west-1", glue_longest)) !=
               nullptr);
    const std::string at_limit = "tmp-" + std::string(ga::max_name_pattern_subject_bytes - 4, 'x');
    BOOST_TEST(set.match("GLUE-001", resource_of("111122223333", "eu-west-1", at_limit)) !=
               nullptr);
    const std::string huge = "tmp-" + std::string(1'000'000, 'x');
    BOOST_TEST(set.match("GLUE-001", resource_of("111122223333", "eu-west-1", huge)) == nullptr);
}

BOOST_AUTO_TEST_CASE(a_suppressed_finding_is_marked_with_the_reason_and_a_pass_is_not) {
    const auto set = parse_ok(R"({"suppressions": [{"rule": "GLUE-*", "reason": "lab"}]})",
                              noon_of(2026, 12, 1));
    ga::finding f;
    f.resource = resource_of("111122223333", "eu-west-1", "x");
    f.result.rule = ga::find_rule("GLUE-005");
    BOOST_TEST_REQUIRE(f.result.rule != nullptr);
    f.result.status = ga::status::pass;
    set.apply(f);
    BOOST_TEST(!f.suppressed);
    f.result.status = ga::status::fail;
    set.apply(f);
    BOOST_TEST(f.suppressed);
    BOOST_TEST(f.suppression_reason == "lab");
}

BOOST_AUTO_TEST_CASE(an_entry_suppresses_through_its_expiry_day_and_not_after) {
    const std::string json =
        R"({"suppressions": [{"rule": "GLUE-005", "reason": "r", "expires": "2026-12-01"}]})";
    const auto r = resource_of("111122223333", "eu-west-1", "x");
    const auto on_the_day = parse_ok(json, noon_of(2026, 12, 1));
    BOOST_TEST(on_the_day.match("GLUE-005", r) != nullptr);
    BOOST_TEST(on_the_day.expired().empty());
    const auto after = parse_ok(json, noon_of(2026, 12, 2));
    BOOST_TEST(after.match("GLUE-005", r) == nullptr);
    BOOST_TEST_REQUIRE(after.expired().size() == 1u);
    BOOST_TEST(ga::describe(after.expired()[0]).find("expires 2026-12-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_file_names_the_line_and_what_is_wrong) {
    BOOST_TEST(parse_error(R"({"suppressions": [
  {"rule": "GLUE-005", "reason": "ok"},
  {"rule": "GLUE-006"}
]})") == "s.json: line 3: entry 2: 'reason' is required (say why the finding is accepted)");
    BOOST_TEST(parse_error(R"({"suppressions": [
  {"rule": "GLUE-005", "reason": "r", "expires": "2026-02-30"}
]})")
                   .find("line 2: entry 1: expires '2026-02-30' is not a date YYYY-MM-DD") !=
               std::string::npos);
    BOOST_TEST(parse_error(R"({"suppressions": [{"rule": "GLUE-005", "reason": "r",
   "reasons": "typo"}]})")
                   .find("unknown member 'reasons'") != std::string::npos);
    BOOST_TEST(parse_error(R"({"suppressions": [{"name": "([", "reason": "r"}]})")
                   .find("is not a regular expression") != std::string::npos);
    BOOST_TEST(parse_error(R"({"suppressions": [{"reason": "everything"}]})")
                   .find("matches every finding") != std::string::npos);
    BOOST_TEST(parse_error(R"({"suppressions": [{"account": 111122223333, "reason": "r"}]})")
                   .find("'account' must be a string") != std::string::npos);
    BOOST_TEST(parse_error(R"({"rules": []})").find("unknown member 'rules'") != std::string::npos);
    BOOST_TEST(parse_error("{}").find("no 'suppressions' list") != std::string::npos);
    BOOST_TEST(parse_error(R"({"suppressions": [{"rule": "GLUE-005", "reason": "r"}]} x)")
                   .find("s.json: line 1:") == 0);
    BOOST_TEST(parse_error("").find("s.json:") == 0);
    // Malformed JSON: a missing comma between entries is named on its line.
    BOOST_TEST(parse_error("{\"suppressions\": [\n  {\"rule\": \"GLUE-005\", \"reason\": \"a\"}\n"
                           "  {\"rule\": \"GLUE-006\", \"reason\": \"b\"}\n]}")
                   .find("s.json: line 3: malformed JSON") == 0);
}

namespace {

std::string finding_line(std::string_view rule, std::string_view arn, std::string_view extra = "") {
    return std::string(R"({"RuleId":")") + std::string(rule) + R"(","Severity":"high",)" +
           R"("Status":"FAIL","Arn":")" + std::string(arn) + R"(","AccountId":"111122223333",)" +
           R"("Region":"eu-west-1","CatalogId":"111122223333","Name":"n",)" +
           R"("LastUpdatedTime":"2026-01-02T03:04:05.678Z","Message":"m","Fingerprint":")" +
           ga::fingerprint(rule, arn) + "\"" + std::string(extra) + "}\n";
}

} // namespace

BOOST_AUTO_TEST_CASE(baseline_findings_are_unchanged_new_or_absent) {
    const std::string a = "arn:aws:glue:eu-west-1:111122223333:connection/a";
    const std::string b = "arn:aws:glue:eu-west-1:111122223333:connection/b";
    const std::string text =
        finding_line("GLUE-005", a) + "\n" + finding_line("GLUE-011", b) +
        finding_line("GLUE-001", b, R"(,"BaselineState":"absent")") +
        R"({"RuleId":"GLUE-002","Status":"PASS","Arn":"x","Fingerprint":"y"})" + "\n";
    std::string error;
    auto base = ga::baseline::parse(text, "b.ndjson", error);
    BOOST_TEST_REQUIRE(base.has_value(), error);
    BOOST_TEST(base->size() == 2u); // the absent and the PASS lines were not findings
    BOOST_TEST((base->classify(ga::fingerprint("GLUE-005", a)) == ga::baseline_state::unchanged));
    BOOST_TEST((base->classify(ga::fingerprint("GLUE-006", a)) == ga::baseline_state::new_));
    const auto absent = base->absent();
    BOOST_TEST_REQUIRE(absent.size() == 1u);
    BOOST_TEST(absent[0].result.rule->id == "GLUE-011");
    BOOST_TEST(absent[0].resource.arn == b);
    BOOST_TEST(absent[0].resource.region == "eu-west-1");
    BOOST_TEST((absent[0].baseline == ga::baseline_state::absent));
    BOOST_TEST((absent[0].result.severity == ga::severity::high));
    BOOST_TEST(absent[0].resource.last_updated_time.has_value());
}

BOOST_AUTO_TEST_CASE(a_bad_baseline_line_is_named) {
    std::string error;
    const std::string good = finding_line("GLUE-005", "arn:aws:glue:eu-west-1:1:connection/a");
    BOOST_TEST(!ga::baseline::parse(good + "{not json\n", "b.ndjson", error));
    BOOST_TEST(error.find("b.ndjson: line 2: ") == 0, error);
    BOOST_TEST(!ga::baseline::parse(good + R"({"RuleId":"GLUE-005","Arn":"a"})" + "\n", "b.ndjson",
                                    error));
    BOOST_TEST(error.find("b.ndjson: line 2: no Fingerprint") == 0, error);
    BOOST_TEST(!ga::baseline::parse(R"({"RuleId":5})", "b.ndjson", error));
    BOOST_TEST(error.find("b.ndjson: line 1: RuleId must be a string") == 0, error);
}
