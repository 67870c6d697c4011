#include "scan_driver.hpp"

#include "command_line.hpp" // exit_interrupted
#include "failure_report.hpp"
#include "output_file.hpp"
#include "progress_text.hpp"
#include "shard.hpp"
#include "targets.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <glue_inventory/client.hpp>
#include <glue_inventory/instance_region.hpp>
#include <glue_inventory/nothrow.hpp>
#include <glue_inventory/regions.hpp> // is_known_region
#include <glue_inventory/scan.hpp>
#include <iostream>

namespace glue_cli {
namespace {

namespace asio = boost::asio;
namespace gi = glue_inventory;
using clock_type = std::chrono::steady_clock;
using glue_inventory::nothrow;

/// Clears the progress line: carriage return, erase to the end of the line.
constexpr std::string_view clear_line = "\r\033[K";

progress_numbers numbers_of(const gi::scan_progress& p) {
    progress_numbers n;
    n.targets_total = p.targets_total;
    n.targets_complete = p.targets_complete;
    n.targets_failed = p.targets_failed;
    n.pages = p.pages;
    n.records = p.records;
    n.requests = p.client.requests;
    n.retries = p.client.retries;
    n.throttles = p.client.throttles;
    return n;
}

/// A request that failed before the scan, as one line naming what was asked.
std::string request_failure(std::string_view what, const boost::system::error_code& ec,
                            const gi::diagnostics& diag) {
    std::string line = "glue-inventory: " + std::string(what) + " failed: ";
    if (!diag.aws_error_code.empty()) {
        line += diag.aws_error_code + ": ";
    }
    // The server's words, which may hold line breaks or terminal escapes, as one plain line.
    append_one_line(diag.message.empty() ? ec.message() : diag.message, line);
    if (diag.http_status != 0) {
        line += " (HTTP " + std::to_string(diag.http_status) + ")";
    }
    return line;
}

class driver {
public:
    driver(const scan_setup& setup, gi::client& c, scan_consumer& consumer)
        : setup_(setup), client_(c), consumer_(consumer) {}

