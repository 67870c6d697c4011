// glue-sim as a client sees it: hand-written requests signed with the sigv4 component, sent
// over TLS with a plain Beast client, against a glue-sim process.
#include "protocol/response_parser.hpp"
#include "sigv4/signer.hpp"
#include "sim_process.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <simdjson.h>
#include <sstream>
#include <thread>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace sigv4 = glue_inventory::sigv4;
using glue_test::sim_process;

namespace {

const std::string fixture_path = std::string(GLUE_TEST_DATA_DIR) + "/fixtures/small-org.json";
constexpr std::string_view management = "111122223333";
constexpr std::string_view member = "444455556666";

struct credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
};

struct answer {
    unsigned status = 0;
    std::string body;
    std::string request_id;
    boost::system::error_code error; // set when no complete answer arrived
};

// One keep-alive TLS connection to glue-sim that signs what it sends.
class client {
public:
    explicit client(const glue_test::sim_ready& ready)
        : tls_(asio::ssl::context::tls_client), stream_(io_, tls_) {
        tls_.load_verify_file(ready.ca_bundle);
        stream_.set_verify_mode(asio::ssl::verify_peer);
        stream_.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
        asio::ip::tcp::resolver resolver(io_);
        beast::get_lowest_layer(stream_).connect(
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), ready.port));
        stream_.handshake(asio::ssl::stream_base::client);
    }

    answer send(const credentials& creds, std::string_view region, std::string_view service,
                std::string_view target, std::string_view content_type, std::string body,
                std::chrono::system_clock::time_point when = std::chrono::system_clock::now(),
                std::chrono::seconds timeout = std::chrono::seconds(10)) {
        const std::string host = "127.0.0.1";
        std::vector<sigv4::header_ref> headers{{"Host", host}, {"Content-Type", content_type}};
        if (!target.empty()) {
            headers.push_back({"X-Amz-Target", target});
        }
        const sigv4::scope sc{region, service, std::chrono::floor<std::chrono::seconds>(when)};
        const sigv4::credentials_ref cr{creds.access_key_id, creds.secret_access_key,
                                        creds.session_token};
        const sigv4::request_ref req{"POST", "/", "", headers, body};
        const auto signed_headers =
            sigv4::sign(req, sc, cr, sigv4::derive_signing_key(creds.secret_access_key, sc));

        http::request<http::string_body> r{http::verb::post, "/", 11};
        for (const auto& h : headers) {
            r.set(h.name, h.value);
        }
        r.set("X-Amz-Date", signed_headers.x_amz_date);
        r.set("Authorization", signed_headers.authorization);
        if (!signed_headers.x_amz_security_token.empty()) {
            r.set("X-Amz-Security-Token", signed_headers.x_amz_security_token);
        }
        r.body() = std::move(body);
        r.prepare_payload();
        http::write(stream_, r);

        answer a;
        // Asynchronous read with the stream's timeout, so that a slow answer ends the read.
        beast::get_lowest_layer(stream_).expires_after(timeout);
        http::response<http::string_body> res;
        http::async_read(stream_, buffer_, res,
                         [&a](boost::system::error_code ec, std::size_t) { a.error = ec; });
        io_.restart();
        io_.run();
        if (!a.error) {
            a.status = res.result_int();
            a.body = res.body();
            a.request_id = std::string(res["x-amzn-RequestId"]);
        }
        return a;
    }

    answer glue(const credentials& creds, std::string_view region, std::string body,
                std::chrono::system_clock::time_point when = std::chrono::system_clock::now()) {
        return send(creds, region, "glue", "AWSGlue.GetConnections", "application/x-amz-json-1.1",
                    std::move(body), when);
    }

private:
    asio::io_context io_;
    asio::ssl::context tls_;
    beast::ssl_stream<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

credentials base(const glue_test::sim_ready& r) {
    return {r.access_key_id, r.secret_access_key, {}};
}

