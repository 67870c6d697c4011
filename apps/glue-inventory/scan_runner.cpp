#include "scan_runner.hpp"

#include "failure_report.hpp"
#include "output_file.hpp"
#include "progress_text.hpp"
#include "record_writer.hpp"
#include "targets.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <glue_inventory/client.hpp>
#include <glue_inventory/scan.hpp>
#include <iostream>

namespace glue_cli {
namespace {

namespace asio = boost::asio;
namespace gi = glue_inventory;
using clock_type = std::chrono::steady_clock;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

/// The exit status of a scan stopped by SIGINT or SIGTERM: 128 + SIGINT, as shells expect.
constexpr int exit_interrupted = 130;

/// Clears the progress line: carriage return, erase to the end of the line.
constexpr std::string_view clear_line = "\r\033[K";

/// Records are written (whole lines, one write()) once this many bytes wait: a fast scan makes a
/// few large writes instead of one per page...
constexpr std::size_t output_batch_bytes = 256 * 1024;
/// ...and whatever waits is written at least this often, so that a file read as it grows (or
/// a terminal) lags the scan by no more.
constexpr auto output_max_lag = std::chrono::milliseconds(100);

std::unique_ptr<record_writer> make_writer(output_format f) {
    switch (f) {
    case output_format::ndjson:
        return make_ndjson_writer();
    case output_format::json:
        return make_json_writer();
    case output_format::csv:
        return make_csv_writer();
    case output_format::table:
        return make_table_writer();
    }
    return make_ndjson_writer();
}

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

class runner {
public:
    runner(const scan_setup& setup, gi::client& c) : setup_(setup), client_(c) {}

