// The progress line and the closing summary, as text. Pure: the scan runner samples the
// counters and decides when and where to print.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace glue_cli {

/// Progress updates a second at most (the runner's timer period is derived from it).
inline constexpr int progress_updates_per_second = 10;

/// What the scan has done so far.
struct progress_numbers {
    std::uint64_t targets_total = 0;
    std::uint64_t targets_complete = 0;
    std::uint64_t targets_failed = 0;
    std::uint64_t pages = 0;
    std::uint64_t records = 0;
    std::uint64_t requests = 0;
    std::uint64_t retries = 0;
    std::uint64_t throttles = 0;
};

/// "targets 12/200 (1 failed)  pages 40  records 800  retries 2  throttles 1  req/s 412
///  elapsed 3.2s  ETA 49s" -- without a line end: the caller prefixes "\r\033[K".
std::string progress_line(const progress_numbers& n, std::chrono::nanoseconds elapsed);

/// "glue-inventory: 200 targets complete, 0 failed; 4000 records, 400 pages, 402 requests,
///  2 retries, 1 throttle; 3.2 s, 1250 records/s\n".
std::string summary_line(const progress_numbers& n, std::chrono::nanoseconds elapsed);

} // namespace glue_cli
