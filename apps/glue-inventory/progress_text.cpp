#include "progress_text.hpp"

#include <cmath>
#include <cstdio>

namespace glue_cli {
namespace {

double seconds_of(std::chrono::nanoseconds d) {
    return std::chrono::duration<double>(d).count();
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// "42s", "3m07s", "1h02m".
std::string duration_text(double seconds) {
    const auto s = static_cast<long long>(std::llround(seconds));
    char buffer[64];
    if (s < 60) {
        std::snprintf(buffer, sizeof buffer, "%llds", s);
    } else if (s < 3600) {
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    }
    return buffer;
}

double per_second(std::uint64_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::string progress_line(const progress_numbers& n, std::chrono::nanoseconds elapsed) {
    const double secs = seconds_of(elapsed);
    const auto done = n.targets_complete + n.targets_failed;
    std::string line = "targets " + std::to_string(done) + "/" + std::to_string(n.targets_total);
    if (n.targets_failed > 0) {
        line += " (" + std::to_string(n.targets_failed) + " failed)";
    }
    line += "  pages " + std::to_string(n.pages);
    line += "  records " + std::to_string(n.records);
    line += "  retries " + std::to_string(n.retries);
    line += "  throttles " + std::to_string(n.throttles);
    line += "  req/s " + fixed(per_second(n.requests, secs), 0);
    line += "  elapsed " + duration_text(secs);
    // The ETA assumes the remaining targets take as long on average as the finished ones.
    if (done > 0 && done < n.targets_total) {
        const double left =
            secs * static_cast<double>(n.targets_total - done) / static_cast<double>(done);
        line += "  ETA " + duration_text(left);
    } else {
        line += "  ETA -";
    }
    return line;
}

std::string summary_line(const progress_numbers& n, std::chrono::nanoseconds elapsed) {
    const double secs = seconds_of(elapsed);
    return "glue-inventory: " + std::to_string(n.targets_complete) + " targets complete, " +
           std::to_string(n.targets_failed) + " failed; " + plural(n.records, "record", "records") +
           ", " + plural(n.pages, "page", "pages") + ", " +
           plural(n.requests, "request", "requests") + ", " +
           plural(n.retries, "retry", "retries") + ", " +
           plural(n.throttles, "throttle", "throttles") + "; " + fixed(secs, 2) + " s, " +
           fixed(per_second(n.records, secs), 0) + " records/s\n";
}

} // namespace glue_cli
