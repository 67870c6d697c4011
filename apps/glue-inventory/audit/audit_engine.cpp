#include "audit/audit_engine.hpp"

#include "scan_driver.hpp" // output_batch_bytes

#include <algorithm>

namespace glue_cli::audit {

int audit_exit_status(bool usage_error, bool interrupted, bool incomplete, bool findings_fail) {
    if (usage_error) {
        return exit_usage;
    }
    if (interrupted) {
        return exit_interrupted;
    }
    if (incomplete) {
        return exit_incomplete;
    }
    return findings_fail ? exit_findings : exit_clean;
}

std::string summary_text(const audit_summary& s, bool with_baseline) {
    constexpr std::string_view prefix = "glue-inventory: audit: ";
    std::size_t total = 0;
    for (const auto n : s.findings_by_severity) {
        total += n;
    }
    std::string text(prefix);
    text += std::to_string(s.connections_evaluated) + " connection(s) evaluated; " +
            std::to_string(total) + " finding(s)";
    std::string by;
    for (int i = 4; i >= 0; --i) {
        const auto n = s.findings_by_severity[static_cast<std::size_t>(i)];
        if (n > 0) {
            by += (by.empty() ? "" : ", ") + std::to_string(n) + " " +
                  std::string(ga::to_string(static_cast<ga::severity>(i)));
        }
    }
    if (!by.empty()) {
        text += " (" + by + ")";
    }
    text += "; " + std::to_string(s.suppressed) + " suppressed\n";
    if (with_baseline) {
        text += std::string(prefix) + "baseline: " + std::to_string(s.new_findings) + " new, " +
                std::to_string(s.unchanged_findings) + " unchanged, " +
                std::to_string(s.absent_findings) + " absent\n";
    }
    for (const auto& e : s.expired_suppressions) {
        text += std::string(prefix) + "expired suppression, no longer applied: " + e + "\n";
    }
    if (s.targets_failed > 0) {
        text += std::string(prefix) + std::to_string(s.targets_failed) + " of " +
                std::to_string(s.targets_total) + " target(s) failed: the audit is incomplete\n";
    }
    return text;
}

std::string rules_listing() {
    std::string text;
    for (const auto& r : ga::rules()) {
        text += std::string(r.id) + "  v" + std::to_string(r.version) + "  " +
                std::string(ga::to_string(r.default_severity)) + "  " + std::string(r.title) +
                "\n    applies to: " + std::string(r.applies_to) +
                "\n    documentation: " + std::string(r.help_uri) + "\n";
    }
    return text;
}

audit_engine::audit_engine(audit_config config, const ga::suppression_set* suppressions,
                           ga::baseline* base, std::vector<audit_output>& outputs)
    : config_(std::move(config)), suppressions_(suppressions), baseline_(base), outputs_(outputs) {
    const auto all = ga::rules();
    selected_.assign(all.size(), config_.rules.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (std::find(config_.rules.begin(), config_.rules.end(), all[i].id) !=
            config_.rules.end()) {
            selected_[i] = true;
        }
    }
}

bool audit_engine::selected(const ga::rule_info* rule) const {
    if (rule == nullptr) {
        return false;
    }
    const auto all = ga::rules();
    const auto index = static_cast<std::size_t>(rule - all.data());
    return index < selected_.size() && selected_[index];
}

void audit_engine::begin(const report_info& info) {
    for (auto& o : outputs_) {
        o.writer->set_drain([&o](std::string& text) { o.file.flush(text); });
        o.writer->begin(info, o.buffer);
        o.file.flush(o.buffer);
    }
}

void audit_engine::count(const ga::finding& f) {
    if (f.result.status != ga::status::fail) {
        return;
    }
    switch (f.baseline) {
    case ga::baseline_state::new_:
        ++summary_.new_findings;
        break;
    case ga::baseline_state::unchanged:
        ++summary_.unchanged_findings;
        break;
    case ga::baseline_state::absent:
        ++summary_.absent_findings;
        return; // gone: neither a finding of this audit nor a reason to fail it
    case ga::baseline_state::none:
        break;
    }
    if (f.suppressed) {
        ++summary_.suppressed;
        return;
    }
    ++summary_.findings_by_severity[static_cast<std::size_t>(f.result.severity)];
    ++by_rule_[std::string(f.result.rule->id)];
    if ((config_.fail_on && f.result.severity >= *config_.fail_on) ||
        (config_.fail_on_new && f.baseline == ga::baseline_state::new_)) {
        findings_fail_ = true;
    }
}

void audit_engine::write(const ga::finding& f) {
    for (auto& o : outputs_) {
        o.writer->write(f, o.buffer);
        if (o.buffer.size() >= output_batch_bytes) {
            o.file.flush(o.buffer);
        }
    }
}

void audit_engine::evaluate(const glue_inventory::connection& c, const glue_inventory::target& t) {
    ++summary_.connections_evaluated;
    // The results are overwritten in place (evaluate_into): with the swap below, the strings
    // and evidence vectors of results_ and current_ are reused from one connection to the next,
    // so that a warmed-up audit allocates nothing per result.
    ga::evaluate_into(c, t, config_.options, results_);
    // One finding object, reused for every result of every connection: the resource is
    // described once per connection (only when a result is written), and no string is
    // allocated again once their capacities have grown.
    auto& f = current_;
    bool described = false;
    for (auto& r : results_) {
        if (!selected(r.rule) || (r.status != ga::status::fail && !config_.include_pass) ||
            (config_.min_severity && r.severity < *config_.min_severity)) {
            continue;
        }
        if (!described) {
            ga::describe_into(c, t, f.resource);
            described = true;
        }
        ga::fingerprint_into(r.rule->id, f.resource.arn, f.fingerprint);
        std::swap(f.result, r);
        f.suppressed = false;
        f.suppression_reason.clear();
        f.baseline = ga::baseline_state::none;
        if (suppressions_) {
            suppressions_->apply(f);
        }
        if (baseline_ && f.result.status == ga::status::fail) {
            f.baseline = baseline_->classify(f.fingerprint);
        }
        count(f);
        write(f);
    }
}

void audit_engine::flush() {
    for (auto& o : outputs_) {
        if (!o.buffer.empty()) {
            o.file.flush(o.buffer);
        }
    }
}

void audit_engine::finish(std::size_t targets_total,
                          const std::vector<glue_inventory::target>& failed, bool interrupted,
                          bool incomplete_input) {
    if (baseline_ && !interrupted && !incomplete_input) {
        for (auto& f : baseline_->absent()) {
            const bool target_failed =
                std::any_of(failed.begin(), failed.end(), [&](const glue_inventory::target& t) {
                    return t.region == f.resource.region && t.catalog() == f.resource.catalog_id;
                });
            const bool other_shard =
                config_.shard && shard_of_account(f.resource.account_id, config_.shard->count) !=
                                     config_.shard->index;
            if (target_failed || other_shard || !selected(f.result.rule) ||
                (config_.min_severity && f.result.severity < *config_.min_severity)) {
                continue;
            }
            if (suppressions_) {
                suppressions_->apply(f);
            }
            count(f);
            write(f);
        }
    }
    summary_.targets_total = targets_total;
    summary_.targets_failed = failed.size();
    summary_.interrupted = interrupted;
    if (suppressions_) {
        for (const auto& s : suppressions_->expired()) {
            summary_.expired_suppressions.push_back(ga::describe(s));
        }
    }
    for (auto& o : outputs_) {
        o.writer->end(summary_, o.buffer);
        o.file.flush(o.buffer);
    }
}

std::string audit_engine::error() const {
    for (const auto& o : outputs_) {
        if (!o.file.error().empty()) {
            return o.name + ": " + o.file.error();
        }
    }
    return {};
}

} // namespace glue_cli::audit
