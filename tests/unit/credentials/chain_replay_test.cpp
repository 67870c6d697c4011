// Replays smithy-rs' default-credential-provider-chain cases (tests/data/credential-chain,
// see its NOTICE) through the sans-I/O cores the client drives: each case's environment, its
// files (fs/, read where the case says they are) and its recorded HTTP traffic, answered in
// order, each request checked (method, URL, query as a set); then the credentials or the
// error the case expects. The network driver around the same cores is covered end to end by
// tests/integration/credentials. credential_process commands run for real, through the
// client's own runner (/bin/sh -c, stdout on a pipe). Cases skipped say why below.
#include "client/credential_process.hpp"
#include "credentials/chain.hpp"
#include "credentials/process_output.hpp"
#include "credentials/read_file.hpp"
#include "credentials/sts_query.hpp"
#include "test_env.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>
#include <simdjson.h>

namespace gc = glue_inventory::creds;
namespace fs = std::filesystem;
using gc::testing::env_map;

namespace {

const std::string data_dir = std::string(GLUE_TEST_DATA_DIR) + "/credential-chain/";

// Before every expiry in the recordings (the earliest is 2021-09-21T04:16:53Z).
const std::chrono::sys_seconds replay_now{std::chrono::sys_days{std::chrono::year{2021} / 9 / 21}};

struct exchange_record {
    std::string method;
    std::string uri;
    std::string request_body;
    unsigned status = 0;
    std::vector<gc::http_header> headers;
    std::string body;
    bool transport_error = false;
};

std::vector<exchange_record> load_traffic(const std::string& dir) {
    simdjson::dom::parser parser;
    std::vector<exchange_record> out;
    simdjson::dom::element root = parser.load(dir + "/http-traffic.json").value();
    const simdjson::dom::array events = root["events"].get_array().value();
    for (auto e : events) {
        const simdjson::dom::object action = e["action"].get_object().value();
        for (auto [kind, value] : action) {
            if (kind == "Request") {
                exchange_record r;
                r.method = std::string(value["request"]["method"].get_string().value());
                r.uri = std::string(value["request"]["uri"].get_string().value());
                out.push_back(std::move(r));
            } else if (kind == "Response") {
                simdjson::dom::object ok;
                if (value["response"]["Ok"].get(ok) != simdjson::SUCCESS) {
                    out.back().transport_error = true;
                    continue;
                }
                out.back().status = static_cast<unsigned>(ok["status"].get_uint64().value());
                simdjson::dom::object headers;
                if (ok["headers"].get(headers) == simdjson::SUCCESS) {
                    for (auto [name, values] : headers) {
                        const simdjson::dom::array list = values.get_array().value();
                        for (auto v : list) {
                            out.back().headers.push_back(
                                {std::string(name), std::string(v.get_string().value())});
                        }
                    }
                }
            } else if (kind == "Data") {
                std::string_view text;
                if (value["data"]["Utf8"].get(text) != simdjson::SUCCESS) {
                    continue;
                }
                if (value["direction"].get_string().value() == "Request") {
                    out.back().request_body += text;
                } else {
                    out.back().body += text;
                }
            }
        }
    }
    return out;
}

// "scheme://host/path" and the query's pairs as a set (SDKs order them differently).
std::pair<std::string, std::multiset<std::string>> split_url(const std::string& url) {
    const auto q = url.find('?');
    std::multiset<std::string> params;
    if (q != std::string::npos) {
        std::string_view rest = std::string_view(url).substr(q + 1);
        while (!rest.empty()) {
            const auto amp = rest.find('&');
            params.insert(std::string(rest.substr(0, amp)));
            rest.remove_prefix(amp == std::string_view::npos ? rest.size() : amp + 1);
        }
    }
    std::string base = url.substr(0, q);
    // "http://host" and "http://host/" are the same request target.
    if (base.size() > 1 && base.back() == '/' && base.find("://") + 3 < base.size() &&
        base.find('/', base.find("://") + 3) == base.size() - 1) {
        base.pop_back();
    }
    return {base, params};
}

class replay {
public:
    replay(std::string dir, env_map env)
        : dir_(std::move(dir)), env_(std::move(env)), traffic_(load_traffic(dir_)) {}

