#include "audit/suppressions.hpp"

#include <algorithm>
#include <cstdio>
#include <glue_inventory/audit_suppressions.hpp>
#include <regex>
#include <simdjson.h>

namespace glue_inventory::audit {

namespace detail {

std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
    using namespace std::chrono;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    unsigned parts[3] = {};
    const std::pair<std::size_t, std::size_t> fields[3] = {{0, 4}, {5, 2}, {8, 2}};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t k = fields[i].first; k < fields[i].first + fields[i].second; ++k) {
            if (text[k] < '0' || text[k] > '9') {
                return std::nullopt;
            }
            parts[i] = parts[i] * 10 + static_cast<unsigned>(text[k] - '0');
        }
    }
    const year_month_day ymd{year{static_cast<int>(parts[0])}, month{parts[1]}, day{parts[2]}};
    if (parts[0] == 0 || !ymd.ok()) {
        return std::nullopt;
    }
    return sys_days{ymd};
}

std::optional<std::chrono::sys_time<std::chrono::milliseconds>>
parse_timestamp(std::string_view text) {
    using namespace std::chrono;
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text.back() != 'Z') {
        return std::nullopt;
    }
    const auto day = parse_date(text.substr(0, 10));
    if (!day) {
        return std::nullopt;
    }
    auto number = [&](std::size_t at, std::size_t count, unsigned& out) {
        out = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
            out = out * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return true;
    };
    unsigned h = 0, m = 0, sec = 0, ms = 0;
    if (!number(11, 2, h) || !number(14, 2, m) || !number(17, 2, sec) || h > 23 || m > 59 ||
        sec > 59) {
        return std::nullopt;
    }
    const std::size_t fraction = text.size() - 20; // the bytes between the seconds and 'Z'
    if (fraction != 0) {
        if (text[19] != '.' || fraction < 2 || fraction > 4 || !number(20, fraction - 1, ms)) {
            return std::nullopt;
        }
        for (std::size_t k = fraction - 1; k < 3; ++k) {
            ms *= 10;
        }
    }
    return *day + hours{h} + minutes{m} + seconds{sec} + milliseconds{ms};
}

std::size_t line_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(
                   text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

} // namespace detail

