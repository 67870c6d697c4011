// http::connection over tls_stream against an in-process TLS peer on 127.0.0.1 (Asio's SSL
// stream with glue-sim's certificate for 127.0.0.1 and localhost): what the record loop must get
// right that glue-sim's well-behaved answers do not reach - answers spread over records that
// arrive apart (reads that must await the socket after SSL_ERROR_WANT_READ, and data OpenSSL
// already holds), a peer closing mid-body with and without close_notify (also with its FIN right
// behind the last bytes, which the reactor reports with them), a connection closed by its peer
// while idle, an answer that comes right after the handshake, the host name checked against the
// certificate, session resumption, the deadline; and the read inside Asio's reactor
// (drain_aware_read.hpp) where its risks are: a TLS 1.3 KeyUpdate read there, an io_context
// destroyed while it is queued, and connections on strands of an io_context run by several
// threads (the read then runs on whichever thread runs the reactor).
#include "http/connection.hpp"
#include "http/tls_context.hpp"
#include "temp_dir.hpp"
#include "tls_material.hpp"

#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <glue_inventory/nothrow.hpp>
#include <memory>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = glue_inventory::http;
using boost::system::error_code;
using glue_inventory::nothrow;
using tcp = asio::ip::tcp;
using server_stream = asio::ssl::stream<tcp::socket>;
using namespace std::chrono_literals;

/// No case may take this long: a hang fails the case instead of blocking the suite.
constexpr auto case_time_limit = 20s;
constexpr auto step_deadline = std::chrono::milliseconds(5000);
constexpr std::size_t body_limit = 8 * 1024 * 1024;
const std::string request = "GET / HTTP/1.1\r\nHost: peer\r\n\r\n";

asio::awaitable<void> pause(std::chrono::milliseconds d) {
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    co_await t.async_wait(nothrow);
}

/// `n` bytes of a pattern that shows a byte out of place.
std::string pattern(std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    }
    return out;
}

std::string header(std::size_t content_length) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
           std::to_string(content_length) + "\r\n\r\n";
}

/// One TLS record per call (Asio's stream writes one SSL_write per buffer of at most 16 kB).
asio::awaitable<void> send_record(server_stream& s, std::string_view bytes) {
    co_await asio::async_write(s, asio::buffer(bytes.data(), bytes.size()), nothrow);
}

/// One TLS record and, at once, the peer's FIN (no close_notify), within one turn of the event
/// loop: the client's reactor sees the bytes and the end of the stream in one readiness report.
void send_record_and_close(server_stream& s, std::string_view bytes) {
    asio::write(s, asio::buffer(bytes.data(), bytes.size()));
    s.next_layer().close();
}

asio::awaitable<void> hold_until_the_client_closes(server_stream& s) {
    asio::streambuf more;
    co_await asio::async_read_until(s, more, "never", nothrow);
}

/// The TLS peer: accepts, handshakes, reads one request, then does what the case says.
using behaviour = std::function<asio::awaitable<void>(server_stream&)>;

struct tls_peer {
    glue_test::temp_dir dir{"tls-stream-"};
    glue_sim::tls_material material = glue_sim::make_tls_material(dir.path.string());
    asio::io_context io;
    asio::ssl::context server_tls{asio::ssl::context::tls_server};
    std::shared_ptr<asio::ssl::context> client_tls;
    tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
    /// The peer behaves right after the handshake, without reading a request first.
    bool before_the_request = false;

    tls_peer() {
        server_tls.use_certificate_chain(
            asio::buffer(material.cert_chain_pem.data(), material.cert_chain_pem.size()));
        server_tls.use_private_key(
            asio::buffer(material.private_key_pem.data(), material.private_key_pem.size()),
            asio::ssl::context::pem);
        error_code ec;
        std::string what;
        client_tls = http::make_tls_context(material.ca_pem_path, ec, what);
        BOOST_TEST_REQUIRE(!ec, what);
    }

    tcp::resolver::results_type endpoints() {
        const auto at = acceptor.local_endpoint();
        return tcp::resolver::results_type::create(at, "127.0.0.1", std::to_string(at.port()));
    }

