#include "diff/snapshot_diff.hpp"

#include <algorithm>

namespace glue_cli::diff {

namespace dom = simdjson::dom;

std::string_view to_string(change_kind kind) {
    switch (kind) {
    case change_kind::added:
        return "added";
    case change_kind::removed:
        return "removed";
    case change_kind::changed:
        return "changed";
    case change_kind::not_compared:
        return "not_compared";
    }
    return "changed";
}

namespace {

/// Key members are joined with NUL, which no account ID, region or catalog ID holds.
constexpr char key_separator = '\0';

std::string_view trim_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
        line.remove_prefix(1);
    }
    return line;
}

/// The target part of a connection key (everything before the third separator).
std::string_view target_of(std::string_view key) {
    std::size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
        pos = key.find(key_separator, pos);
        if (pos == std::string_view::npos) {
            return key;
        }
        ++pos;
    }
    return key.substr(0, pos - 1);
}

/// Reads the string member `name` of `obj`; an error text when absent or not a string.
std::string read_key_member(dom::object obj, std::string_view name, std::string_view& out) {
    dom::element e;
    if (obj[name].get(e) != simdjson::SUCCESS) {
        return "no \"" + std::string(name) + "\" member";
    }
    if (e.get_string().get(out) != simdjson::SUCCESS) {
        return "\"" + std::string(name) + "\" is not a string";
    }
    return {};
}

std::string shown_record(dom::element record) {
    std::string out;
    append_shown_json(record, out);
    return out;
}

} // namespace

snapshot_diff::snapshot_diff(std::string old_name, std::string new_name)
    : old_name_(std::move(old_name)), new_name_(std::move(new_name)) {}

void snapshot_diff::problem(const std::string& file, std::size_t line_number, std::string message) {
    ++counts_.problems;
    if (problems_.size() < max_kept_problems) {
        problems_.push_back({file, line_number, std::move(message)});
    }
}

void snapshot_diff::add_failed_target(scan_side side, std::string_view account_id,
                                      std::string_view region, std::string_view catalog_id,
                                      std::string_view error_code) {
    std::string key;
    key.append(account_id)
        .append(1, key_separator)
        .append(region)
        .append(1, key_separator)
        .append(catalog_id);
    auto [it, fresh] = failed_.try_emplace(std::move(key));
    if (fresh) {
        it->second.order = failed_.size();
    }
    if (side == scan_side::old_scan) {
        it->second.in_old = true;
        it->second.old_error = error_code;
    } else {
        it->second.in_new = true;
        it->second.new_error = error_code;
    }
}

void snapshot_diff::add_error_line(scan_side side, std::string_view line, const std::string& file,
                                   std::size_t line_number) {
    line = trim_line(line);
    if (line.empty()) {
        return;
    }
    dom::element e;
    if (auto err = new_parser_.parse(line.data(), line.size()).get(e); err) {
        problem(file, line_number, std::string("not JSON: ") + simdjson::error_message(err));
        return;
    }
    dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) {
        problem(file, line_number, "not a JSON object");
        return;
    }
    std::string_view account, region, catalog;
    for (auto [name, out] : {std::pair<std::string_view, std::string_view*>{"AccountId", &account},
                             {"Region", &region},
                             {"CatalogId", &catalog}}) {
        if (auto why = read_key_member(obj, name, *out); !why.empty()) {
            problem(file, line_number, why);
            return;
        }
    }
    std::string_view code;
    if (obj["ErrorCode"].get_string().get(code) != simdjson::SUCCESS) {
        code = {};
    }
    add_failed_target(side, account, region, catalog, code);
}

bool snapshot_diff::parse_record(dom::parser& parser, std::string_view line,
                                 const std::string& file, std::size_t line_number,
                                 dom::element& doc, dom::object& record, std::string& key) {
    if (line.size() > max_line_bytes) {
        problem(file, line_number, "line longer than " + std::to_string(max_line_bytes) + " bytes");
        return false;
    }
    if (auto err = parser.parse(line.data(), line.size()).get(doc); err) {
        problem(file, line_number, std::string("not JSON: ") + simdjson::error_message(err));
        return false;
    }
    if (doc.get_object().get(record) != simdjson::SUCCESS) {
        problem(file, line_number, "not a JSON object");
        return false;
    }
    key.clear();
    for (std::string_view name : {"AccountId", "Region", "CatalogId", "Name"}) {
        std::string_view value;
        if (auto why = read_key_member(record, name, value); !why.empty()) {
            problem(file, line_number, why);
            return false;
        }
        if (name != "AccountId") {
            key += key_separator;
        }
        key.append(value);
    }
    return true;
}

bool snapshot_diff::target_failed(std::string_view key) const {
    if (failed_.empty()) {
        return false;
    }
    return failed_.find(std::string(target_of(key))) != failed_.end();
}

void snapshot_diff::fill_key(connection_change& change, std::string_view key) {
    std::string* fields[] = {&change.account_id, &change.region, &change.catalog_id, &change.name};
    std::size_t start = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto end = i == 3 ? key.size() : key.find(key_separator, start);
        fields[i]->assign(key.substr(start, end - start));
        start = end + 1;
    }
}