    asio::awaitable<int> run() {
        if (!consumer_.open() || !open_errors()) {
            co_return exit_usage;
        }
        if (!co_await resolve_base_identity()) {
            co_return exit_usage;
        }
        std::vector<std::string> accounts;
        if (!co_await resolve_accounts(accounts)) {
            co_return exit_usage;
        }
        if (setup_.shard) {
            // Every shard lists the same accounts (--accounts, @FILE, --org) and keeps its own.
            const auto all = accounts.size();
            accounts = accounts_of_shard(accounts, *setup_.shard);
            shard_line_ = shard_text(*setup_.shard, accounts.size(), all);
        }
        auto targets = build_targets(accounts, setup_.regions, setup_.catalog_ids);
        gi::scan_options options;
        options.concurrency = setup_.concurrency;
        options.request = setup_.request;
        gi::scan_stream stream(client_, std::move(targets), options);
        started_ = clock_type::now();

        // Ctrl-C or SIGTERM stops the scan, not the process: what was received is already
        // written, the consumer's outputs get closed and the summary printed.
        bool interrupted = false;
        asio::signal_set signals(client_.get_executor(), SIGINT, SIGTERM);
        signals.async_wait([&](boost::system::error_code ec, int) {
            if (!ec) {
                interrupted = true;
                stream.cancel();
            }
        });

        // The pages loop, the flusher and the progress line run as one group: the pages loop
        // ending cancels the other two, and the group completes only when all three have
        // returned, so nothing of the scan resumes after this function has returned.
        consumer_.begin();
        scan_totals totals;
        using task =
            decltype(asio::co_spawn(client_.get_executor(), flush_periodically(), asio::deferred));
        std::vector<task> tasks;
        tasks.push_back(
            asio::co_spawn(client_.get_executor(), consume_pages(stream, totals), asio::deferred));
        tasks.push_back(
            asio::co_spawn(client_.get_executor(), flush_periodically(), asio::deferred));
        if (setup_.show_progress) {
            tasks.push_back(
                asio::co_spawn(client_.get_executor(), show_progress(stream), asio::deferred));
        }
        auto group = asio::experimental::make_parallel_group(std::move(tasks));
        const asio::experimental::wait_for_one first_done;
        // Named, not a structured binding on co_await (GCC 12 coroutine bugs).
        std::tuple<std::vector<std::size_t>, std::vector<std::exception_ptr>> ended =
            co_await group.async_wait(first_done, asio::use_awaitable);
        for (const auto& ep : std::get<1>(ended)) {
            if (ep) {
                std::rethrow_exception(ep); // drive_scan reports it
            }
        }
        const auto p = stream.progress();
        totals.targets_total = p.targets_total;
        totals.targets_failed = totals.failed.size();
        totals.interrupted = interrupted;
        if (setup_.show_progress) {
            std::string clear(clear_line); // what the consumer prints goes on a clean line
            stderr_.flush(clear);
        }
        consumer_.end(totals);
        // Idle pooled connections would otherwise keep the io_context running until their TTL.
        client_.shutdown();
        signals.cancel();

        if (!shard_line_.empty()) { // the summary's first line: which share this process ran
            std::string line = "glue-inventory: " + shard_line_ + "\n";
            stderr_.flush(line);
        }
        std::string tail = summary_line(numbers_of(p), clock_type::now() - started_);
        if (auto line = base_identity_line(accounts); !line.empty()) {
            tail += line + "\n";
        }
        if (interrupted) {
            tail += "glue-inventory: interrupted: " +
                    std::to_string(p.targets_total - p.targets_complete - p.targets_failed) +
                    " target(s) not finished; the records received are written\n";
        }
        consumer_.summary(tail);
        stderr_.flush(tail);

        for (const auto& e : {consumer_.error(), errors_.error()}) {
            if (!e.empty()) {
                std::string line = "glue-inventory: " + e + "\n";
                stderr_.flush(line);
                co_return exit_usage;
            }
        }
        if (interrupted) {
            co_return exit_interrupted;
        }
        co_return totals.failed.empty() ? exit_clean : exit_incomplete;
    }

private:
    bool open_errors() {
        if (!setup_.errors_file) {
            return true;
        }
        std::string error;
        std::string warning; // only files that may hold secrets are checked
        // Failure lines never quote a secret (error bodies are redacted, see aws_error).
        errors_ = output_file::create(*setup_.errors_file, file_secrecy::none, error, warning);
        if (!errors_.is_open()) {
            print_error(std::string("glue-inventory: --errors: ") + error);
            return false;
        }
        return true;
    }

    // The base identity before any account or target: credentials that cannot be had (no
    // source, an IMDS that does not answer, an expired SSO token) are a configuration error,
    // exit 1 with nothing scanned, not a failure of every target.
    asio::awaitable<bool> resolve_base_identity() {
        if (setup_.verbose) {
            print_error("glue-inventory: credentials: " + gi::credential_source(setup_.client));
        }
        gi::diagnostics diag;
        std::tuple<boost::system::error_code, gi::base_identity_info> result =
            co_await client_.async_resolve_base_identity(diag, nothrow);
        if (std::get<0>(result)) {
            print_error("glue-inventory: credentials cannot be resolved: " + diag.message);
            co_return false;
        }
        if (setup_.verbose) {
            print_error(base_identity_line({}));
        }
        co_return true;
    }

    // "glue-inventory: base identity from EC2 instance metadata, account 111122223333": the
    // account as the source said it, else GetCallerIdentity's when the scan asked it.
    std::string base_identity_line(const std::vector<std::string>& accounts) const {
        const auto identity = client_.base_identity();
        if (identity.source.empty()) {
            return {};
        }
        std::string line = "glue-inventory: base identity from " + identity.source;
        if (identity.account_id) {
            line += ", account " + *identity.account_id;
        } else if (setup_.accounts_from == scan_setup::account_source::caller &&
                   accounts.size() == 1) {
            line += ", account " + accounts.front();
        }
        return line;
    }

