// request_floor: the least client CPU one GetConnections request can cost on this machine.
//
// The same exchange as glue-inventory's W5 (TLS with OpenSSL, the same request bytes, the same
// loopback glue-sim answering one record per page), made by the cheapest client we can write:
// one request signed once and sent again and again (a signature stays valid for minutes), the
// answer read with SSL_read until its Content-Length is in, nothing parsed, nothing written.
// One blocking connection for --connections 1; for more, non-blocking sockets and one thread's
// epoll loop keeping every connection busy, as a client with that many requests in flight.
// CPU (getrusage, user + sys) is counted from after every handshake and one warm-up exchange
// per connection. bench/request-floor/README.md says how to run it.
#include "answer_frame.hpp"
#include "glue_inventory/version.hpp"
#include "http/request_text.hpp"
#include "protocol/ndjson_record.hpp"
#include "protocol/response_parser.hpp"
#include "sigv4/signing_key_cache.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

namespace sigv4 = glue_inventory::sigv4;
using request_floor::answer_frame;
using request_floor::frame_answer;

/// How long the epoll loop waits for any connection before it gives up (a stuck server).
constexpr int idle_timeout_ms = 10'000;
/// Bytes kept for one answer: a one-record page is a few kB; a bigger answer is an error.
constexpr std::size_t answer_buffer_bytes = 64 * 1024;
/// Default count of measured requests (W5 makes ~9,500).
constexpr long default_requests = 10'000;

struct arguments {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string ca_file;
    std::string account;
    std::string role_name;
    std::string region = "us-east-1";
    long requests = default_requests;
    int connections = 1;
    bool sign_every_request = false; // sign each request anew, as a real client must
    bool read_ahead = true;          // SSL_CTX_set_read_ahead: fewer recv calls per answer
    std::string records_file;        // --parse-and-write: parse each page, its record here
    // `perf record -D -1 --control fifo:CTL,ACK`'s two FIFOs: the measured loop alone is
    // profiled (perf is enabled before it and disabled after).
    std::string perf_ctl;
    std::string perf_ack;
};

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "request_floor: %s\n", message.c_str());
    std::exit(2);
}

void usage() {
    std::fputs(
        "usage: request_floor --endpoint https://127.0.0.1:PORT --ca FILE --account ID\n"
        "         --role-name NAME [--region R] [--requests N] [--connections C]\n"
        "         [--sign-every-request] [--parse-and-write FILE] [--no-read-ahead]\n"
        "         [--perf-control CTL,ACK]\n"
        "The base identity (glue-sim's) comes from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY;\n"
        "the tool assumes --role-name in --account once, then measures GetConnections of that\n"
        "account and --region with MaxResults 1. Prints one JSON object.\n",
        stderr);
}

long parse_long(std::string_view text, const char* what) {
    long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1) {
        fail(std::string(what) + ": a positive number, not '" + std::string(text) + "'");
    }
    return value;
}

// Only https://IPV4:PORT: the tool talks to a local glue-sim.
void parse_endpoint(std::string_view url, arguments& a) {
    constexpr std::string_view scheme = "https://";
    const auto colon = url.rfind(':');
    if (!url.starts_with(scheme) || colon == std::string_view::npos || colon < scheme.size()) {
        fail("--endpoint: https://ADDRESS:PORT, not '" + std::string(url) + "'");
    }
    a.host = std::string(url.substr(scheme.size(), colon - scheme.size()));
    auto port_text = url.substr(colon + 1);
    if (port_text.ends_with('/')) {
        port_text.remove_suffix(1);
    }
    const long port = parse_long(port_text, "--endpoint port");
    if (port > 65535) {
        fail("--endpoint: port out of range");
    }
    a.port = static_cast<unsigned short>(port);
}