void snapshot_diff::index_old_line(std::string_view line, std::size_t line_number,
                                   std::uint64_t offset) {
    const auto trimmed = trim_line(line);
    if (trimmed.empty()) {
        return;
    }
    dom::element doc;
    dom::object record;
    if (!parse_record(old_parser_, trimmed, old_name_, line_number, doc, record, key_)) {
        return;
    }
    old_entry entry;
    entry.hash = value_hash(doc);
    entry.offset = offset;
    entry.length = static_cast<std::uint32_t>(line.size());
    entry.line = static_cast<std::uint32_t>(line_number);
    auto [it, fresh] = index_.try_emplace(key_, entry);
    if (!fresh) {
        problem(old_name_, line_number,
                "the connection of line " + std::to_string(it->second.line) +
                    " again (same AccountId, Region, CatalogId, Name)");
    }
}

void snapshot_diff::begin_new(change_sink& sink) {
    std::vector<std::pair<const std::string*, const failed_target*>> ordered;
    ordered.reserve(failed_.size());
    for (const auto& [key, target] : failed_) {
        ordered.emplace_back(&key, &target);
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.second->order < b.second->order; });
    connection_change change;
    change.kind = change_kind::not_compared;
    for (const auto& [key, target] : ordered) {
        fill_key(change, *key + key_separator);
        change.name.clear();
        change.failed_in = target->in_old && target->in_new ? "both"
                           : target->in_old                 ? "old"
                                                            : "new";
        change.error_code = target->in_old && target->in_new
                                ? target->old_error + "/" + target->new_error
                            : target->in_old ? target->old_error
                                             : target->new_error;
        ++counts_.not_compared_targets;
        sink.write(change);
    }
}

void snapshot_diff::new_line(std::string_view line, std::size_t line_number, change_sink& sink,
                             old_line_source& old_lines) {
    line = trim_line(line);
    if (line.empty()) {
        return;
    }
    dom::element doc;
    dom::object record;
    if (!parse_record(new_parser_, line, new_name_, line_number, doc, record, key_)) {
        return;
    }
    const bool failed = target_failed(key_);
    const auto it = index_.find(key_);
    if (it == index_.end()) {
        auto [added, fresh] =
            added_keys_.try_emplace(key_, static_cast<std::uint32_t>(line_number));
        if (!fresh) {
            problem(new_name_, line_number,
                    "the connection of line " + std::to_string(added->second) +
                        " again (same AccountId, Region, CatalogId, Name)");
            return;
        }
        if (failed) {
            ++counts_.skipped_records;
            return;
        }
        connection_change change;
        change.kind = change_kind::added;
        fill_key(change, key_);
        change.record = shown_record(doc);
        ++counts_.added;
        sink.write(change);
        return;
    }
    old_entry& entry = it->second;
    if (entry.seen) {
        problem(new_name_, line_number,
                "a connection seen earlier in this file again (same AccountId, Region, "
                "CatalogId, Name)");
        return;
    }
    entry.seen = true;
    if (failed) {
        counts_.skipped_records += 2;
        return;
    }
    if (value_hash(doc) == entry.hash) {
        ++counts_.unchanged;
        return;
    }
    const auto old_text = trim_line(old_lines.line(entry.offset, entry.length));
    dom::element old_doc;
    dom::object old_record;
    if (old_parser_.parse(old_text.data(), old_text.size()).get(old_doc) != simdjson::SUCCESS ||
        old_doc.get_object().get(old_record) != simdjson::SUCCESS) {
        problem(old_name_, entry.line, "the line changed while the diff was reading it");
        return;
    }
    connection_change change;
    change.kind = change_kind::changed;
    fill_key(change, key_);
    diff_members(old_record, record, change.members);
    if (change.members.empty()) {
        // Equal values hash equal, so this is only a guard: never report an empty change.
        ++counts_.unchanged;
        return;
    }
    ++counts_.changed;
    sink.write(change);
}

void snapshot_diff::finish(change_sink& sink, old_line_source& old_lines) {
    std::vector<std::pair<std::uint64_t, const std::string*>> removed;
    for (const auto& [key, entry] : index_) {
        if (entry.seen) {
            continue;
        }
        if (target_failed(key)) {
            ++counts_.skipped_records;
            continue;
        }
        removed.emplace_back(entry.offset, &key);
    }
    std::sort(removed.begin(), removed.end());
    connection_change change;
    change.kind = change_kind::removed;
    for (const auto& [offset, key] : removed) {
        const auto& entry = index_.at(*key);
        const auto text = trim_line(old_lines.line(entry.offset, entry.length));
        dom::element doc;
        dom::object record;
        if (old_parser_.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS ||
            doc.get_object().get(record) != simdjson::SUCCESS) {
            problem(old_name_, entry.line, "the line changed while the diff was reading it");
            continue;
        }
        fill_key(change, *key);
        change.record = shown_record(doc);
        ++counts_.removed;
        sink.write(change);
    }
}

} // namespace glue_cli::diff
