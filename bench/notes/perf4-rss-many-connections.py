#!/usr/bin/python3
"""Peak RSS of glue-inventory binaries with many TLS connections (bench/notes/perf4.md).

  bench/notes/perf4-rss-many-connections.py CONCURRENCY PER_TARGET MAX_RESULTS BINARY...

Runs each binary in turn against a fresh glue-sim (100 accounts x 4 regions, PER_TARGET
connections per target; MAX_RESULTS 0: the default page size), `--concurrency CONCURRENCY`,
and prints its peak RSS (os.wait4) and CPU, with glue-sim's request and handshake counts.
perf4 ran `256 20 1 BASE FINAL BASE FINAL` and `256 300 0 BASE FINAL BASE FINAL`.
"""
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(name, path):
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    concurrency, per_target, max_results = (int(a) for a in sys.argv[1:4])
    bench = load("scan_bench", os.path.join(REPO_DIR, "bench", "scan-bench"))
    sim_binary = os.path.join(REPO_DIR, "build", "ci", "apps", "glue-sim", "glue-sim")
    for binary in sys.argv[4:]:
        work_dir = tempfile.mkdtemp(prefix="rss-many-")
        try:
            spec = {"accounts": 100, "regions": bench.EIGHT_REGIONS[:4], "per_target": per_target}
            sim = bench.GlueSim(sim_binary, spec, work_dir)
            client = {"concurrency": concurrency, "max_results": max_results, "max_attempts": 3}
            cmd = bench.ours_command({"glue-inventory": binary}, sim.ready, client, "standard",
                                     sim.state_dir, spec["regions"])
            child = subprocess.Popen(cmd, env=bench.client_env(sim.ready),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            stats = sim.stop()
            print("%s: exit %d, peak RSS %.1f MB, CPU %.2f s, %d requests, %d TLS handshakes"
                  % (binary, os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024,
                     usage.ru_utime + usage.ru_stime, sum(stats["requests"].values()),
                     stats["tls_handshakes"]))
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