    http::connection client(const std::string& host) {
        return {io.get_executor(), *client_tls,
                http::origin{true, host, acceptor.local_endpoint().port()}};
    }

    /// One connection: the handshake, one request read, then `behave`.
    asio::awaitable<void> serve_one(tcp::socket socket, const behaviour& behave) {
        server_stream s(std::move(socket), server_tls);
        auto [shaken] = co_await s.async_handshake(asio::ssl::stream_base::server, nothrow);
        if (shaken) {
            co_return; // the client refused us: its side of the case says how
        }
        if (before_the_request) {
            co_await behave(s);
            co_return;
        }
        asio::streambuf in;
        auto [read, n] = co_await asio::async_read_until(s, in, "\r\n\r\n", nothrow);
        if (!read) {
            co_await behave(s);
        }
    }

    /// Runs the peer (`connections` accepted, each served at once, beside the others) and the
    /// client's side until all end.
    void run(behaviour behave, std::function<asio::awaitable<void>()> client_side,
             int connections = 1) {
        int served = 0;
        bool done = false;
        const auto count = [&](const std::exception_ptr& e) {
            ++served;
            if (e) {
                std::rethrow_exception(e);
            }
        };
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                for (int i = 0; i < connections; ++i) {
                    auto socket = co_await acceptor.async_accept(asio::use_awaitable);
                    asio::co_spawn(io, serve_one(std::move(socket), behave), count);
                }
            },
            count);
        asio::co_spawn(io, std::move(client_side), [&](const std::exception_ptr& e) {
            done = true;
            if (e) {
                std::rethrow_exception(e);
            }
        });
        io.run_for(case_time_limit);
        BOOST_TEST_REQUIRE(done, "the client did not finish");
        BOOST_TEST(served == connections + 1, "the peer did not finish");
    }
};

struct exchange_result {
    error_code connected;
    error_code ec;
    http::response res;
};

/// Connects to the peer as `host` and makes one round trip.
asio::awaitable<void> one_round_trip(tls_peer& peer, std::string host, exchange_result& out,
                                     std::chrono::milliseconds deadline = step_deadline) {
    auto c = peer.client(host);
    out.connected = co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
    if (!out.connected) {
        out.ec = co_await c.round_trip(request, out.res, body_limit, deadline);
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_stream)

BOOST_AUTO_TEST_CASE(an_answer_whose_records_arrive_apart_is_read_whole) {
    // The header, then the body in records of 1 to 16 kB with pauses: the client's reads find
    // nothing (SSL_ERROR_WANT_READ) and must await the socket, or find records OpenSSL has
    // already read ahead and must not wait for them.
    const std::string body = pattern(300 * 1024);
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await pause(30ms);
            co_await send_record(s, header(body.size()));
            std::size_t at = 0;
            for (std::size_t i = 0; at < body.size(); ++i) {
                const std::size_t n =
                    std::min<std::size_t>(body.size() - at, i % 3 == 0 ? 1000 : 16 * 1024);
                co_await send_record(s, std::string_view(body).substr(at, n));
                at += n;
                if (i % 4 == 0) {
                    co_await pause(10ms);
                }
            }
            // Open until the client closes: records OpenSSL has read ahead must be read
            // without a readiness that a FIN would give.
            co_await hold_until_the_client_closes(s);
        },
        [&]() { return one_round_trip(peer, "127.0.0.1", out); });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST_REQUIRE(!out.ec, out.ec.message());
    BOOST_TEST(out.res.result_int() == 200u);
    BOOST_TEST(out.res.body().size() == body.size());
    BOOST_TEST((out.res.body().view() == body));
}

