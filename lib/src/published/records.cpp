#include "protocol/connection_json.hpp"
#include "protocol/json_string.hpp"
#include "protocol/ndjson_record.hpp"
#include "protocol/response_parser.hpp"
#include "protocol/timestamp_text.hpp"

#include <glue_inventory/record_values.hpp>
#include <glue_inventory/records.hpp>

namespace glue_inventory {

struct ndjson_record_writer::impl {
    protocol::record_prefix prefix;
};

ndjson_record_writer::ndjson_record_writer() : impl_(std::make_unique<impl>()) {}
ndjson_record_writer::~ndjson_record_writer() = default;
ndjson_record_writer::ndjson_record_writer(ndjson_record_writer&&) noexcept = default;
ndjson_record_writer& ndjson_record_writer::operator=(ndjson_record_writer&&) noexcept = default;

void ndjson_record_writer::write(const record_context& ctx, const connection& c, std::string& out) {
    protocol::write_ndjson_record(impl_->prefix.of(ctx), c, out);
}

bool write_connection_members(const connection& c, std::string& out) {
    return protocol::write_connection_members(c, protocol::timestamp_style::iso8601, out);
}

void write_json_string(std::string_view s, std::string& out) {
    protocol::write_json_string(s, out);
}

void write_iso8601(timestamp t, std::string& out) {
    protocol::write_iso8601(t, out);
}

struct ndjson_record_reader::impl {
    protocol::response_parser parser;
    protocol::parse_error error;
};

ndjson_record_reader::ndjson_record_reader() : impl_(std::make_unique<impl>()) {}
ndjson_record_reader::~ndjson_record_reader() = default;
ndjson_record_reader::ndjson_record_reader(ndjson_record_reader&&) noexcept = default;
ndjson_record_reader& ndjson_record_reader::operator=(ndjson_record_reader&&) noexcept = default;

bool ndjson_record_reader::read(std::string_view line, ndjson_record& record, std::string& error) {
    auto& e = impl_->error;
    if (impl_->parser.parse_ndjson_record(line, record, e)) {
        return true;
    }
    error = e.where.empty() ? e.what : e.what + " at " + e.where;
    return false;
}

std::size_t ndjson_record_reader::padding() noexcept {
    return protocol::response_parser::padding();
}

} // namespace glue_inventory