arguments parse_arguments(int argc, char** argv) {
    arguments a;
    bool have_endpoint = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        const auto value = [&]() -> std::string_view {
            if (i + 1 >= argc) {
                fail(std::string(flag) + " needs a value");
            }
            return argv[++i];
        };
        if (flag == "--endpoint") {
            parse_endpoint(value(), a);
            have_endpoint = true;
        } else if (flag == "--ca") {
            a.ca_file = value();
        } else if (flag == "--account") {
            a.account = value();
        } else if (flag == "--role-name") {
            a.role_name = value();
        } else if (flag == "--region") {
            a.region = value();
        } else if (flag == "--requests") {
            a.requests = parse_long(value(), "--requests");
        } else if (flag == "--connections") {
            a.connections = static_cast<int>(parse_long(value(), "--connections"));
        } else if (flag == "--sign-every-request") {
            a.sign_every_request = true;
        } else if (flag == "--parse-and-write") {
            a.records_file = value();
        } else if (flag == "--perf-control") {
            const std::string_view fifos = value();
            const auto comma = fifos.find(',');
            if (comma == std::string_view::npos) {
                fail("--perf-control: CTL,ACK (perf record's --control fifo:CTL,ACK)");
            }
            a.perf_ctl = std::string(fifos.substr(0, comma));
            a.perf_ack = std::string(fifos.substr(comma + 1));
        } else if (flag == "--no-read-ahead") {
            a.read_ahead = false;
        } else if (flag == "--help" || flag == "-h") {
            usage();
            std::exit(0);
        } else {
            usage();
            fail("unknown argument '" + std::string(flag) + "'");
        }
    }
    if (!have_endpoint || a.ca_file.empty() || a.account.empty() || a.role_name.empty()) {
        usage();
        fail("--endpoint, --ca, --account and --role-name are required");
    }
    return a;
}

std::string openssl_error() {
    const unsigned long code = ERR_get_error();
    if (code == 0) {
        return std::strerror(errno);
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

// ------------------------------------------------------------------------------- signing

struct credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
};

/// What varies between the two requests the tool makes (AssumeRole, then GetConnections).
struct request_shape {
    std::string_view service;
    std::string_view content_type;
    std::string_view amz_target; // empty for STS's query protocol
    std::string_view body;
};

const std::string user_agent = std::string("glue-inventory/") + glue_inventory::version_string;

/// The request's bytes, signed now: the headers and their order are glue-inventory's
/// (client/request_builder.cpp), written by the same http::write_request.
void write_signed_request(const arguments& a, const request_shape& shape, const credentials& c,
                          sigv4::signing_key_cache& keys, std::string& out) {
    const std::string host = a.host + ":" + std::to_string(a.port);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const sigv4::scope scope{a.region, shape.service, now};
    const sigv4::header_ref signed_headers[] = {
        {"host", host}, {"content-type", shape.content_type}, {"x-amz-target", shape.amz_target}};
    const std::size_t n_signed = shape.amz_target.empty() ? 2 : 3;
    const auto sig = sigv4::sign(
        sigv4::request_ref{"POST", "/", "", std::span(signed_headers, n_signed), shape.body}, scope,
        {c.access_key_id, c.secret_access_key, c.session_token},
        keys.get(c.secret_access_key, scope));
    std::vector<glue_inventory::http::header_field> fields{{"Host", host},
                                                           {"Content-Type", shape.content_type}};
    if (!shape.amz_target.empty()) {
        fields.push_back({"X-Amz-Target", shape.amz_target});
    }
    fields.push_back({"X-Amz-Date", sig.x_amz_date});
    if (!sig.x_amz_security_token.empty()) {
        fields.push_back({"X-Amz-Security-Token", sig.x_amz_security_token});
    }
    fields.push_back({"Authorization", sig.authorization});
    fields.push_back({"User-Agent", user_agent});
    out.clear();
    if (!glue_inventory::http::write_request("POST", "/", fields, shape.body, out)) {
        fail("a header value holds a byte HTTP does not allow");
    }
}

// ------------------------------------------------------------------------------------ TLS

struct ssl_ctx_deleter {
    void operator()(SSL_CTX* p) const { SSL_CTX_free(p); }
};
struct ssl_deleter {
    void operator()(SSL* p) const { SSL_free(p); }
};
using ssl_ctx_ptr = std::unique_ptr<SSL_CTX, ssl_ctx_deleter>;
using ssl_ptr = std::unique_ptr<SSL, ssl_deleter>;

/// glue-inventory's TLS settings (http/tls_context.cpp): TLS 1.2 or later, the peer verified.
ssl_ctx_ptr make_context(const arguments& a) {
    ssl_ctx_ptr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx || SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION) != 1) {
        fail("SSL_CTX_new: " + openssl_error());
    }
    if (SSL_CTX_load_verify_locations(ctx.get(), a.ca_file.c_str(), nullptr) != 1) {
        fail("cannot load the CA file " + a.ca_file + ": " + openssl_error());
    }
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_read_ahead(ctx.get(), a.read_ahead ? 1 : 0);
    return ctx;
}