BOOST_AUTO_TEST_CASE(an_error_other_code_left_in_openssls_queue_fails_no_exchange) {
    // SSL_get_error reads the thread's error queue: a stale entry would turn an
    // SSL_ERROR_WANT_READ (the handshake's; the body's, which comes 20 ms after the header)
    // into SSL_ERROR_SSL.
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(2));
            co_await pause(20ms);
            co_await send_record(s, "ok");
            co_await hold_until_the_client_closes(s);
        },
        [&]() -> asio::awaitable<void> {
            auto c = peer.client("127.0.0.1");
            ERR_raise(ERR_LIB_USER, ERR_R_INTERNAL_ERROR);
            out.connected =
                co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            if (!out.connected) {
                ERR_raise(ERR_LIB_USER, ERR_R_INTERNAL_ERROR);
                out.ec = co_await c.round_trip(request, out.res, body_limit, step_deadline);
            }
        });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST_REQUIRE(!out.ec, out.ec.message());
    BOOST_TEST((out.res.body().view() == "ok"));
}

BOOST_AUTO_TEST_CASE(a_peer_closing_mid_body_without_close_notify_truncates_the_stream) {
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(1000) + pattern(100));
            co_await pause(20ms);
            s.next_layer().close(); // TCP FIN, no close_notify
        },
        [&]() { return one_round_trip(peer, "127.0.0.1", out); });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST((out.ec == asio::ssl::error::stream_truncated), out.ec.message());
}

BOOST_AUTO_TEST_CASE(a_peers_close_notify_mid_body_is_the_end_of_the_stream) {
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(1000) + pattern(100));
            // Sends close_notify, then waits for the client's, which never comes: the client
            // closes its socket once the round trip has failed.
            co_await s.async_shutdown(nothrow);
        },
        [&]() { return one_round_trip(peer, "127.0.0.1", out); });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST((out.ec == asio::error::eof), out.ec.message());
}

BOOST_AUTO_TEST_CASE(a_fin_right_behind_the_last_bytes_of_a_cut_answer_ends_it_at_once) {
    // The client has read the header and the first bytes (its last receive drained the socket:
    // the reactor will not try a recv before the next edge), then the rest of a record and the
    // FIN arrive together: one edge. The stream must find the FIN (socket_bio's probe), not
    // wait for an edge that never comes until the deadline.
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(1000) + pattern(100));
            co_await pause(30ms);
            send_record_and_close(s, pattern(200));
        },
        [&]() { return one_round_trip(peer, "127.0.0.1", out, 3000ms); });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST((out.ec == asio::ssl::error::stream_truncated), out.ec.message());
    BOOST_TEST(out.res.body().size() == 1000u); // sized by Content-Length; 300 bytes came
}

BOOST_AUTO_TEST_CASE(a_connection_its_peer_closed_while_idle_fails_its_next_request_unanswered) {
    // As the pool sees it: the first answer says keep-alive, the peer closes the connection
    // after it (its FIN apart, or right behind the answer's bytes in one readiness report),
    // and the next request on it fails at once with no byte of an answer, not at the deadline:
    // the failure the client's stale retry takes for a connection closed while idle.
    for (const bool at_once : {false, true}) {
        tls_peer peer;
        error_code first;
        error_code second;
        bool reusable = false;
        bool got_some = true;
        peer.run(
            [&](server_stream& s) -> asio::awaitable<void> {
                const std::string answer = header(2) + "ok";
                if (at_once) {
                    send_record_and_close(s, answer);
                    co_return;
                }
                co_await send_record(s, answer);
                co_await pause(30ms);
                s.next_layer().close();
            },
            [&]() -> asio::awaitable<void> {
                auto c = peer.client("127.0.0.1");
                first = co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
                http::response res;
                if (!first) {
                    first = co_await c.round_trip(request, res, body_limit, step_deadline);
                }
                reusable = c.reusable();
                co_await pause(60ms); // idle in the pool
                if (!first) {
                    second = co_await c.round_trip(request, res, body_limit, 3000ms);
                    got_some = c.got_some();
                }
            });
        BOOST_TEST_REQUIRE(!first, first.message());
        BOOST_TEST(reusable);
        BOOST_TEST(second.failed(), "at once: " << at_once);
        BOOST_TEST((second != boost::beast::error::timeout), "at once: " << at_once);
        BOOST_TEST(!got_some, "at once: " << at_once);
    }
}

