#include "csv_format.hpp"

#include "record_writer.hpp"

#include <glue_inventory/record_values.hpp> // write_connection_members, write_iso8601

namespace glue_cli {

void append_csv_cell(std::string_view cell, std::string& out) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char ch : cell) {
        if (ch == '"') {
            out += '"';
        }
        out += ch;
    }
    out += '"';
}

namespace {

using glue_inventory::connection;

/// The JSON value of the one member set in `only`: the connection writer writes
/// "Name":value, and the name is cut off. Reusing that writer keeps CSV cells identical to the
/// NDJSON record's values.
std::string member_json(const connection& only) {
    std::string text;
    glue_inventory::write_connection_members(only, text);
    const auto colon = text.find("\":");
    return colon == std::string::npos ? std::string{} : text.substr(colon + 2);
}

// One cell writer per kind of the member table (glue_inventory/connection_members.hpp); each writes
// the cell and the ',' after it. Nested members (lists, maps, structures) as their JSON text.
template <class Member>
void nested_cell(const std::optional<Member>& value, std::optional<Member> connection::*field,
                 std::string& out) {
    if (value) {
        connection only;
        only.*field = value;
        append_csv_cell(member_json(only), out);
    }
    out += ',';
}

using string_list = std::vector<std::string>;
void string_list_cell(const std::optional<string_list>& value,
                      std::optional<string_list> connection::*field, std::string& out) {
    nested_cell(value, field, out);
}

using glue_inventory::property_map;
void map_cell(const std::optional<property_map>& value,
              std::optional<property_map> connection::*field, std::string& out) {
    nested_cell(value, field, out);
}

template <class Member>
void structure_cell(const std::optional<Member>& value, std::optional<Member> connection::*field,
                    std::string& out) {
    nested_cell(value, field, out);
}

void string_cell(const std::optional<std::string>& value, std::optional<std::string> connection::*,
                 std::string& out) {
    if (value) {
        append_csv_cell(*value, out);
    }
    out += ',';
}

void time_cell(const std::optional<glue_inventory::timestamp>& value,
               std::optional<glue_inventory::timestamp> connection::*, std::string& out) {
    if (value) {
        glue_inventory::write_iso8601(*value, out); // digits, '-', ':', '.', 'T', 'Z': never quoted
    }
    out += ',';
}

void integer_cell(const std::optional<int>& value, std::optional<int> connection::*,
                  std::string& out) {
    if (value) {
        out += std::to_string(*value);
    }
    out += ',';
}

class csv_writer final : public record_writer {
public:
    void begin(std::string& out) override {
        for (std::size_t i = 0; i < csv_columns.size(); ++i) {
            out += i == 0 ? "" : ",";
            out += csv_columns[i];
        }
        out += "\r\n";
    }

    void write(const record_context& ctx, const connection& c, std::string& out) override {
        append_csv_cell(ctx.account_id, out);
        out += ',';
        append_csv_cell(ctx.region, out);
        out += ',';
        append_csv_cell(ctx.catalog_id, out);
        out += ',';
#define GLUE_INVENTORY_CSV_CELL(wire, member, kind) kind##_cell(c.member, &connection::member, out);
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_CSV_CELL)
#undef GLUE_INVENTORY_CSV_CELL
        out.back() = '\r'; // the last cell's ',' becomes the line end
        out += '\n';
    }
};

} // namespace

std::unique_ptr<record_writer> make_csv_writer() {
    return std::make_unique<csv_writer>();
}

} // namespace glue_cli
