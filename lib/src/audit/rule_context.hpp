// What every rule reads, computed once per connection (the family, the 49 keys, the data
// store's URL and what it says about TLS), and the writer that fills a result in place, reusing
// the strings of a result from an earlier connection.
#pragma once

#include "audit/connection_types.hpp"
#include "audit/property_keys.hpp"
#include "audit/secret_scan.hpp"
#include "audit/tls_table.hpp"
#include "audit/url_reader.hpp"

#include <cstddef>
#include <glue_inventory/audit.hpp>
#include <string>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class url_state {
    absent,     // no URL property (HOST/PORT form, or a type without one)
    unreadable, // present but not a URL the reader understands
    read,
};

struct rule_context {
    const connection& c;
    const target& t;
    const audit_options& options;
    type_family family = type_family::unknown;
    bool connector = false; // MARKETPLACE or CUSTOM
    indexed_properties props;
    // The data store's URL (DB: JDBC_CONNECTION_URL, else CONNECTION_URL; DOC: CONNECTION_URL).
    key url_key = key::count_;
    const std::string* url = nullptr;
    url_state url_status = url_state::absent;
    parsed_url url_parsed;
    tls_reading tls;
    secret_spans url_secrets; // the URL's secrets (is_redacted_name), for GLUE-001 and 006
    bool enforce_ssl = false; // lower(trim(JDBC_ENFORCE_SSL)) == "true"

    rule_context(const connection& conn, const target& tgt, const audit_options& opts);
};

/// The most evidence items a rule writes (GLUE-001: 6; GLUE-007: one per free-form map, 5).
inline constexpr std::size_t max_evidence_items = 8;

/// Fills one result in place: the rule, status and severity, a message and the evidence, whose
/// strings keep their capacity from the connection before.
class result_writer {
public:
    result_writer(rule_result& r, std::size_t rule_index, status s, severity sev) : r_(r) {
        r_.rule = &rules()[rule_index];
        r_.status = s;
        r_.severity = sev;
        r_.message.clear();
    }
    result_writer(const result_writer&) = delete;
    result_writer& operator=(const result_writer&) = delete;
    ~result_writer() {
        // Drop the items an earlier connection left beyond this one's.
        if (r_.evidence.size() > count_) {
            r_.evidence.erase(r_.evidence.begin() + static_cast<std::ptrdiff_t>(count_),
                              r_.evidence.end());
        }
    }

    void set(status s, severity sev) {
        r_.status = s;
        r_.severity = sev;
    }
    void set(status s) { r_.status = s; }
    void message(std::string_view m) { r_.message.assign(m); }
    /// A new evidence item named `name`, its value empty: append to the returned string. Reuses
    /// the strings of the item an earlier connection left in this place.
    std::string& add(std::string_view name) {
        if (count_ < r_.evidence.size()) {
            auto& item = r_.evidence[count_++];
            item.first.assign(name);
            item.second.clear();
            return item.second;
        }
        if (count_ == max_evidence_items) {
            too_many_items();
        }
        // Rules hold a reference to one item while adding the next: the first item reserves
        // room for all (a result without evidence allocates nothing).
        if (r_.evidence.capacity() < max_evidence_items) {
            r_.evidence.reserve(max_evidence_items);
        }
        ++count_;
        return r_.evidence.emplace_back(std::string(name), std::string()).second;
    }
    void add(std::string_view name, std::string_view value) { add(name).append(value); }
    void add_bool(std::string_view name, bool value) { add(name, value ? "true" : "false"); }
    void add_number(std::string_view name, long long value);

private:
    [[noreturn]] static void too_many_items();

    rule_result& r_;
    std::size_t count_ = 0;
};

/// Appends ", " then `item` unless `list` is empty (evidence lists).
void append_item(std::string& list, std::string_view item);

/// "2024-05-01T12:34:56Z".
void append_timestamp(std::string& out, timestamp t);

/// Whole days from `then` to `now` (negative when `then` is later).
long long days_between(timestamp then, timestamp now);

// One function per rule, in catalogue order. Each fills `r` completely.
void glue_001(const rule_context& ctx, rule_result& r);
void glue_002(const rule_context& ctx, const rule_result& r001, rule_result& r);
void glue_003(const rule_context& ctx, rule_result& r);
void glue_004(const rule_context& ctx, rule_result& r);
void glue_005(const rule_context& ctx, rule_result& r);
void glue_006(const rule_context& ctx, rule_result& r);
void glue_007(const rule_context& ctx, rule_result& r);
void glue_008(const rule_context& ctx, rule_result& r);
void glue_009(const rule_context& ctx, rule_result& r);
void glue_010(const rule_context& ctx, rule_result& r);
void glue_011(const rule_context& ctx, rule_result& r);
void glue_012(const rule_context& ctx, rule_result& r);
void glue_013(const rule_context& ctx, rule_result& r);
void glue_014(const rule_context& ctx, const rule_result& r005, rule_result& r);
void glue_015(const rule_context& ctx, rule_result& r);
void glue_016(const rule_context& ctx, rule_result& r);

} // namespace glue_inventory::audit::detail
