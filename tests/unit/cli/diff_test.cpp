// glue-inventory diff: the member tree diff, the redaction of secrets, the engine's rules (keys,
// not-compared targets, malformed lines, duplicates), the output formats and the command line.
#include "command_line.hpp"
#include "diff/change_format.hpp"
#include "diff/member_diff.hpp"
#include "diff/secret_redaction.hpp"
#include "diff/snapshot_diff.hpp"

#include <boost/test/unit_test.hpp>
#include <map>

namespace {

using namespace glue_cli::diff;
namespace dom = simdjson::dom;

/// Member changes of two records, each as "path kind old new" ("secret" instead of values).
std::vector<std::string> member_lines(const std::string& old_json, const std::string& new_json) {
    dom::parser p1;
    dom::parser p2;
    dom::object a = p1.parse(old_json).get_object();
    dom::object b = p2.parse(new_json).get_object();
    std::vector<member_change> changes;
    diff_members(a, b, changes);
    std::vector<std::string> out;
    for (const auto& c : changes) {
        out.push_back(c.path + " " + std::string(to_string(c.kind)) + " " +
                      (c.secret ? "secret" : c.old_value + " " + c.new_value));
    }
    return out;
}

/// OLD's lines kept in memory, read back by offset as the CLI reads its file.
struct memory_lines final : old_line_source {
    std::string text;
    std::uint64_t keep(std::string_view line) {
        const auto offset = text.size();
        text.append(line);
        return offset;
    }
    std::string_view line(std::uint64_t offset, std::uint32_t length) override {
        return std::string_view(text).substr(offset, length);
    }
};

struct collecting_sink final : change_sink {
    std::vector<connection_change> changes;
    void write(const connection_change& c) override { changes.push_back(c); }
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

struct diff_run {
    std::vector<connection_change> changes;
    diff_counts counts;
    std::vector<input_problem> problems;
    std::string ndjson;
};

diff_run run(const std::string& old_text, const std::string& new_text,
             const std::string& old_errors = "", const std::string& new_errors = "") {
    snapshot_diff engine("old.ndjson", "new.ndjson");
    std::size_t n = 0;
    for (const auto& l : lines_of(old_errors)) {
        engine.add_error_line(scan_side::old_scan, l, "old-errors.ndjson", ++n);
    }
    n = 0;
    for (const auto& l : lines_of(new_errors)) {
        engine.add_error_line(scan_side::new_scan, l, "new-errors.ndjson", ++n);
    }
    memory_lines olds;
    n = 0;
    for (const auto& l : lines_of(old_text)) {
        engine.index_old_line(l, ++n, olds.keep(l));
    }
    collecting_sink sink;
    engine.begin_new(sink);
    n = 0;
    for (const auto& l : lines_of(new_text)) {
        engine.new_line(l, ++n, sink, olds);
    }
    engine.finish(sink, olds);
    diff_run r{sink.changes, engine.counts(), engine.problems(), {}};
    auto writer = make_change_writer(change_format::ndjson);
    for (const auto& c : r.changes) {
        writer->write(c, r.ndjson);
    }
    return r;
}

std::string record(const std::string& name, const std::string& members = "",
                   const std::string& region = "us-east-1",
                   const std::string& account = "111122223333") {
    return R"({"AccountId":")" + account + R"(","Region":")" + region + R"(","CatalogId":")" +
           account + R"(","Name":")" + name + "\"" + (members.empty() ? "" : "," + members) + "}";
}

} // namespace

BOOST_AUTO_TEST_SUITE(member_tree_diff)

