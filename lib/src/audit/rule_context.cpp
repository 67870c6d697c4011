#include "audit/rule_context.hpp"

#include "audit/properties.hpp"
#include "audit/secret_names.hpp"

#include <charconv>
#include <stdexcept>

namespace glue_inventory::audit::detail {

rule_context::rule_context(const connection& conn, const target& tgt, const audit_options& opts)
    : c(conn), t(tgt), options(opts) {
    family = classify(c);
    connector = c.connection_type && is_connector_type(*c.connection_type);
    index_properties(c.connection_properties ? &*c.connection_properties : nullptr, props);
    if (const std::string* e = props.get(key::JDBC_ENFORCE_SSL)) {
        enforce_ssl = is_true(*e);
    }
    if (family == type_family::db) {
        url_key = props.non_blank(key::JDBC_CONNECTION_URL) ? key::JDBC_CONNECTION_URL
                                                            : key::CONNECTION_URL;
    } else if (family == type_family::doc) {
        url_key = key::CONNECTION_URL;
    }
    if (url_key != key::count_) {
        url = props.non_blank(url_key);
        if (url != nullptr) {
            scan_secrets(*url, scan_mode::url, &is_redacted_name, url_secrets);
            url_status = read_url(*url, url_parsed) ? url_state::read : url_state::unreadable;
            if (url_status == url_state::read) {
                tls = read_tls(url_parsed);
            }
        }
    }
}

void result_writer::too_many_items() {
    throw std::logic_error("audit: a rule added more than max_evidence_items evidence items");
}

void result_writer::add_number(std::string_view name, long long value) {
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    add(name, std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

void append_item(std::string& list, std::string_view item) {
    if (!list.empty()) {
        list.append(",");
    }
    list.append(item);
}

void append_timestamp(std::string& out, timestamp t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{floor<seconds>(t - day)};
    char buffer[32];
    const int y = static_cast<int>(ymd.year());
    // yyyy-mm-ddThh:mm:ssZ, written by hand: no locale, no allocation.
    const auto two = [](char* p, unsigned v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
    };
    auto [p, ec] = std::to_chars(buffer, buffer + 8, y);
    *p++ = '-';
    two(p, static_cast<unsigned>(ymd.month()));
    p += 2;
    *p++ = '-';
    two(p, static_cast<unsigned>(ymd.day()));
    p += 2;
    *p++ = 'T';
    two(p, static_cast<unsigned>(hms.hours().count()));
    p += 2;
    *p++ = ':';
    two(p, static_cast<unsigned>(hms.minutes().count()));
    p += 2;
    *p++ = ':';
    two(p, static_cast<unsigned>(hms.seconds().count()));
    p += 2;
    *p++ = 'Z';
    out.append(buffer, static_cast<std::size_t>(p - buffer));
}

long long days_between(timestamp then, timestamp now) {
    return std::chrono::floor<std::chrono::days>(now - then).count();
}

} // namespace glue_inventory::audit::detail
