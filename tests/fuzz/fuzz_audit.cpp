// The audit rules (lib/src/audit): evaluate over the connections of a GetConnections page,
// redact_url, redact_text and the JDBC/MongoDB URL reader. Properties:
// - evaluate gives one result per rule, in ID order, and is pure (twice: equal results);
// - no result shows a secret: the values of secret-named properties (is_redacted_name, not a
//   secret reference) replaced by a marker never appear in a message or an evidence value;
// - redact_url hides a password in userinfo and in a secret-named parameter; redact_text hides
//   `password=` values and keeps to its byte limit;
// - read_url never reports more hosts or parameters than its limits.
// Input: a GetConnections page; its bytes are also used as URL and free text.
#include "audit/secret_names.hpp"
#include "audit/url_reader.hpp"
#include "fuzz_check.hpp"
#include "protocol/response_parser.hpp"

#include <glue_inventory/audit.hpp>
#include <string>
#include <vector>

using namespace glue_inventory;

namespace {

// No input holds it unless the fuzzer learnt it from the comparisons below: such inputs are
// skipped.
constexpr std::string_view marker = "Zq7SecretMarkerXv";

void mark(std::optional<property_map>& map) {
    if (!map) {
        return;
    }
    for (auto& [key, value] : *map) {
        if (!value.empty() && audit::detail::is_redacted_name(key) &&
            !audit::detail::is_secret_reference(key, value)) {
            value = std::string(marker);
        }
    }
}

bool shows_marker(const std::vector<audit::rule_result>& results) {
    for (const auto& r : results) {
        if (r.message.find(marker) != std::string::npos) {
            return true;
        }
        for (const auto& [name, value] : r.evidence) {
            if (value.find(marker) != std::string::npos || name.find(marker) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

// `s` with only the bytes that cannot end a URL part.
std::string plain(std::string_view s) {
    std::string out;
    for (char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '_') {
            out += c;
        }
    }
    return out.empty() ? std::string("h") : out;
}

void check_redaction(std::string_view input) {
    const auto cut = input.size() / 2;
    const std::string a = plain(input.substr(0, cut));
    const std::string b = plain(input.substr(cut));
    if ((a + b).find(marker.substr(0, 8)) != std::string::npos) {
        return; // the fuzzer spelt (part of) the marker itself
    }
    const std::string userinfo =
        "jdbc:postgresql://" + a + ":" + std::string(marker) + "@" + b + ":5432/db";
    FUZZ_CHECK(audit::redact_url(userinfo).find(marker) == std::string::npos);
    const std::string parameter =
        "jdbc:mysql://" + b + "/db?" + a + "=1&password=" + std::string(marker) + "&" + b + "=2";
    FUZZ_CHECK(audit::redact_url(parameter).find(marker) == std::string::npos);
    const std::string text = std::string(input.substr(0, cut)) + " password=" + std::string(marker);
    const auto redacted = audit::redact_text(text, 4096);
    FUZZ_CHECK(redacted.size() <= 4096);
    FUZZ_CHECK(input.find('=') != std::string_view::npos ||
               input.find(':') != std::string_view::npos ||
               redacted.find(marker) == std::string::npos);
    FUZZ_CHECK(audit::redact_text(input, 64).size() <= 64);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static protocol::response_parser parser;
    const auto input = fuzz::as_text(data, size);
    if (input.find(marker) != std::string_view::npos) {
        return 0;
    }

    audit::detail::parsed_url url;
    if (audit::detail::read_url(input, url)) {
        FUZZ_CHECK(url.hosts().size() <= audit::detail::max_url_hosts);
        FUZZ_CHECK(url.parameters().size() <= audit::detail::max_url_parameters);
    }
    (void)audit::redact_url(input);
    check_redaction(input);

    std::string body(input);
    body.append(protocol::response_parser::padding(), '\0');
    get_connections_page page;
    protocol::parse_error error;
    if (!parser.parse_get_connections({body.data(), size}, page, error)) {
        return 0;
    }
    target t;
    t.account_id = "111122223333";
    t.region = "eu-west-1";
    audit::audit_options options;
    options.now = timestamp{std::chrono::milliseconds{1'764'547'200'000}};
    for (auto c : page.connections) {
        std::vector<audit::rule_result> first, second;
        audit::evaluate(c, t, options, first);
        audit::evaluate(c, t, options, second);
        const auto rules = audit::rules();
        FUZZ_CHECK(first.size() == rules.size() && second.size() == rules.size());
        for (std::size_t i = 0; i < first.size(); ++i) {
            FUZZ_CHECK(first[i].rule == &rules[i] && second[i].rule == &rules[i]);
            FUZZ_CHECK(first[i].status == second[i].status &&
                       first[i].message == second[i].message &&
                       first[i].evidence == second[i].evidence);
        }

        mark(c.connection_properties);
        mark(c.spark_properties);
        mark(c.athena_properties);
        mark(c.python_properties);
        if (c.authentication_configuration && c.authentication_configuration->oauth2_properties) {
            mark(c.authentication_configuration->oauth2_properties->token_url_parameters_map);
        }
        std::vector<audit::rule_result> marked;
        audit::evaluate(c, t, options, marked);
        FUZZ_CHECK(!shows_marker(marked));
    }
    return 0;
}
