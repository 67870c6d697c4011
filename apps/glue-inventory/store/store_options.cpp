#include "store/store_options.hpp"

#include "store/store_writer.hpp" // now_iso8601

#include <cstdio>
#include <random>

namespace glue_cli::store {

std::string redacted_arguments(const std::vector<std::string>& argv) {
    std::string text;
    enum class next_is { plain, secret, store } next = next_is::plain;
    for (const auto& a : argv) {
        if (!text.empty()) {
            text += ' ';
        }
        if (next == next_is::secret) {
            text += "REDACTED";
        } else if (next == next_is::store) {
            text += redact_store_url(a);
        } else if (a.starts_with("--external-id=")) {
            text += "--external-id=REDACTED";
        } else if (a.starts_with("--store=")) {
            text += "--store=" + redact_store_url(std::string_view(a).substr(8));
        } else {
            text += a;
        }
        next = a == "--external-id" ? next_is::secret
               : a == "--store"     ? next_is::store
                                    : next_is::plain;
    }
    return text;
}

std::optional<store_options> make_store_options(const scan_arguments& args,
                                                const std::vector<std::string>& argv) {
    if (!args.store) {
        return std::nullopt;
    }
    std::string why;
    auto url = parse_store_url(*args.store, why);
    if (!url) {
        return std::nullopt; // checked by the command line already
    }
    store_options o;
    o.url = std::move(*url);
    o.identity.started_at = now_iso8601();
    if (args.scan_id) {
        o.identity.name = *args.scan_id;
    } else {
        std::random_device random;
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-%08x", static_cast<unsigned>(random()));
        o.identity.name = o.identity.started_at + suffix;
    }
    o.identity.arguments = redacted_arguments(argv);
    o.identity.tool_version = GLUE_INVENTORY_VERSION;
    return o;
}

std::string set_shard(store_options& options, unsigned index, unsigned count, bool scan_id_given) {
    if (count > 1 && !scan_id_given) {
        return "glue-inventory: --store: --shard " + std::to_string(index) + "/" +
               std::to_string(count) +
               " needs --scan-id NAME, the same in every shard process (the shards of one scan "
               "write into one stored scan)";
    }
    options.identity.shard_index = index;
    options.identity.shard_count = count;
    return {};
}

} // namespace glue_cli::store