struct connection {
    int fd = -1;
    ssl_ptr ssl;
    std::string request;               // this connection's request bytes
    std::vector<char> answer;          // answer_buffer_bytes
    std::size_t have = 0;              // bytes of the current answer read
    std::optional<answer_frame> frame; // once the header is in
    bool writing = false;              // a write waits for EPOLLOUT
    connection() = default;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() {
        ssl.reset();
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

/// A connected, verified TLS connection (blocking socket), TCP_NODELAY as glue-inventory's.
std::unique_ptr<connection> connect_tls(const arguments& a, SSL_CTX* ctx) {
    auto c = std::make_unique<connection>();
    c->answer.resize(answer_buffer_bytes);
    c->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(a.port);
    if (c->fd < 0 || ::inet_pton(AF_INET, a.host.c_str(), &addr.sin_addr) != 1) {
        fail("--endpoint: an IPv4 address, not '" + a.host + "'");
    }
    if (::connect(c->fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        fail("cannot connect to " + a.host + ":" + std::to_string(a.port) + ": " +
             std::strerror(errno));
    }
    const int one = 1;
    ::setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->ssl.reset(SSL_new(ctx));
    if (!c->ssl || SSL_set_fd(c->ssl.get(), c->fd) != 1 ||
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl.get()), a.host.c_str()) != 1) {
        fail("SSL_new: " + openssl_error());
    }
    if (SSL_connect(c->ssl.get()) != 1) {
        fail("TLS handshake: " + openssl_error());
    }
    return c;
}

/// Reads once into the connection's answer buffer. >0: bytes read; 0: would block; <0: error.
int read_some(connection& c, long& ssl_reads) {
    ++ssl_reads;
    const int n =
        SSL_read(c.ssl.get(), c.answer.data() + c.have, static_cast<int>(c.answer.size() - c.have));
    if (n > 0) {
        c.have += static_cast<std::size_t>(n);
        return n;
    }
    const int error = SSL_get_error(c.ssl.get(), n);
    return error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE ? 0 : -1;
}

enum class progress { more, done, error };

/// Where the answer read so far stands; frames the header once.
progress answer_progress(connection& c) {
    if (!c.frame) {
        const auto f = frame_answer(std::string_view(c.answer.data(), c.have));
        if (f.st == answer_frame::state::malformed) {
            return progress::error;
        }
        if (f.header_bytes == 0) {
            return c.have == c.answer.size() ? progress::error : progress::more;
        }
        if (f.total() > c.answer.size()) {
            return progress::error; // larger than any one-record page
        }
        c.frame = f;
    }
    if (c.have > c.frame->total()) {
        return progress::error; // bytes after the answer: glue-sim sends none
    }
    return c.have == c.frame->total() ? progress::done : progress::more;
}

/// One whole exchange on a blocking connection; the answer stays in c.answer.
bool exchange_blocking(connection& c, long& ssl_reads) {
    c.have = 0;
    c.frame.reset();
    if (SSL_write(c.ssl.get(), c.request.data(), static_cast<int>(c.request.size())) <= 0) {
        return false;
    }
    for (;;) {
        if (read_some(c, ssl_reads) <= 0) {
            return false;
        }
        switch (answer_progress(c)) {
        case progress::more:
            break;
        case progress::done:
            return true;
        case progress::error:
            return false;
        }
    }
}

std::string_view answer_body(const connection& c) {
    return {c.answer.data() + c.frame->header_bytes, c.frame->content_length};
}

// ------------------------------------------------------------------------------ AssumeRole

std::string xml_element(std::string_view xml, std::string_view name) {
    const std::string open = "<" + std::string(name) + ">";
    const std::string close = "</" + std::string(name) + ">";
    const auto start = xml.find(open);
    const auto end = xml.find(close);
    if (start == std::string_view::npos || end == std::string_view::npos || end < start) {
        fail("AssumeRole's answer has no <" + std::string(name) + ">");
    }
    return std::string(xml.substr(start + open.size(), end - start - open.size()));
}

/// The session credentials of --role-name in --account, as glue-inventory gets them.
credentials assume_role(const arguments& a, SSL_CTX* ctx, const credentials& base) {
    const std::string body = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A" +
                             a.account + "%3Arole%2F" + a.role_name +
                             "&RoleSessionName=request-floor";
    const request_shape sts{"sts", "application/x-www-form-urlencoded; charset=utf-8", "", body};
    sigv4::signing_key_cache keys;
    auto c = connect_tls(a, ctx);
    write_signed_request(a, sts, base, keys, c->request);
    long reads = 0;
    if (!exchange_blocking(*c, reads) || c->frame->status != 200) {
        fail("AssumeRole failed (status " + std::to_string(c->frame ? c->frame->status : 0) +
             "): is --account one of glue-sim's and --role-name its role?");
    }
    const std::string_view xml = answer_body(*c);
    return {xml_element(xml, "AccessKeyId"), xml_element(xml, "SecretAccessKey"),
            xml_element(xml, "SessionToken")};
}

// -------------------------------------------------------------------------------- the runs

struct tally {
    long completed = 0;
    long failures = 0; // answers that were not 200 with the expected size
    long ssl_reads = 0;
    long ssl_writes = 0;
};

constexpr request_shape get_connections{"glue", "application/x-amz-json-1.1",
                                        "AWSGlue.GetConnections",
                                        R"({"HidePassword":true,"MaxResults":1})"};

/// Signs GetConnections with the session credentials, the key cached as the client caches it.
class signer {
public:
    signer(const arguments& a, const credentials& session) : a_(a), session_(session) {}
    void sign(std::string& out) { write_signed_request(a_, get_connections, session_, keys_, out); }

private:
    const arguments& a_;
    const credentials& session_;
    sigv4::signing_key_cache keys_;
};

/// Bytes of NDJSON gathered before one write(2) to the records file.
constexpr std::size_t records_write_bytes = 64 * 1024;

/// --parse-and-write: what a scan cannot skip on top of the exchange. Each page is parsed by
/// our parser (simdjson On-Demand, into a page reused from one answer to the next) and its
/// record written as glue-inventory's NDJSON line (protocol::write_ndjson_record, the target's
/// prefix made once) to a file, records_write_bytes at a time.
class page_sink {
public:
    explicit page_sink(const arguments& a)
        : fd_(::open(a.records_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)),
          context_{a.account, a.region, a.account} {
        if (fd_ < 0) {
            fail("cannot open " + a.records_file + ": " + std::strerror(errno));
        }
        out_.reserve(2 * records_write_bytes);
    }
    ~page_sink() {
        flush();
        ::close(fd_);
    }
    page_sink(const page_sink&) = delete;
    page_sink& operator=(const page_sink&) = delete;

