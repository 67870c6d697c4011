// Resource exhaustion by a hostile server (issue 13): glue-sim --hostile MODE speaks glue-sim's
// TLS, so the client reaches the step under test, then misbehaves. Every step must end within
// its deadline (http_options, set short here) and the target must fail with an error that names
// what happened; the scan must end, never hang.
#include "sim_process.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <glue_inventory/client.hpp>
#include <glue_inventory/scan.hpp>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace gi = glue_inventory;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
/// The deadlines under test: short, so that the suite stays quick.
constexpr auto handshake_deadline = 1s;
constexpr auto request_deadline = 2s;
/// A hang fails the test instead of blocking CI: no scan here may take this long.
constexpr auto scan_time_limit = 60s;

struct outcome {
    std::optional<gi::scan_event> final_event; // target_complete or target_failed
    bool ended = false;
    std::chrono::steady_clock::duration elapsed{};
};

/// Client options with the short deadlines and one attempt, so that the elapsed time is one
/// request's deadline.
gi::client_options short_deadlines(const std::string& endpoint_url, const std::string& ca_bundle,
                                   const gi::credentials& identity) {
    gi::client_options o;
    o.home_region = "us-east-1";
    o.glue_endpoint_url = endpoint_url;
    o.sts_endpoint_url = endpoint_url;
    o.organizations_endpoint_url = endpoint_url;
    o.http.ca_bundle = ca_bundle;
    o.http.connect_timeout = handshake_deadline;
    o.http.tls_handshake_timeout = handshake_deadline;
    o.http.request_timeout = request_deadline;
    o.max_attempts = 1;
    o.identity.static_credentials = identity;
    return o;
}

/// Scans one target (the base identity's own account, one region).
outcome scan_one(const gi::client_options& o, const std::string& account) {
    asio::io_context io;
    gi::client c(io.get_executor(), o);
    gi::scan_stream stream(c, {{account, "us-east-1", std::nullopt}}, {});
    outcome out;
    const auto start = std::chrono::steady_clock::now();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (;;) {
                auto result_ec_ev = co_await stream.async_next(nothrow);
                auto& [ec, ev] = result_ec_ev;
                if (ec || ev.type == gi::scan_event::kind::end) {
                    out.ended = !ec;
                    co_return;
                }
                if (ev.type != gi::scan_event::kind::page) {
                    out.final_event = std::move(ev);
                }
            }
        },
        [](const std::exception_ptr& e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
    io.run_for(scan_time_limit);
    out.elapsed = std::chrono::steady_clock::now() - start;
    return out;
}

/// glue-sim --hostile MODE, scanned.
outcome scan_hostile(const char* mode) {
    glue_test::sim_process sim({"--accounts", "1", "--regions", "us-east-1", "--hostile", mode});
    const auto& r = sim.ready();
    return scan_one(short_deadlines(r.endpoint_url, r.ca_bundle,
                                    gi::credentials{r.access_key_id, r.secret_access_key, {}, {}}),
                    r.accounts.front());
}

/// The target failed within `bound`, with an error code and a message holding `words`.
void check_failed_within(const outcome& out, std::chrono::milliseconds bound,
                         std::initializer_list<std::string_view> words) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(out.elapsed);
    BOOST_TEST_MESSAGE("ended after " << ms.count() << " ms");
    BOOST_TEST_REQUIRE(out.ended,
                       "the scan did not end within " << scan_time_limit.count() << " s");
    BOOST_TEST(ms <= bound, "took " << ms.count() << " ms, bound " << bound.count() << " ms");
    BOOST_TEST_REQUIRE(out.final_event.has_value());
    const auto& ev = *out.final_event;
    BOOST_TEST_REQUIRE((ev.type == gi::scan_event::kind::target_failed));
    const std::string text = ev.error.message() + " | " + ev.diag.message;
    BOOST_TEST_MESSAGE("error: " << text);
    for (const auto word : words) {
        BOOST_TEST(text.find(word) != std::string::npos,
                   "'" << text << "' does not name '" << word << "'");
    }
    BOOST_TEST(ev.diag.attempts == 1);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_listener_that_never_accepts_fails_at_the_connect_deadline) {
    // A listener whose accept queue is full (backlog 0, one connection already waiting, never
    // accepted): Linux drops the next SYNs, so a connect neither succeeds nor fails.
    asio::io_context io;
    asio::ip::tcp::acceptor full(io, {asio::ip::make_address("127.0.0.1"), 0}, true);
    full.listen(0);
    const auto port = full.local_endpoint().port();
    // Backlog 0 still queues one connection: fill the queue, then one more whose SYN is
    // dropped. Non-blocking POSIX sockets: a connect that stays in progress must not block.
    std::vector<int> waiting;
    for (int i = 0; i < 2; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        BOOST_TEST_REQUIRE(fd >= 0);
        waiting.push_back(fd);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        (void)::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to); // in progress
    }
    const auto out = scan_one(short_deadlines("https://127.0.0.1:" + std::to_string(port), "",
                                              gi::credentials{"AKIDEXAMPLE", "secret", {}, {}}),
                              "123456789012");
    for (const int fd : waiting) {
        ::close(fd);
    }
    check_failed_within(out, 3 * handshake_deadline,
                        {"no TCP connection within 1000 ms", "connect_timeout"});
}

BOOST_AUTO_TEST_CASE(a_server_that_accepts_and_never_speaks_tls_fails_at_the_handshake_deadline) {
    const auto out = scan_hostile("no-handshake");
    check_failed_within(out, 3 * handshake_deadline,
                        {"TLS handshake did not finish within 1000 ms", "tls_handshake_timeout"});
}

BOOST_AUTO_TEST_CASE(a_server_that_reads_the_request_and_never_answers_fails_at_the_deadline) {
    const auto out = scan_hostile("no-answer");
    check_failed_within(out, 3 * request_deadline,
                        {"no complete answer within 2000 ms", "request_timeout"});
}

BOOST_AUTO_TEST_CASE(an_answer_at_one_byte_a_second_fails_at_the_request_deadline) {
    const auto out = scan_hostile("trickle");
    check_failed_within(out, 3 * request_deadline,
                        {"no complete answer within 2000 ms", "request_timeout"});
}

BOOST_AUTO_TEST_CASE(headers_without_end_fail_at_the_header_limit_long_before_the_deadline) {
    const auto out = scan_hostile("endless-headers");
    check_failed_within(out, request_deadline, {"header is larger than the limit"});
}
