#include "audit/audit_runner.hpp"

#include "scan_driver.hpp"
#include "store/finding_feed.hpp"
#include "store/scan_feed.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <glue_inventory/records.hpp> // ndjson_record_reader
#include <poll.h>
#include <sstream>
#include <unistd.h>

namespace glue_cli::audit {
namespace {

namespace gi = glue_inventory;

/// A line of --input longer than this is reported as malformed and skipped: a record of the
/// largest connection the API allows (properties up to ~100 entries of 1 kB, v2 maps of 2 kB
/// values) stays far below it.
constexpr std::size_t max_input_line_bytes = 16 * 1024 * 1024;
/// Malformed --input lines reported one by one; the summary counts them all (a file that is not
/// scan NDJSON at all must not flood the terminal).
constexpr std::size_t max_reported_malformed_lines = 20;
/// --input is read this many bytes at a time.
constexpr std::size_t input_read_bytes = 1024 * 1024;

std::string fail_text(std::string_view what, std::string_view why) {
    return "glue-inventory: " + std::string(what) + ": " + std::string(why);
}

bool read_whole_file(const std::string& path, std::size_t limit, std::string& text,
                     std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read '" + path + "': " + std::strerror(errno);
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "cannot read '" + path + "': read error";
        return false;
    }
    text = std::move(buffer).str();
    if (text.size() > limit) {
        error = "'" + path + "' is larger than " + std::to_string(limit) + " bytes";
        return false;
    }
    return true;
}

// Set by SIGINT/SIGTERM while --input is read (the scan has its own signal_set).
volatile std::sig_atomic_t input_interrupted = 0;
extern "C" void on_input_signal(int) {
    input_interrupted = 1;
}

/// SIGINT and SIGTERM set input_interrupted (without SA_RESTART, so that a blocked read of
/// stdin returns) while this lives; the previous handlers come back after.
class input_signals {
public:
    input_signals() {
        input_interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = on_input_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;
        ::sigaction(SIGINT, &sa, &old_int_);
        ::sigaction(SIGTERM, &sa, &old_term_);
    }
    ~input_signals() {
        ::sigaction(SIGINT, &old_int_, nullptr);
        ::sigaction(SIGTERM, &old_term_, nullptr);
    }
    input_signals(const input_signals&) = delete;
    input_signals& operator=(const input_signals&) = delete;

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

/// Opens the store of --store, if any, and adds it to `outputs` (its writer turns findings into
/// rows). False after printing why it cannot be used.
bool open_store(audit_setup& setup, std::optional<store::store_writer>& store,
                std::vector<audit_output>& outputs, output_file& err) {
    if (!setup.store) {
        return true;
    }
    try {
        store.emplace(setup.store->url, setup.store->identity);
    } catch (const store::store_error& e) {
        std::string line = "glue-inventory: " + std::string(e.what()) + "\n";
        err.flush(line);
        return false;
    }
    audit_output o;
    o.name = "--store " + setup.store->url.display;
    o.writer = store::make_store_finding_writer(*store);
    outputs.push_back(std::move(o));
    return true;
}

bool open_outputs(audit_setup& setup, std::vector<audit_output>& outputs, output_file& err) {
    std::string error;
    std::string warning; // only files that may hold secrets are checked
    // Findings never hold a secret (evidence is key names, booleans, redacted URLs...), so
    // reports keep the user's umask even with --show-passwords.
    audit_output main;
    main.name = "--output";
    main.file = setup.output_file
                    ? output_file::create(*setup.output_file, file_secrecy::none, error, warning)
                    : output_file::standard(1);
    if (!main.file.is_open()) {
        std::string line = "glue-inventory: --output: " + error + "\n";
        err.flush(line);
        return false;
    }
    main.writer = make_finding_writer(setup.format);
    outputs.push_back(std::move(main));
    for (const auto& r : setup.reports) {
        audit_output o;
        o.name = "--report " + std::string(to_string(r.format)) + ":" + r.path;
        o.file = output_file::create(r.path, file_secrecy::none, error, warning);
        if (!o.file.is_open()) {
            std::string line = "glue-inventory: --report: " + error + "\n";
            err.flush(line);
            return false;
        }
        o.writer = make_finding_writer(r.format);
        outputs.push_back(std::move(o));
    }
    return true;
}

/// The connections of a scan, page by page, into the engine.
class audit_consumer final : public scan_consumer {
public:
    audit_consumer(audit_setup& setup, std::vector<audit_output>& outputs)
        : setup_(setup), outputs_(outputs),
          engine_(setup.config, setup.suppressions ? &*setup.suppressions : nullptr,
                  setup.baseline ? &*setup.baseline : nullptr, outputs) {}