    asio::awaitable<int> run() {
        if (!open_outputs()) {
            co_return 1;
        }
        std::vector<std::string> accounts;
        if (!co_await resolve_accounts(accounts)) {
            co_return 1;
        }
        auto targets = build_targets(accounts, setup_.regions, setup_.catalog_ids);
        gi::scan_options options;
        options.concurrency = setup_.concurrency;
        options.request = setup_.request;
        gi::scan_stream stream(client_, std::move(targets), options);
        started_ = clock_type::now();

        // Ctrl-C or SIGTERM stops the scan, not the process: what was received is already
        // written, the JSON array gets closed and the summary printed.
        bool interrupted = false;
        asio::signal_set signals(client_.get_executor(), SIGINT, SIGTERM);
        signals.async_wait([&](boost::system::error_code ec, int) {
            if (!ec) {
                interrupted = true;
                stream.cancel();
            }
        });

        if (setup_.show_progress) {
            asio::co_spawn(client_.get_executor(), show_progress(stream), asio::detached);
        }
        asio::co_spawn(client_.get_executor(), flush_periodically(), asio::detached);

        writer_->begin(buffer_);
        out_.flush(buffer_);
        if (preview_) {
            preview_->begin(preview_buffer_);
        }
        failures_ = 0;
        for (;;) {
            // Never a structured binding of co_await itself (GCC 12 coroutine bugs).
            auto result = co_await stream.async_next(nothrow);
            const auto& ec = std::get<0>(result);
            const auto& ev = std::get<1>(result);
            if (ec || ev.type == gi::scan_event::kind::end) {
                break;
            }
            if (ev.type == gi::scan_event::kind::page) {
                write_page(ev);
            } else if (ev.type == gi::scan_event::kind::target_failed) {
                ++failures_;
                report_failure(ev);
            }
        }
        records_done_ = true; // stops the flusher and the progress line
        flush_timer_.cancel();
        progress_timer_.cancel();
        writer_->end(buffer_);
        out_.flush(buffer_);
        finish_preview();
        // Idle pooled connections would otherwise keep the io_context running until their TTL.
        client_.shutdown();
        signals.cancel();

        std::string tail;
        if (setup_.show_progress) {
            tail += clear_line;
        }
        tail += summary_line(numbers_of(stream.progress()), clock_type::now() - started_);
        if (interrupted) {
            const auto p = stream.progress();
            tail += "glue-inventory: interrupted: " +
                    std::to_string(p.targets_total - p.targets_complete - p.targets_failed) +
                    " target(s) not finished; the records received are written\n";
        }
        stderr_.flush(tail);

        for (const auto* f : {&out_, &errors_}) {
            if (!f->error().empty()) {
                std::string line = "glue-inventory: " + f->error() + "\n";
                stderr_.flush(line);
                co_return 1;
            }
        }
        if (interrupted) {
            co_return exit_interrupted;
        }
        co_return failures_ > 0 ? 2 : 0;
    }

private:
    bool open_outputs() {
        std::string error;
        std::string warning;
        // Records carry passwords only when they were asked for (HidePassword=false).
        const auto records_secrecy = setup_.request.hide_password.value_or(false)
                                         ? file_secrecy::none
                                         : file_secrecy::may_hold_secrets;
        out_ = setup_.output_file
                   ? output_file::create(*setup_.output_file, records_secrecy, error, warning)
                   : output_file::standard(1);
        if (!out_.is_open()) {
            print_error(std::string("glue-inventory: --output: ") + error);
            return false;
        }
        if (!warning.empty()) {
            print_error("glue-inventory: warning: --output: " + warning);
        }
        if (setup_.errors_file) {
            // Failure lines never quote a secret (error bodies are redacted, see aws_error).
            errors_ = output_file::create(*setup_.errors_file, file_secrecy::none, error, warning);
            if (!errors_.is_open()) {
                print_error(std::string("glue-inventory: --errors: ") + error);
                return false;
            }
        }
        writer_ = make_writer(setup_.format);
        if (setup_.preview_rows) {
            preview_ = make_table_writer(*setup_.preview_rows);
            preview_out_ = output_file::standard(1);
        }
        return true;
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

    void write_page(const gi::scan_event& ev) {
        const record_context ctx{ev.target.account_id, ev.target.region, ev.target.catalog()};
        for (const auto& c : ev.connections) {
            writer_->write(ctx, c, buffer_);
            // Within a page too: the buffer stays small (and in cache) whatever the page size.
            if (buffer_.size() >= output_batch_bytes) {
                out_.flush(buffer_);
            }
            if (preview_ && preview_written_ < *setup_.preview_rows) {
                preview_->write(ctx, c, preview_buffer_);
                ++preview_written_;
            }
        }
    }

    void finish_preview() {
        if (!preview_) {
            return;
        }
        preview_->end(preview_buffer_);
        std::string clear;
        if (setup_.show_progress) {
            clear += clear_line; // the table goes to the terminal the progress line is on
            stderr_.flush(clear);
        }
        preview_out_.flush(preview_buffer_);
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

    // Writes what the records loop has buffered at least every output_max_lag. Runs on the
    // same executor as the loop, so the buffer is never touched by both at once; its timer and
    // flag are members because it may resume after run() has returned.
    asio::awaitable<void> flush_periodically() {
        while (!records_done_) {
            flush_timer_.expires_after(output_max_lag);
            std::tuple<boost::system::error_code> waited =
                co_await flush_timer_.async_wait(nothrow);
            if (std::get<0>(waited) || records_done_) {
                break;
            }
            if (!buffer_.empty()) {
                out_.flush(buffer_);
            }
        }
    }

    // The progress line, redrawn progress_updates_per_second times a second. Like the flusher,
    // it may resume after run() has returned (its timer fired as the scan ended): it looks at
    // records_done_ before it touches `stream`, a local of run().
    asio::awaitable<void> show_progress(gi::scan_stream& stream) {
        constexpr auto period = std::chrono::milliseconds(1000 / progress_updates_per_second);
        while (!records_done_) {
            std::string line(clear_line);
            line += progress_line(numbers_of(stream.progress()), clock_type::now() - started_);
            stderr_.flush(line);
            progress_timer_.expires_after(period);
            std::tuple<boost::system::error_code> waited =
                co_await progress_timer_.async_wait(nothrow);
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
    output_file out_;
    output_file errors_;
    output_file stderr_ = output_file::standard(2);
    std::unique_ptr<record_writer> writer_;
    std::string buffer_;
    asio::steady_timer flush_timer_{client_.get_executor()};
    asio::steady_timer progress_timer_{client_.get_executor()};
    bool records_done_ = false; // the records loop has ended: the flusher and progress stop
    std::unique_ptr<record_writer> preview_;
    output_file preview_out_;
    std::string preview_buffer_;
    std::size_t preview_written_ = 0;
    clock_type::time_point started_ = clock_type::now();
    std::uint64_t failures_ = 0;
};

} // namespace

int run_scan(const scan_setup& setup) {
    asio::io_context io;
    std::optional<gi::client> c;
    try {
        c.emplace(io.get_executor(), setup.client);
    } catch (const std::exception& e) {
        std::cerr << "glue-inventory: " << e.what() << "\n";
        return 1;
    }
    runner r(setup, *c);
    int status = 1;
    asio::co_spawn(io, r.run(), [&](std::exception_ptr ep, int code) {
        if (ep) {
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                std::cerr << "glue-inventory: " << e.what() << "\n";
            }
            status = 1;
            return;
        }
        status = code;
    });
    io.run();
    return status;
}

} // namespace glue_cli
