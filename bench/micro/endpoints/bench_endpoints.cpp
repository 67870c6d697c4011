// Micro benchmarks of the endpoints component: resolving a region to a Glue or STS endpoint
// through AWS's rule sets, once per target in a scan. Run from a Release build:
//   build/<dir>/bench/micro/endpoints/bench_endpoints
#include "endpoints/endpoint_resolver.hpp"

#include <benchmark/benchmark.h>
#include <string>

namespace {

namespace ep = glue_inventory::endpoints;

// The measured loop: one resolution of `svc` for `p` per iteration.
void resolve_loop(benchmark::State& state, ep::service svc, const ep::params& p) {
    const ep::resolver resolver;
    for (auto _ : state) {
        auto r = resolver.resolve(svc, p);
        if (!r) {
            state.SkipWithError(r.error().c_str());
            break;
        }
        benchmark::DoNotOptimize(r.value().url.data());
    }
    state.SetItemsProcessed(state.iterations());
}

// Region, FIPS, dual-stack: the common case and the two variants that walk further into the
// rules.
void bm_resolve_glue(benchmark::State& state) {
    ep::params p;
    p.region = "eu-west-1";
    p.use_fips = state.range(0) == 1;
    p.use_dual_stack = state.range(0) == 2;
    resolve_loop(state, ep::service::glue, p);
}
BENCHMARK(bm_resolve_glue)->ArgName("variant(0 plain,1 fips,2 dualstack)")->Arg(0)->Arg(1)->Arg(2);

// An --endpoint-url override, as every benchmark against glue-sim uses.
void bm_resolve_glue_override(benchmark::State& state) {
    ep::params p;
    p.region = "eu-west-1";
    p.endpoint = "https://127.0.0.1:8443";
    resolve_loop(state, ep::service::glue, p);
}
BENCHMARK(bm_resolve_glue_override);

// STS with the regional endpoint: once per account (AssumeRole).
void bm_resolve_sts(benchmark::State& state) {
    ep::params p;
    p.region = "us-east-1";
    resolve_loop(state, ep::service::sts, p);
}
BENCHMARK(bm_resolve_sts);

// Building a resolver parses and compiles the three embedded rule sets: once per client.
void bm_construct_resolver(benchmark::State& state) {
    for (auto _ : state) {
        const ep::resolver resolver;
        benchmark::DoNotOptimize(&resolver);
    }
}
BENCHMARK(bm_construct_resolver)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