std::string json_member(const std::string& body, const char* pointer) {
    simdjson::dom::parser p;
    std::string_view v;
    if (p.parse(body).at_pointer(pointer).get(v) != simdjson::SUCCESS) {
        return {};
    }
    return std::string(v);
}

std::string xml_value(const std::string& body, const std::string& tag) {
    const auto open = body.find("<" + tag + ">");
    const auto close = body.find("</" + tag + ">");
    if (open == std::string::npos || close == std::string::npos) {
        return {};
    }
    return body.substr(open + tag.size() + 2, close - open - tag.size() - 2);
}

credentials assume(client& c, const glue_test::sim_ready& r, std::string_view account,
                   std::string_view role = "scanner", std::string extra = {}) {
    const auto a = c.send(base(r), "us-east-1", "sts", "", "application/x-www-form-urlencoded",
                          "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A" +
                              std::string(account) + "%3Arole%2F" + std::string(role) +
                              "&RoleSessionName=test" + extra);
    BOOST_TEST_REQUIRE(a.status == 200u, a.body);
    return {xml_value(a.body, "AccessKeyId"), xml_value(a.body, "SecretAccessKey"),
            xml_value(a.body, "SessionToken")};
}

glue_inventory::get_connections_page parse_page(const std::string& body) {
    glue_inventory::protocol::response_parser parser;
    std::string padded = body;
    padded.append(glue_inventory::protocol::response_parser::padding(), ' ');
    glue_inventory::get_connections_page page;
    glue_inventory::protocol::parse_error error;
    BOOST_TEST_REQUIRE(
        parser.parse_get_connections(std::string_view(padded.data(), body.size()), page, error),
        error.what + " at " + error.where);
    return page;
}

// The fixture's connections of one catalog and region, parsed from the file.
std::vector<glue_inventory::connection> fixture_connections(std::string_view catalog,
                                                            std::string_view region) {
    simdjson::dom::parser p;
    const auto doc = p.load(fixture_path);
    for (auto account : doc["accounts"].get_array()) {
        for (auto cat : account["Catalogs"].get_array()) {
            if (std::string_view(cat["CatalogId"]) == catalog) {
                return parse_page(simdjson::minify(cat["Regions"][region])).connections;
            }
        }
    }
    return {};
}

