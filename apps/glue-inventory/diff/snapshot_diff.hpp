// The diff of two scans' NDJSON records (`glue-inventory diff OLD NEW`), as a pure engine: the
// caller reads the files and feeds lines; the engine keeps OLD's index and hands each change to
// a sink as NEW streams by.
//
// Memory: OLD is indexed as key -> (hash of the record, where its line is, its length): about
// 180 bytes a connection (measured: bench/diff-bench), whatever the record's size. A NEW record
// whose hash equals OLD's is unchanged; only when the hashes differ is OLD's line read again
// (old_lines) and both parsed for the member diff. NEW is never held: one line at a time. The
// hash is 64 bits: two different records of one key collide with a probability of 2^-64.
//
// Keys: (AccountId, Region, CatalogId, Name). Targets: (AccountId, Region, CatalogId). A target
// that failed in either scan (add_failed_target, from scan's --errors files) is "not compared":
// reported once, and none of its connections is reported added, removed or changed -- a target
// that failed is never a removal. A target that has records in one file only and is not listed
// as failed is an ordinary add or remove.
//
// Input problems (a line that is not a JSON object, a key member missing or not a string, a key
// seen twice in one file) are collected with file and line; the line is skipped and the diff is
// incomplete.
#pragma once

#include "diff/member_diff.hpp"

#include <cstddef>
#include <cstdint>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace glue_cli::diff {

enum class change_kind { added, removed, changed, not_compared };

std::string_view to_string(change_kind kind);

enum class scan_side { old_scan, new_scan };

struct connection_change {
    change_kind kind = change_kind::changed;
    std::string account_id;
    std::string region;
    std::string catalog_id;
    std::string name; // empty for not_compared (a whole target)
    /// changed: the members that differ, in NEW's member order, then those only OLD has.
    std::vector<member_change> members;
    /// added / removed: the record (NEW's / OLD's) as JSON, secrets redacted.
    std::string record;
    /// not_compared: "old", "new" or "both", and the scans' ErrorCode(s) ("A" or "A/B").
    std::string failed_in;
    std::string error_code;
};

/// Receives the changes, in this order: not_compared targets (in the order the error files
/// listed them), then added and changed connections in NEW's order, then removed ones in OLD's.
class change_sink {
public:
    virtual ~change_sink() = default;
    virtual void write(const connection_change& change) = 0;
};

/// Gives back a line of OLD that index_old_line was given (the caller either reads it again
/// from the file at `offset` or keeps the lines). The view lives until the next call.
class old_line_source {
public:
    virtual ~old_line_source() = default;
    virtual std::string_view line(std::uint64_t offset, std::uint32_t length) = 0;
};

struct input_problem {
    std::string file;
    std::size_t line = 0;
    std::string message;
};

struct diff_counts {
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t changed = 0;
    std::size_t unchanged = 0;
    std::size_t not_compared_targets = 0;
    std::size_t skipped_records = 0; // records of not-compared targets, both files
    std::size_t problems = 0;        // input problems, kept or not
};

/// Input problems kept for the report; the rest are only counted (a file of a million bad lines
/// must not fill the memory or the terminal).
inline constexpr std::size_t max_kept_problems = 1000;

/// Longest line accepted (the Glue API caps a connection far below this): a longer one is an
/// input problem, not an allocation.
inline constexpr std::size_t max_line_bytes = 64 * 1024 * 1024;

class snapshot_diff {
public:
    /// `old_name` and `new_name` name the inputs in problems (their paths).
    snapshot_diff(std::string old_name, std::string new_name);

    /// A target listed in a scan's --errors file.
    void add_failed_target(scan_side side, std::string_view account_id, std::string_view region,
                           std::string_view catalog_id, std::string_view error_code);
    /// One line of an --errors file (AccountId, Region, CatalogId, ErrorCode, ...); a line that
    /// does not have the three target members is a problem of `file`.
    void add_error_line(scan_side side, std::string_view line, const std::string& file,
                        std::size_t line_number);

    /// One line of OLD, at byte `offset` of the file (or of whatever old_line_source reads).
    void index_old_line(std::string_view line, std::size_t line_number, std::uint64_t offset);

    /// Reports the not-compared targets; call once, after the error files and before NEW.
    void begin_new(change_sink& sink);
    /// One line of NEW: reports it added or changed (or nothing when unchanged).
    void new_line(std::string_view line, std::size_t line_number, change_sink& sink,
                  old_line_source& old_lines);
    /// Reports the connections of OLD that NEW did not have, in OLD's order.
    void finish(change_sink& sink, old_line_source& old_lines);

    /// An input problem found by the caller (a line too long to read, say).
    void add_problem(const std::string& file, std::size_t line_number, std::string message) {
        problem(file, line_number, std::move(message));
    }

    const diff_counts& counts() const { return counts_; }
    const std::vector<input_problem>& problems() const { return problems_; }
    std::size_t indexed() const { return index_.size(); }

private:
    struct old_entry {
        std::uint64_t hash = 0;
        std::uint64_t offset = 0;
        std::uint32_t length = 0;
        std::uint32_t line = 0;
        bool seen = false; // NEW had this key
    };
    struct failed_target {
        bool in_old = false;
        bool in_new = false;
        std::string old_error;
        std::string new_error;
        std::size_t order = 0;
    };

    /// Parses `line` into `doc` and builds its key; false (and a problem) when it cannot.
    bool parse_record(simdjson::dom::parser& parser, std::string_view line, const std::string& file,
                      std::size_t line_number, simdjson::dom::element& doc,
                      simdjson::dom::object& record, std::string& key);
    void problem(const std::string& file, std::size_t line_number, std::string message);
    bool target_failed(std::string_view key) const;
    static void fill_key(connection_change& change, std::string_view key);

    std::string old_name_;
    std::string new_name_;
    std::unordered_map<std::string, old_entry> index_;
    /// Keys of NEW not in OLD, to find a key repeated in NEW.
    std::unordered_map<std::string, std::uint32_t> added_keys_;
    std::unordered_map<std::string, failed_target> failed_;
    simdjson::dom::parser new_parser_;
    simdjson::dom::parser old_parser_;
    std::string key_;
    std::vector<input_problem> problems_;
    diff_counts counts_;
};

} // namespace glue_cli::diff
