#include "store/store_flags.hpp"

#include "store/store_url.hpp"

#include <CLI/CLI.hpp>

namespace glue_cli {

/// Longest --scan-id.
constexpr std::size_t max_scan_id_bytes = 200;

void add_store_flags(CLI::App& cmd, std::string& store, std::string& scan_id) {
    cmd.add_option("--store", store,
                   "Keep this run in a store: sqlite:PATH or postgresql://[user[:password]@]host"
                   "[:port]/db (or libpq's PG* variables). Schema created and migrated here");
    cmd.add_option("--scan-id", scan_id,
                   "Name of the stored scan (default: generated). Shard processes of one scan "
                   "(--shard I/N) share it; the scan is complete when all N have finished");
}

std::string check_store_flags(bool store_given, const std::string& store, bool scan_id_given,
                              const std::string& scan_id, std::optional<std::string>& store_out,
                              std::optional<std::string>& scan_id_out) {
    if (store_given) {
        std::string why;
        if (!store::parse_store_url(store, why)) {
            return "glue-inventory: --store: " + why;
        }
        store_out = store;
    }
    if (scan_id_given) {
        if (!store_given) {
            return "glue-inventory: --scan-id: needs --store";
        }
        if (scan_id.empty() || scan_id.size() > max_scan_id_bytes) {
            return "glue-inventory: --scan-id: must be 1 to " + std::to_string(max_scan_id_bytes) +
                   " bytes";
        }
        scan_id_out = scan_id;
    }
    return {};
}

} // namespace glue_cli