BOOST_AUTO_TEST_CASE(an_answer_that_comes_right_after_the_handshake_is_read) {
    // The peer answers as soon as its handshake ends, with its session tickets: by the time the
    // client asks, the answer is in the socket or already in OpenSSL's read-ahead buffer.
    tls_peer peer;
    peer.before_the_request = true;
    exchange_result out;
    const std::string body = pattern(5000);
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(body.size()) + body);
            co_await hold_until_the_client_closes(s);
        },
        [&]() -> asio::awaitable<void> {
            auto c = peer.client("127.0.0.1");
            out.connected =
                co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            co_await pause(50ms);
            if (!out.connected) {
                out.ec = co_await c.round_trip(request, out.res, body_limit, step_deadline);
            }
            c.close();
        });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST_REQUIRE(!out.ec, out.ec.message());
    BOOST_TEST((out.res.body().view() == body));
}

BOOST_AUTO_TEST_CASE(a_cancelled_round_trip_ends_at_once_while_its_answer_is_awaited) {
    // The awaiting coroutine's cancellation slot reaches the receive queued for the answer:
    // it ends with operation_aborted, long before the deadline.
    tls_peer peer;
    exchange_result out;
    bool finished = false;
    auto cancelled_at = std::chrono::steady_clock::now();
    auto ended_at = cancelled_at;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await hold_until_the_client_closes(s); // silent
        },
        [&]() -> asio::awaitable<void> {
            auto c = peer.client("127.0.0.1");
            out.connected =
                co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            if (out.connected) {
                co_return;
            }
            asio::cancellation_signal cancel;
            asio::co_spawn(
                peer.io,
                [&]() -> asio::awaitable<void> {
                    out.ec = co_await c.round_trip(request, out.res, body_limit, step_deadline);
                    ended_at = std::chrono::steady_clock::now();
                },
                asio::bind_cancellation_slot(cancel.slot(),
                                             [&](const std::exception_ptr&) { finished = true; }));
            co_await pause(50ms);
            cancelled_at = std::chrono::steady_clock::now();
            cancel.emit(asio::cancellation_type::terminal);
            while (!finished) {
                co_await pause(5ms);
            }
            c.close();
        });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST_REQUIRE(finished);
    BOOST_TEST((out.ec == asio::error::operation_aborted), out.ec.message());
    BOOST_TEST((ended_at - cancelled_at < 1s));
}

BOOST_AUTO_TEST_CASE(an_answer_that_never_comes_fails_at_the_deadline) {
    tls_peer peer;
    exchange_result out;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await hold_until_the_client_closes(s); // silent: the client's deadline passes
        },
        [&]() { return one_round_trip(peer, "127.0.0.1", out, 300ms); });
    BOOST_TEST_REQUIRE(!out.connected, out.connected.message());
    BOOST_TEST((out.ec == boost::beast::error::timeout), out.ec.message());
}

BOOST_AUTO_TEST_CASE(the_certificate_must_name_the_host_as_it_was_asked_for) {
    // glue-sim's certificate names IP:127.0.0.1 and DNS:localhost; the socket reaches it under
    // any name, so only the verification tells them apart.
    for (const char* host : {"127.0.0.1", "localhost"}) {
        tls_peer peer;
        exchange_result out;
        peer.run(
            [&](server_stream& s) -> asio::awaitable<void> {
                co_await send_record(s, header(2) + "ok");
            },
            [&]() { return one_round_trip(peer, host, out); });
        BOOST_TEST(!out.connected, host << ": " << out.connected.message());
        BOOST_TEST(!out.ec, host << ": " << out.ec.message());
    }
    for (const char* host : {"example.com", "127.0.0.2", "localhost.example"}) {
        tls_peer peer;
        exchange_result out;
        peer.run([](server_stream&) -> asio::awaitable<void> { co_return; },
                 [&]() { return one_round_trip(peer, host, out); });
        BOOST_TEST((out.connected.category() == asio::error::get_ssl_category()), host);
        BOOST_TEST(ERR_GET_REASON(static_cast<unsigned long>(out.connected.value())) ==
                       SSL_R_CERTIFICATE_VERIFY_FAILED,
                   host);
        BOOST_TEST(out.connected.message().find("certificate verify failed") != std::string::npos,
                   host << ": " << out.connected.message());
    }
}