    /// The bytes that must be readable after a body (simdjson reads ahead).
    static std::size_t padding() { return glue_inventory::protocol::response_parser::padding(); }

    /// False when the page does not parse or does not hold exactly one connection.
    bool consume(std::string_view padded_body) {
        if (!parser_.parse_get_connections(padded_body, page_, error_) ||
            page_.connections.size() != 1) {
            return false;
        }
        for (const auto& c : page_.connections) {
            glue_inventory::protocol::write_ndjson_record(prefix_.of(context_), c, out_);
        }
        ++records_;
        if (out_.size() >= records_write_bytes) {
            flush();
        }
        return true;
    }
    long records() const { return records_; }

private:
    void flush() {
        std::size_t done = 0;
        while (done < out_.size()) {
            const auto n = ::write(fd_, out_.data() + done, out_.size() - done);
            if (n <= 0) {
                fail(std::string("cannot write the records: ") + std::strerror(errno));
            }
            done += static_cast<std::size_t>(n);
        }
        out_.clear();
    }

    int fd_;
    glue_inventory::record_context context_;
    glue_inventory::protocol::record_prefix prefix_;
    glue_inventory::protocol::response_parser parser_;
    glue_inventory::get_connections_page page_;
    glue_inventory::protocol::parse_error error_;
    std::string out_;
    long records_ = 0;
};

/// What each measured request does besides the exchange.
struct per_request {
    std::size_t expected_total = 0; // the warm-up answer's size
    signer* resign = nullptr;       // --sign-every-request
    page_sink* sink = nullptr;      // --parse-and-write
};

void check_answer(const connection& c, const per_request& w, tally& t) {
    ++t.completed;
    if (c.frame->status != 200 || c.frame->total() != w.expected_total) {
        ++t.failures;
        return;
    }
    // The answer buffer holds the padding past the body (answer_buffer_bytes is far larger
    // than an answer of the expected size; main checks it).
    if (w.sink != nullptr && !w.sink->consume(answer_body(c))) {
        ++t.failures;
    }
}

// The measured loops are never inlined: callgrind's --toggle-collect finds them by name
// (bench/request-floor/run --callgrind).
[[gnu::noinline]] void run_blocking(connection& c, long requests, const per_request& w, tally& t) {
    for (long i = 0; i < requests; ++i) {
        if (w.resign != nullptr) {
            w.resign->sign(c.request);
        }
        ++t.ssl_writes;
        if (!exchange_blocking(c, t.ssl_reads)) {
            fail("the exchange failed after " + std::to_string(i) +
                 " requests: " + openssl_error());
        }
        check_answer(c, w, t);
    }
}

/// Sends the connection's request; false on an error. A write that would block waits for
/// EPOLLOUT (SSL_write must then be called again with the same bytes).
bool start_write(int epoll_fd, connection& c, tally& t) {
    c.have = 0;
    c.frame.reset();
    ++t.ssl_writes;
    const int n = SSL_write(c.ssl.get(), c.request.data(), static_cast<int>(c.request.size()));
    const bool blocked = n <= 0 && SSL_get_error(c.ssl.get(), n) == SSL_ERROR_WANT_WRITE;
    if (n <= 0 && !blocked) {
        return false;
    }
    if (blocked != c.writing) {
        c.writing = blocked;
        epoll_event ev{};
        ev.events = blocked ? EPOLLOUT : EPOLLIN;
        ev.data.ptr = &c;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev);
    }
    return true;
}