BOOST_AUTO_TEST_CASE(maps_are_compared_key_by_key_and_lists_as_whole_values) {
    const auto lines = member_lines(
        R"({"Name":"a","ConnectionProperties":{"JDBC_CONNECTION_URL":"jdbc:mysql://h1/db","USERNAME":"u"},
            "PhysicalConnectionRequirements":{"SecurityGroupIdList":["sg-1","sg-2"],"SubnetId":"s"}})",
        R"({"Name":"a","ConnectionProperties":{"USERNAME":"u","JDBC_CONNECTION_URL":"jdbc:mysql://h2/db"},
            "PhysicalConnectionRequirements":{"SubnetId":"s","SecurityGroupIdList":["sg-2","sg-1"]}})");
    const std::vector<std::string> expected = {
        R"(ConnectionProperties.JDBC_CONNECTION_URL changed "jdbc:mysql://h1/db" "jdbc:mysql://h2/db")",
        R"(PhysicalConnectionRequirements.SecurityGroupIdList changed ["sg-1","sg-2"] ["sg-2","sg-1"])"};
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(members_unknown_today_diff_too_at_any_depth) {
    const auto lines = member_lines(
        R"({"AuthenticationConfiguration":{"OAuth2Properties":{"TokenUrl":"https://a/t"}},"Gone":1})",
        R"({"AuthenticationConfiguration":{"OAuth2Properties":{"TokenUrl":"https://b/t"}},"FutureMember":{"X":true}})");
    const std::vector<std::string> expected = {
        R"(AuthenticationConfiguration.OAuth2Properties.TokenUrl changed "https://a/t" "https://b/t")",
        R"(FutureMember added  {"X":true})", R"(Gone removed 1 )"};
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(names_with_dots_are_bracketed_in_paths) {
    const auto lines = member_lines(R"({"SparkProperties":{"spark.executor.memory":"2g"}})",
                                    R"({"SparkProperties":{"spark.executor.memory":"4g"}})");
    BOOST_TEST(lines.size() == 1U);
    BOOST_TEST(lines[0] == R"(SparkProperties["spark.executor.memory"] changed "2g" "4g")");
}

BOOST_AUTO_TEST_CASE(equal_records_in_another_member_order_have_no_change_and_one_hash) {
    const std::string a = R"({"A":{"x":1,"y":[1,2]},"B":"t","C":null,"D":1.5})";
    const std::string b = R"({"D":1.5,"C":null,"B":"t","A":{"y":[1,2],"x":1}})";
    BOOST_TEST(member_lines(a, b).empty());
    dom::parser p1;
    dom::parser p2;
    const dom::element ea = p1.parse(a);
    const dom::element eb = p2.parse(b);
    BOOST_TEST(same_value(ea, eb));
    BOOST_TEST(value_hash(ea) == value_hash(eb));
}

BOOST_AUTO_TEST_CASE(a_list_in_another_order_or_a_number_of_another_type_differs) {
    dom::parser p1;
    dom::parser p2;
    const std::string ab = R"(["a","b"])";
    const std::string ba = R"(["b","a"])";
    BOOST_TEST(value_hash(p1.parse(ab)) != value_hash(p2.parse(ba)));
    const std::string one = "1";
    const std::string one_float = "1.0";
    BOOST_TEST(!same_value(p1.parse(one), p2.parse(one_float)));
    BOOST_TEST(member_lines(R"({"N":1})", R"({"N":2})").size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(secret_bearing_names) {
    for (std::string_view name :
         {"PASSWORD", "ENCRYPTED_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD",
          "KAFKA_CLIENT_KEYSTORE_PASSWORD", "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD", "Password",
          "spark.hadoop.fs.s3a.secret.key", "ClientSecret", "AccessToken", "RefreshToken",
          "JwtToken", "CustomAuthenticationCredentials", "AuthorizationCode", "api_key",
          "private-key", "sslpassword", "pwd", "UserManagedClientApplicationClientSecret"}) {
        BOOST_TEST(is_secret_name(name), name);
    }
    for (std::string_view name :
         {"JDBC_CONNECTION_URL", "USERNAME", "SecretArn", "SECRET_ID", "TokenUrl",
          "TokenUrlParametersMap", "KAFKA_BOOTSTRAP_SERVERS", "SecurityGroupIdList", "Name",
          "AuthenticationType", "ConnectionProperties", "AuthenticationConfiguration"}) {
        BOOST_TEST(!is_secret_name(name), name);
    }
}

BOOST_AUTO_TEST_CASE(secrets_inside_urls_and_option_strings_are_redacted) {
    BOOST_TEST(redact_text("jdbc:postgresql://etl:pw-1@db:5432/x") ==
               "jdbc:postgresql://etl:REDACTED@db:5432/x");
    BOOST_TEST(redact_text("mongodb://tok@h/db") == "mongodb://REDACTED@h/db");
    BOOST_TEST(redact_text("jdbc:mysql://h/db?user=a&password=s3&ssl=true") ==
               "jdbc:mysql://h/db?user=a&password=REDACTED&ssl=true");
    BOOST_TEST(redact_text("jdbc:sqlserver://h:1433;databaseName=d;password=s3;user=u") ==
               "jdbc:sqlserver://h:1433;databaseName=d;password=REDACTED;user=u");
    BOOST_TEST(redact_text("jdbc:oracle:thin:scott/tiger@h:1521:orcl") ==
               "jdbc:oracle:thin:scott/REDACTED@h:1521:orcl");
    BOOST_TEST(redact_text("--conf api_key=abc --conf x=1") ==
               "--conf api_key=REDACTED --conf x=1");
    BOOST_TEST(redact_text("jdbc:postgresql://db:5432/x") == "jdbc:postgresql://db:5432/x");
    BOOST_TEST(redact_text("jdbc:oracle:thin:@//h:1521/s") == "jdbc:oracle:thin:@//h:1521/s");
}

BOOST_AUTO_TEST_CASE(a_secret_member_is_only_changed_with_no_values) {
    const auto lines = member_lines(
        R"({"ConnectionProperties":{"PASSWORD":"pw-1","KAFKA_SASL_PLAIN_PASSWORD":"k1"},
            "AuthenticationConfiguration":{"OAuth2Properties":{"OAuth2Credentials":{"AccessToken":"t1"}}}})",
        R"({"ConnectionProperties":{"PASSWORD":"pw-2","KAFKA_SASL_PLAIN_PASSWORD":"k2","ENCRYPTED_PASSWORD":"e"},
            "AuthenticationConfiguration":{"OAuth2Properties":{"OAuth2Credentials":{"AccessToken":"t2"}}}})");
    const std::vector<std::string> expected = {
        "ConnectionProperties.PASSWORD changed secret",
        "ConnectionProperties.KAFKA_SASL_PLAIN_PASSWORD changed secret",
        "ConnectionProperties.ENCRYPTED_PASSWORD added secret",
        "AuthenticationConfiguration.OAuth2Properties.OAuth2Credentials changed secret"};
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_url_whose_password_alone_changed_is_a_secret_change) {
    const auto lines =
        member_lines(R"({"ConnectionProperties":{"JDBC_CONNECTION_URL":"jdbc:mysql://u:a@h/d"}})",
                     R"({"ConnectionProperties":{"JDBC_CONNECTION_URL":"jdbc:mysql://u:b@h/d"}})");
    BOOST_TEST(lines.size() == 1U);
    BOOST_TEST(lines[0] == "ConnectionProperties.JDBC_CONNECTION_URL changed secret");
}

BOOST_AUTO_TEST_CASE(no_secret_reaches_any_output_format) {
    const auto r = run(
        record(
            "a",
            R"("ConnectionProperties":{"PASSWORD":"hunter2","JDBC_CONNECTION_URL":"jdbc:mysql://u:hunter3@h/d"})") +
            "\n" + record("gone", R"("ConnectionProperties":{"PASSWORD":"hunter4"})") + "\n",
        record(
            "a",
            R"("ConnectionProperties":{"PASSWORD":"hunter5","JDBC_CONNECTION_URL":"jdbc:mysql://u:hunter6@h2/d"})") +
            "\n" +
            record(
                "new",
                R"("SparkProperties":{"spark.ssl.keyPassword":"hunter7"},"X":"a?token=hunter8")") +
            "\n");
    BOOST_TEST(r.counts.changed == 1U);
    BOOST_TEST(r.counts.added == 1U);
    BOOST_TEST(r.counts.removed == 1U);
    for (auto format : {change_format::ndjson, change_format::csv, change_format::table}) {
        std::string out;
        auto writer = make_change_writer(format);
        writer->begin(out);
        for (const auto& c : r.changes) {
            writer->write(c, out);
        }
        writer->end(r.counts, out);
        BOOST_TEST(out.find("hunter") == std::string::npos, out);
        BOOST_TEST(out.find("PASSWORD") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(engine)

BOOST_AUTO_TEST_CASE(added_removed_changed_and_unchanged_in_order) {
    const std::string old_text = record("same", R"("Description":"d")") + "\n" + record("gone-1") +
                                 "\n" + record("edited", R"("Description":"1")") + "\n" +
                                 record("gone-2") + "\n";
    const std::string new_text = record("fresh") + "\n" + record("edited", R"("Description":"2")") +
                                 "\n" + record("same", R"("Description":"d")") + "\n";
    const auto r = run(old_text, new_text);
    const std::string expected =
        R"({"Change":"added","AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":"fresh","Record":)" +
        record("fresh") + "}\n" +
        R"({"Change":"changed","AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":"edited","Members":[{"Path":"Description","Change":"changed","Old":"1","New":"2"}]})" +
        "\n" +
        R"({"Change":"removed","AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":"gone-1","Record":)" +
        record("gone-1") + "}\n" +
        R"({"Change":"removed","AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":"gone-2","Record":)" +
        record("gone-2") + "}\n";
    BOOST_TEST(r.ndjson == expected);
    BOOST_TEST(r.counts.unchanged == 1U);
    BOOST_TEST(r.counts.problems == 0U);
}

BOOST_AUTO_TEST_CASE(the_key_is_account_region_catalog_and_name) {
    const auto r = run(record("a", "", "us-east-1") + "\n", record("a", "", "eu-west-1") + "\n");
    BOOST_TEST(r.counts.added == 1U);
    BOOST_TEST(r.counts.removed == 1U);
    BOOST_TEST(r.changes[0].region == "eu-west-1");
    BOOST_TEST(r.changes[1].region == "us-east-1");
}

BOOST_AUTO_TEST_CASE(a_failed_target_is_not_compared_never_removed) {
    const std::string old_text = record("a", "", "eu-west-1") + "\n" +
                                 record("b", "", "eu-west-1") + "\n" + record("c") + "\n";
    // NEW's scan of eu-west-1 failed: no records of it at all.
    const std::string new_text = record("c", R"("Description":"x")") + "\n";
    const std::string new_errors =
        R"({"AccountId":"111122223333","Region":"eu-west-1","CatalogId":"111122223333","ErrorCode":"AccessDeniedException","Message":"m","HttpStatus":400,"RequestId":"r","Attempts":1,"PagesDone":0})";
    const auto r = run(old_text, new_text, "", new_errors);
    BOOST_TEST_REQUIRE(r.changes.size() == 2U);
    BOOST_TEST((r.changes[0].kind == change_kind::not_compared));
    BOOST_TEST(r.changes[0].region == "eu-west-1");
    BOOST_TEST(r.changes[0].failed_in == "new");
    BOOST_TEST(r.changes[0].error_code == "AccessDeniedException");
    BOOST_TEST((r.changes[1].kind == change_kind::changed));
    BOOST_TEST(r.counts.removed == 0U);
    BOOST_TEST(r.counts.not_compared_targets == 1U);
    BOOST_TEST(r.counts.skipped_records == 2U);
    BOOST_TEST(
        r.ndjson.find(
            R"({"Change":"not_compared","AccountId":"111122223333","Region":"eu-west-1","CatalogId":"111122223333","FailedIn":"new","ErrorCode":"AccessDeniedException"})") ==
        0U);
}

BOOST_AUTO_TEST_CASE(a_target_failed_in_the_old_scan_is_not_reported_added) {
    const auto r = run(
        "", record("a", "", "eu-west-1") + "\n",
        R"({"AccountId":"111122223333","Region":"eu-west-1","CatalogId":"111122223333","ErrorCode":"Throttled"})");
    BOOST_TEST_REQUIRE(r.changes.size() == 1U);
    BOOST_TEST(r.changes[0].failed_in == "old");
    BOOST_TEST(r.counts.added == 0U);
}

BOOST_AUTO_TEST_CASE(a_target_missing_from_one_file_and_not_failed_is_an_ordinary_removal) {
    const auto r =
        run(record("a", "", "eu-west-1") + "\n" + record("b") + "\n", record("b") + "\n");
    BOOST_TEST(r.counts.removed == 1U);
    BOOST_TEST(r.counts.not_compared_targets == 0U);
}

BOOST_AUTO_TEST_CASE(a_target_failed_in_both_scans_names_both_errors) {
    const std::string err =
        R"({"AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","ErrorCode":"E1"})";
    auto err2 = err;
    err2.replace(err2.find("E1"), 2, "E2");
    const auto r = run(record("a") + "\n", record("b") + "\n", err, err2);
    BOOST_TEST_REQUIRE(r.changes.size() == 1U);
    BOOST_TEST(r.changes[0].failed_in == "both");
    BOOST_TEST(r.changes[0].error_code == "E1/E2");
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_skipped_and_named_by_file_and_line) {
    const std::string old_text = record("a") + "\n{\"AccountId\":\"1\"\n" + record("b") + "\n";
    const std::string new_text =
        record("a") + "\n[1]\n" +
        R"({"AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333"})" + "\n\n" +
        record("b") + "\n" +
        R"({"AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":7})" +
        "\n";
    const auto r = run(old_text, new_text);
    BOOST_TEST(r.counts.problems == 4U);
    BOOST_TEST_REQUIRE(r.problems.size() == 4U);
    BOOST_TEST(r.problems[0].file == "old.ndjson");
    BOOST_TEST(r.problems[0].line == 2U);
    BOOST_TEST(r.problems[0].message.find("not JSON") == 0U);
    BOOST_TEST(r.problems[1].file == "new.ndjson");
    BOOST_TEST(r.problems[1].line == 2U);
    BOOST_TEST(r.problems[1].message == "not a JSON object");
    BOOST_TEST(r.problems[2].line == 3U);
    BOOST_TEST(r.problems[2].message == R"(no "Name" member)");
    BOOST_TEST(r.problems[3].line == 6U);
    BOOST_TEST(r.problems[3].message == R"("Name" is not a string)");
    BOOST_TEST(r.changes.empty()); // a, b unchanged; blank line ignored
    BOOST_TEST(r.counts.unchanged == 2U);
}

BOOST_AUTO_TEST_CASE(a_key_repeated_in_a_file_is_a_problem) {
    const auto r =
        run(record("a") + "\n" + record("a", R"("Description":"x")") + "\n",
            record("a") + "\n" + record("a") + "\n" + record("n") + "\n" + record("n") + "\n");
    BOOST_TEST(r.counts.problems == 3U);
    BOOST_TEST(r.problems[0].file == "old.ndjson");
    BOOST_TEST(r.problems[0].line == 2U);
    BOOST_TEST(r.counts.unchanged == 1U); // OLD's first line is the one compared
    BOOST_TEST(r.counts.added == 1U);
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_are_accepted) {
    const auto r = run(record("a") + "\r\n", record("a") + "\r\n");
    BOOST_TEST(r.counts.problems == 0U);
    BOOST_TEST(r.counts.unchanged == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(csv_has_one_row_per_changed_member) {
    const auto r =
        run(record("a", R"("Description":"x, y","ConnectionProperties":{"PASSWORD":"1"})") + "\n",
            record("a", R"("Description":"z","ConnectionProperties":{"PASSWORD":"2"})") + "\n");
    std::string out;
    auto writer = make_change_writer(change_format::csv);
    writer->begin(out);
    for (const auto& c : r.changes) {
        writer->write(c, out);
    }
    BOOST_TEST(out == "Change,AccountId,Region,CatalogId,Name,Member,Old,New\r\n"
                      "changed,111122223333,us-east-1,111122223333,a,Description,\"\"\"x, "
                      "y\"\"\",\"\"\"z\"\"\"\r\n"
                      "changed,111122223333,us-east-1,111122223333,a,ConnectionProperties.PASSWORD,"
                      "(secret),(secret changed)\r\n");
}

BOOST_AUTO_TEST_CASE(table_has_a_block_per_connection_and_a_summary) {
    const auto r = run(record("a", R"("Description":"x")") + "\n" + record("gone") + "\n",
                       record("a", R"("Description":"y")") + "\n" + record("new") + "\n");
    std::string out;
    auto writer = make_change_writer(change_format::table);
    for (const auto& c : r.changes) {
        writer->write(c, out);
    }
    writer->end(r.counts, out);
    BOOST_TEST(out == "~ 111122223333  us-east-1  111122223333  a\n"
                      "    Description: \"x\" -> \"y\"\n"
                      "+ 111122223333  us-east-1  111122223333  new  added\n"
                      "- 111122223333  us-east-1  111122223333  gone  removed\n"
                      "1 added, 1 removed, 1 changed, 0 unchanged\n");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(command_line)

glue_cli::command_line parse(std::vector<std::string> args) {
    args.insert(args.begin(), "glue-inventory");
    return glue_cli::parse_command_line(args);
}

BOOST_AUTO_TEST_CASE(diff_takes_two_files_and_its_flags) {
    const auto cl = parse({"diff", "a.ndjson", "b.ndjson", "--old-errors", "ea", "--new-errors=eb",
                           "--format", "csv", "--output", "o.csv", "--exit-code"});
    BOOST_TEST(cl.text == "");
    BOOST_TEST((cl.what == glue_cli::command_line::action::diff));
    BOOST_TEST(cl.diff.old_file == "a.ndjson");
    BOOST_TEST(cl.diff.new_file == "b.ndjson");
    BOOST_TEST(*cl.diff.old_errors == "ea");
    BOOST_TEST(*cl.diff.new_errors == "eb");
    BOOST_TEST((*cl.diff.format == change_format::csv));
    BOOST_TEST(*cl.diff.output_file == "o.csv");
    BOOST_TEST(cl.diff.exit_code);
    const auto plain = parse({"diff", "a", "b"});
    BOOST_TEST(!plain.diff.format.has_value());
    BOOST_TEST(!plain.diff.exit_code);
}

BOOST_AUTO_TEST_CASE(bad_diff_usage_is_one_line_naming_the_problem) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"diff", "a"}, "glue-inventory: NEW is required"},
        {{"diff", "a", "b", "--format", "json"},
         "glue-inventory: --format: 'json' is not ndjson, csv or table"},
        {{"diff", "a", "b", "c"}, "glue-inventory: diff: unexpected argument 'c' (see --help)"},
        {{"diff", "a", "b", "--nope"},
         "glue-inventory: --nope: unknown option for 'diff' (see --help)"},
        {{"diff", "a", "b", "--output", ""}, "glue-inventory: --output: must name a file"},
    };
    for (const auto& [args, text] : cases) {
        const auto cl = parse(args);
        BOOST_TEST((cl.what == glue_cli::command_line::action::fail));
        BOOST_TEST(cl.text == text);
    }
}

BOOST_AUTO_TEST_CASE(diff_help_documents_the_exit_status) {
    const auto cl = parse({"diff", "--help"});
    BOOST_TEST((cl.what == glue_cli::command_line::action::print_and_exit));
    BOOST_TEST(cl.text.find("3 with --exit-code") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
