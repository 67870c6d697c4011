// socket_bio's read side: OpenSSL (with read-ahead, as tls_stream sets it) reading a TCP socket
// through the BIO only when tls_stream allows it (inside the reactor, or probing), noting when a
// recv drained the socket. The server is an in-memory TLS peer (glue-sim's certificate) whose
// ciphertext is written to the socket's raw peer in pieces of any size: records split over
// several arrivals, several records in one, the end of the stream behind the last bytes.
#include "http/socket_bio.hpp"
#include "http/tls_outcome.hpp"
#include "temp_dir.hpp"
#include "tls_material.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = glue_inventory::http;

std::string pattern(std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    }
    return out;
}

/// Moves what `from` holds into `to`.
void drain(BIO* from, std::string& to) {
    char chunk[4096];
    int n = 0;
    while ((n = BIO_read(from, chunk, sizeof chunk)) > 0) {
        to.append(chunk, static_cast<std::size_t>(n));
    }
}

struct tls_pair {
    tls_pair() {
        client_socket.connect(acceptor.local_endpoint());
        acceptor.accept(peer);
        client_socket.non_blocking(true); // as tls_stream's
        server_tls.use_certificate_chain(
            asio::buffer(material.cert_chain_pem.data(), material.cert_chain_pem.size()));
        server_tls.use_private_key(
            asio::buffer(material.private_key_pem.data(), material.private_key_pem.size()),
            asio::ssl::context::pem);
        client_ctx = SSL_CTX_new(TLS_client_method());
        BOOST_TEST_REQUIRE(client_ctx != nullptr);
        client = SSL_new(client_ctx);
        server = SSL_new(server_tls.native_handle());
        BOOST_TEST_REQUIRE((client != nullptr && server != nullptr));
        SSL_set_read_ahead(client, 1); // as tls_stream
        SSL_set_mode(client, SSL_MODE_AUTO_RETRY);
        BIO* client_in = BIO_new(BIO_s_mem());
        BIO* client_out = BIO_new(BIO_s_mem());
        SSL_set_bio(client, client_in, client_out);
        server_in = BIO_new(BIO_s_mem());
        server_out = BIO_new(BIO_s_mem());
        SSL_set_bio(server, server_in, server_out);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        // The handshake through memory, then the client's reads through the BIO under test.
        bool client_done = false;
        bool server_done = false;
        for (int round = 0; round < 20 && !(client_done && server_done); ++round) {
            client_done = SSL_do_handshake(client) == 1;
            std::string bytes;
            drain(client_out, bytes);
            BIO_write(server_in, bytes.data(), static_cast<int>(bytes.size()));
            server_done = SSL_do_handshake(server) == 1;
            bytes.clear();
            drain(server_out, bytes);
            BIO_write(client_in, bytes.data(), static_cast<int>(bytes.size()));
        }
        BOOST_TEST_REQUIRE(client_done);
        BOOST_TEST_REQUIRE(server_done);
        drain(client_in, wire); // what the client has not read yet (session tickets) goes first
        input.direct = false;   // as after tls_stream's handshake
        input.recvs = 0;
        BIO* bio = http::new_socket_bio(input);
        BOOST_TEST_REQUIRE(bio != nullptr);
        SSL_set0_rbio(client, bio); // frees the memory BIO
        ERR_clear_error();
    }
    ~tls_pair() {
        SSL_free(client);
        SSL_free(server);
        SSL_CTX_free(client_ctx);
    }
    tls_pair(const tls_pair&) = delete;
    tls_pair& operator=(const tls_pair&) = delete;

    /// The server sends `plaintext` in records of `record` bytes at most.
    void server_writes(const std::string& plaintext, std::size_t record = 16 * 1024) {
        for (std::size_t at = 0; at < plaintext.size();) {
            const std::size_t n = std::min(record, plaintext.size() - at);
            std::size_t written = 0;
            BOOST_TEST_REQUIRE(SSL_write_ex(server, plaintext.data() + at, n, &written) == 1);
            at += written;
        }
        drain(server_out, wire);
    }
    void server_sends_close_notify() {
        SSL_shutdown(server);
        drain(server_out, wire);
    }

    /// Sends the next `n` bytes of the wire to the client's socket, and waits until they can be
    /// read there.
    void send(std::size_t n) {
        n = std::min(n, wire.size());
        asio::write(peer, asio::buffer(wire.data(), n));
        wire.erase(0, n);
        readable();
    }
    /// The peer's FIN.
    void close() {
        peer.shutdown(asio::ip::tcp::socket::shutdown_send);
        readable();
    }
    void readable() {
        pollfd p{client_socket.native_handle(), POLLIN, 0};
        BOOST_TEST_REQUIRE(::poll(&p, 1, 5000) == 1);
    }

    /// One SSL_read_ex, the BIO allowed to read the socket when `in_reactor`; its outcome as
    /// tls_stream sees it; the bytes appended to `out`.
    http::tls_outcome read(std::string& out, bool in_reactor = true) {
        char buffer[20 * 1024];
        std::size_t n = 0;
        errno = 0;
        input.in_reactor = in_reactor;
        const int result = SSL_read_ex(client, buffer, sizeof buffer, &n);
        input.in_reactor = false;
        if (result == 1) {
            out.append(buffer, n);
            return {};
        }
        const int saved_errno = errno;
        const int ssl_error = SSL_get_error(client, result);
        const unsigned long first = ERR_get_error();
        ERR_clear_error();
        return http::tls_outcome_of(ssl_error, first, saved_errno);
    }

