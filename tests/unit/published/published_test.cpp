#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <glue_inventory/connection_members.hpp>
#include <glue_inventory/record_values.hpp>
#include <glue_inventory/records.hpp>
#include <glue_inventory/regions.hpp>
#include <glue_inventory/shared_config.hpp>
#include <glue_inventory/validation.hpp>
#include <map>
#include <unistd.h>

namespace gi = glue_inventory;

namespace {

gi::environment env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto it = vars.find(std::string(name));
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

/// A file in the test's temporary directory, removed when the test ends.
struct temp_file {
    std::string path;
    explicit temp_file(const std::string& text) {
        char name[] = "/tmp/unit_published_XXXXXX";
        const int fd = ::mkstemp(name);
        BOOST_REQUIRE(fd >= 0);
        ::close(fd);
        path = name;
        std::ofstream(path) << text;
    }
    ~temp_file() { std::remove(path.c_str()); }
};

} // namespace

BOOST_AUTO_TEST_CASE(regions_come_from_the_partition_table) {
    BOOST_TEST(gi::is_known_region("eu-west-1"));
    BOOST_TEST(!gi::is_known_region("eu-west-99x"));
    BOOST_TEST(!gi::is_known_region("aws-global")); // a pseudo-region
    BOOST_TEST(gi::partition_of_region("cn-north-1").value_or("") == "aws-cn");
    BOOST_TEST(!gi::partition_of_region("mars-1").has_value());
    const auto regions = gi::partition_regions("aws-us-gov");
    BOOST_TEST(regions == (std::vector<std::string>{"us-gov-east-1", "us-gov-west-1"}),
               boost::test_tools::per_element());
    BOOST_TEST(gi::partition_regions("nope").empty());
}

BOOST_AUTO_TEST_CASE(user_values_are_checked_with_the_library_rules) {
    BOOST_TEST(gi::is_account_id("111122223333"));
    BOOST_TEST(!gi::is_account_id("11112222333"));
    BOOST_TEST(!gi::is_account_id("11112222333a"));
    BOOST_TEST(gi::is_role_session_name("glue-inventory@ci"));
    BOOST_TEST(!gi::is_role_session_name("a"));
    BOOST_TEST(!gi::is_role_session_name("has space"));
    BOOST_TEST(gi::is_endpoint_url("https://127.0.0.1:8443"));
    BOOST_TEST(!gi::is_endpoint_url("https://user:pw@host"));
    BOOST_TEST(!gi::is_endpoint_url("ftp://host"));
    // The user information never shows, even cut.
    const auto quoted = gi::message_excerpt("https://user:hunter2@host/\n");
    BOOST_TEST(quoted.find("hunter2") == std::string::npos);
    BOOST_TEST(quoted.find('\n') == std::string::npos);
    BOOST_TEST(gi::message_excerpt(std::string(300, 'x'), 10) == "xxxxxxxxxx...");
}