[[gnu::noinline]] void run_epoll(std::vector<std::unique_ptr<connection>>& conns, long requests,
                                 const per_request& w, tally& t) {
    const int epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    long issued = 0;
    const auto issue = [&](connection& c) {
        if (issued == requests) {
            return;
        }
        ++issued;
        if (w.resign != nullptr) {
            w.resign->sign(c.request);
        }
        if (!start_write(epoll_fd, c, t)) {
            fail("SSL_write: " + openssl_error());
        }
    };
    for (auto& c : conns) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = c.get();
        if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
            fail(std::string("epoll_ctl: ") + std::strerror(errno));
        }
        issue(*c);
    }
    std::vector<epoll_event> events(conns.size());
    while (t.completed < requests) {
        const int n =
            ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), idle_timeout_ms);
        if (n == 0) {
            fail("no answer in " + std::to_string(idle_timeout_ms / 1000) + " s");
        }
        if (n < 0 && errno != EINTR) {
            fail(std::string("epoll_wait: ") + std::strerror(errno));
        }
        for (int i = 0; i < n; ++i) {
            auto& c = *static_cast<connection*>(events[static_cast<std::size_t>(i)].data.ptr);
            if (c.writing) {
                if (!start_write(epoll_fd, c, t)) {
                    fail("SSL_write: " + openssl_error());
                }
                continue;
            }
            // Read until the answer is whole or the socket is empty (level-triggered epoll
            // reports it again if something is left).
            for (;;) {
                const int got = read_some(c, t.ssl_reads);
                if (got < 0) {
                    fail("SSL_read: " + openssl_error());
                }
                if (got == 0) {
                    break;
                }
                const auto p = answer_progress(c);
                if (p == progress::error) {
                    fail("a malformed answer");
                }
                if (p == progress::done) {
                    check_answer(c, w, t);
                    issue(c);
                    break;
                }
            }
        }
    }
    ::close(epoll_fd);
}

