// glue-sim: a local HTTPS simulator of AWS Glue GetConnections, STS and Organizations.
// See organisation.hpp (data, catalogs, fixture format), simulator.hpp (protocol behaviour)
// and server.hpp (I/O, timeouts, faults).
#include "credential_endpoints.hpp"
#include "federation_service.hpp"
#include "metadata_server.hpp"
#include "protocol/json_string.hpp"
#include "server.hpp"
#include "sim_crypto.hpp"
#include "tls_material.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>

namespace {

namespace asio = boost::asio;
using glue_inventory::protocol::write_json_string;

// Writes `text` to `path` through a temporary file and a rename: a reader never sees half.
// The temporary file is made anew (a stale one from a killed run would keep its own mode) with
// `mode` from the start: ready.json holds the simulator's secret key, so it is 0600.
void write_atomically(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    const auto tmp = path.string() + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        throw std::runtime_error("cannot create " + tmp + ": " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + tmp + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    std::filesystem::rename(tmp, path);
}

std::string json_string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += ", ";
        }
        write_json_string(items[i], out);
    }
    return out + "]";
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto item = text.substr(start, comma - start);
        if (!item.empty()) {
            out.push_back(item);
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

/// The command line.
struct sim_arguments {
    std::string state_dir;
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::size_t accounts = 10;
    std::string fixture;
    std::string regions = "us-east-1,eu-west-1";
    std::size_t per_target = 20;
    std::uint64_t seed = 1;
    std::size_t catalogs = 1;
    std::size_t max_page = 0;
    std::string role_name;
    std::string external_id;
    long long credentials_ttl = 3600;
    long long latency_ms = 0;
    long long jitter_ms = 0;
    double throttle_rps = 0;
    double throttle_burst = 0;
    double fault_rate = 0;
    std::string faults = "500,503,drop,truncate,slow";
    std::size_t threads = std::max(1U, std::thread::hardware_concurrency());
    bool chunked = false;
    long long clock_skew = 0;
    std::string hostile = "none";
};

void add_options(CLI::App& app, sim_arguments& a) {
    app.add_option(
           "--state-dir", a.state_dir,
           "Directory for ca.pem, server-key (both reused when present), ready.json, stats.json")
        ->required();
    app.add_option("--host", a.host, "Address to listen on");
    app.add_option("--port", a.port, "Port to listen on (0: ephemeral)");
    auto* accounts_opt = app.add_option("--accounts", a.accounts, "Generated accounts (ACTIVE)");
    app.add_option("--fixture", a.fixture, "Serve the organisation in this JSON file")
        ->excludes(accounts_opt);
    app.add_option("--regions", a.regions, "Regions, comma separated (generated data)");
    app.add_option("--connections-per-target", a.per_target,
                   "Mean connections per (catalog, region)");
    app.add_option("--seed", a.seed,
                   "Seed of the generated organisation and of the fault sequence");
    app.add_option("--catalogs-per-account", a.catalogs,
                   "Catalogs per account: the default one plus N-1 named <account>:catalog-<k>")
        ->check(CLI::Range(1, 1000));
    app.add_option("--max-page", a.max_page, "Cap on GetConnections page size (0: none)");
    app.add_option("--role-name", a.role_name, "The only role name AssumeRole accepts");
    app.add_option("--external-id", a.external_id, "The ExternalId AssumeRole requires");
    app.add_option("--credentials-ttl", a.credentials_ttl, "Lifetime of temporary credentials, s")
        ->check(CLI::Range(1LL, 43200LL));
    app.add_option("--latency-ms", a.latency_ms, "Added to every answer")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--jitter-ms", a.jitter_ms, "Uniform extra latency in [0, J]")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--throttle-rps", a.throttle_rps,
                   "GetConnections per second per account+region "
                   "(0: no throttling)");
    app.add_option("--throttle-burst", a.throttle_burst,
                   "Token bucket size (default: max(1, rps))");
    app.add_option("--fault-rate", a.fault_rate, "Probability of a fault per GetConnections")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--faults", a.faults,
                   "Fault kinds: 500,503,drop,truncate,slow (the default), 403-xml,502-html");
    app.add_option("--threads", a.threads, "Server threads")->check(CLI::Range(1, 256));
    app.add_flag("--chunked", a.chunked,
                 "Answer with Transfer-Encoding: chunked instead of a Content-Length");
    app.add_option("--clock-skew", a.clock_skew,
                   "Seconds added to this machine's clock (negative: behind), to test clients "
                   "whose clock is off")
        ->check(CLI::Range(-86400LL, 86400LL));
    app.add_option("--hostile", a.hostile,
                   "Misbehave on every connection, to test a client's deadlines: no-handshake "
                   "(TCP only, silent), no-answer (reads the request, never answers), trickle "
                   "(answers one byte a second), endless-headers (header lines without end)");
}