    bool open() override {
        return open_outputs(setup_, outputs_, stderr_) &&
               open_store(setup_, store_, outputs_, stderr_);
    }
    void begin() override { engine_.begin(setup_.info); }
    void page(const gi::target& t, const std::vector<gi::connection>& connections) override {
        for (const auto& c : connections) {
            engine_.evaluate(c, t);
        }
        if (store_) {
            store::feed_page(*store_, t, connections);
        }
    }
    void target_done(const gi::target& t, bool complete, const std::string& error_code,
                     const std::string& message) override {
        if (store_) {
            store::feed_target(*store_, t, complete, error_code, message);
        }
    }
    void flush() override {
        engine_.flush();
        if (store_) {
            store_->flush();
        }
    }
    void end(const scan_totals& totals) override {
        engine_.finish(totals.targets_total, totals.failed, totals.interrupted, false);
        if (store_) {
            store_->close(totals.interrupted ? store::shard_end::interrupted
                                             : store::shard_end::finished);
        }
    }
    void summary(std::string& tail) override {
        tail += summary_text(engine_.summary(), setup_.baseline.has_value());
    }
    std::string error() const override {
        auto e = engine_.error();
        return e.empty() && store_ ? store_->error() : e;
    }

    const audit_engine& engine() const { return engine_; }

private:
    audit_setup& setup_;
    std::vector<audit_output>& outputs_;
    output_file stderr_ = output_file::standard(2);
    std::optional<store::store_writer> store_; // before engine_: outlives the engine's writer
    audit_engine engine_;
};

/// --input: each line of scan's NDJSON back into (target, connection), into the engine.
/// The outcome: exit status 2 when a line was malformed or the input could not be read.
audit_outcome run_input(audit_setup& setup) {
    audit_outcome outcome;
    output_file err = output_file::standard(2);
    std::vector<audit_output> outputs;
    const bool from_stdin = *setup.input == "-";
    const std::string input_name = from_stdin ? "standard input" : *setup.input;
    int fd = 0;
    if (!from_stdin) {
        fd = ::open(setup.input->c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            std::string line = fail_text("--input", "cannot open '" + *setup.input +
                                                        "': " + std::strerror(errno)) +
                               "\n";
            err.flush(line);
            return outcome;
        }
    }
    struct closer {
        int fd;
        ~closer() {
            if (fd > 0) {
                ::close(fd);
            }
        }
    } close_input{fd};
    std::optional<store::store_writer> store; // outlives the engine (its writer refers to it)
    if (!open_outputs(setup, outputs, err) || !open_store(setup, store, outputs, err)) {
        return outcome;
    }
    audit_engine engine(setup.config, setup.suppressions ? &*setup.suppressions : nullptr,
                        setup.baseline ? &*setup.baseline : nullptr, outputs);
    input_signals signals;
    engine.begin(setup.info);

    gi::ndjson_record_reader reader;
    gi::ndjson_record record;
    std::string parse_error;
    std::string pending;     // bytes read, not yet a whole line
    std::string line_buffer; // one line and the parser's padding
    std::size_t line_number = 0;
    std::size_t malformed = 0;
    bool skipping = false; // inside a line longer than max_input_line_bytes
    bool read_failed = false;
    auto last_flush = std::chrono::steady_clock::now();
    auto report = [&](const std::string& what) {
        if (++malformed > max_reported_malformed_lines) {
            if (malformed == max_reported_malformed_lines + 1) {
                std::string line = fail_text("--input", "more malformed lines are skipped without "
                                                        "a message; the summary counts them") +
                                   "\n";
                err.flush(line);
            }
            return;
        }
        std::string line =
            fail_text("--input", input_name + " line " + std::to_string(line_number) + ": " + what +
                                     "; line skipped") +
            "\n";
        err.flush(line);
    };
    auto audit_line = [&](std::string_view line) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            return;
        }
        line_buffer.assign(line);
        line_buffer.append(gi::ndjson_record_reader::padding(), ' ');
        if (!reader.read(std::string_view(line_buffer.data(), line.size()), record, parse_error)) {
            report(parse_error);
            return;
        }
        gi::target t;
        t.account_id = record.account_id;
        t.region = record.region;
        if (!record.catalog_id.empty() && record.catalog_id != record.account_id) {
            t.catalog_id = record.catalog_id;
        }
        engine.evaluate(record.conn, t);
    };
    std::vector<char> chunk(input_read_bytes);
    for (;;) {
        if (input_interrupted) {
            break;
        }
        // Wait for input at most output_max_lag at a time: a signal that lands just before a
        // blocking read, or a pipe that pauses, never holds the findings or the exit back.
        pollfd ready{fd, POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(output_max_lag.count()));
        if (polled <= 0) {
            if (polled < 0 && errno != EINTR) {
                std::string line = fail_text("--input", "cannot read " + input_name + ": " +
                                                            std::strerror(errno)) +
                                   "\n";
                err.flush(line);
                read_failed = true;
                break;
            }
            engine.flush();
            last_flush = std::chrono::steady_clock::now();
            continue;
        }
        const auto n = ::read(fd, chunk.data(), chunk.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::string line =
                fail_text("--input", "cannot read " + input_name + ": " + std::strerror(errno)) +
                "\n";
            err.flush(line);
            read_failed = true;
            break;
        }
        if (n == 0) {
            break;
        }
        std::string_view data(chunk.data(), static_cast<std::size_t>(n));
        while (!data.empty()) {
            const auto newline = data.find('\n');
            if (newline == std::string_view::npos) {
                if (!skipping) {
                    pending.append(data);
                    if (pending.size() > max_input_line_bytes) {
                        pending.clear();
                        skipping = true;
                    }
                }
                break;
            }
            if (skipping) {
                skipping = false;
                ++line_number;
                report("longer than " + std::to_string(max_input_line_bytes) + " bytes");
            } else if (pending.empty()) {
                audit_line(data.substr(0, newline));
            } else {
                pending.append(data.substr(0, newline));
                audit_line(pending);
                pending.clear();
            }
            data.remove_prefix(newline + 1);
        }
        if (const auto now = std::chrono::steady_clock::now(); now - last_flush >= output_max_lag) {
            engine.flush();
            last_flush = now;
        }
    }
    const bool interrupted = input_interrupted != 0;
    if (!interrupted && !read_failed) {
        if (skipping) {
            ++line_number;
            report("longer than " + std::to_string(max_input_line_bytes) + " bytes");
        } else if (!pending.empty()) {
            audit_line(pending); // the last line had no newline
        }
    }
    const bool incomplete = malformed > 0 || read_failed;
    engine.finish(0, {}, interrupted, incomplete);
    std::string tail = summary_text(engine.summary(), setup.baseline.has_value());
    if (malformed > 0) {
        tail += "glue-inventory: audit: " + std::to_string(malformed) + " of " +
                std::to_string(line_number) +
                " --input line(s) malformed and skipped: the audit is incomplete\n";
    }
    if (interrupted) {
        tail += "glue-inventory: audit: interrupted after " + std::to_string(line_number) +
                " --input line(s); the findings so far are written\n";
    }
    err.flush(tail);
    outcome.summary = engine.summary();
    outcome.findings_by_rule = engine.findings_by_rule();
    if (store) {
        store->close(interrupted ? store::shard_end::interrupted : store::shard_end::finished);
    }
    if (const auto e = !engine.error().empty() ? engine.error()
                       : store                 ? store->error()
                                               : std::string();
        !e.empty()) {
        std::string line = "glue-inventory: " + e + "\n";
        err.flush(line);
        return outcome;
    }
    outcome.status = audit_exit_status(false, interrupted, incomplete, engine.findings_fail());
    return outcome;
}

} // namespace

