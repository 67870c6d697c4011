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

void text_cell(const std::optional<std::string>& value, std::string& out) {
    if (value) {
        append_csv_cell(*value, out);
    }
    out += ',';
}

void time_cell(const std::optional<glue_inventory::timestamp>& value, std::string& out) {
    if (value) {
        glue_inventory::write_iso8601(*value, out); // digits, '-', ':', '.', 'T', 'Z': never quoted
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
        text_cell(c.name, out);
        text_cell(c.description, out);
        text_cell(c.connection_type, out);
        nested_cell(c.match_criteria, &connection::match_criteria, out);
        nested_cell(c.connection_properties, &connection::connection_properties, out);
        nested_cell(c.spark_properties, &connection::spark_properties, out);
        nested_cell(c.athena_properties, &connection::athena_properties, out);
        nested_cell(c.python_properties, &connection::python_properties, out);
        nested_cell(c.physical_connection_requirements,
                    &connection::physical_connection_requirements, out);
        time_cell(c.creation_time, out);
        time_cell(c.last_updated_time, out);
        text_cell(c.last_updated_by, out);
        text_cell(c.status, out);
        text_cell(c.status_reason, out);
        time_cell(c.last_connection_validation_time, out);
        nested_cell(c.authentication_configuration, &connection::authentication_configuration, out);
        if (c.connection_schema_version) {
            out += std::to_string(*c.connection_schema_version);
        }
        out += ',';
        nested_cell(c.compatible_compute_environments, &connection::compatible_compute_environments,
                    out);
        out.back() = '\r'; // the last cell's ',' becomes the line end
        out += '\n';
    }
};

} // namespace

std::unique_ptr<record_writer> make_csv_writer() {
    return std::make_unique<csv_writer>();
}

} // namespace glue_cli
