// --format table: aligned columns for a person at a terminal.
#include "protocol/timestamp_text.hpp"
#include "record_writer.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace glue_cli {
namespace {

constexpr std::size_t column_count = 6;
using row = std::array<std::string, column_count>;
constexpr std::array<std::string_view, column_count> headers = {
    "ACCOUNT", "REGION", "NAME", "TYPE", "STATUS", "LAST UPDATED"};
/// Two spaces between columns.
constexpr std::string_view gap = "  ";
/// What an absent value shows.
constexpr std::string_view absent = "-";

bool is_continuation(char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0U) == 0x80U;
}

/// Columns a text takes, counted as code points (enough for the names AWS allows; wide CJK
/// glyphs may take two columns on some terminals, which only shifts that one row).
std::size_t width_of(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char ch) { return !is_continuation(ch); }));
}

/// A value as a cell: control characters (which could move the cursor or recolour a
/// terminal) become '?'.
std::string cell_text(const std::optional<std::string>& value) {
    if (!value) {
        return std::string(absent);
    }
    std::string text = *value;
    for (char& ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte < 0x20U || byte == 0x7FU) {
            ch = '?';
        }
    }
    return text;
}

/// `text` fitted into `width` columns: cut at a code point, ending with "…", then padded.
void append_fitted(std::string_view text, std::size_t width, bool pad, std::string& out) {
    std::size_t w = width_of(text);
    if (w > width) {
        std::size_t kept = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            if (!is_continuation(text[i])) {
                if (kept + 1 == width) {
                    break;
                }
                ++kept;
            }
        }
        out.append(text.substr(0, i));
        out += "\u2026";
        w = width;
    } else {
        out.append(text);
    }
    if (pad) {
        out.append(width - w, ' ');
    }
}

class table_writer final : public record_writer {
public:
    table_writer(std::size_t sample_rows, std::size_t max_width)
        : sample_rows_(std::max<std::size_t>(sample_rows, 1)),
          max_width_(std::max<std::size_t>(max_width, 4)) {}

    void write(const record_context& ctx, const glue_inventory::connection& c,
               std::string& out) override {
        row r;
        r[0] = std::string(ctx.account_id);
        r[1] = std::string(ctx.region);
        r[2] = cell_text(c.name);
        r[3] = cell_text(c.connection_type);
        r[4] = cell_text(c.status);
        if (c.last_updated_time) {
            glue_inventory::protocol::write_iso8601(*c.last_updated_time, r[5]);
        } else {
            r[5] = std::string(absent);
        }
        if (widths_fixed_) {
            append_row(r, out);
            return;
        }
        sample_.push_back(std::move(r));
        if (sample_.size() >= sample_rows_) {
            flush_sample(out);
        }
    }

    void end(std::string& out) override {
        if (!widths_fixed_) {
            flush_sample(out);
        }
    }

private:
    void flush_sample(std::string& out) {
        for (std::size_t i = 0; i < column_count; ++i) {
            widths_[i] = width_of(headers[i]);
            for (const auto& r : sample_) {
                widths_[i] = std::max(widths_[i], width_of(r[i]));
            }
            widths_[i] = std::min(widths_[i], max_width_);
        }
        widths_fixed_ = true;
        row header;
        std::copy(headers.begin(), headers.end(), header.begin());
        append_row(header, out);
        for (const auto& r : sample_) {
            append_row(r, out);
        }
        sample_.clear();
    }

    void append_row(const row& r, std::string& out) const {
        for (std::size_t i = 0; i < column_count; ++i) {
            if (i > 0) {
                out += gap;
            }
            append_fitted(r[i], widths_[i], i + 1 < column_count, out);
        }
        out += '\n';
    }

    std::size_t sample_rows_;
    std::size_t max_width_;
    std::vector<row> sample_;
    std::array<std::size_t, column_count> widths_{};
    bool widths_fixed_ = false;
};

} // namespace

std::unique_ptr<record_writer> make_table_writer(std::size_t sample_rows, std::size_t max_width) {
    return std::make_unique<table_writer>(sample_rows, max_width);
}

} // namespace glue_cli