std::vector<glue_inventory::connection> all_pages(client& c, const credentials& creds,
                                                  std::string_view region, std::string request) {
    std::vector<glue_inventory::connection> out;
    std::string token;
    for (int pages = 0; pages < 100; ++pages) {
        std::string body = "{" + request;
        if (!token.empty()) {
            body += (request.empty() ? "" : ",") + std::string("\"NextToken\":\"") + token + "\"";
        }
        body += "}";
        const auto a = c.glue(creds, region, body);
        BOOST_TEST_REQUIRE(a.status == 200u, a.body);
        auto page = parse_page(a.body);
        out.insert(out.end(), page.connections.begin(), page.connections.end());
        if (!page.next_token) {
            break;
        }
        token = *page.next_token;
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(pages_of_a_fixture_hold_exactly_its_connections) {
    sim_process sim({"--fixture", fixture_path, "--threads", "1"});
    client c(sim.ready());
    const auto first = c.glue(base(sim.ready()), "us-east-1", "{\"MaxResults\":2}");
    BOOST_TEST(first.status == 200u);
    BOOST_TEST(!first.request_id.empty());
    BOOST_TEST(parse_page(first.body).connections.size() == 2u);
    const auto got = all_pages(c, base(sim.ready()), "us-east-1", "\"MaxResults\":2");
    const auto expected = fixture_connections(management, "us-east-1");
    BOOST_TEST_REQUIRE(expected.size() == 5u);
    BOOST_TEST((got == expected));
}

BOOST_AUTO_TEST_CASE(hide_password_removes_only_the_password) {
    sim_process sim({"--fixture", fixture_path, "--threads", "1"});
    client c(sim.ready());
    const auto shown = parse_page(c.glue(base(sim.ready()), "eu-west-1", "{}").body);
    const auto hidden =
        parse_page(c.glue(base(sim.ready()), "eu-west-1", "{\"HidePassword\":true}").body);
    BOOST_TEST_REQUIRE(shown.connections.size() == 1u);
    BOOST_TEST_REQUIRE(hidden.connections.size() == 1u);
    BOOST_TEST(glue_inventory::find_property(*shown.connections[0].connection_properties,
                                             "PASSWORD") != nullptr);
    BOOST_TEST(glue_inventory::find_property(*hidden.connections[0].connection_properties,
                                             "PASSWORD") == nullptr);
    BOOST_TEST(glue_inventory::find_property(*hidden.connections[0].connection_properties,
                                             "USERNAME") != nullptr);
}

BOOST_AUTO_TEST_CASE(filter_selects_by_connection_type) {
    sim_process sim({"--fixture", fixture_path, "--threads", "1"});
    client c(sim.ready());
    const auto got = all_pages(c, base(sim.ready()), "us-east-1",
                               "\"MaxResults\":1,\"Filter\":{\"ConnectionType\":\"KAFKA\"}");
    BOOST_TEST_REQUIRE(got.size() == 2u);
    BOOST_TEST(*got[0].name == "events");
    BOOST_TEST(*got[1].name == "clicks");
}

BOOST_AUTO_TEST_CASE(max_results_out_of_range_is_invalid_input_naming_the_value) {
    sim_process sim({"--threads", "1"});
    client c(sim.ready());
    for (const char* value : {"0", "1001"}) {
        const auto a =
            c.glue(base(sim.ready()), "us-east-1", std::string("{\"MaxResults\":") + value + "}");
        BOOST_TEST(a.status == 400u);
        BOOST_TEST(json_member(a.body, "/__type") == "InvalidInputException");
        BOOST_TEST(json_member(a.body, "/message").find(std::string("'") + value + "'") !=
                   std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(altered_or_foreign_next_token_is_invalid_input) {
    sim_process sim({"--threads", "1", "--connections-per-target", "40"});
    client c(sim.ready());
    std::string token;
    for (const auto& region : sim.ready().regions) {
        const auto a = c.glue(base(sim.ready()), region, "{\"MaxResults\":1}");
        token = json_member(a.body, "/NextToken");
        if (!token.empty()) {
            break;
        }
    }
    BOOST_TEST_REQUIRE(!token.empty());
    std::string altered = token;
    altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
    for (const auto& [region, t] :
         {std::pair<std::string, std::string>{"us-east-1", altered}, {"ap-south-1", token}}) {
        const auto a =
            c.glue(base(sim.ready()), region, "{\"MaxResults\":1,\"NextToken\":\"" + t + "\"}");
        BOOST_TEST(a.status == 400u);
        BOOST_TEST(json_member(a.body, "/__type") == "InvalidInputException");
    }
}

BOOST_AUTO_TEST_CASE(catalogs_of_other_accounts_are_denied_unless_shared) {
    sim_process sim({"--fixture", fixture_path, "--threads", "1"});
    client c(sim.ready());
    const auto denied =
        c.glue(base(sim.ready()), "us-east-1", "{\"CatalogId\":\"" + std::string(member) + "\"}");
    BOOST_TEST(denied.status == 400u);
    BOOST_TEST(json_member(denied.body, "/__type") == "AccessDeniedException");
    const auto unknown = c.glue(base(sim.ready()), "us-east-1",
                                "{\"CatalogId\":\"" + std::string(management) + ":nope\"}");
    BOOST_TEST(json_member(unknown.body, "/__type") == "EntityNotFoundException");
    const auto member_creds = assume(c, sim.ready(), member);
    const auto shared = all_pages(c, member_creds, "us-east-1",
                                  "\"CatalogId\":\"" + std::string(management) + ":shared\"");
    BOOST_TEST((shared == fixture_connections("111122223333:shared", "us-east-1")));
    const auto own = all_pages(c, member_creds, "us-east-1", "");
    BOOST_TEST((own == fixture_connections(member, "us-east-1")));
}

BOOST_AUTO_TEST_CASE(bad_signatures_keys_and_dates_are_refused_with_403) {
    sim_process sim({"--threads", "1"});
    client c(sim.ready());
    auto wrong_secret = base(sim.ready());
    wrong_secret.secret_access_key[0] = wrong_secret.secret_access_key[0] == 'x' ? 'y' : 'x';
    const auto a = c.glue(wrong_secret, "us-east-1", "{}");
    BOOST_TEST(a.status == 403u);
    BOOST_TEST(json_member(a.body, "/__type") == "InvalidSignatureException");

    const auto b = c.glue({"AKIAUNKNOWNKEY000000", "secret", {}}, "us-east-1", "{}");
    BOOST_TEST(b.status == 403u);
    BOOST_TEST(json_member(b.body, "/__type") == "UnrecognizedClientException");

    const auto old = c.glue(base(sim.ready()), "us-east-1", "{}",
                            std::chrono::system_clock::now() - std::chrono::minutes(6));
    BOOST_TEST(old.status == 403u);
    BOOST_TEST(json_member(old.body, "/__type") == "InvalidSignatureException");
    BOOST_TEST(json_member(old.body, "/message").starts_with("Signature expired"));

    const auto sts =
        c.send(wrong_secret, "us-east-1", "sts", "", "application/x-www-form-urlencoded",
               "Action=GetCallerIdentity&Version=2011-06-15");
    BOOST_TEST(sts.status == 403u);
    BOOST_TEST(xml_value(sts.body, "Code") == "SignatureDoesNotMatch");

    const auto stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/signature_failures") == 3u);
}

BOOST_AUTO_TEST_CASE(assume_role_checks_role_name_and_external_id) {
    sim_process sim({"--threads", "1", "--role-name", "scanner", "--external-id", "ext-1"});
    client c(sim.ready());
    const auto& r = sim.ready();
    const std::string form = "Action=AssumeRole&Version=2011-06-15&RoleSessionName=test&RoleArn=";
    const auto arn = [&](const std::string& role) {
        return "arn%3Aaws%3Aiam%3A%3A" + r.accounts[1] + "%3Arole%2F" + role;
    };
    const auto wrong_role =
        c.send(base(r), "us-east-1", "sts", "", "application/x-www-form-urlencoded",
               form + arn("admin") + "&ExternalId=ext-1");
    BOOST_TEST(wrong_role.status == 403u);
    BOOST_TEST(xml_value(wrong_role.body, "Code") == "AccessDenied");
    const auto no_external_id = c.send(base(r), "us-east-1", "sts", "",
                                       "application/x-www-form-urlencoded", form + arn("scanner"));
    BOOST_TEST(no_external_id.status == 403u);
    const auto creds = assume(c, r, r.accounts[1], "scanner", "&ExternalId=ext-1");
    const auto who = c.send(creds, "us-east-1", "sts", "", "application/x-www-form-urlencoded",
                            "Action=GetCallerIdentity&Version=2011-06-15");
    BOOST_TEST(xml_value(who.body, "Account") == r.accounts[1]);
    BOOST_TEST(who.body.find("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"") !=
               std::string::npos);
    auto no_token = creds;
    no_token.session_token.clear();
    BOOST_TEST(c.glue(no_token, "us-east-1", "{}").status == 403u);
}

BOOST_AUTO_TEST_CASE(temporary_credentials_expire) {
    sim_process sim({"--threads", "1", "--credentials-ttl", "1"});
    client c(sim.ready());
    const auto creds = assume(c, sim.ready(), sim.ready().accounts[1]);
    BOOST_TEST(c.glue(creds, "us-east-1", "{}").status == 200u);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    const auto a = c.glue(creds, "us-east-1", "{}");
    BOOST_TEST(a.status == 400u);
    BOOST_TEST(json_member(a.body, "/__type") == "ExpiredTokenException");
}

BOOST_AUTO_TEST_CASE(list_accounts_pages_for_the_management_account_only) {
    sim_process sim({"--threads", "1", "--accounts", "5"});
    client c(sim.ready());
    std::vector<std::string> statuses;
    std::string token;
    do {
        const std::string body = token.empty()
                                     ? "{\"MaxResults\":2}"
                                     : "{\"MaxResults\":2,\"NextToken\":\"" + token + "\"}";
        const auto a =
            c.send(base(sim.ready()), "us-east-1", "organizations",
                   "AWSOrganizationsV20161128.ListAccounts", "application/x-amz-json-1.1", body);
        BOOST_TEST_REQUIRE(a.status == 200u, a.body);
        simdjson::dom::parser p;
        for (auto acc : p.parse(a.body)["Accounts"].get_array()) {
            statuses.emplace_back(std::string_view(acc["Status"]));
        }
        token = json_member(a.body, "/NextToken");
    } while (!token.empty());
    BOOST_TEST(statuses.size() == 6u);
    BOOST_TEST(std::count(statuses.begin(), statuses.end(), "SUSPENDED") == 1);

    const auto creds = assume(c, sim.ready(), sim.ready().accounts[2]);
    const auto denied =
        c.send(creds, "us-east-1", "organizations", "AWSOrganizationsV20161128.ListAccounts",
               "application/x-amz-json-1.1", "{}");
    BOOST_TEST(denied.status == 400u);
    BOOST_TEST(json_member(denied.body, "/__type") == "AccessDeniedException");
}

BOOST_AUTO_TEST_CASE(a_token_bucket_throttles_each_account_and_region) {
    sim_process sim({"--threads", "1", "--throttle-rps", "0.5", "--throttle-burst", "2"});
    client c(sim.ready());
    BOOST_TEST(c.glue(base(sim.ready()), "us-east-1", "{\"MaxResults\":1}").status == 200u);
    BOOST_TEST(c.glue(base(sim.ready()), "us-east-1", "{\"MaxResults\":1}").status == 200u);
    const auto a = c.glue(base(sim.ready()), "us-east-1", "{\"MaxResults\":1}");
    BOOST_TEST(a.status == 400u);
    BOOST_TEST(json_member(a.body, "/__type") == "ThrottlingException");
    BOOST_TEST(json_member(a.body, "/message") == "Rate exceeded");
    // Another region has its own bucket.
    BOOST_TEST(c.glue(base(sim.ready()), "eu-west-1", "{\"MaxResults\":1}").status == 200u);
    BOOST_TEST(glue_test::stats_value(sim.stop(), "/throttled_requests") == 1u);
}

BOOST_AUTO_TEST_CASE(every_fault_kind_reaches_the_client) {
    {
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "500"});
        client c(sim.ready());
        const auto a = c.glue(base(sim.ready()), "us-east-1", "{}");
        BOOST_TEST(a.status == 500u);
        BOOST_TEST(json_member(a.body, "/__type") == "InternalServiceException");
    }
    {
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "503"});
        client c(sim.ready());
        const auto a = c.glue(base(sim.ready()), "us-east-1", "{}");
        BOOST_TEST(a.status == 503u);
        BOOST_TEST(a.body.empty());
    }
    for (const char* kind : {"drop", "truncate"}) {
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", kind});
        client c(sim.ready());
        const auto a = c.glue(base(sim.ready()), "us-east-1", "{}");
        BOOST_TEST(a.error.failed(), kind);
        BOOST_TEST(glue_test::stats_value(sim.stop(), std::string("/faults/") + kind) == 1u);
    }
    {
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "slow"});
        client c(sim.ready());
        const auto start = std::chrono::steady_clock::now();
        const auto a = c.send(base(sim.ready()), "us-east-1", "glue", "AWSGlue.GetConnections",
                              "application/x-amz-json-1.1", "{}", std::chrono::system_clock::now(),
                              std::chrono::seconds(1));
        BOOST_TEST(a.error.failed());
        const bool within_client_timeout =
            std::chrono::steady_clock::now() - start < std::chrono::seconds(5);
        BOOST_TEST(within_client_timeout);
    }
}