    gc::env_lookup env() const { return gc::testing::lookup_in(env_); }

    // The case's file at the absolute path the configuration names.
    std::optional<std::string> read(const std::string& path) const {
        auto text = gc::read_text_file(dir_ + "/fs" + path);
        return text && *text ? std::optional<std::string>(**text) : std::nullopt;
    }

    gc::http_outcome exchange(const std::string& url, const gc::http_request& request) {
        // IMDS without the extended API answers 404 there (the recordings predate it).
        if (url.find("security-credentials-extended") != std::string::npos &&
            next_ < traffic_.size() &&
            traffic_[next_].uri.find("security-credentials-extended") == std::string::npos) {
            return gc::http_outcome::of(gc::http_answer{404, {}, {}});
        }
        // A retry of the last request (ours retries InvalidIdentityToken, Rust does not): the
        // recorded server answers it as it answered the first time.
        if (next_ == traffic_.size() && next_ > 0 && traffic_[next_ - 1].method == request.method &&
            split_url(traffic_[next_ - 1].uri) == split_url(url)) {
            const exchange_record& last = traffic_[next_ - 1];
            return gc::http_outcome::of(gc::http_answer{last.status, last.headers, last.body});
        }
        BOOST_TEST_REQUIRE(next_ < traffic_.size(),
                           "a request beyond the recording: " << request.method << " " << url);
        const exchange_record& r = traffic_[next_++];
        BOOST_TEST(request.method == r.method);
        BOOST_TEST((split_url(url) == split_url(r.uri)), url << " vs " << r.uri);
        if (r.transport_error) {
            return gc::http_outcome::failed("recorded transport error");
        }
        return gc::http_outcome::of(gc::http_answer{r.status, r.headers, r.body});
    }

