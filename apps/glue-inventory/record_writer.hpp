// The output formats. A writer turns records into text appended to a buffer; the caller decides
// when the buffer goes out (output_file), so a writer never does I/O.
#pragma once

#include <cstddef>
#include <glue_inventory/model.hpp>
#include <glue_inventory/records.hpp> // record_context
#include <memory>
#include <string>

namespace glue_cli {

using glue_inventory::record_context;

class record_writer {
public:
    virtual ~record_writer() = default;
    /// Text before the first record (a CSV header, a JSON '[').
    virtual void begin(std::string& out) { (void)out; }
    /// One record.
    virtual void write(const record_context& ctx, const glue_inventory::connection& c,
                       std::string& out) = 0;
    /// Text after the last record; also flushes what a writer held back (the table's first
    /// rows).
    virtual void end(std::string& out) { (void)out; }
};

/// One line per connection: glue_inventory::ndjson_record_writer, the record of the CLI
/// contract.
std::unique_ptr<record_writer> make_ndjson_writer();

/// One JSON array of the NDJSON records, streamed: "[\n", records separated by ",\n",
/// "\n]\n". Never held in memory.
std::unique_ptr<record_writer> make_json_writer();

/// CSV: see csv_format.hpp for the columns and the quoting.
std::unique_ptr<record_writer> make_csv_writer();

/// Rows the table writer reads before it fixes its column widths.
inline constexpr std::size_t table_sample_rows = 50;
/// The widest a table column gets; longer values are cut and end with an ellipsis.
inline constexpr std::size_t table_max_column_width = 48;

/// Aligned columns for a terminal: ACCOUNT, REGION, NAME, TYPE, STATUS, LAST UPDATED. Column
/// widths come from the first `sample_rows` rows (held back until then), capped at
/// `max_width`; later values that are wider are cut with an ellipsis.
std::unique_ptr<record_writer> make_table_writer(std::size_t sample_rows = table_sample_rows,
                                                 std::size_t max_width = table_max_column_width);

} // namespace glue_cli