/// perf record's control FIFOs (--perf-control): "enable" and "disable", each acknowledged.
class perf_control {
public:
    explicit perf_control(const arguments& a) {
        if (!a.perf_ctl.empty()) {
            ctl_ = ::open(a.perf_ctl.c_str(), O_WRONLY | O_CLOEXEC);
            ack_ = ::open(a.perf_ack.c_str(), O_RDONLY | O_CLOEXEC);
            if (ctl_ < 0 || ack_ < 0) {
                fail("--perf-control: cannot open the FIFOs: " + std::string(std::strerror(errno)));
            }
        }
    }
    ~perf_control() {
        if (ctl_ >= 0) {
            ::close(ctl_);
            ::close(ack_);
        }
    }
    perf_control(const perf_control&) = delete;
    perf_control& operator=(const perf_control&) = delete;
    void command(std::string_view what) {
        if (ctl_ < 0) {
            return;
        }
        char ack[16];
        if (::write(ctl_, what.data(), what.size()) != static_cast<ssize_t>(what.size()) ||
            ::read(ack_, ack, sizeof ack) <= 0) {
            fail("--perf-control: perf does not answer");
        }
    }

private:
    int ctl_ = -1;
    int ack_ = -1;
};

double seconds(const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

double cpu_seconds(const rusage& u) {
    return seconds(u.ru_utime) + seconds(u.ru_stime);
}

} // namespace

