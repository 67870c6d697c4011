// --store and --scan-id of scan and audit: registered and checked here (command_line.cpp calls
// these), so the store's command line lives beside the store.
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace glue_cli {

void add_store_flags(CLI::App& cmd, std::string& store, std::string& scan_id);

/// Checks the values; an error line naming the flag (never the URL's password), or empty.
std::string check_store_flags(bool store_given, const std::string& store, bool scan_id_given,
                              const std::string& scan_id, std::optional<std::string>& store_out,
                              std::optional<std::string>& scan_id_out);

} // namespace glue_cli
