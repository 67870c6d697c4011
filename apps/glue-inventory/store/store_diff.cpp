// `glue-inventory diff --store URL [--from SCAN --to SCAN]`: the two stored scans fed to the
// same engine as two NDJSON files (diff/snapshot_diff): OLD's records indexed (by version id,
// read again from the database only when a record changed), NEW's streamed, each scan's failed
// targets "not compared".
#include "diff_runner.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <iostream>

namespace glue_cli {
namespace {

/// OLD's records again, by version id (the engine's "offset").
class stored_old_lines final : public diff::old_line_source {
public:
    explicit stored_old_lines(store::database& db) : db_(db) {}
    std::string_view line(std::uint64_t offset, std::uint32_t) override {
        text_ = db_.record(static_cast<std::int64_t>(offset));
        return text_;
    }

private:
    store::database& db_;
    std::string text_;
};

/// The scans to compare: --from and --to, else around them the complete scans. Empty `error`
/// on success.
std::pair<store::stored_scan, store::stored_scan>
choose_scans(store::database& db, const diff_arguments& args, std::string& error) {
    std::optional<store::stored_scan> from, to;
    for (auto [flag, name, out] :
         {std::tuple{"--from", &args.from_scan, &from}, std::tuple{"--to", &args.to_scan, &to}}) {
        if (*name) {
            *out = db.find_scan(**name);
            if (!*out) {
                error = std::string(flag) + ": the store has no scan '" + **name + "'";
                return {};
            }
        }
    }
    const auto complete = db.complete_scans();
    if (!to) {
        if (complete.empty()) {
            error = "the store has no complete scan";
            return {};
        }
        to = complete.back();
    }
    if (!from) {
        // The latest complete scan before `to` (std::views::reverse does not build with
        // Clang 14 and libstdc++ 12).
        const auto before = std::find_if(complete.rbegin(), complete.rend(),
                                         [&to](const auto& scan) { return scan.id < to->id; });
        if (before != complete.rend()) {
            from = *before;
        }
        if (!from) {
            error = "the store has no complete scan before '" + to->name +
                    "': a diff needs two (name them with --from and --to)";
            return {};
        }
    }
    return {*from, *to};
}

} // namespace

int run_store_diff(const diff_arguments& args, diff_terminals terminals) {
    std::string why;
    const auto url = store::parse_store_url(*args.store, why);
    if (!url) {
        std::cerr << "glue-inventory: diff: --store: " << why << "\n";
        return 1;
    }
    const std::string prefix = "glue-inventory: diff: --store " + url->display + ": ";
    try {
        auto db = store::open_database(*url);
        db->migrate(store::latest_schema_version);
        std::string error;
        const auto [from, to] = choose_scans(*db, args, error);
        if (!error.empty()) {
            std::cerr << prefix << error << "\n";
            return 1;
        }
        diff::snapshot_diff engine("scan " + from.name, "scan " + to.name);
        for (auto [side, scan] : {std::pair{diff::scan_side::old_scan, from.id},
                                  std::pair{diff::scan_side::new_scan, to.id}}) {
            for (const auto& t : db->failed_targets(scan)) {
                engine.add_failed_target(side, t.account_id, t.region, t.catalog_id, t.error_code);
            }
        }
        stored_old_lines olds(*db);
        // Plain copies: Clang 14 cannot capture structured bindings in a lambda.
        const auto from_id = from.id;
        const auto to_id = to.id;
        auto index_old = [&] {
            std::size_t number = 0;
            db->read_records(from_id, [&](std::int64_t id, std::string_view record) {
                engine.index_old_line(record, ++number, static_cast<std::uint64_t>(id));
            });
            return true;
        };
        auto stream_new = [&](diff::change_sink& sink) {
            std::size_t number = 0;
            db->read_records(to_id, [&](std::int64_t, std::string_view record) {
                engine.new_line(record, ++number, sink, olds);
            });
            return true;
        };
        return run_diff_engine(engine, args, terminals, olds, index_old, stream_new);
    } catch (const store::store_error& e) {
        std::cerr << prefix << e.what() << "\n";
        return 1;
    }
}

} // namespace glue_cli
