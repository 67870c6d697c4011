// The library's credential chain with glue-sim playing instance metadata: the environment an
// embedder injects through client_options::env is the one read (issue 12's bug: the process
// environment was read regardless), the process's is read only when none is injected, and
// concurrent requests share one fetch of the base identity.
#include "sim_process.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <glue_inventory/client.hpp>
#include <map>
#include <simdjson.h>

namespace gi = glue_inventory;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::string ready_field(const glue_test::sim_process& sim, const char* name) {
    simdjson::dom::parser parser;
    auto root = parser.load(sim.state_dir() + "/ready.json");
    return std::string(root[name].get_string().value());
}

gi::client_options options_without_keys(const glue_test::sim_process& sim) {
    const auto& r = sim.ready();
    gi::client_options o;
    o.home_region = "us-east-1";
    o.glue_endpoint_url = r.endpoint_url;
    o.sts_endpoint_url = r.endpoint_url;
    o.organizations_endpoint_url = r.endpoint_url;
    o.http.ca_bundle = r.ca_bundle;
    return o;
}

// Sets process variables for one test and restores them after.
class process_variables {
public:
    explicit process_variables(std::map<std::string, std::string> values)
        : values_(std::move(values)) {
        for (const auto& [k, v] : values_) {
            if (const char* old = std::getenv(k.c_str())) {
                saved_[k] = old;
            }
            ::setenv(k.c_str(), v.c_str(), 1);
        }
    }
    ~process_variables() {
        for (const auto& [k, v] : values_) {
            auto it = saved_.find(k);
            if (it == saved_.end()) {
                ::unsetenv(k.c_str());
            } else {
                ::setenv(k.c_str(), it->second.c_str(), 1);
            }
        }
    }
    process_variables(const process_variables&) = delete;
    process_variables& operator=(const process_variables&) = delete;

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> saved_;
};

std::string caller_account(const gi::client_options& options, gi::diagnostics& diag) {
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    auto fut = c.async_get_caller_account(diag, asio::use_future);
    io.run_for(60s);
    BOOST_TEST_REQUIRE((fut.wait_for(0s) == std::future_status::ready));
    return fut.get();
}

} // namespace

BOOST_AUTO_TEST_CASE(the_injected_environment_wins_over_the_process_environment) {
    glue_test::sim_process sim({"--accounts", "2"});
    // Keys the library would pick first if it read the process environment: glue-sim refuses
    // them, so the call can only succeed through the injected IMDS endpoint.
    process_variables bogus({{"AWS_ACCESS_KEY_ID", "AKIAPROCESSENVIRON01"},
                             {"AWS_SECRET_ACCESS_KEY", "process-environment-secret"}});
    std::map<std::string, std::string, std::less<>> injected{
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT", ready_field(sim, "metadata_endpoint")},
        {"HOME", sim.state_dir()}};
    auto options = options_without_keys(sim);
    options.env = [&injected](std::string_view name) -> std::optional<std::string> {
        auto it = injected.find(name);
        return it == injected.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    BOOST_TEST(gi::credential_source(options) == "EC2 instance metadata");
    gi::diagnostics diag;
    BOOST_TEST(caller_account(options, diag) == sim.ready().management_account);
    const std::string stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/credential_sources/imds_credentials") == 1u);
}

BOOST_AUTO_TEST_CASE(without_an_injected_environment_the_process_one_is_read) {
    glue_test::sim_process sim({"--accounts", "1"});
    process_variables vars(
        {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", ready_field(sim, "metadata_endpoint")},
         {"HOME", sim.state_dir()}});
    ::unsetenv("AWS_ACCESS_KEY_ID");
    ::unsetenv("AWS_SECRET_ACCESS_KEY");
    ::unsetenv("AWS_PROFILE");
    gi::diagnostics diag;
    BOOST_TEST(caller_account(options_without_keys(sim), diag) == sim.ready().management_account);
}

BOOST_AUTO_TEST_CASE(concurrent_requests_share_one_fetch_of_the_base_identity) {
    glue_test::sim_process sim({"--accounts", "1"});
    std::map<std::string, std::string, std::less<>> injected{
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT", ready_field(sim, "metadata_endpoint")},
        {"HOME", sim.state_dir()}};
    auto options = options_without_keys(sim);
    options.env = [&injected](std::string_view name) -> std::optional<std::string> {
        auto it = injected.find(name);
        return it == injected.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    constexpr int callers = 16;
    std::vector<gi::diagnostics> diags(callers);
    std::vector<std::future<std::string>> futures;
    for (int i = 0; i < callers; ++i) {
        futures.push_back(
            c.async_get_caller_account(diags[static_cast<std::size_t>(i)], asio::use_future));
    }
    io.run_for(60s);
    for (auto& f : futures) {
        BOOST_TEST_REQUIRE((f.wait_for(0s) == std::future_status::ready));
        BOOST_TEST(f.get() == sim.ready().management_account);
    }
    const std::string stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/credential_sources/imds_token") == 1u);
    BOOST_TEST(glue_test::stats_value(stats, "/credential_sources/imds_credentials") == 1u);
}
