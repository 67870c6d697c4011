// Micro benchmarks of the audit rules: every rule (GLUE-001..016) over a page of 1,000
// connections, as glue-sim generates W2's pages (every ConnectionType, both schema versions,
// passwords inline) and as a hand-written page of realistic JDBC/Kafka/MongoDB connections with
// URLs to read. items_per_second = connections evaluated per second on one core (goal:
// >= 1,000,000). Run from a Release build:
//   build/<dir>/bench/micro/audit/bench_audit
#include <benchmark/benchmark.h>
#include <glue_inventory/audit.hpp>
#include <string>
#include <vector>
#if GLUE_BENCH_WITH_SIM
#include "data_generator.hpp"
#endif

namespace {

using namespace glue_inventory;

constexpr std::size_t page_size = 1000; // GetConnections' MaxResults, as W2's pages

audit::audit_options options() {
    audit::audit_options o;
    o.now = timestamp{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}.time_since_epoch()};
    return o;
}

// URLs in the forms the rules read, TLS forced or not, IP literals public and private.
connection url_connection(std::size_t i) {
    static const char* const urls[] = {
        "jdbc:postgresql://orders-{}.cluster-abc.eu-west-1.rds.amazonaws.com:5432/orders"
        "?sslmode=verify-full",
        "jdbc:mysql://10.0.{}.5:3306/app?sslMode=REQUIRED&useUnicode=true",
        "jdbc:sqlserver://sql-{}.corp.example.com:1433;databaseName=dw;encrypt=true;"
        "trustServerCertificate=true",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=ora-{})(PORT=2484))"
        "(CONNECT_DATA=(SERVICE_NAME=orcl)))",
        "jdbc:redshift://52.1.{}.9:5439/dev",
    };
    const std::string n = std::to_string(i % 250);
    std::string url = urls[i % 5];
    url.replace(url.find("{}"), 2, n);
    connection c;
    c.name = "conn-" + std::to_string(i);
    c.status = i % 7 == 0 ? "FAILED" : "READY";
    if (c.status == "FAILED") {
        c.status_reason = "Test connection failed for " + url + ": timed out";
    }
    c.last_updated_time = options().now - std::chrono::days{i % 200};
    c.connection_schema_version = 1 + static_cast<int>(i % 2);
    if (i % 4 == 3) {
        c.connection_type = "KAFKA";
        c.connection_properties = property_map{
            {"KAFKA_BOOTSTRAP_SERVERS", "b-1.msk-" + n + ":9094,b-2.msk-" + n + ":9094"},
            {"KAFKA_SSL_ENABLED", i % 8 == 3 ? "false" : "true"},
            {"KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"},
            {"KAFKA_SASL_SCRAM_USERNAME", "svc"},
            {"KAFKA_SASL_SCRAM_SECRETS_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:k"}};
    } else {
        c.connection_type = "JDBC";
        c.connection_properties = property_map{{"JDBC_CONNECTION_URL", url},
                                               {"USERNAME", "glue_reader"},
                                               {"JDBC_ENFORCE_SSL", i % 3 == 0 ? "TRUE" : "false"}};
        if (i % 2 == 0) {
            c.connection_properties->emplace_back("SECRET_ID", "prod/db");
        }
    }
    c.physical_connection_requirements = physical_connection_requirements{
        "subnet-0a1b2c3d", std::vector<std::string>{"sg-0123456789abcdef0"}, "eu-west-1a"};
    return c;
}

void run_page(benchmark::State& state, const std::vector<connection>& page) {
    const target t{"344397465000", "us-east-1", std::nullopt};
    const auto o = options();
    std::vector<audit::rule_result> results;
    std::size_t fails = 0;
    for (auto _ : state) {
        for (const auto& c : page) {
            audit::evaluate_into(c, t, o, results);
            fails += results[0].status == audit::status::fail ? 1U : 0U;
        }
        benchmark::DoNotOptimize(results.data());
    }
    benchmark::DoNotOptimize(fails);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(page.size()));
}

// The appending form, with the vector cleared per connection as a naive caller would: every
// result's strings are allocated afresh.
void run_page_appending(benchmark::State& state, const std::vector<connection>& page) {
    const target t{"344397465000", "us-east-1", std::nullopt};
    const auto o = options();
    std::vector<audit::rule_result> results;
    for (auto _ : state) {
        for (const auto& c : page) {
            results.clear();
            audit::evaluate(c, t, o, results);
        }
        benchmark::DoNotOptimize(results.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(page.size()));
}

std::vector<connection> url_page() {
    std::vector<connection> page;
    for (std::size_t i = 0; i < page_size; ++i) {
        page.push_back(url_connection(i));
    }
    return page;
}

void bm_evaluate_url_page(benchmark::State& state) {
    run_page(state, url_page());
}
BENCHMARK(bm_evaluate_url_page);

void bm_evaluate_url_page_appending(benchmark::State& state) {
    run_page_appending(state, url_page());
}
BENCHMARK(bm_evaluate_url_page_appending);

#if GLUE_BENCH_WITH_SIM
std::vector<connection> w2_page() {
    const auto ts = glue_sim::target_seed(1, "344397465000", "us-east-1");
    std::vector<connection> page(page_size);
    for (std::size_t i = 0; i < page_size; ++i) {
        glue_sim::generate_connection(ts, i, page[i]);
    }
    return page;
}

// W2's page (bench/scan-bench: MaxResults 1000) as glue-sim serves it.
void bm_evaluate_w2_page(benchmark::State& state) {
    run_page(state, w2_page());
}
BENCHMARK(bm_evaluate_w2_page);

void bm_evaluate_w2_page_appending(benchmark::State& state) {
    run_page_appending(state, w2_page());
}
BENCHMARK(bm_evaluate_w2_page_appending);
#endif

void bm_fingerprint(benchmark::State& state) {
    const std::string arn = "arn:aws:glue:us-east-1:344397465000:connection/conn-12345-jdbc";
    for (auto _ : state) {
        auto f = audit::fingerprint("GLUE-005", arn);
        benchmark::DoNotOptimize(f.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_fingerprint);

void bm_describe(benchmark::State& state) {
    const target t{"344397465000", "us-east-1", std::nullopt};
    const auto c = url_connection(1);
    for (auto _ : state) {
        auto r = audit::describe(c, t);
        benchmark::DoNotOptimize(r.arn.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_describe);

} // namespace

BENCHMARK_MAIN();