std::string report_arguments(const std::vector<std::string>& argv) {
    std::string text;
    bool redact_next = false;
    for (const auto& a : argv) {
        if (!text.empty()) {
            text += ' ';
        }
        if (redact_next) {
            text += "REDACTED";
            redact_next = false;
        } else if (a == "--external-id") {
            text += a;
            redact_next = true;
        } else if (a.rfind("--external-id=", 0) == 0) {
            text += "--external-id=REDACTED";
        } else {
            text += a;
        }
    }
    return text;
}

std::optional<audit_setup> make_audit_setup(const audit_arguments& args,
                                            glue_inventory::client_options base,
                                            const glue_inventory::environment& getenv,
                                            terminal_state terminals, std::string arguments,
                                            glue_inventory::timestamp now, std::string& error) {
    audit_setup s;
    // Files first: a bad suppressions or baseline file is found before any credential is
    // looked for or any request sent.
    if (args.suppressions_file) {
        std::string text, why;
        if (!read_whole_file(*args.suppressions_file, ga::max_suppressions_bytes, text, why)) {
            error = fail_text("--suppressions", why);
            return std::nullopt;
        }
        s.suppressions = ga::suppression_set::parse(text, *args.suppressions_file, now, why);
        if (!s.suppressions) {
            error = fail_text("--suppressions", why);
            return std::nullopt;
        }
    }
    if (args.baseline_file) {
        std::string text, why;
        if (!read_whole_file(*args.baseline_file, ga::max_baseline_bytes, text, why)) {
            error = fail_text("--baseline", why);
            return std::nullopt;
        }
        s.baseline = ga::baseline::parse(text, *args.baseline_file, why);
        if (!s.baseline) {
            error = fail_text("--baseline", why);
            return std::nullopt;
        }
    }
    if (args.input) {
        s.input = args.input;
    } else {
        s.scan = make_scan_setup(args.scan, std::move(base), getenv, terminals, error);
        if (!s.scan) {
            return std::nullopt;
        }
        s.config.shard = s.scan->shard;
    }
    s.config.options.now = now;
    if (args.stale_after_days) {
        s.config.options.stale_after = std::chrono::days(*args.stale_after_days);
    }
    if (args.max_credential_age_days) {
        s.config.options.max_credential_age = std::chrono::days(*args.max_credential_age_days);
    }
    if (!args.rules.empty()) {
        s.config.rules = args.rules;
    } else if (!args.skip_rules.empty()) {
        for (const auto& r : ga::rules()) {
            if (std::find(args.skip_rules.begin(), args.skip_rules.end(), r.id) ==
                args.skip_rules.end()) {
                s.config.rules.emplace_back(r.id);
            }
        }
        if (s.config.rules.empty()) {
            error = fail_text("--skip-rules", "skips every rule: nothing would be evaluated");
            return std::nullopt;
        }
    }
    s.config.min_severity = args.min_severity;
    s.config.include_pass = args.include_pass;
    s.config.fail_on = args.fail_on;
    s.config.fail_on_new = args.fail_on_new;
    s.output_file = args.scan.output_file;
    s.format = args.format.value_or(terminals.stdout_is_terminal && !args.scan.output_file
                                        ? finding_format::table
                                        : finding_format::ndjson);
    s.reports = args.reports;
    s.info.tool_version = GLUE_INVENTORY_VERSION;
    s.info.started = now;
    s.info.arguments = std::move(arguments);
    s.info.include_pass = args.include_pass;
    return s;
}

audit_outcome run_audit(audit_setup& setup) {
    if (setup.input) {
        return run_input(setup);
    }
    std::vector<audit_output> outputs;
    audit_consumer consumer(setup, outputs);
    audit_outcome outcome;
    const int scan_status = drive_scan(*setup.scan, consumer);
    outcome.summary = consumer.engine().summary();
    outcome.findings_by_rule = consumer.engine().findings_by_rule();
    outcome.status =
        audit_exit_status(scan_status == exit_usage, scan_status == exit_interrupted,
                          scan_status == exit_incomplete, consumer.engine().findings_fail());
    return outcome;
}

} // namespace glue_cli::audit