    asio::awaitable<bool> resolve_accounts(std::vector<std::string>& accounts) {
        gi::diagnostics diag;
        switch (setup_.accounts_from) {
        case scan_setup::account_source::listed:
            accounts = setup_.accounts;
            co_return true;
        case scan_setup::account_source::caller: {
            std::tuple<boost::system::error_code, std::string> result =
                co_await client_.async_get_caller_account(diag, nothrow);
            if (const auto& ec = std::get<0>(result)) {
                print_error(request_failure("GetCallerIdentity (the default account)", ec, diag));
                co_return false;
            }
            accounts.push_back(std::move(std::get<1>(result)));
            co_return true;
        }
        case scan_setup::account_source::organization: {
            std::tuple<boost::system::error_code, std::vector<gi::organization_account>> result =
                co_await client_.async_list_accounts(diag, nothrow);
            auto& all = std::get<1>(result);
            if (const auto& ec = std::get<0>(result)) {
                print_error(request_failure("--org: Organizations ListAccounts", ec, diag));
                co_return false;
            }
            std::string skipped;
            std::size_t skipped_count = 0;
            for (auto& a : all) {
                if (a.status == "ACTIVE") {
                    accounts.push_back(std::move(a.id));
                } else {
                    skipped += (skipped_count++ == 0 ? "" : ", ") + a.id + " " + a.status;
                }
            }
            if (skipped_count > 0) {
                print_error("glue-inventory: --org: skipped " + std::to_string(skipped_count) +
                            " account(s) that are not ACTIVE: " + skipped);
            }
            co_return true;
        }
        }
        co_return false;
    }

    void report_failure(const gi::scan_event& ev) {
        target_failure f{ev.target, ev.error, ev.diag, ev.pages};
        std::string line;
        if (errors_.is_open()) {
            write_failure_ndjson(f, line);
            errors_.flush(line);
            return;
        }
        if (setup_.show_progress) {
            line += clear_line;
        }
        write_failure_text(f, line);
        stderr_.flush(line);
    }

    // Takes the scan's events until `end` (or an error: the scan was cancelled).
    asio::awaitable<void> consume_pages(gi::scan_stream& stream, scan_totals& totals) {
        // Every event is read into this one: not moved through the completion's tuple and the
        // coroutine's result (a page of one record costs less to write than those moves).
        gi::scan_event ev;
        for (;;) {
            // Never a structured binding of co_await itself (GCC 12 coroutine bugs).
            std::tuple<boost::system::error_code> result = co_await stream.async_next(ev, nothrow);
            const auto& ec = std::get<0>(result);
            if (ec || ev.type == gi::scan_event::kind::end) {
                break;
            }
            if (ev.type == gi::scan_event::kind::page) {
                consumer_.page(ev.target, ev.connections);
            } else if (ev.type == gi::scan_event::kind::target_complete) {
                consumer_.target_done(ev.target, true, {}, {});
            } else if (ev.type == gi::scan_event::kind::target_failed) {
                totals.failed.push_back(ev.target);
                report_failure(ev);
                consumer_.target_done(ev.target, false,
                                      ev.diag.aws_error_code.empty() ? ev.error.message()
                                                                     : ev.diag.aws_error_code,
                                      ev.diag.message);
            }
        }
    }

    // True once the group has cancelled this coroutine. A cancellation that arrives while it is
    // not waiting reaches no timer, so each loop looks here before it waits again.
    static asio::awaitable<bool> cancelled() {
        const asio::cancellation_state state = co_await asio::this_coro::cancellation_state;
        co_return state.cancelled() != asio::cancellation_type::none;
    }

    // Lets the consumer write what it has buffered at least every output_max_lag. Runs on the
    // same executor as the pages loop, so a buffer is never touched by both at once. Ends when
    // the group cancels it (the pages loop is done).
    asio::awaitable<void> flush_periodically() {
        co_await asio::this_coro::throw_if_cancelled(false);
        asio::steady_timer timer(client_.get_executor());
        while (!co_await cancelled()) {
            timer.expires_after(output_max_lag);
            std::tuple<boost::system::error_code> waited = co_await timer.async_wait(nothrow);
            if (std::get<0>(waited)) {
                break;
            }
            consumer_.flush();
        }
    }