/// Bytes of the server key (page tokens, temporary credentials).
constexpr std::size_t server_key_bytes = 32;

// The key that signs page tokens and temporary credentials, kept in DIR/server-key (0600) and
// reused when present, like the CA: a glue-sim restarted on the same state directory (and port)
// is the same service to its clients, whose NextTokens and session credentials stay valid, as
// AWS's do across a server's restart (the test of a server that dies mid-scan needs this).
std::string server_key(const std::filesystem::path& dir) {
    const auto path = dir / "server-key";
    if (std::filesystem::exists(path)) {
        std::ifstream in(path, std::ios::binary);
        std::string key(server_key_bytes, '\0');
        in.read(key.data(), static_cast<std::streamsize>(key.size()));
        if (in.gcount() == static_cast<std::streamsize>(key.size())) {
            return key;
        }
    }
    auto key = glue_sim::random_bytes(server_key_bytes);
    write_atomically(path, key, 0600);
    return key;
}

/// --faults as kinds; nullopt (and a line on stderr) for a name glue-sim does not know.
std::optional<std::vector<glue_sim::fault_kind>> parse_fault_kinds(const std::string& faults) {
    std::vector<glue_sim::fault_kind> fault_kinds;
    for (const auto& name : split_list(faults)) {
        const auto kind = glue_sim::parse_fault(name);
        if (!kind) {
            std::cerr << "glue-sim: unknown fault kind '" << name
                      << "' (known: 500,503,drop,truncate,slow)\n";
            return std::nullopt;
        }
        fault_kinds.push_back(*kind);
    }
    return fault_kinds;
}

/// The organisation served: the --fixture file, or one generated from --seed.
glue_sim::organisation load_organisation(const sim_arguments& a) {
    glue_sim::generator_options gen;
    gen.seed = a.seed;
    gen.accounts = a.accounts;
    gen.regions = split_list(a.regions);
    gen.connections_per_target = a.per_target;
    gen.catalogs_per_account = a.catalogs;
    return a.fixture.empty() ? glue_sim::organisation::generated(gen)
                             : glue_sim::organisation::from_fixture(a.fixture);
}

glue_sim::simulator_options make_simulator_options(const sim_arguments& a,
                                                   std::vector<glue_sim::fault_kind> fault_kinds) {
    glue_sim::simulator_options sim_options;
    // The base identity is deterministic from the seed, like the rest of the organisation.
    const auto identity = glue_sim::hmac_sha256("glue-sim base identity", std::to_string(a.seed));
    const std::string identity_bytes(reinterpret_cast<const char*>(identity.data()),
                                     identity.size());
    sim_options.access_key_id = "AKIA";
    for (std::size_t i = 0; i < 16; ++i) {
        sim_options.access_key_id.push_back(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[static_cast<std::uint8_t>(identity_bytes[i]) % 32U]);
    }
    sim_options.secret_access_key = glue_sim::base64url_encode(identity_bytes.substr(0, 30));
    sim_options.role_name = a.role_name;
    sim_options.external_id = a.external_id;
    sim_options.credentials_ttl = std::chrono::seconds(a.credentials_ttl);
    sim_options.max_page = a.max_page;
    sim_options.throttle_rps = a.throttle_rps;
    sim_options.throttle_burst =
        a.throttle_burst > 0 ? a.throttle_burst : std::max(1.0, a.throttle_rps);
    sim_options.fault_rate = a.fault_rate;
    sim_options.faults = std::move(fault_kinds);
    sim_options.fault_seed = a.seed;
    return sim_options;
}

