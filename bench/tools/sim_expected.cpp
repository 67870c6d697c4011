// glue-sim-expected: what a complete scan of a generated glue-sim organisation must return,
// computed from the simulator's own generator (the same code glue-sim serves from), so that the
// scan benchmark can refuse a fast wrong run.
//
//   glue-sim-expected --accounts N --regions R,R --connections-per-target M [--seed S]
//                     [--page-size P]
// prints {"records": ..., "targets": ..., "pages": ...} for every (ACTIVE account, region)
// default catalog; pages assume every page is full at P connections (P defaults to glue-sim's
// page size without MaxResults) and one page for an empty target.
#include "organisation.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"glue-sim-expected: records and pages a full scan of a generated org returns"};
    glue_sim::generator_options gen;
    std::string regions = "us-east-1,eu-west-1";
    std::size_t page_size = 100; // glue-sim's page size when MaxResults is absent
    app.add_option("--accounts", gen.accounts, "Generated ACTIVE accounts");
    app.add_option("--regions", regions, "Regions, comma separated");
    app.add_option("--connections-per-target", gen.connections_per_target,
                   "Mean connections per (catalog, region)");
    app.add_option("--seed", gen.seed, "Seed of the generated organisation");
    app.add_option("--page-size", page_size, "Connections per page")->check(CLI::Range(1, 1000));
    CLI11_PARSE(app, argc, argv);

    gen.regions.clear();
    std::size_t start = 0;
    while (start <= regions.size()) {
        const auto comma = regions.find(',', start);
        const auto item = regions.substr(start, comma - start);
        if (!item.empty()) {
            gen.regions.push_back(item);
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }

    const auto org = glue_sim::organisation::generated(gen);
    std::size_t records = 0;
    std::size_t targets = 0;
    std::size_t pages = 0;
    for (const auto& account : org.accounts()) {
        if (account.status != "ACTIVE") {
            continue;
        }
        for (const auto& region : org.regions()) {
            const auto n = org.connection_count(account.id, region);
            records += n;
            targets += 1;
            pages += n == 0 ? 1 : (n + page_size - 1) / page_size;
        }
    }
    std::cout << "{\"records\": " << records << ", \"targets\": " << targets
              << ", \"pages\": " << pages << "}\n";
    return 0;
}