    // The progress line, redrawn progress_updates_per_second times a second, until the group
    // cancels it (the pages loop is done).
    asio::awaitable<void> show_progress(gi::scan_stream& stream) {
        co_await asio::this_coro::throw_if_cancelled(false);
        constexpr auto period = std::chrono::milliseconds(1000 / progress_updates_per_second);
        asio::steady_timer timer(client_.get_executor());
        while (!co_await cancelled()) {
            std::string line(clear_line);
            if (!shard_line_.empty()) {
                line += shard_line_ + "  ";
            }
            line += progress_line(numbers_of(stream.progress()), clock_type::now() - started_);
            stderr_.flush(line);
            timer.expires_after(period);
            std::tuple<boost::system::error_code> waited = co_await timer.async_wait(nothrow);
            if (std::get<0>(waited)) {
                break;
            }
        }
    }

    void print_error(std::string line) {
        line += '\n';
        stderr_.flush(line);
    }

    const scan_setup& setup_;
    gi::client& client_;
    scan_consumer& consumer_;
    output_file errors_;
    output_file stderr_ = output_file::standard(2);
    clock_type::time_point started_ = clock_type::now();
    std::string shard_line_; // "shard 1/4: 12 accounts of 50" with --shard, else empty
};

} // namespace

namespace {

// With no region configured, the instance's (IMDS), as the Rust and Java SDKs find it: the
// scan's one region and the client's home region. False (printed) when IMDS has none.
bool ask_instance_region(asio::io_context& io, scan_setup& setup) {
    gi::diagnostics diag;
    boost::system::error_code ec;
    std::string region;
    gi::async_instance_region(io.get_executor(), setup.client, diag,
                              [&](boost::system::error_code e, std::string r) {
                                  ec = e;
                                  region = std::move(r);
                              });
    io.run();
    io.restart();
    if (!ec && !gi::is_known_region(region)) {
        diag.message = "'" + region + "' is not a known AWS region";
        ec = gi::errc::invalid_response;
    }
    if (ec) {
        std::cerr << "glue-inventory: --regions: no region given and none configured (set "
                     "AWS_REGION or AWS_DEFAULT_REGION, a region in the profile, or --regions / "
                     "--all-regions), and EC2 instance metadata gave none: "
                  << diag.message << "\n";
        return false;
    }
    setup.regions = {region};
    setup.client.home_region = region;
    return true;
}

} // namespace

/// The CLI's io_context runs on one thread (this one), and so does everything that touches its
/// reactor (sockets, timers, the signal set): the scan, the client, the consumer loop. Only
/// Asio's resolver works elsewhere (getaddrinfo on a private thread, which never touches the
/// reactor) and posts its completions back to the scheduler, as cancel() and async_stop() from
/// another thread would: so the scheduler keeps its lock (BOOST_ASIO_CONCURRENCY_HINT_UNSAFE
/// would make every async_resolve fail), and the reactor's locks are off: the per-descriptor lock
/// taken at every start and completion of a socket operation, and the registration lock taken
/// for timers and descriptors (~4 of the ~14 mutex lock/unlock pairs of a W5 request). Like hint
/// 1, it also lets the scheduler queue what this thread posts to itself without waking a thread.
/// An embedder that runs the library on several threads picks its own hint: this is the CLI's.
constexpr int cli_concurrency_hint = static_cast<int>(
    BOOST_ASIO_CONCURRENCY_HINT_ID | BOOST_ASIO_CONCURRENCY_HINT_LOCKING_SCHEDULER);

int drive_scan(const scan_setup& given, scan_consumer& consumer) {
    asio::io_context io{cli_concurrency_hint};
    scan_setup with_region;
    if (given.region_from_instance_metadata) {
        with_region = given;
        if (!ask_instance_region(io, with_region)) {
            return exit_usage;
        }
    }
    const scan_setup& setup = given.region_from_instance_metadata ? with_region : given;
    std::optional<gi::client> c;
    try {
        c.emplace(io.get_executor(), setup.client);
    } catch (const std::exception& e) {
        std::cerr << "glue-inventory: " << e.what() << "\n";
        return exit_usage;
    }
    driver d(setup, *c, consumer);
    int status = exit_usage;
    asio::co_spawn(io, d.run(), [&](const std::exception_ptr& ep, int code) {
        if (ep) {
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                std::cerr << "glue-inventory: " << e.what() << "\n";
            }
            status = exit_usage;
            return;
        }
        status = code;
    });
    io.run();
    return status;
}

} // namespace glue_cli
