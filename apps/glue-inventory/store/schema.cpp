#include "store/schema.hpp"

#include "store/database.hpp" // store_error

namespace glue_cli::store {

migration_plan plan_migration(int found, std::span<const migration> all) {
    migration_plan plan;
    const int latest = all.empty() ? 0 : all.back().version;
    if (found < 0) {
        plan.error = "the schema version " + std::to_string(found) + " is not valid";
        return plan;
    }
    if (found > latest) {
        plan.error = "the store's schema is version " + std::to_string(found) +
                     ", newer than this glue-inventory knows (" + std::to_string(latest) +
                     "): use a newer glue-inventory";
        return plan;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].version != static_cast<int>(i) + 1) {
            plan.error = "internal: migration " + std::to_string(i + 1) + " is missing";
            return plan;
        }
        if (all[i].version > found) {
            plan.steps.push_back(all[i]);
        }
    }
    return plan;
}

void apply_migrations(int found, int up_to, std::span<const migration> all,
                      const std::function<void(std::string_view)>& exec,
                      const std::function<void(int)>& set_version) {
    const auto plan = plan_migration(found, all);
    if (!plan.error.empty()) {
        throw store_error(plan.error);
    }
    for (const auto& step : plan.steps) {
        if (step.version > up_to) {
            break;
        }
        for (const auto statement : step.statements) {
            exec(statement);
        }
        set_version(step.version);
    }
}

} // namespace glue_cli::store
