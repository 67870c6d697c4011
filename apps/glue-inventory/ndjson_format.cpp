// --format ndjson and --format json: both are the NDJSON record of the CLI contract.
#include "record_writer.hpp"

namespace glue_cli {
namespace {

class ndjson_writer final : public record_writer {
public:
    void write(const record_context& ctx, const glue_inventory::connection& c,
               std::string& out) override {
        records_.write(ctx, c, out);
    }

private:
    glue_inventory::ndjson_record_writer records_; // escapes AccountId, Region, CatalogId once
                                                   // per target
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
        records_.write(ctx, c, out);
        out.pop_back(); // the record's own '\n': the separator comes with the next record
    }
    void end(std::string& out) override { out += first_ ? "]\n" : "\n]\n"; }

private:
    bool first_ = true;
    glue_inventory::ndjson_record_writer records_;
};

} // namespace

std::unique_ptr<record_writer> make_ndjson_writer() {
    return std::make_unique<ndjson_writer>();
}

std::unique_ptr<record_writer> make_json_writer() {
    return std::make_unique<json_writer>();
}

} // namespace glue_cli
