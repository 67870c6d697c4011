#include "store/finding_feed.hpp"

namespace glue_cli::store {
namespace {

class store_finding_writer final : public audit::finding_writer {
public:
    explicit store_finding_writer(store_writer& writer)
        : writer_(writer), ndjson_(audit::make_finding_writer(audit::finding_format::ndjson)) {}

    void write(const audit::ga::finding& f, std::string&) override {
        if (writer_.failed()) {
            return;
        }
        finding_row row;
        row.rule_id = f.result.rule ? std::string(f.result.rule->id) : std::string();
        row.severity = std::string(audit::ga::to_string(f.result.severity));
        row.status = std::string(audit::ga::to_string(f.result.status));
        row.account_id = f.resource.account_id;
        row.region = f.resource.region;
        row.catalog_id = f.resource.catalog_id;
        row.name = f.resource.name;
        row.fingerprint = f.fingerprint;
        row.suppressed = f.suppressed;
        ndjson_->write(f, row.finding);
        while (!row.finding.empty() && row.finding.back() == '\n') {
            row.finding.pop_back();
        }
        writer_.add_finding(std::move(row));
    }

private:
    store_writer& writer_;
    std::unique_ptr<audit::finding_writer> ndjson_;
};

} // namespace

std::unique_ptr<audit::finding_writer> make_store_finding_writer(store_writer& writer) {
    return std::make_unique<store_finding_writer>(writer);
}

} // namespace glue_cli::store