    /// Reads (in the reactor's way) until OpenSSL fails, or wants bytes when the wire is empty,
    /// sending the wire in pieces of `sizes` (cycled) whenever OpenSSL wants more.
    http::tls_outcome read_all(std::string& out, const std::vector<std::size_t>& sizes) {
        for (std::size_t i = 0;;) {
            const auto o = read(out);
            if (o.next == http::tls_next::done) {
                continue;
            }
            if (o.next != http::tls_next::wait_read || wire.empty()) {
                return o;
            }
            send(sizes[i++ % sizes.size()]);
        }
    }

    glue_test::temp_dir dir{"socket-bio-"};
    glue_sim::tls_material material = glue_sim::make_tls_material(dir.path.string());
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
    asio::ip::tcp::socket client_socket{io};
    asio::ip::tcp::socket peer{io};
    http::bio_input input{client_socket};
    asio::ssl::context server_tls{asio::ssl::context::tls_server};
    SSL_CTX* client_ctx = nullptr;
    SSL* client = nullptr;
    SSL* server = nullptr;
    BIO* server_in = nullptr;
    BIO* server_out = nullptr;
    std::string wire; // the server's ciphertext not yet sent
};

} // namespace

BOOST_AUTO_TEST_SUITE(socket_bio)

BOOST_AUTO_TEST_CASE(a_read_outside_the_reactor_asks_for_it_without_reading_the_socket) {
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.send(pair.wire.size());
    std::string out;
    const auto outside = pair.read(out, false);
    BOOST_TEST((outside.next == http::tls_next::wait_read), outside.ec.message());
    BOOST_TEST(pair.input.recvs == 0u);
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((o.next == http::tls_next::wait_read), o.ec.message());
    BOOST_TEST((out == body));
}

BOOST_AUTO_TEST_CASE(records_split_over_several_arrivals_are_read_whole) {
    // Records of 1000 and 16384 bytes and a short one, sent a few bytes at a time: a record
    // header split, a record split over many recvs, two records in one.
    const std::string body = pattern(40 * 1024);
    const std::vector<std::vector<std::size_t>> cases = {
        {7}, {3, 700, 5}, {4096}, {17 * 1024}, {100, 20000}};
    for (const auto& sizes : cases) {
        tls_pair pair;
        pair.server_writes(body.substr(0, 1000));
        pair.server_writes(body.substr(1000), 16 * 1024);
        std::string out;
        const auto o = pair.read_all(out, sizes);
        BOOST_TEST((o.next == http::tls_next::wait_read), o.ec.message());
        BOOST_TEST(out.size() == body.size(), "pieces of " << sizes.front());
        BOOST_TEST((out == body), "pieces of " << sizes.front());
    }
}

BOOST_AUTO_TEST_CASE(a_recv_that_returns_less_than_asked_marks_the_socket_drained) {
    // What tls_stream tells Asio's reactor (drain_aware_read.hpp).
    tls_pair pair;
    pair.server_writes(pattern(60 * 1024)); // more than one recv of OpenSSL's buffer takes
    pair.send(pair.wire.size());
    std::string out;
    pair.input.drained = false;
    BOOST_TEST_REQUIRE((pair.read(out).next == http::tls_next::done));
    BOOST_TEST(!pair.input.drained); // the recv filled OpenSSL's buffer: more may be there
    while (out.size() < 60 * 1024) {
        BOOST_TEST_REQUIRE((pair.read(out).next == http::tls_next::done));
    }
    BOOST_TEST(pair.input.drained); // the last one came back short
}

BOOST_AUTO_TEST_CASE(the_probe_reads_the_socket_until_it_finds_nothing) {
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.send(pair.wire.size());
    pair.input.probe = true;
    std::string out;
    const auto got = pair.read(out, false);
    BOOST_TEST_REQUIRE((got.next == http::tls_next::done), got.ec.message());
    BOOST_TEST((out == body));
    const auto nothing = pair.read(out, false); // EAGAIN: the probe stops
    BOOST_TEST((nothing.next == http::tls_next::wait_read), nothing.ec.message());
    BOOST_TEST(!pair.input.probe);
    const std::size_t recvs = pair.input.recvs;
    BOOST_TEST((pair.read(out, false).next == http::tls_next::wait_read));
    BOOST_TEST(pair.input.recvs == recvs);
}

BOOST_AUTO_TEST_CASE(the_end_of_the_stream_right_behind_the_last_record_is_a_truncation) {
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.send(pair.wire.size());
    pair.close();
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((out == body));
    BOOST_TEST((o.ec == asio::ssl::error::stream_truncated), o.ec.message());
    BOOST_TEST(pair.input.drained);
}

BOOST_AUTO_TEST_CASE(close_notify_right_behind_the_last_record_is_the_end_of_the_stream) {
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.server_sends_close_notify();
    pair.send(pair.wire.size());
    pair.close();
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((out == body));
    BOOST_TEST((o.ec == asio::error::eof), o.ec.message());
}

BOOST_AUTO_TEST_CASE(a_record_cut_by_the_end_of_the_stream_is_a_truncation) {
    tls_pair pair;
    pair.server_writes(pattern(3000));
    pair.send(pair.wire.size() - 10); // the record's last bytes never come
    pair.close();
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST(out.empty());
    BOOST_TEST((o.ec == asio::ssl::error::stream_truncated), o.ec.message());
}

BOOST_AUTO_TEST_SUITE_END()