BOOST_AUTO_TEST_CASE(a_second_connection_resumes_the_first_ones_session) {
    tls_peer peer;
    std::vector<bool> resumed;
    error_code failed;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(2) + "ok");
        },
        [&]() -> asio::awaitable<void> {
            // Both open at once, as in the pool: OpenSSL marks a session not resumable when the
            // SSL it came from is freed without a TLS shutdown (ours never shut down).
            std::vector<std::unique_ptr<http::connection>> open;
            http::tls_session session;
            for (int i = 0; i < 2; ++i) {
                auto& c = *open.emplace_back(std::make_unique<http::connection>(
                    peer.io.get_executor(), *peer.client_tls,
                    http::origin{true, "localhost", peer.acceptor.local_endpoint().port()}));
                auto ec =
                    co_await c.connect(peer.endpoints(), step_deadline, step_deadline, session);
                http::response res;
                if (!ec) {
                    ec = co_await c.round_trip(request, res, body_limit, step_deadline);
                }
                if (ec) {
                    failed = ec;
                    co_return;
                }
                resumed.push_back(c.resumed());
                session = c.session(); // the ticket came with the answer
            }
        },
        2);
    BOOST_TEST_REQUIRE(!failed, failed.message());
    BOOST_TEST_REQUIRE(resumed.size() == 2u);
    BOOST_TEST(!resumed[0]);
    BOOST_TEST(resumed[1]);
}

BOOST_AUTO_TEST_CASE(a_connections_new_session_is_given_once) {
    // The pool asks every connection it gets back for a session newer than what it gave: a
    // ticket's session once, then nothing until another ticket comes (none does here: TLS 1.3
    // tickets follow the handshake), while session() still has it.
    tls_peer peer;
    error_code failed;
    http::tls_session first_given, again, after_second, still;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(2) + "ok");
            asio::streambuf in; // the second request, then its answer
            auto [read, n] = co_await asio::async_read_until(s, in, "\r\n\r\n", nothrow);
            if (!read) {
                co_await send_record(s, header(2) + "ok");
            }
            co_await hold_until_the_client_closes(s);
        },
        [&]() -> asio::awaitable<void> {
            auto c = peer.client("localhost");
            failed = co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            http::response res;
            if (!failed) {
                failed = co_await c.round_trip(request, res, body_limit, step_deadline);
            }
            first_given = c.new_session();
            again = c.new_session();
            if (!failed) {
                failed = co_await c.round_trip(request, res, body_limit, step_deadline);
            }
            after_second = c.new_session();
            still = c.session();
            c.close();
        });
    BOOST_TEST_REQUIRE(!failed, failed.message());
    BOOST_TEST(first_given != nullptr);
    BOOST_TEST(again == nullptr);
    BOOST_TEST(after_second == nullptr);
    BOOST_TEST_REQUIRE(still != nullptr);
    BOOST_TEST(still.get() == first_given.get());
}

BOOST_AUTO_TEST_CASE(connections_resuming_one_session_one_after_the_other_all_resume) {
    // As in the pool: the session of the first answer is offered to every new connection, the
    // next one opening while the one before has finished its handshake but not yet read its own
    // ticket. A handshake must not spoil the session for those that follow.
    constexpr int resuming = 3;
    tls_peer peer;
    std::vector<bool> resumed;
    error_code failed;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            co_await send_record(s, header(2) + "ok");
            co_await hold_until_the_client_closes(s);
        },
        [&]() -> asio::awaitable<void> {
            std::vector<std::unique_ptr<http::connection>> open;
            const auto make = [&]() -> http::connection& {
                return *open.emplace_back(std::make_unique<http::connection>(
                    peer.io.get_executor(), *peer.client_tls,
                    http::origin{true, "localhost", peer.acceptor.local_endpoint().port()}));
            };
            auto& first = make();
            failed =
                co_await first.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            http::response res;
            if (!failed) {
                failed = co_await first.round_trip(request, res, body_limit, step_deadline);
            }
            const auto session = first.session();
            for (int i = 0; i < resuming && !failed; ++i) {
                auto& c = make();
                failed =
                    co_await c.connect(peer.endpoints(), step_deadline, step_deadline, session);
                resumed.push_back(c.resumed());
            }
            for (auto& c : open) {
                c->close(); // the peer's reads end
            }
        },
        1 + resuming);
    BOOST_TEST_REQUIRE(!failed, failed.message());
    BOOST_TEST_REQUIRE(resumed.size() == std::size_t{resuming});
    for (int i = 0; i < resuming; ++i) {
        BOOST_TEST(resumed[static_cast<std::size_t>(i)], "connection " << i + 2);
    }
}