BOOST_AUTO_TEST_CASE(stats_count_requests_by_operation_and_handshakes) {
    sim_process sim({"--threads", "2"});
    {
        client c(sim.ready());
        c.glue(base(sim.ready()), "us-east-1", "{}");
        c.glue(base(sim.ready()), "eu-west-1", "{}");
        assume(c, sim.ready(), sim.ready().accounts[1]);
    }
    client second(sim.ready());
    second.glue(base(sim.ready()), "us-east-1", "{}");
    const auto stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/requests/GetConnections") == 3u);
    BOOST_TEST(glue_test::stats_value(stats, "/requests/AssumeRole") == 1u);
    BOOST_TEST(glue_test::stats_value(stats, "/tls_handshakes") == 2u);
    BOOST_TEST(glue_test::stats_value(stats, "/peak_concurrent_requests") >= 1u);
}

BOOST_AUTO_TEST_CASE(generated_data_is_deterministic_for_a_seed) {
    std::vector<glue_inventory::connection> runs[2];
    for (auto& run : runs) {
        sim_process sim({"--threads", "1", "--seed", "7"});
        client c(sim.ready());
        for (const auto& region : sim.ready().regions) {
            auto got = all_pages(c, base(sim.ready()), region, "\"MaxResults\":7");
            run.insert(run.end(), got.begin(), got.end());
        }
    }
    BOOST_TEST(!runs[0].empty());
    BOOST_TEST((runs[0] == runs[1]));
}

