// The generic diff of two connection records: a JSON tree diff that names each changed member
// by its path, so members AWS adds later diff too without a line of code.
//
// Objects (Connection, PhysicalConnectionRequirements, AuthenticationConfiguration, and maps
// such as ConnectionProperties) are compared member by member, recursively; any other value
// (strings, numbers, lists such as SecurityGroupIdList or MatchCriteria) is compared whole.
// A path joins member names with '.'; a name that is empty or holds '.', '[', ']', '"' or a
// blank is written as ["name"] (JSON-escaped): SparkProperties["spark.executor.memory"].
#pragma once

#include <cstdint>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace glue_cli::diff {

enum class member_change_kind {
    added,   // absent in OLD
    removed, // absent in NEW
    changed, // in both, different
};

std::string_view to_string(member_change_kind kind);

struct member_change {
    std::string path;
    member_change_kind kind = member_change_kind::changed;
    /// A secret-bearing member (secret_redaction.hpp): its values are never kept.
    bool secret = false;
    /// The values as JSON text with the secrets inside them redacted (shown_json); empty when
    /// the member is absent on that side or is secret.
    std::string old_value;
    std::string new_value;
};

/// Appends the member changes from `old_record` to `new_record` (two JSON objects), in NEW's
/// member order, then the members only OLD has, in OLD's order.
void diff_members(simdjson::dom::object old_record, simdjson::dom::object new_record,
                  std::vector<member_change>& out);

/// True when two JSON values are equal: objects whatever their member order, lists in order,
/// numbers by value (an integer and a float are different values).
bool same_value(simdjson::dom::element a, simdjson::dom::element b);

/// A 64-bit hash consistent with same_value: equal values hash equal (object member order does
/// not matter). The diff compares hashes first and reads OLD's line again only when they differ.
std::uint64_t value_hash(simdjson::dom::element v);

/// Appends `v` as JSON with every secret redacted: members with a secret name become
/// "REDACTED", every string goes through append_redacted_text.
void append_shown_json(simdjson::dom::element v, std::string& out);

/// Appends the path of `name` under `parent` (see the header comment).
void append_path(std::string& path, std::string_view name);

} // namespace glue_cli::diff