BOOST_AUTO_TEST_CASE(a_key_update_mid_answer_is_read_and_answered_with_the_next_request) {
    // The peer asks for a TLS 1.3 key update between an answer's header and its body (it goes
    // out with the body's first record): the answer's reads (inside the reactor, or the probe
    // after one) take the KeyUpdate and read on with the new keys (auto retry), and the client's
    // own KeyUpdate goes out before its next request (OpenSSL sends it with the next write),
    // which the peer reads. TLS 1.2 has no KeyUpdate: the peer stops and the case fails.
    tls_peer peer;
    const std::string body = pattern(40000);
    error_code failed;
    int answered = 0;
    bool peer_read_the_second_request = false;
    peer.run(
        [&](server_stream& s) -> asio::awaitable<void> {
            for (int i = 0; i < 2; ++i) {
                co_await send_record(s, header(body.size()));
                co_await pause(5ms);
                if (::SSL_key_update(s.native_handle(), SSL_KEY_UPDATE_REQUESTED) != 1) {
                    co_return;
                }
                co_await send_record(s, std::string_view(body).substr(0, 16000));
                co_await pause(5ms);
                co_await send_record(s, std::string_view(body).substr(16000));
                if (i == 0) {
                    asio::streambuf in;
                    auto [read, n] = co_await asio::async_read_until(s, in, "\r\n\r\n", nothrow);
                    if (read) {
                        co_return;
                    }
                    peer_read_the_second_request = true;
                }
            }
            co_await hold_until_the_client_closes(s);
        },
        [&]() -> asio::awaitable<void> {
            auto c = peer.client("127.0.0.1");
            failed = co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
            for (int i = 0; i < 2 && !failed; ++i) {
                http::response res;
                failed = co_await c.round_trip(request, res, body_limit, step_deadline);
                if (!failed && res.body().view() == body) {
                    ++answered;
                }
            }
            c.close();
        });
    BOOST_TEST_REQUIRE(!failed, failed.message());
    BOOST_TEST(answered == 2);
    BOOST_TEST(peer_read_the_second_request);
}

BOOST_AUTO_TEST_CASE(an_io_context_destroyed_while_a_read_is_queued_frees_it) {
    // The answer never comes; the io_context goes with the read queued in its reactor. The
    // operation is destroyed without its handler being called (Asio's do_complete with no
    // owner), which frees it, the coroutine's frame and the connection in it: the sanitizer
    // build's leak check fails this case otherwise.
    bool awaiting = false;
    bool ended = false;
    {
        tls_peer peer;
        asio::co_spawn(
            peer.io,
            [&]() -> asio::awaitable<void> {
                auto socket = co_await peer.acceptor.async_accept(asio::use_awaitable);
                const behaviour silent = hold_until_the_client_closes;
                co_await peer.serve_one(std::move(socket), silent);
            },
            [](const std::exception_ptr&) {});
        asio::co_spawn(
            peer.io,
            [&]() -> asio::awaitable<void> {
                auto c = peer.client("127.0.0.1");
                const auto connected =
                    co_await c.connect(peer.endpoints(), step_deadline, step_deadline, nullptr);
                if (connected) {
                    co_return;
                }
                http::response res;
                awaiting = true;
                co_await c.round_trip(request, res, body_limit, 60s);
                ended = true;
            },
            [](const std::exception_ptr&) {});
        // Until the round trip awaits its answer (its read queued), then a little more.
        const auto limit = std::chrono::steady_clock::now() + case_time_limit;
        while (!awaiting && std::chrono::steady_clock::now() < limit) {
            peer.io.run_for(5ms);
        }
        peer.io.run_for(50ms);
    }
    BOOST_TEST(awaiting);
    BOOST_TEST(!ended);
}