BOOST_AUTO_TEST_CASE(error_body_faults_answer_as_emulators_proxies_and_aws_do) {
    {
        // moto: the query protocol's XML to a JSON call.
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "403-xml"});
        client c(sim.ready());
        const auto a = c.glue(base(sim.ready()), "us-east-1", "{}");
        BOOST_TEST(a.status == 403u);
        BOOST_TEST(a.body.starts_with("<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch"),
                   a.body);
        BOOST_TEST(xml_value(a.body, "RequestID") == a.request_id);
        BOOST_TEST(glue_test::stats_value(sim.stop(), "/faults/403-xml") == 1u);
    }
    {
        // A proxy's HTML page.
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "502-html"});
        client c(sim.ready());
        const auto a = c.glue(base(sim.ready()), "us-east-1", "{}");
        BOOST_TEST(a.status == 502u);
        BOOST_TEST(a.body.starts_with("<html>\r\n<head><title>502 Bad Gateway</title>"), a.body);
    }
    {
        // AWS's signature error quotes the canonical request, session token included.
        sim_process sim({"--threads", "1", "--fault-rate", "1", "--faults", "403-signature"});
        client c(sim.ready());
        const auto creds = assume(c, sim.ready(), sim.ready().accounts[1]);
        const auto a = c.glue(creds, "us-east-1", "{}");
        BOOST_TEST(a.status == 403u);
        BOOST_TEST(json_member(a.body, "/__type") == "InvalidSignatureException");
        const std::string message = json_member(a.body, "/message");
        BOOST_TEST(message.find("\nThe Canonical String for this request should have been\n'POST\n"
                                "/\n\n") != std::string::npos,
                   message);
        BOOST_TEST(message.find("\nx-amz-security-token:" + creds.session_token + "\n") !=
                       std::string::npos,
                   message);
        BOOST_TEST(message.find("\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n") !=
                       std::string::npos,
                   message);
    }
}
