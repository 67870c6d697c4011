// Micro benchmarks of the protocol component: parsing GetConnections pages into owned values
// (hand-written realistic pages of 1, 100 and 1,000 connections, and W2's own glue-sim page),
// writing a request body, writing NDJSON records (realistic ASCII ones and W2's own). Run from
// a Release build:
//   build/<dir>/bench/micro/protocol/bench_protocol
#include "protocol/ndjson_record.hpp"
#include "protocol/request_writer.hpp"
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"

#include <benchmark/benchmark.h>
#include <string>
#if GLUE_BENCH_WITH_SIM
#include "data_generator.hpp"
#endif

namespace {

using namespace glue_inventory;
using namespace glue_inventory::protocol;

timestamp at_millis(std::int64_t millis) {
    return timestamp{std::chrono::milliseconds{millis}};
}

// A realistic connection: what `aws glue get-connections` prints for a JDBC connection in a VPC
// (passwords hidden), with a varying name so that no two are the same.
connection realistic_connection(std::size_t i) {
    const std::string n = std::to_string(i);
    connection c;
    c.name = "orders-postgres-prod-" + n;
    c.description = "Orders database (primary, eu-west-1), owned by the data platform team";
    c.connection_type = i % 3 == 0 ? "KAFKA" : "JDBC";
    c.match_criteria = std::vector<std::string>{"orders", "prod"};
    c.connection_properties = property_map{
        {"JDBC_CONNECTION_URL",
         "jdbc:postgresql://orders-" + n +
             ".cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/orders"},
        {"JDBC_ENFORCE_SSL", "true"},
        {"USERNAME", "glue_reader"},
        {"SECRET_ID", "prod/orders/glue-reader"},
        {"CUSTOM_JDBC_CERT", "s3://company-certs/rds-ca-2019-root.pem"},
        {"SKIP_CUSTOM_JDBC_CERT_VALIDATION", "false"},
    };
    c.physical_connection_requirements = physical_connection_requirements{
        "subnet-0a1b2c3d4e5f67890", std::vector<std::string>{"sg-0123456789abcdef0"}, "eu-west-1a"};
    c.creation_time = at_millis(1714566896789 + static_cast<std::int64_t>(i));
    c.last_updated_time = at_millis(1714666896123);
    c.last_updated_by = "arn:aws:sts::111122223333:assumed-role/DataPlatformAdmin/jdoe";
    c.status = "READY";
    c.last_connection_validation_time = at_millis(1714766896000);
    c.authentication_configuration = authentication_configuration{
        "BASIC", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders-AbCdEf",
        std::nullopt, std::nullopt};
    c.connection_schema_version = 1;
    return c;
}

std::string page_body(std::size_t connections) {
    get_connections_page page;
    for (std::size_t i = 0; i < connections; ++i) {
        page.connections.push_back(realistic_connection(i));
    }
    page.next_token = "eyJsYXN0RXZhbHVhdGVkS2V5Ijp7ImNhdGFsb2dJZCI6IjExMTEyMjIyMzMzMyJ9fQ==";
    std::string body;
    write_get_connections_response(page, timestamp_style::epoch_seconds, body);
    return body;
}

void bm_parse_page(benchmark::State& state) {
    const auto connections = static_cast<std::size_t>(state.range(0));
    std::string buffer = page_body(connections);
    const std::size_t size = buffer.size();
    buffer.append(response_parser::padding(), '\0');
    const std::string_view body{buffer.data(), size};
    response_parser parser;
    get_connections_page page;
    parse_error error;
    for (auto _ : state) {
        if (!parser.parse_get_connections(body, page, error)) {
            state.SkipWithError(error.what.c_str());
            break;
        }
        benchmark::DoNotOptimize(page.connections.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(connections));
    state.counters["body_bytes"] = static_cast<double>(size);
}
BENCHMARK(bm_parse_page)->Arg(1)->Arg(100)->Arg(1000);

// As the scan parses (client.cpp): `body` (written by write_get_connections_response, so
// followed by room for the padding) into a fresh page each time, so the connection vector
// starts empty and grows, and the page is freed before the next one.
void parse_into_fresh_pages(benchmark::State& state, std::string buffer, std::size_t connections) {
    const std::size_t size = buffer.size();
    buffer.append(response_parser::padding(), '\0');
    const std::string_view body{buffer.data(), size};
    response_parser parser;
    parse_error error;
    for (auto _ : state) {
        get_connections_page page;
        if (!parser.parse_get_connections(body, page, error)) {
            state.SkipWithError(error.what.c_str());
            break;
        }
        benchmark::DoNotOptimize(page.connections.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(connections));
    state.counters["body_bytes"] = static_cast<double>(size);
}

void bm_parse_fresh_page(benchmark::State& state) {
    const auto connections = static_cast<std::size_t>(state.range(0));
    parse_into_fresh_pages(state, page_body(connections), connections);
}
BENCHMARK(bm_parse_fresh_page)->Arg(100)->Arg(1000);

#if GLUE_BENCH_WITH_SIM
// A page of W2 (bench/scan-bench: MaxResults 1000) as glue-sim serves it: the parse rate the
// "W2 parsing at least 1 GB/s per core" target is about.
void bm_parse_w2_page(benchmark::State& state) {
    const auto ts = glue_sim::target_seed(1, "344397465000", "us-east-1");
    get_connections_page served;
    for (std::size_t i = 0; i < 1000; ++i) {
        glue_sim::generate_connection(ts, i, served.connections.emplace_back());
    }
    served.next_token = "eyJsYXN0RXZhbHVhdGVkS2V5Ijp7ImNhdGFsb2dJZCI6IjExMTEyMjIyMzMzMyJ9fQ==";
    std::string body;
    write_get_connections_response(served, timestamp_style::epoch_seconds, body);
    parse_into_fresh_pages(state, std::move(body), served.connections.size());
}
BENCHMARK(bm_parse_w2_page);
#endif

void bm_write_request(benchmark::State& state) {
    get_connections_request req;
    req.catalog_id = "111122223333";
    req.filter = get_connections_filter{std::nullopt, "JDBC", std::nullopt};
    req.hide_password = true;
    req.next_token = "eyJsYXN0RXZhbHVhdGVkS2V5Ijp7ImNhdGFsb2dJZCI6IjExMTEyMjIyMzMzMyJ9fQ==";
    req.max_results = 1000;
    std::string out;
    for (auto _ : state) {
        out.clear();
        write_get_connections_request(req, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_write_request);

void bm_write_ndjson(benchmark::State& state) {
    std::vector<connection> connections;
    for (std::size_t i = 0; i < 1000; ++i) {
        connections.push_back(realistic_connection(i));
    }
    const record_context ctx{"111122223333", "eu-west-1", "111122223333"};
    record_prefix prefix; // as the CLI writes a page: the target's prefix made once
    std::string out;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        for (const auto& c : connections) {
            write_ndjson_record(prefix.of(ctx), c, out);
        }
        bytes += static_cast<std::int64_t>(out.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(connections.size()));
}
BENCHMARK(bm_write_ndjson);

#if GLUE_BENCH_WITH_SIM
// W2's own page written as NDJSON: glue-sim's connections carry multi-byte text (accented
// Latin, CJK, Greek, and em dashes, whose UTF-8 starts with 0xE2 like U+2028/U+2029), which
// bm_write_ndjson's ASCII connections never exercise.
void bm_write_w2_ndjson(benchmark::State& state) {
    const auto ts = glue_sim::target_seed(1, "344397465000", "us-east-1");
    std::vector<connection> connections(1000);
    for (std::size_t i = 0; i < connections.size(); ++i) {
        glue_sim::generate_connection(ts, i, connections[i]);
    }
    const record_context ctx{"344397465000", "us-east-1", "344397465000"};
    record_prefix prefix;
    std::string out;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        for (const auto& c : connections) {
            write_ndjson_record(prefix.of(ctx), c, out);
        }
        bytes += static_cast<std::int64_t>(out.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(bytes);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(connections.size()));
}
BENCHMARK(bm_write_w2_ndjson);
#endif

} // namespace

BENCHMARK_MAIN();
