// The one table of the Glue Connection's top-level members: the name on the wire, the member of
// glue_inventory::connection, and its kind. The GetConnections parser's key switch
// (protocol/response_parser.cpp), the JSON / NDJSON writer (protocol/connection_json.cpp) and the
// CSV columns (apps/glue-inventory/csv_format.cpp) are all made from it, so a member AWS adds
// to Connection is added here (and to the struct in model.hpp), in the API's member order,
// which is the order the writers write and the CSV's column order. Public, so that a tool
// built on the library (the CLI's CSV first) can make its own format from the same table.
//
// An X-macro rather than Boost.Describe (whose example/to_json.cpp is the model): the wire
// names are not the C++ names, and the parser needs a `switch` over the members (a generated
// switch is what keeps the parse rate of the hand-written one). Each use site defines X to
// turn a row into what it needs; a kind with no matching overload there does not compile.
//
// Kinds:
//   string       std::optional<std::string>
//   string_list  std::optional<std::vector<std::string>>
//   map          std::optional<property_map>            (a JSON object of strings, in order)
//   structure    a nested structure (PhysicalConnectionRequirements, AuthenticationConfiguration)
//   time         std::optional<timestamp>               (epoch seconds on the wire, ISO 8601 in
//                                                       the CLI's records)
//   integer      std::optional<int>
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

// X(wire name, member, kind) for each member of Connection, in the API's order.
#define GLUE_INVENTORY_CONNECTION_MEMBERS(X)                                                       \
    X("Name", name, string)                                                                        \
    X("Description", description, string)                                                          \
    X("ConnectionType", connection_type, string)                                                   \
    X("MatchCriteria", match_criteria, string_list)                                                \
    X("ConnectionProperties", connection_properties, map)                                          \
    X("SparkProperties", spark_properties, map)                                                    \
    X("AthenaProperties", athena_properties, map)                                                  \
    X("PythonProperties", python_properties, map)                                                  \
    X("PhysicalConnectionRequirements", physical_connection_requirements, structure)               \
    X("CreationTime", creation_time, time)                                                         \
    X("LastUpdatedTime", last_updated_time, time)                                                  \
    X("LastUpdatedBy", last_updated_by, string)                                                    \
    X("Status", status, string)                                                                    \
    X("StatusReason", status_reason, string)                                                       \
    X("LastConnectionValidationTime", last_connection_validation_time, time)                       \
    X("AuthenticationConfiguration", authentication_configuration, structure)                      \
    X("ConnectionSchemaVersion", connection_schema_version, integer)                               \
    X("CompatibleComputeEnvironments", compatible_compute_environments, string_list)

namespace glue_inventory {

/// The members by number, in the table's order; `unknown` (0) is a key the table does not have.
enum class connection_member : unsigned char {
    unknown,
#define GLUE_INVENTORY_MEMBER_ENUMERATOR(wire, member, kind) member,
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_MEMBER_ENUMERATOR)
#undef GLUE_INVENTORY_MEMBER_ENUMERATOR
};

/// The wire names, indexed by connection_member ("" for unknown).
inline constexpr std::array connection_member_names = {
    std::string_view{},
#define GLUE_INVENTORY_MEMBER_NAME(wire, member, kind) std::string_view{wire},
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_MEMBER_NAME)
#undef GLUE_INVENTORY_MEMBER_NAME
};

/// How many members Connection has.
inline constexpr std::size_t connection_member_count = connection_member_names.size() - 1;

} // namespace glue_inventory
