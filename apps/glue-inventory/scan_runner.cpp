#include "scan_runner.hpp"

#include "output_file.hpp"
#include "record_writer.hpp"
#include "scan_driver.hpp"
#include "store/scan_feed.hpp"

namespace glue_cli {
namespace {

std::unique_ptr<record_writer> make_writer(output_format f) {
    switch (f) {
    case output_format::ndjson:
        return make_ndjson_writer();
    case output_format::json:
        return make_json_writer();
    case output_format::csv:
        return make_csv_writer();
    case output_format::table:
        return make_table_writer();
    }
    return make_ndjson_writer();
}

/// The records of each page, written as they arrive (and the demo's preview table).
class record_consumer final : public scan_consumer {
public:
    record_consumer(const scan_setup& setup, const std::optional<store::store_options>& store)
        : setup_(setup), store_options_(store) {}

    bool open() override {
        std::string error;
        std::string warning;
        // Records carry passwords only when they were asked for (HidePassword=false).
        const auto records_secrecy = setup_.request.hide_password.value_or(false)
                                         ? file_secrecy::none
                                         : file_secrecy::may_hold_secrets;
        out_ = setup_.output_file
                   ? output_file::create(*setup_.output_file, records_secrecy, error, warning)
                   : output_file::standard(1);
        if (!out_.is_open()) {
            std::string line = "glue-inventory: --output: " + error + "\n";
            stderr_.flush(line);
            return false;
        }
        if (!warning.empty()) {
            std::string line = "glue-inventory: warning: --output: " + warning + "\n";
            stderr_.flush(line);
        }
        if (store_options_) {
            try {
                store_.emplace(store_options_->url, store_options_->identity);
            } catch (const store::store_error& e) {
                std::string line = "glue-inventory: " + std::string(e.what()) + "\n";
                stderr_.flush(line);
                return false;
            }
        }
        writer_ = make_writer(setup_.format);
        if (setup_.preview_rows) {
            preview_ = make_table_writer(*setup_.preview_rows);
            preview_out_ = output_file::standard(1);
        }
        return true;
    }

    void begin() override {
        writer_->begin(buffer_);
        out_.flush(buffer_);
        if (preview_) {
            preview_->begin(preview_buffer_);
        }
    }

    void page(const glue_inventory::target& t,
              const std::vector<glue_inventory::connection>& connections) override {
        const record_context ctx{t.account_id, t.region, t.catalog()};
        for (const auto& c : connections) {
            writer_->write(ctx, c, buffer_);
            // Within a page too: the buffer stays small (and in cache) whatever the page size.
            if (buffer_.size() >= output_batch_bytes) {
                out_.flush(buffer_);
            }
            if (preview_ && preview_written_ < *setup_.preview_rows) {
                preview_->write(ctx, c, preview_buffer_);
                ++preview_written_;
            }
        }
        if (store_) {
            store::feed_page(*store_, t, connections);
        }
    }

    void target_done(const glue_inventory::target& t, bool complete, const std::string& error_code,
                     const std::string& message) override {
        if (store_) {
            store::feed_target(*store_, t, complete, error_code, message);
        }
    }

    void flush() override {
        if (!buffer_.empty()) {
            out_.flush(buffer_);
        }
        if (store_) {
            store_->flush();
        }
    }

    void end(const scan_totals& totals) override {
        if (store_) {
            store_->close(totals.interrupted ? store::shard_end::interrupted
                                             : store::shard_end::finished);
        }
        writer_->end(buffer_);
        out_.flush(buffer_);
        if (preview_) {
            preview_->end(preview_buffer_);
            preview_out_.flush(preview_buffer_);
        }
    }

    std::string error() const override {
        if (!out_.error().empty()) {
            return out_.error();
        }
        return store_ ? store_->error() : std::string();
    }

private:
    const scan_setup& setup_;
    const std::optional<store::store_options>& store_options_;
    std::optional<store::store_writer> store_;
    output_file out_;
    output_file stderr_ = output_file::standard(2);
    std::unique_ptr<record_writer> writer_;
    std::string buffer_;
    std::unique_ptr<record_writer> preview_;
    output_file preview_out_;
    std::string preview_buffer_;
    std::size_t preview_written_ = 0;
};

} // namespace

int run_scan(const scan_setup& setup, const std::optional<store::store_options>& store) {
    record_consumer consumer(setup, store);
    return drive_scan(setup, consumer);
}

} // namespace glue_cli
