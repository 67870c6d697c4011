// The signer's hot path: one GetConnections request signed with a cached key, as the client
// does for every page; and the daily key derivation it saves.
#include "sigv4/signer.hpp"
#include "sigv4/signing_key_cache.hpp"

#include <array>
#include <benchmark/benchmark.h>
#include <chrono>

namespace sigv4 = glue_inventory::sigv4;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
// An STS session token is several hundred bytes; this one has the length of a real one.
constexpr std::string_view session_token =
    "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6AbCdEfGhIjKlMnOpQrStUvWxYz0123456"
    "789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnopqrstuvwx"
    "yzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "0123456789+/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnop"
    "qrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnopqrstuvwxyz==";
// A GetConnections body of about 200 bytes: catalog, filter, a page size and a NextToken.
constexpr std::string_view body =
    R"({"CatalogId":"123456789012","Filter":{"MatchCriteria":["prod"],"ConnectionType":"JDBC",)"
    R"("ConnectionSchemaVersion":2},"HidePassword":true,"MaxResults":100,)"
    R"("NextToken":"eyJsYXN0IjoiY29ubmVjdGlvbi0wMDQyIn0="})";

const sigv4::scope glue_scope{"us-east-1", "glue",
                              std::chrono::sys_days{std::chrono::year{2024} / 5 / 1} + 12h};

void sign_get_connections_with_cached_key(benchmark::State& state) {
    const std::array headers{sigv4::header_ref{"Host", "glue.us-east-1.amazonaws.com"},
                             sigv4::header_ref{"Content-Type", "application/x-amz-json-1.1"},
                             sigv4::header_ref{"X-Amz-Target", "AWSGlue.GetConnections"}};
    const sigv4::request_ref req{"POST", "/", "", headers, body};
    const sigv4::credentials_ref creds{"ASIAEXAMPLEEXAMPLE00", secret, session_token};
    const sigv4::signing_key key = sigv4::derive_signing_key(secret, glue_scope);
    for (auto _ : state) {
        auto out = sigv4::sign(req, glue_scope, creds, key);
        benchmark::DoNotOptimize(out);
    }
    state.counters["body_bytes"] = static_cast<double>(body.size());
}
BENCHMARK(sign_get_connections_with_cached_key);

void signing_key_cache_hit(benchmark::State& state) {
    sigv4::signing_key_cache cache;
    (void)cache.get(secret, glue_scope);
    for (auto _ : state) {
        auto key = cache.get(secret, glue_scope);
        benchmark::DoNotOptimize(key);
    }
}
BENCHMARK(signing_key_cache_hit);

void derive_signing_key(benchmark::State& state) {
    for (auto _ : state) {
        auto key = sigv4::derive_signing_key(secret, glue_scope);
        benchmark::DoNotOptimize(key);
    }
}
BENCHMARK(derive_signing_key);

} // namespace

BENCHMARK_MAIN();
