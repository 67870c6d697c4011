// --format table: aligned columns for a person at a terminal.
#include "record_writer.hpp"

#include <algorithm>
#include <array>
#include <glue_inventory/record_values.hpp> // write_iso8601
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

/// The code point that starts at text[i] (its first byte is not a continuation byte).
/// Malformed sequences count as one narrow column each: the writer never sees them anyway.
char32_t code_point_at(std::string_view text, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    const std::size_t len = b0 < 0x80U ? 1 : b0 < 0xE0U ? 2 : b0 < 0xF0U ? 3 : 4;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1FU) : len == 3 ? (b0 & 0x0FU) : (b0 & 0x07U);
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    return cp;
}

/// Terminal columns of one code point: two for East Asian wide and full-width characters
/// (Unicode's EastAsianWidth W and F, by block), else one.
std::size_t columns_of(char32_t cp) {
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                      (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

/// Columns a text takes on a terminal.
std::size_t width_of(std::string_view text) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_continuation(text[i])) {
            w += columns_of(code_point_at(text, i));
        }
    }
    return w;
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
        // Keep whole characters while they fit in width - 1 columns, then the ellipsis.
        std::size_t kept = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            if (!is_continuation(text[i])) {
                const std::size_t c = columns_of(code_point_at(text, i));
                if (kept + c + 1 > width) {
                    break;
                }
                kept += c;
            }
        }
        out.append(text.substr(0, i));
        out += "\u2026";
        w = kept + 1;
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
            glue_inventory::write_iso8601(*c.last_updated_time, r[5]);
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
