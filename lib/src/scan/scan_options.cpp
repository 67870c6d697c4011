// The documented ranges of scan_options, checked where they enter (scan_stream's constructor).
#include <glue_inventory/scan.hpp>
#include <string>

namespace glue_inventory {
namespace {

/// The page size GetConnections accepts (MaxResults).
constexpr int max_results_limit = 1000;

std::string at_least_one(const char* field, std::size_t n) {
    return n >= 1 ? std::string()
                  : std::string(field) + " must be at least 1 (got " + std::to_string(n) + ")";
}

} // namespace

std::string options_error(const scan_options& o) {
    for (auto e : {at_least_one("scan_options::concurrency", o.concurrency),
                   at_least_one("scan_options::channel_capacity", o.channel_capacity),
                   at_least_one("scan_options::records_per_request", o.records_per_request)}) {
        if (!e.empty()) {
            return e;
        }
    }
    if (const auto& m = o.request.max_results; m && (*m < 1 || *m > max_results_limit)) {
        return "scan_options::request.max_results must be 1 to " +
               std::to_string(max_results_limit) + " (got " + std::to_string(*m) + ")";
    }
    return {};
}

} // namespace glue_inventory
