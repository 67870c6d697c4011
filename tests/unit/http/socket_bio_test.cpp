// socket_bio's read side without a socket: OpenSSL (with read-ahead, as tls_stream sets it)
// reading through the BIO from the staging buffer (bio_input) that tls_stream fills with one
// receive at a time. The server is an in-memory TLS peer (glue-sim's certificate); its
// ciphertext is staged in pieces of any size, as receives would bring it: records split over
// several receives, several records in one, the end of the stream behind staged bytes.
#include "http/socket_bio.hpp"
#include "http/tls_outcome.hpp"
#include "temp_dir.hpp"
#include "tls_material.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ssl.h>
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
    explicit tls_pair(std::size_t capacity = http::default_tls_receive_bytes)
        : input(unopened, capacity) {
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

    /// Stages the next `n` bytes of the wire (at most the capacity), as one receive would.
    void stage(std::size_t n) {
        BOOST_TEST_REQUIRE(input.staged() == 0u, "a receive comes only when nothing is staged");
        n = std::min({n, wire.size(), input.capacity});
        std::memcpy(input.space(), wire.data(), n);
        wire.erase(0, n);
        input.filled(n);
    }

    /// One SSL_read_ex, its outcome as tls_stream sees it; the bytes appended to `out`.
    http::tls_outcome read(std::string& out) {
        char buffer[20 * 1024];
        std::size_t n = 0;
        errno = 0;
        const int result = SSL_read_ex(client, buffer, sizeof buffer, &n);
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

    /// Reads until OpenSSL fails, or wants bytes when the wire is empty, staging the wire in
    /// pieces of `sizes` (cycled) whenever OpenSSL wants more.
    http::tls_outcome read_all(std::string& out, const std::vector<std::size_t>& sizes) {
        for (std::size_t i = 0;;) {
            const auto o = read(out);
            if (o.next == http::tls_next::done) {
                continue;
            }
            if (o.next != http::tls_next::wait_read) {
                return o;
            }
            BOOST_TEST_REQUIRE(input.staged() == 0u, "WANT_READ with bytes staged");
            if (wire.empty()) {
                return o;
            }
            stage(sizes[i++ % sizes.size()]);
        }
    }

    glue_test::temp_dir dir{"socket-bio-"};
    glue_sim::tls_material material = glue_sim::make_tls_material(dir.path.string());
    asio::io_context io;
    asio::ip::tcp::socket unopened{io}; // the BIO must not read it: any recv would fail (EBADF)
    http::bio_input input;
    asio::ssl::context server_tls{asio::ssl::context::tls_server};
    SSL_CTX* client_ctx = nullptr;
    SSL* client = nullptr;
    SSL* server = nullptr;
    BIO* server_in = nullptr;
    BIO* server_out = nullptr;
    std::string wire; // the server's ciphertext not yet staged
};

} // namespace

BOOST_AUTO_TEST_SUITE(socket_bio)

BOOST_AUTO_TEST_CASE(an_empty_staging_asks_for_a_receive_without_reading_the_socket) {
    tls_pair pair;
    pair.wire.clear(); // session tickets: not needed here
    std::string out;
    const auto o = pair.read(out);
    BOOST_TEST((o.next == http::tls_next::wait_read), o.ec.message());
    BOOST_TEST(pair.input.recvs == 0u);
}

BOOST_AUTO_TEST_CASE(records_split_over_several_receives_are_read_whole) {
    // Records of 1000 and 16384 bytes and a short one, staged a few bytes at a time: a record
    // header split, a record split over many receives, two records in one receive.
    const std::string body = pattern(40 * 1024);
    const std::vector<std::vector<std::size_t>> cases = {
        {1}, {3, 700, 5}, {4096}, {17 * 1024}, {100, 20000}};
    for (const auto& sizes : cases) {
        tls_pair pair;
        pair.server_writes(body.substr(0, 1000));
        pair.server_writes(body.substr(1000), 16 * 1024);
        std::string out;
        const auto o = pair.read_all(out, sizes);
        BOOST_TEST((o.next == http::tls_next::wait_read), o.ec.message());
        BOOST_TEST(out.size() == body.size(), "pieces of " << sizes.front());
        BOOST_TEST((out == body), "pieces of " << sizes.front());
        BOOST_TEST(pair.input.recvs == 0u);
    }
}

BOOST_AUTO_TEST_CASE(bytes_staged_beyond_what_openssl_takes_stay_staged_for_it) {
    // A staging larger than OpenSSL's read-ahead buffer (~17 kB): several records staged at
    // once; OpenSSL takes what fits and the rest stays staged, read before any receive.
    tls_pair pair(64 * 1024);
    const std::string body = pattern(60 * 1024);
    pair.server_writes(body);
    std::string out;
    pair.stage(pair.wire.size());
    const auto first = pair.read(out);
    BOOST_TEST_REQUIRE((first.next == http::tls_next::done), first.ec.message());
    BOOST_TEST(pair.input.staged() > 0u); // what OpenSSL's buffer could not take
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((o.next == http::tls_next::wait_read), o.ec.message());
    BOOST_TEST((out == body));
}

BOOST_AUTO_TEST_CASE(the_end_of_the_stream_comes_after_the_bytes_staged_before_it) {
    // The peer's last record and its FIN in one receive (eof set with bytes staged): the
    // record is read, then the end without close_notify is a truncation.
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.stage(pair.wire.size());
    pair.input.eof = true;
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((out == body));
    BOOST_TEST((o.ec == asio::ssl::error::stream_truncated), o.ec.message());
}

BOOST_AUTO_TEST_CASE(close_notify_staged_with_the_last_record_is_the_end_of_the_stream) {
    tls_pair pair;
    const std::string body = pattern(3000);
    pair.server_writes(body);
    pair.server_sends_close_notify();
    pair.stage(pair.wire.size());
    pair.input.eof = true;
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST((out == body));
    BOOST_TEST((o.ec == asio::error::eof), o.ec.message());
}

BOOST_AUTO_TEST_CASE(a_truncated_record_before_the_end_of_the_stream_is_a_truncation) {
    tls_pair pair;
    pair.server_writes(pattern(3000));
    pair.stage(pair.wire.size() - 10); // the record's last bytes never come
    pair.input.eof = true;
    std::string out;
    const auto o = pair.read_all(out, {1});
    BOOST_TEST(out.empty());
    BOOST_TEST((o.ec == asio::ssl::error::stream_truncated), o.ec.message());
}

BOOST_AUTO_TEST_SUITE_END()