BOOST_AUTO_TEST_CASE(round_trips_on_strands_of_an_io_context_run_by_several_threads) {
    // An embedder's io_context run by several threads, each connection on a strand (as the
    // client asks): the read inside the reactor runs on whichever thread runs it, outside the
    // strand, while the connection's coroutine waits. Answers of 2 bytes to 200 kB, in records
    // that arrive apart, several round trips per connection: all exact.
    constexpr int connections = 8;
    constexpr int trips = 12;
    constexpr int threads = 4;
    const std::vector<std::size_t> sizes = {2, 3000, 40000, 200000};
    tls_peer peer;
    const auto answer = [&](int trip) { return pattern(sizes[std::size_t(trip) % sizes.size()]); };
    // Each connection's answers, one per request, until the client closes.
    const behaviour answer_every_request = [&](server_stream& s) -> asio::awaitable<void> {
        asio::streambuf in;
        for (int trip = 0;; ++trip) {
            const std::string body = answer(trip);
            co_await send_record(s, header(body.size()));
            for (std::size_t at = 0; at < body.size(); at += 16 * 1024) {
                co_await send_record(s, std::string_view(body).substr(at, 16 * 1024));
                if (at % (48 * 1024) == 0) {
                    co_await pause(1ms);
                }
            }
            auto [read, n] = co_await asio::async_read_until(s, in, "\r\n\r\n", nothrow);
            if (read) {
                co_return; // the client closed
            }
            in.consume(n);
        }
    };
    asio::co_spawn(
        peer.io,
        [&]() -> asio::awaitable<void> {
            for (int i = 0; i < connections; ++i) {
                auto socket = co_await peer.acceptor.async_accept(asio::use_awaitable);
                asio::co_spawn(peer.io, peer.serve_one(std::move(socket), answer_every_request),
                               [](const std::exception_ptr&) {});
            }
        },
        [](const std::exception_ptr&) {});
    // Asked before the peer's thread runs: the acceptor is that thread's then.
    const auto endpoints = peer.endpoints();
    const http::origin origin{true, "127.0.0.1", peer.acceptor.local_endpoint().port()};
    std::thread peer_thread([&] { peer.io.run_for(case_time_limit); });

    asio::io_context client_io(threads);
    std::atomic<int> exact{0};
    std::atomic<int> finished{0};
    std::vector<std::string> failures(connections);
    for (int k = 0; k < connections; ++k) {
        const auto strand = asio::make_strand(client_io);
        asio::co_spawn(
            strand,
            [&, k, strand]() -> asio::awaitable<void> {
                http::connection c(strand, *peer.client_tls, origin);
                auto ec = co_await c.connect(endpoints, step_deadline, step_deadline, nullptr);
                for (int trip = 0; trip < trips && !ec; ++trip) {
                    http::response res;
                    ec = co_await c.round_trip(request, res, body_limit, step_deadline);
                    if (!ec && res.body().view() == answer(trip)) {
                        ++exact;
                    }
                }
                if (ec) {
                    failures[std::size_t(k)] = ec.message();
                }
                c.close();
            },
            [&](const std::exception_ptr&) { ++finished; });
    }
    std::vector<std::thread> runners;
    for (int i = 0; i < threads; ++i) {
        runners.emplace_back([&] { client_io.run_for(case_time_limit); });
    }
    for (auto& t : runners) {
        t.join();
    }
    peer_thread.join();
    BOOST_TEST_REQUIRE(finished == connections);
    for (int k = 0; k < connections; ++k) {
        BOOST_TEST(failures[std::size_t(k)].empty(),
                   "connection " << k << ": " << failures[std::size_t(k)]);
    }
    BOOST_TEST(exact == connections * trips);
}

BOOST_AUTO_TEST_SUITE_END()
