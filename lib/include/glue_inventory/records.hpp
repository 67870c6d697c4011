// The NDJSON record of the CLI contract (docs/DESIGN.md), written and read back: one line per
// connection, {"AccountId":..,"Region":..,"CatalogId":..,<the connection's members>}. What
// `glue-inventory scan` writes and `glue-inventory audit` and `diff` read; an embedding service
// that writes the same lines can feed them to the same tools.
#pragma once

#include <cstddef>
#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace glue_inventory {

/// Where a connection came from.
struct record_context {
    std::string_view account_id;
    std::string_view region;
    std::string_view catalog_id; // the account ID when no catalog was named
};

/// Writes records. Keeps the escaped start of the line (AccountId, Region, CatalogId) while the
/// context stays the same, as it does for the records of one page. Not thread-safe: one per
/// output stream.
class GLUE_INVENTORY_API ndjson_record_writer {
public:
    ndjson_record_writer();
    ~ndjson_record_writer();
    ndjson_record_writer(ndjson_record_writer&&) noexcept;
    ndjson_record_writer& operator=(ndjson_record_writer&&) noexcept;

    /// Appends the record of `c` and a '\n' to `out`: timestamps in ISO 8601 UTC with
    /// milliseconds; absent members omitted; members in the API's order.
    void write(const record_context& ctx, const connection& c, std::string& out);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// One record read back.
struct ndjson_record {
    std::string account_id;
    std::string region;
    std::string catalog_id; // the account ID when the scan named no catalog
    connection conn;
};

/// Reads records, with the rules of the API's own parser (unknown members skipped, a null
/// member is absent) except that timestamps are the record's ISO 8601 strings. AccountId and
/// Region are required. Keeps its buffers between lines. Not thread-safe: one per input.
class GLUE_INVENTORY_API ndjson_record_reader {
public:
    ndjson_record_reader();
    ~ndjson_record_reader();
    ndjson_record_reader(ndjson_record_reader&&) noexcept;
    ndjson_record_reader& operator=(ndjson_record_reader&&) noexcept;

    /// Parses one line, without its newline, into `record`. `line` must be followed by at
    /// least padding() readable bytes (the parser reads ahead; their content does not matter).
    /// On a rejected line returns false and sets `error` to what was wrong and where ("expected
    /// a string at ConnectionList[0].Name"), never a value from the line.
    bool read(std::string_view line, ndjson_record& record, std::string& error);

    /// The bytes that must be readable past the end of a line.
    static std::size_t padding() noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace glue_inventory
