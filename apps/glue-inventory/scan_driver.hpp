// Drives a scan for a consumer of its pages: the io_context, the client, the accounts (listed,
// the caller's, or the organisation's), the scan_stream, SIGINT/SIGTERM, the progress line, the
// failed targets (--errors or stderr) and the summary line. `scan` writes the records of each
// page (scan_runner), `audit` evaluates the rules on them (audit/audit_runner).
#pragma once

#include "scan_setup.hpp"

#include <cstddef>
#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <string>
#include <vector>

namespace glue_cli {

/// What a scan did, as its consumer learns it at the end.
struct scan_totals {
    std::size_t targets_total = 0;
    std::size_t targets_failed = 0;
    bool interrupted = false;
    std::vector<glue_inventory::target> failed; // the targets that failed
};

/// What receives the pages of a scan. Every call comes from the scan's one thread, in this
/// order: open, begin, (page | target_done | flush)*, end, summary, error.
class scan_consumer {
public:
    virtual ~scan_consumer() = default;
    /// Opens the outputs. False (after printing why on stderr) stops before any request.
    virtual bool open() = 0;
    /// Before the first page.
    virtual void begin() = 0;
    /// The connections of one page, from `t`.
    virtual void page(const glue_inventory::target& t,
                      const std::vector<glue_inventory::connection>& connections) = 0;
    /// A target ended, after its last page: complete, or failed with `error_code` (the AWS
    /// error code, else the client's error) and `message`.
    virtual void target_done(const glue_inventory::target& t, bool complete,
                             const std::string& error_code, const std::string& message) {
        (void)t;
        (void)complete;
        (void)error_code;
        (void)message;
    }
    /// Writes what waits (called at least every output_max_lag while pages arrive).
    virtual void flush() = 0;
    /// After the last page (the scan ended, or was interrupted).
    virtual void end(const scan_totals& totals) = 0;
    /// Appends lines for stderr after the scan's own summary line.
    virtual void summary(std::string& tail) { (void)tail; }
    /// The first output error ("cannot write 'path': reason"), empty when there was none.
    virtual std::string error() const = 0;
};

/// Records are written (whole lines, one write()) once this many bytes wait: a fast scan makes a
/// few large writes instead of one per page...
inline constexpr std::size_t output_batch_bytes = 256 * 1024;
/// ...and whatever waits is written at least this often, so that a file read as it grows (or
/// a terminal) lags the scan by no more.
inline constexpr auto output_max_lag = std::chrono::milliseconds(100);

/// Scans what `setup` describes into `consumer` and returns the exit status of the scan
/// contract: 0 every target complete, 2 some failed, 130 interrupted, 1 nothing scanned (the
/// client could not be made, the accounts could not be listed, an output failed).
int drive_scan(const scan_setup& setup, scan_consumer& consumer);

} // namespace glue_cli