BOOST_AUTO_TEST_CASE(a_record_written_reads_back) {
    gi::connection c;
    c.name = "db \"main\"";
    c.connection_type = "JDBC";
    c.creation_time = gi::timestamp(std::chrono::milliseconds(1714566896789));
    gi::ndjson_record_writer writer;
    std::string out;
    writer.write({"111122223333", "eu-west-1", "111122223333"}, c, out);
    writer.write({"111122223333", "eu-west-2", "444455556666"}, c, out);
    BOOST_TEST(out.substr(0, out.find('\n') + 1) ==
               R"({"AccountId":"111122223333","Region":"eu-west-1","CatalogId":"111122223333",)"
               R"("Name":"db \"main\"","ConnectionType":"JDBC",)"
               R"("CreationTime":"2024-05-01T12:34:56.789Z"})"
               "\n");

    gi::ndjson_record_reader reader;
    const auto second = out.substr(out.find('\n') + 1);
    std::string line = second.substr(0, second.size() - 1);
    const auto size = line.size();
    line.append(gi::ndjson_record_reader::padding(), ' ');
    gi::ndjson_record record;
    std::string error;
    BOOST_TEST_REQUIRE(reader.read(std::string_view(line.data(), size), record, error), error);
    BOOST_TEST(record.region == "eu-west-2");
    BOOST_TEST(record.catalog_id == "444455556666");
    BOOST_TEST(record.conn.name.value_or("") == "db \"main\"");
    BOOST_TEST((record.conn.creation_time == c.creation_time));

    std::string bad = R"({"AccountId":"111122223333","Region":7})";
    const auto bad_size = bad.size();
    bad.append(gi::ndjson_record_reader::padding(), ' ');
    BOOST_TEST(!reader.read(std::string_view(bad.data(), bad_size), record, error));
    BOOST_TEST(error.find("Region") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(record_values_are_the_record_s_text) {
    std::string s;
    gi::write_json_string("a\nb\xff", s);
    BOOST_TEST(s == "\"a\\u000ab\xef\xbf\xbd\"");
    s.clear();
    gi::write_iso8601(gi::timestamp(std::chrono::milliseconds(0)), s);
    BOOST_TEST(s == "1970-01-01T00:00:00.000Z");
    s.clear();
    gi::connection empty;
    BOOST_TEST(!gi::write_connection_members(empty, s));
    empty.status = "READY";
    BOOST_TEST(gi::write_connection_members(empty, s));
    BOOST_TEST(s == R"("Status":"READY")");
}

BOOST_AUTO_TEST_CASE(shared_config_gives_the_profile_region_and_plans_credentials) {
    temp_file config("[profile dev]\nregion = eu-central-1\n[default]\n");
    temp_file credentials("[dev]\naws_access_key_id = AKIDEXAMPLE\n"
                          "aws_secret_access_key = secret\n");
    gi::client_options o;
    o.identity.profile = "dev";
    o.identity.config_file = config.path;
    o.identity.credentials_file = credentials.path;
    const auto env = env_of({{"HOME", "/nonexistent"}, {"AWS_EC2_METADATA_DISABLED", "true"}});
    std::string error;
    const auto files = gi::shared_config::load(o, env, error);
    BOOST_TEST_REQUIRE(files.has_value(), error);
    BOOST_TEST(files->profile() == "dev");
    BOOST_TEST(files->region().value_or("") == "eu-central-1");
    BOOST_TEST(files->check_credential_source(env, true, error), error);

    // The default profile has no keys, and instance metadata is off: nothing is left.
    o.identity.profile.clear();
    const auto defaults = gi::shared_config::load(o, env, error);
    BOOST_TEST_REQUIRE(defaults.has_value(), error);
    BOOST_TEST(defaults->profile() == "default");
    BOOST_TEST(!defaults->region().has_value());
    BOOST_TEST(!defaults->check_credential_source(env, false, error));
    BOOST_TEST(error.empty());

    // A profile that is named but absent is an error that names it.
    o.identity.profile = "missing";
    const auto missing = gi::shared_config::load(o, env, error);
    BOOST_TEST_REQUIRE(missing.has_value(), error);
    BOOST_TEST(!missing->check_credential_source(env, true, error));
    BOOST_TEST(error.find("missing") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(shared_config_gives_the_profile_endpoints_and_the_imds_switch) {
    temp_file config("[profile dev]\nendpoint_url = http://127.0.0.1:4566\nservices = local\n"
                     "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:4567\n"
                     "[profile off]\nendpoint_url = http://127.0.0.1:4566\n"
                     "ignore_configured_endpoint_urls = true\n"
                     "ec2_metadata_service_endpoint_mode = IPv5\n");
    temp_file credentials("");
    gi::client_options o;
    o.identity.profile = "dev";
    o.identity.config_file = config.path;
    o.identity.credentials_file = credentials.path;
    const auto env = env_of({{"HOME", "/nonexistent"}});
    std::string error;
    const auto dev = gi::shared_config::load(o, env, error);
    BOOST_TEST_REQUIRE(dev.has_value(), error);
    // The service's own block beats the profile's endpoint_url, which the others get.
    BOOST_TEST(dev->endpoint_url(env, "sts").value_or("") == "http://127.0.0.1:4567");
    BOOST_TEST(dev->endpoint_url(env, "glue").value_or("") == "http://127.0.0.1:4566");
    o.identity.profile = "off";
    const auto off = gi::shared_config::load(o, env, error);
    BOOST_TEST_REQUIRE(off.has_value(), error);
    BOOST_TEST(!off->endpoint_url(env, "glue").has_value());

    // Instance metadata: on by default, off by the variable (with or without the files) or by
    // a profile setting that is not valid.
    BOOST_TEST(gi::shared_config::instance_metadata_enabled(env, &*dev));
    BOOST_TEST(gi::shared_config::instance_metadata_enabled(env, nullptr));
    BOOST_TEST(!gi::shared_config::instance_metadata_enabled(env, &*off)); // its bad setting
    const auto disabled = env_of({{"HOME", "/nonexistent"}, {"AWS_EC2_METADATA_DISABLED", "true"}});
    BOOST_TEST(!gi::shared_config::instance_metadata_enabled(disabled, &*dev));
    BOOST_TEST(!gi::shared_config::instance_metadata_enabled(disabled, nullptr));
}

BOOST_AUTO_TEST_CASE(the_member_table_is_public) {
    // The CSV columns of the CLI are made from it: the API's first and last members.
    BOOST_TEST(gi::connection_member_names[1] == "Name");
    BOOST_TEST(gi::connection_member_names.back() == "CompatibleComputeEnvironments");
    BOOST_TEST(gi::connection_member_count == gi::connection_member_names.size() - 1);
    int members = 0;
#define GLUE_INVENTORY_COUNT_MEMBER(wire, member, kind) ++members;
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_COUNT_MEMBER)
#undef GLUE_INVENTORY_COUNT_MEMBER
    BOOST_TEST(static_cast<std::size_t>(members) == gi::connection_member_count);
}

BOOST_AUTO_TEST_CASE(environment_credentials_are_found_or_refused) {
    std::string error;
    BOOST_TEST(!gi::has_environment_credentials(env_of({}), error));
    BOOST_TEST(error.empty());
    BOOST_TEST(gi::has_environment_credentials(
        env_of({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s3cr3t"}}), error));
    BOOST_TEST(!gi::has_environment_credentials(env_of({{"AWS_ACCESS_KEY_ID", "AKID"}}), error));
    BOOST_TEST(error.find("AWS_SECRET_ACCESS_KEY") != std::string::npos, error);
}