/// TLS 1.2 and later, with glue-sim's own certificate chain.
void configure_tls(asio::ssl::context& tls, const glue_sim::tls_material& material) {
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                    asio::ssl::context::no_tlsv1_1);
    tls.use_certificate_chain(asio::buffer(material.cert_chain_pem));
    tls.use_private_key(asio::buffer(material.private_key_pem), asio::ssl::context::pem);
}

glue_sim::server_options make_server_options(const sim_arguments& a) {
    glue_sim::server_options server_options;
    server_options.host = a.host;
    server_options.port = a.port;
    server_options.latency = std::chrono::milliseconds(a.latency_ms);
    server_options.jitter = std::chrono::milliseconds(a.jitter_ms);
    server_options.chunked = a.chunked;
    server_options.clock_skew = std::chrono::seconds(a.clock_skew);
    // Checked in main before the server is made.
    server_options.hostile =
        glue_sim::parse_hostile_mode(a.hostile).value_or(server_options.hostile);
    return server_options;
}

/// Instance metadata and container credentials: a fresh container token, the first region.
glue_sim::credential_endpoint_options make_credential_options(const glue_sim::simulator& sim) {
    glue_sim::credential_endpoint_options credential_options;
    credential_options.container_token =
        "sim-container-" + glue_sim::hex(glue_sim::random_bytes(12));
    if (!sim.org().regions().empty()) {
        credential_options.region = sim.org().regions().front();
    }
    return credential_options;
}

/// What a client needs to reach the servers: ready.json's members up to the federation ones.
std::string ready_servers_json(const sim_arguments& a, glue_sim::simulator& sim,
                               const glue_sim::simulator_options& sim_options,
                               const glue_sim::tls_material& material, unsigned short port,
                               unsigned short metadata_port,
                               const glue_sim::credential_endpoint_options& credential_options) {
    std::vector<std::string> active;
    for (const auto& account : sim.org().accounts()) {
        if (account.status == "ACTIVE") {
            active.push_back(account.id);
        }
    }
    const std::string endpoint = "https://127.0.0.1:" + std::to_string(port);
    std::string ready = "{\n  \"port\": " + std::to_string(port);
    ready += ",\n  \"endpoint_url\": ";
    write_json_string(endpoint, ready);
    ready += ",\n  \"ca_bundle\": ";
    write_json_string(material.ca_pem_path, ready);
    ready += ",\n  \"access_key_id\": ";
    write_json_string(sim_options.access_key_id, ready);
    ready += ",\n  \"secret_access_key\": ";
    write_json_string(sim_options.secret_access_key, ready);
    ready += ",\n  \"accounts\": " + json_string_list(active);
    ready += ",\n  \"regions\": " + json_string_list(sim.org().regions());
    ready += ",\n  \"management_account\": ";
    write_json_string(sim.org().management_account(), ready);
    ready += ",\n  \"role_name\": ";
    write_json_string(a.role_name, ready);
    ready += ",\n  \"external_id\": ";
    write_json_string(a.external_id, ready);
    ready += ",\n  \"catalogs_per_account\": " + std::to_string(a.catalogs);
    const std::string metadata_url = "http://127.0.0.1:" + std::to_string(metadata_port);
    ready += ",\n  \"metadata_endpoint\": ";
    write_json_string(metadata_url, ready);
    ready += ",\n  \"container_credentials_uri\": ";
    write_json_string(metadata_url + "/container/credentials", ready);
    ready += ",\n  \"container_authorization_token\": ";
    write_json_string(credential_options.container_token, ready);
    ready += ",\n  \"instance_role_name\": ";
    write_json_string(credential_options.role_name, ready);
    return ready;
}