bool glob_match(std::string_view pattern, std::string_view text) {
    // The classic linear backtracking match: on a mismatch after a '*', that '*' takes one more
    // byte. Worst case O(pattern x text), no recursion.
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

namespace {

std::string format_day(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd{d};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

} // namespace

std::string describe(const suppression& s) {
    std::string text = "entry " + std::to_string(s.index);
    std::string details;
    auto add = [&](std::string_view what, const std::string& value) {
        if (value != "*") {
            details += (details.empty() ? "" : ", ") + std::string(what) + " " + value;
        }
    };
    if (s.line != 0) {
        details += "line " + std::to_string(s.line);
    }
    add("rule", s.rule);
    add("account", s.account);
    add("region", s.region);
    add("catalog", s.catalog);
    if (s.name_regex) {
        details += (details.empty() ? "" : ", ") + std::string("name /") + *s.name_regex + "/";
    }
    if (s.expires) {
        details += (details.empty() ? "" : ", ") + std::string("expires ") + format_day(*s.expires);
    }
    if (!details.empty()) {
        text += " (" + details + ")";
    }
    return text + ": " + s.reason;
}

struct suppression_set::impl {
    std::vector<suppression> active;
    std::vector<std::optional<std::regex>> active_names; // parallel to `active`
    std::vector<suppression> expired;
};

suppression_set::suppression_set() : impl_(std::make_unique<impl>()) {}
suppression_set::~suppression_set() = default;
suppression_set::suppression_set(suppression_set&&) noexcept = default;
suppression_set& suppression_set::operator=(suppression_set&&) noexcept = default;

namespace {

namespace sj = simdjson::ondemand;

constexpr std::string_view entry_members = "rule, account, region, catalog, name, reason, expires";

// Reads one entry object. `where` names it in errors ("entry 3 (line 12)").
bool read_entry(sj::object& obj, suppression& s, const std::string& where, std::string& error) {
    bool seen[7] = {};
    constexpr std::string_view names[7] = {"rule", "account", "region", "catalog",
                                           "name", "reason",  "expires"};
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        simdjson::error_code e = std::move(field_result).get(field);
        if (e == simdjson::SUCCESS) {
            e = field.unescaped_key().get(key);
        }
        if (e != simdjson::SUCCESS) {
            error = where + ": malformed JSON (" + simdjson::error_message(e) + ")";
            return false;
        }
        const auto it = std::find(std::begin(names), std::end(names), key);
        if (it == std::end(names)) {
            error = where + ": unknown member '" + std::string(key) + "' (expected " +
                    std::string(entry_members) + ")";
            return false;
        }
        const auto index = static_cast<std::size_t>(it - std::begin(names));
        if (seen[index]) {
            error = where + ": '" + std::string(key) + "' given twice";
            return false;
        }
        seen[index] = true;
        std::string_view value;
        if (const auto ve = field.value().get_string().get(value); ve != simdjson::SUCCESS) {
            error = where +
                    (ve == simdjson::INCORRECT_TYPE
                         ? ": '" + std::string(key) + "' must be a string"
                         : ": malformed JSON (" + std::string(simdjson::error_message(ve)) + ")");
            return false;
        }
        switch (index) {
        case 0:
            s.rule.assign(value);
            break;
        case 1:
            s.account.assign(value);
            break;
        case 2:
            s.region.assign(value);
            break;
        case 3:
            s.catalog.assign(value);
            break;
        case 4:
            s.name_regex.emplace(value);
            break;
        case 5:
            s.reason.assign(value);
            break;
        case 6:
            s.expires = detail::parse_date(value);
            if (!s.expires) {
                error = where + ": expires '" + std::string(value) + "' is not a date YYYY-MM-DD";
                return false;
            }
            break;
        default:
            break;
        }
        if (index < 5 && value.empty()) {
            error = where + ": '" + std::string(key) + "' is empty (leave it out to match any)";
            return false;
        }
    }
    if (s.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        error = where + ": 'reason' is required (say why the finding is accepted)";
        return false;
    }
    if (!seen[0] && !seen[1] && !seen[2] && !seen[3] && !seen[4]) {
        error = where + ": matches every finding: name at least one of rule, account, region, "
                        "catalog, name";
        return false;
    }
    return true;
}

} // namespace

std::optional<suppression_set> suppression_set::parse(std::string_view json,
                                                      std::string_view file_name, timestamp now,
                                                      std::string& error) {
    const std::string file(file_name);
    if (json.size() > max_suppressions_bytes) {
        error = file + ": larger than " + std::to_string(max_suppressions_bytes) + " bytes";
        return std::nullopt;
    }
    const simdjson::padded_string padded(json);
    sj::parser parser;
    sj::document doc;
    // The line of the token the parser is at (the last line when it has read everything).
    auto line_here = [&]() -> std::size_t {
        const char* at = nullptr;
        if (doc.current_location().get(at) != simdjson::SUCCESS || at == nullptr) {
            return detail::line_at(json, json.size());
        }
        return detail::line_at(json, static_cast<std::size_t>(at - padded.data()));
    };
    auto fail_at = [&](std::string_view what) {
        error = file + ": line " + std::to_string(line_here()) + ": " + std::string(what);
        return std::nullopt;
    };
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) {
        error = file + ": not JSON";
        return std::nullopt;
    }
    // A value of the wrong type is named as such; anything else is the JSON itself.
    auto fail_json = [&](simdjson::error_code e, std::string_view expected) {
        if (e == simdjson::INCORRECT_TYPE) {
            return fail_at(expected);
        }
        return fail_at(std::string("malformed JSON (") + simdjson::error_message(e) + ")");
    };
    sj::object root;
    if (const auto e = doc.get_object().get(root); e != simdjson::SUCCESS) {
        return fail_json(e, "expected a JSON object {\"suppressions\": [...]}");
    }
    suppression_set set;
    const auto today = std::chrono::floor<std::chrono::days>(now);
    bool listed = false;
    for (auto member_result : root) {
        sj::field member;
        std::string_view key;
        if (const auto e = std::move(member_result).get(member); e != simdjson::SUCCESS) {
            return fail_json(e, "malformed JSON");
        }
        if (const auto e = member.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail_json(e, "malformed JSON");
        }
        if (key != "suppressions") {
            return fail_at("unknown member '" + std::string(key) +
                           "' (the file is {\"suppressions\": [...]})");
        }
        if (listed) {
            return fail_at("'suppressions' given twice");
        }
        listed = true;
        sj::array entries;
        if (const auto e = member.value().get_array().get(entries); e != simdjson::SUCCESS) {
            return fail_json(e, "'suppressions' must be a list of entries");
        }
        std::size_t index = 0;
        for (auto entry_result : entries) {
            ++index;
            if (index > max_suppression_entries) {
                return fail_at("more than " + std::to_string(max_suppression_entries) + " entries");
            }
            const std::size_t line = line_here();
            sj::value entry;
            sj::object obj;
            if (const auto e = std::move(entry_result).get(entry); e != simdjson::SUCCESS) {
                return fail_json(e, "malformed JSON");
            }
            if (const auto e = entry.get_object().get(obj); e != simdjson::SUCCESS) {
                return fail_json(e, "entry " + std::to_string(index) + " is not an object");
            }
            suppression s;
            s.index = index;
            s.line = line;
            const std::string where =
                file + ": line " + std::to_string(line) + ": entry " + std::to_string(index);
            if (!read_entry(obj, s, where, error)) {
                return std::nullopt;
            }
            std::optional<std::regex> name;
            if (s.name_regex) {
                try {
                    name.emplace(*s.name_regex, std::regex::ECMAScript | std::regex::optimize);
                } catch (const std::regex_error& e) {
                    error = where + ": name '" + *s.name_regex +
                            "' is not a regular expression: " + e.what();
                    return std::nullopt;
                }
            }
            if (s.expires && *s.expires < today) {
                set.impl_->expired.push_back(std::move(s));
            } else {
                set.impl_->active.push_back(std::move(s));
                set.impl_->active_names.push_back(std::move(name));
            }
        }
    }
    const char* at = nullptr;
    if (const auto e = doc.current_location().get(at); e != simdjson::OUT_OF_BOUNDS) {
        return fail_at("content after the root object, or malformed JSON");
    }
    if (!listed) {
        error = file + ": no 'suppressions' list (the file is {\"suppressions\": [...]})";
        return std::nullopt;
    }
    return set;
}

const suppression* suppression_set::match(std::string_view rule_id, const resource& r) const {
    for (std::size_t i = 0; i < impl_->active.size(); ++i) {
        const auto& s = impl_->active[i];
        if (glob_match(s.rule, rule_id) && glob_match(s.account, r.account_id) &&
            glob_match(s.region, r.region) && glob_match(s.catalog, r.catalog_id) &&
            (!impl_->active_names[i] || (r.name.size() <= max_name_pattern_subject_bytes &&
                                         std::regex_search(r.name, *impl_->active_names[i])))) {
            return &s;
        }
    }
    return nullptr;
}

void suppression_set::apply(finding& f) const {
    if (f.result.status != status::fail || f.result.rule == nullptr) {
        return;
    }
    if (const auto* s = match(f.result.rule->id, f.resource)) {
        f.suppressed = true;
        f.suppression_reason = s->reason;
    }
}

std::size_t suppression_set::size() const {
    return impl_->active.size() + impl_->expired.size();
}

const std::vector<suppression>& suppression_set::expired() const {
    return impl_->expired;
}

} // namespace glue_inventory::audit
