// glue-soak: one long-running process that scans again and again with one client, as a service
// embedding the library does (issue 13's soak). Memory or descriptors that a scan leaves behind
// (connections, TLS sessions, cached credentials, limiter state, coroutine frames) accumulate
// here scan after scan, where a CLI run per scan would hide them by exiting. bench/soak/soak.sh
// runs it against glue-sim and samples its RSS and descriptors from /proc.
//
//   glue-soak SECONDS ACCOUNT[,ACCOUNT...] REGION[,REGION...] [ROLE_NAME]
//
// Identity, endpoint and trust come from the standard AWS variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, AWS_CA_BUNDLE, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE).
// One line per scan on stdout: its number, seconds since the start, records, complete and
// failed targets (with their causes), and its duration. Exit status 0 when every scan ended
// (failed targets are expected with injected faults), 1 on bad usage, 2 when a scan did not end.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <glue_inventory/client.hpp>
#include <glue_inventory/scan.hpp>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace gi = glue_inventory;
using clock_type = std::chrono::steady_clock;

namespace {

/// Requests in flight per scan: a service's moderate setting, so that throttling and faults
/// meet retries (the scan's default of 256 would keep all targets in flight at once).
constexpr std::size_t soak_concurrency = 32;

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

struct scan_totals {
    std::uint64_t records = 0;
    std::uint64_t complete = 0;
    std::uint64_t failed = 0;
    std::map<std::string, std::uint64_t> failed_by_cause; // AWS error code, else the client's
    bool ended = false;
};

asio::awaitable<void> consume(gi::scan_stream& stream, scan_totals& totals) {
    for (;;) {
        auto next = co_await stream.async_next(asio::as_tuple(asio::use_awaitable));
        auto& [ec, event] = next;
        if (ec) {
            std::cerr << "glue-soak: scan stopped: " << ec.message() << "\n";
            co_return;
        }
        switch (event.type) {
        case gi::scan_event::kind::page:
            totals.records += event.connections.size();
            break;
        case gi::scan_event::kind::target_complete:
            ++totals.complete;
            break;
        case gi::scan_event::kind::target_failed:
            ++totals.failed;
            ++totals.failed_by_cause[event.diag.aws_error_code.empty() ? event.error.message()
                                                                       : event.diag.aws_error_code];
            break;
        case gi::scan_event::kind::end:
            totals.ended = true;
            co_return;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: glue-soak SECONDS ACCOUNT[,ACCOUNT...] REGION[,REGION...] "
                     "[ROLE_NAME]\n";
        return 1;
    }
    const auto duration = std::chrono::seconds(std::stoll(argv[1]));
    gi::client_options options;
    if (auto error = gi::apply_environment(options, gi::process_environment()); !error.empty()) {
        std::cerr << "glue-soak: " << error << "\n";
        return 1;
    }
    if (argc > 4) {
        options.identity.role_name = argv[4];
    }
    std::vector<gi::target> targets;
    for (const auto& account : split(argv[2])) {
        for (const auto& region : split(argv[3])) {
            targets.push_back({account, region, std::nullopt});
        }
    }

    asio::io_context io; // the service's event loop, for the whole run
    gi::client client(io.get_executor(), options);
    const auto start = clock_type::now();
    for (std::uint64_t n = 1; clock_type::now() - start < duration; ++n) {
        gi::scan_options scan_options;
        scan_options.concurrency = soak_concurrency;
        gi::scan_stream stream(client, targets, scan_options);
        scan_totals totals;
        const auto scan_start = clock_type::now();
        asio::co_spawn(io, consume(stream, totals), [](const std::exception_ptr& e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
        io.restart();
        io.run(); // until this scan's consumer returned and the stream has nothing pending
        const auto seconds = [](clock_type::duration d) {
            return std::chrono::duration<double>(d).count();
        };
        std::string causes;
        for (const auto& [cause, count] : totals.failed_by_cause) {
            causes += (causes.empty() ? " (" : ", ") + cause + ": " + std::to_string(count);
        }
        if (!causes.empty()) {
            causes += ")";
        }
        std::printf("scan %llu at %.0f s: %llu records, %llu complete, %llu failed%s, %.1f s\n",
                    static_cast<unsigned long long>(n), seconds(clock_type::now() - start),
                    static_cast<unsigned long long>(totals.records),
                    static_cast<unsigned long long>(totals.complete),
                    static_cast<unsigned long long>(totals.failed), causes.c_str(),
                    seconds(clock_type::now() - scan_start));
        std::fflush(stdout);
        if (!totals.ended) {
            std::cerr << "glue-soak: scan " << n << " did not end\n";
            return 2;
        }
    }
    return 0;
}
