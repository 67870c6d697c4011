// --format ndjson and --format json: both are the NDJSON record of the CLI contract.
#include "record_writer.hpp"

namespace glue_cli {
namespace {

using glue_inventory::protocol::record_prefix;
using glue_inventory::protocol::write_ndjson_record;

class ndjson_writer final : public record_writer {
public:
    void write(const record_context& ctx, const glue_inventory::connection& c,
               std::string& out) override {
        write_ndjson_record(prefix_.of(ctx), c, out);
    }

private:
    record_prefix prefix_; // AccountId, Region, CatalogId: escaped once per target
};

class json_writer final : public record_writer {
public:
    void begin(std::string& out) override { out += "[\n"; }
    void write(const record_context& ctx, const glue_inventory::connection& c,
               std::string& out) override {
        if (!first_) {
            out += ",\n";
        }
        first_ = false;
        write_ndjson_record(prefix_.of(ctx), c, out);
        out.pop_back(); // the record's own '\n': the separator comes with the next record
    }
    void end(std::string& out) override { out += first_ ? "]\n" : "\n]\n"; }

private:
    bool first_ = true;
    record_prefix prefix_;
};

} // namespace

std::unique_ptr<record_writer> make_ndjson_writer() {
    return std::make_unique<ndjson_writer>();
}

std::unique_ptr<record_writer> make_json_writer() {
    return std::make_unique<json_writer>();
}

} // namespace glue_cli