    bool all_used() const { return next_ == traffic_.size(); }

private:
    std::string dir_;
    env_map env_;
    std::vector<exchange_record> traffic_;
    std::size_t next_ = 0;
};

struct replay_result {
    std::optional<glue_inventory::credentials> creds;
    std::optional<std::string> account_id;
    std::string error;
};

// The client's credential_process runner, driven to completion on its own io_context.
replay_result run_process(const gc::process_base& p) {
    boost::asio::io_context io;
    std::string output, what;
    boost::system::error_code ec;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            ec = co_await glue_inventory::client_detail::run_credential_process(p.command, output,
                                                                                what);
        },
        [](std::exception_ptr e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
    io.run();
    if (ec) {
        return {{}, {}, "profile '" + p.profile + "': " + what};
    }
    auto parsed = gc::parse_process_output(output);
    if (!parsed) {
        return {{}, {}, "profile '" + p.profile + "': " + parsed.error().message};
    }
    return {*parsed, {}, {}};
}

std::string region_of(const gc::credential_plan& plan, const gc::env_lookup& env) {
    if (auto r = env("AWS_REGION"); r && !r->empty()) {
        return *r;
    }
    return plan.region.value_or("us-east-1");
}

// The client's base_credentials.cpp, one source at a time, over the replay.
replay_result run(replay& rp, bool profile_provider) {
    const auto env = rp.env();
    // The profile provider alone (profile-provider/): the profile named by AWS_PROFILE or
    // "default", as if chosen explicitly.
    std::string profile;
    if (profile_provider) {
        profile = env("AWS_PROFILE").value_or("default");
    }
    auto plan = gc::load_and_plan(
        env, profile, "", "", replay_now,
        [&rp](const std::string& path) -> gc::config_result<std::optional<std::string>> {
            return rp.read(path);
        });
    if (!plan) {
        return {{}, {}, plan.error().message};
    }
    if (profile_provider && (std::holds_alternative<gc::imds_base>(plan->base) ||
                             std::holds_alternative<gc::container_base>(plan->base))) {
        return {{}, {}, "the profile has no credentials (the profile provider is not enabled)"};
    }
    std::string variable;
    std::string sts_url = "https://sts." + region_of(*plan, env) + ".amazonaws.com/";
    if (auto url = gc::endpoint_override(env, "STS", variable)) {
        sts_url = *url;
    } else if (auto it = plan->endpoint_urls.find("sts"); it != plan->endpoint_urls.end()) {
        sts_url = it->second; // the profile's endpoint_url or its services section
    }
    replay_result out;
    glue_inventory::credentials current;
    if (auto* keys = std::get_if<gc::keys_base>(&plan->base)) {
        current = keys->keys;
    } else if (auto* w = std::get_if<gc::web_identity_base>(&plan->base)) {
        auto token = rp.read(w->settings.token_file);
        if (!token) {
            return {{}, {}, "cannot read " + w->settings.token_file};
        }
        auto request = gc::web_identity::build_request(w->settings, *token);
        if (!request) {
            return {{}, {}, request.error().message};
        }
        for (unsigned attempt = 1;; ++attempt) {
            auto outcome = rp.exchange(sts_url, *request);
            auto answer = gc::web_identity::read_answer(w->settings, outcome);
            if (answer) {
                current = answer->creds;
                out.account_id = answer->account_id;
                break;
            }
            if (!answer.error().retryable || attempt == gc::web_identity::attempts) {
                return {{}, {}, answer.error().message};
            }
        }
    } else if (auto* sso = std::get_if<gc::sso_base>(&plan->base)) {
        const auto& s = sso->settings;
        auto text = rp.read(gc::sso::cache_file(s, "/home/.aws/sso/cache"));
        if (!text) {
            return {
                {}, {}, gc::sso::login_error(s, "Token for " + s.cache_key() + " does not exist")};
        }
        auto token = gc::sso::parse_cached_token(*text, s.cache_key());
        if (!token) {
            return {{}, {}, token.error().message};
        }
        if (gc::sso::decide(s, *token, replay_now, std::nullopt) != gc::sso::token_action::use) {
            return {{}, {}, "the replay's token needs a refresh"};
        }
        auto request = gc::sso::get_role_credentials_request(s, token->access_token);
        const std::string portal = gc::endpoint_override(env, "SSO", variable)
                                       .value_or("https://" + gc::sso::portal_host(s.region));
        auto outcome = rp.exchange(portal + request.target, request);
        auto answer = gc::sso::read_role_credentials(s, outcome);
        if (!answer) {
            return {{}, {}, answer.error().message};
        }
        current = *answer;
        out.account_id = s.account_id;
    } else if (auto* c = std::get_if<gc::container_base>(&plan->base)) {
        std::optional<std::string> token;
        if (c->settings.token_file) {
            token = rp.read(*c->settings.token_file);
            if (!token) {
                return {{},
                        {},
                        "failed to read authorization token from '" + *c->settings.token_file +
                            "': No such file or directory"};
            }
        }
        auto request = gc::container::build_request(c->settings, token);
        if (!request) {
            return {{}, {}, request.error().message};
        }
        auto outcome = rp.exchange(c->settings.uri.origin() + request->target, *request);
        auto answer = gc::container::read_answer(c->settings, outcome);
        if (!answer) {
            return {{}, {}, answer.error().message};
        }
        current = answer->creds;
        out.account_id = answer->account_id;
    } else if (auto* i = std::get_if<gc::imds_base>(&plan->base)) {
        gc::imds::provider_state state;
        gc::imds::fetch machine(i->settings, state, replay_now);
        auto step = machine.start();
        while (auto* send = std::get_if<gc::imds::fetch::send>(&step)) {
            step = machine.resume(
                rp.exchange(i->settings.endpoint.origin() + send->request.target, send->request));
        }
        if (auto* failure = std::get_if<gc::imds::fetch_failure>(&step)) {
            return {{}, {}, failure->message};
        }
        current = std::get<gc::imds::instance_credentials>(step).creds;
        out.account_id = std::get<gc::imds::instance_credentials>(step).account_id;
    } else {
        auto ran = run_process(std::get<gc::process_base>(plan->base));
        if (!ran.creds) {
            return ran;
        }
        current = *ran.creds;
    }
    for (const auto& step : plan->steps) {
        // The client's call(): 5xx and transport failures retried, 3 attempts in all.
        gc::http_request request{"POST", "/", {}, {}};
        gc::http_outcome outcome;
        for (int attempt = 1; attempt <= 3; ++attempt) {
            outcome = rp.exchange(sts_url, request);
            if (outcome.answer && outcome.answer->status < 500) {
                break;
            }
        }
        if (!outcome.answer || outcome.answer->status != 200) {
            return {{}, {}, "AssumeRole " + step.role_arn + " failed"};
        }
        auto parsed = gc::parse_assume_role_response(outcome.answer->body);
        if (!parsed) {
            return {{}, {}, parsed.error().message};
        }
        current = parsed->creds;
        out.account_id = gc::web_identity::account_of_arn(parsed->arn);
    }
    out.creds = current;
    return out;
}

// Where our rules differ from the Rust SDK's on purpose, or the case needs what we do not do.
const std::map<std::string, std::string, std::less<>> skipped = {
    {"imds_token_fail", "ours falls back to IMDSv1 after a 403 on the token PUT (the SDK "
                        "reference guide's rule, botocore's and Go's); Rust never does"},
    {"e2e_fips_and_dual_stack_sso", "FIPS and dual-stack endpoints are not supported"},
    {"e2e_fips_and_dual_stack_sts", "FIPS and dual-stack endpoints are not supported"},
    {"imds_default_chain_retries", "Rust retries 5xx from IMDS 4 times; ours makes "
                                   "metadata_service_num_attempts (1) attempts, as botocore"},
};

// Replays every case of `suite`; returns how many ran.
std::size_t replay_suite(const std::string& suite, bool profile_provider) {
    const std::string suite_dir = data_dir + suite + "/";
    std::size_t passed = 0;
    std::size_t skips = 0;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(suite_dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        if (auto it = skipped.find(name); it != skipped.end()) {
            BOOST_TEST_MESSAGE("skipped " << name << ": " << it->second);
            ++skips;
            continue;
        }
        BOOST_TEST_CONTEXT(name) {
            const std::string dir = suite_dir + name;
            simdjson::dom::parser parser;
            env_map env;
            const simdjson::dom::object env_json =
                parser.load(dir + "/env.json").get_object().value();
            for (auto [k, v] : env_json) {
                env[std::string(k)] = std::string(v.get_string().value());
            }
            replay rp(dir, env);
            const replay_result got = run(rp, profile_provider);
            simdjson::dom::parser expected_parser;
            simdjson::dom::object result =
                expected_parser.load(dir + "/test-case.json")["result"].get_object().value();
            simdjson::dom::object ok;
            if (result["Ok"].get(ok) == simdjson::SUCCESS) {
                BOOST_TEST_REQUIRE(got.creds.has_value(), got.error);
                BOOST_TEST(got.creds->access_key_id == ok["access_key_id"].get_string().value());
                BOOST_TEST(got.creds->secret_access_key ==
                           ok["secret_access_key"].get_string().value());
                std::string_view token;
                if (ok["session_token"].get(token) == simdjson::SUCCESS) {
                    BOOST_TEST(got.creds->session_token == token);
                }
                std::int64_t expiry = 0;
                if (ok["expiry"].get(expiry) == simdjson::SUCCESS) {
                    BOOST_TEST_REQUIRE(got.creds->expiration.has_value());
                    BOOST_TEST(got.creds->expiration->time_since_epoch().count() == expiry);
                }
                std::string_view account;
                if (ok["account_id"].get(account) == simdjson::SUCCESS && got.account_id) {
                    BOOST_TEST(*got.account_id == account);
                }
                BOOST_TEST(rp.all_used(), "recorded requests were not made");
            } else {
                const std::string_view expected = result["ErrorContains"].get_string().value();
                BOOST_TEST(!got.creds.has_value(), "expected an error like: " << expected);
                BOOST_TEST_MESSAGE(name << ": Rust says \"" << expected << "\", ours \""
                                        << got.error << "\"");
            }
            ++passed;
        }
    }
    BOOST_TEST_MESSAGE(suite << ": " << passed << " cases replayed, " << skips << " skipped");
    BOOST_TEST(passed + skips == names.size());
    return passed;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_default_chain_case_of_a_supported_source_replays) {
    BOOST_TEST(replay_suite("default-credential-provider-chain", false) == 26U);
}

BOOST_AUTO_TEST_CASE(every_profile_provider_case_of_a_supported_source_replays) {
    BOOST_TEST(replay_suite("profile-provider", true) == 17U);
}