/// Appends ready.json's federation members (and writes the web identity token file they name).
void append_federation_json(const std::string& state_dir, glue_sim::simulator& sim,
                            std::string& ready) {
    // Web identity: a token signed with glue-sim's key, in a file as EKS projects it.
    auto& federation = sim.federation();
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto token_path = std::filesystem::path(state_dir) / "web-identity-token";
    write_atomically(token_path, federation.mint_web_identity_token(now, std::chrono::hours{1}),
                     0600);
    ready += ",\n  \"web_identity_token_file\": ";
    write_json_string(token_path.string(), ready);
    ready += ",\n  \"web_identity_role_arn\": ";
    write_json_string("arn:aws:iam::" + sim.org().management_account() + ":role/GlueSimWebIdentity",
                      ready);
    // SSO: what `aws sso login` would have put in the token cache.
    const auto grant = federation.grant(now);
    ready += ",\n  \"sso_account_id\": ";
    write_json_string(federation.options().account, ready);
    ready += ",\n  \"sso_role_name\": ";
    write_json_string(federation.options().sso_role_name, ready);
    ready += ",\n  \"sso_client_id\": ";
    write_json_string(federation.options().client_id, ready);
    ready += ",\n  \"sso_client_secret\": ";
    write_json_string(grant.client_secret, ready);
    ready += ",\n  \"sso_access_token\": ";
    write_json_string(grant.access_token, ready);
    ready += ",\n  \"sso_refresh_token\": ";
    write_json_string(grant.refresh_token, ready);
}

/// Runs `io` on `threads` threads (this one included) until it stops.
void run_threads(asio::io_context& io, std::size_t threads) {
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < threads; ++i) {
        pool.emplace_back([&io] { io.run(); });
    }
    io.run();
    for (auto& t : pool) {
        t.join();
    }
}

/// stats.json: the simulator's counts; the credential endpoints' calls join them as one more
/// member.
void write_stats(const std::filesystem::path& dir, glue_sim::simulator& sim,
                 const glue_sim::credential_endpoints& credential_sources) {
    std::string stats = sim.stats().to_json();
    stats.insert(stats.rfind('}'), ",  \"credential_sources\": " + credential_sources.stats_json() +
                                       ",\n  \"federation\": " + sim.federation().stats_json() +
                                       "\n");
    write_atomically(dir / "stats.json", stats, 0666);
}

} // namespace

int main(int argc, char** argv) {
    // Stop with the parent (a test runner that crashed must not leave servers behind).
    const pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) {
        return 0;
    }

    CLI::App app{"glue-sim: local HTTPS simulator of AWS Glue GetConnections, STS and "
                 "Organizations"};
    sim_arguments args;
    add_options(app, args);
    CLI11_PARSE(app, argc, argv);

    try {
        auto fault_kinds = parse_fault_kinds(args.faults);
        if (!fault_kinds) {
            return 1;
        }
        if (!glue_sim::parse_hostile_mode(args.hostile)) {
            std::cerr << "glue-sim: unknown --hostile mode '" << args.hostile
                      << "' (known: none, no-handshake, no-answer, trickle, endless-headers)\n";
            return 1;
        }
        std::filesystem::create_directories(args.state_dir);
        auto org = load_organisation(args);
        const auto sim_options = make_simulator_options(args, std::move(*fault_kinds));
        glue_sim::simulator sim(std::move(org), sim_options, server_key(args.state_dir));

        const auto material = glue_sim::make_tls_material(args.state_dir);
        asio::ssl::context tls(asio::ssl::context::tls_server);
        configure_tls(tls, material);

        asio::io_context io(static_cast<int>(args.threads));
        glue_sim::server srv(io, tls, sim, make_server_options(args));
        srv.listen();
        srv.start();

        // Instance metadata and container credentials, plain HTTP beside the HTTPS listener.
        const auto credential_options = make_credential_options(sim);
        glue_sim::credential_endpoints credential_sources(sim, credential_options);
        glue_sim::metadata_server metadata(io, credential_sources, args.host);
        metadata.listen();
        metadata.start();

        asio::signal_set signals(io, SIGTERM, SIGINT);
        signals.async_wait([&](const boost::system::error_code&, int) {
            srv.stop();
            metadata.stop();
            io.stop();
        });

        std::string ready = ready_servers_json(args, sim, sim_options, material, srv.port(),
                                               metadata.port(), credential_options);
        append_federation_json(args.state_dir, sim, ready);
        ready += ",\n  \"pid\": " + std::to_string(getpid()) + "\n}\n";
        const std::filesystem::path dir(args.state_dir);
        std::filesystem::remove(dir / "stats.json");
        write_atomically(dir / "ready.json", ready, 0600);

        run_threads(io, args.threads);
        write_stats(dir, sim, credential_sources);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "glue-sim: " << e.what() << "\n";
        return 1;
    }
}