int main(int argc, char** argv) {
    const arguments a = parse_arguments(argc, argv);
    const char* key_id = std::getenv("AWS_ACCESS_KEY_ID");
    const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
    if (key_id == nullptr || secret == nullptr) {
        fail("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (glue-sim's base identity) are needed");
    }
    const auto ctx = make_context(a);
    const credentials session = assume_role(a, ctx.get(), {key_id, secret, ""});
    rusage connecting{};
    ::getrusage(RUSAGE_SELF, &connecting);

    // Every connection's handshake, then one warm-up exchange on each (TLS 1.3 session tickets,
    // first-use allocations), which also tells the answer's size.
    signer sign(a, session);
    std::vector<std::unique_ptr<connection>> conns;
    tally warm_up;
    for (int i = 0; i < a.connections; ++i) {
        conns.push_back(connect_tls(a, ctx.get()));
        sign.sign(conns.back()->request);
        const connection& c = *conns.back();
        if (!exchange_blocking(*conns.back(), warm_up.ssl_reads)) {
            fail("the warm-up exchange failed: " + openssl_error());
        }
        if (c.frame->status != 200 || c.frame->total() != conns.front()->frame->total()) {
            fail("GetConnections answered " + std::to_string(c.frame->status) + " with " +
                 std::to_string(c.frame->total()) + " bytes: " + std::string(answer_body(c)));
        }
    }
    const connection& first = *conns.front();
    const std::size_t expected_total = first.frame->total();
    const std::size_t body_bytes = first.frame->content_length;
    const std::size_t request_bytes = first.request.size();
    if (a.connections > 1) {
        for (auto& c : conns) {
            if (::fcntl(c->fd, F_SETFL, ::fcntl(c->fd, F_GETFL) | O_NONBLOCK) != 0) {
                fail(std::string("fcntl: ") + std::strerror(errno));
            }
        }
    }

    // What a connection costs before its first measured request: a full handshake (no
    // session is resumed) and the warm-up exchange.
    rusage connected{};
    ::getrusage(RUSAGE_SELF, &connected);
    const double connect_cpu_each =
        (cpu_seconds(connected) - cpu_seconds(connecting)) / static_cast<double>(a.connections);

    std::optional<page_sink> sink;
    if (!a.records_file.empty()) {
        sink.emplace(a);
    }
    const per_request work{expected_total, a.sign_every_request ? &sign : nullptr,
                           sink ? &*sink : nullptr};
    if (expected_total + page_sink::padding() > answer_buffer_bytes) {
        fail("the answer is too large for the buffer and the parser's padding");
    }
    perf_control perf(a);
    perf.command("enable\n");
    tally t;
    rusage before{};
    rusage after{};
    ::getrusage(RUSAGE_SELF, &before);
    const auto start = std::chrono::steady_clock::now();
    if (a.connections == 1) {
        run_blocking(*conns.front(), a.requests, work, t);
    } else {
        run_epoll(conns, a.requests, work, t);
    }
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    ::getrusage(RUSAGE_SELF, &after);
    perf.command("disable\n");

    const double cpu = cpu_seconds(after) - cpu_seconds(before);
    const double user = seconds(after.ru_utime) - seconds(before.ru_utime);
    const double sys = seconds(after.ru_stime) - seconds(before.ru_stime);
    const auto each = [&](double x) { return x / static_cast<double>(t.completed); };
    std::printf("{\"requests\": %ld, \"connections\": %d, \"failures\": %ld, \"valid\": %s,\n"
                " \"sign_every_request\": %s, \"read_ahead\": %s, \"tls\": \"%s %s\",\n"
                " \"request_bytes\": %zu, \"answer_bytes\": %zu, \"body_bytes\": %zu,\n"
                " \"wall_s\": %.4f, \"cpu_s\": %.4f, \"cpu_user_s\": %.4f, \"cpu_sys_s\": %.4f,\n"
                " \"cpu_us_per_request\": %.2f, \"user_us_per_request\": %.2f,"
                " \"sys_us_per_request\": %.2f,\n"
                " \"ssl_reads_per_request\": %.2f, \"ssl_writes_per_request\": %.2f,\n"
                " \"connect_cpu_ms_each\": %.3f, \"parse_and_write\": %s, \"records\": %ld}\n",
                t.completed, a.connections, t.failures, t.failures == 0 ? "true" : "false",
                a.sign_every_request ? "true" : "false", a.read_ahead ? "true" : "false",
                SSL_get_version(first.ssl.get()), SSL_get_cipher_name(first.ssl.get()),
                request_bytes, expected_total, body_bytes, wall.count(), cpu, user, sys,
                each(cpu) * 1e6, each(user) * 1e6, each(sys) * 1e6,
                each(static_cast<double>(t.ssl_reads)), each(static_cast<double>(t.ssl_writes)),
                connect_cpu_each * 1e3, sink ? "true" : "false", sink ? sink->records() : 0L);
    return t.failures == 0 ? 0 : 1;
}
