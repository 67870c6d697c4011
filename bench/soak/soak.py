#!/usr/bin/env python3
"""Soak (issue 13): one glue-soak process (bench/soak/soak_scan.cpp: a client reused for scan
after scan, as a service embeds the library) scans glue-sim with 10% faults and throttling for
DURATION seconds; its RSS and open descriptors are sampled from /proc every INTERVAL seconds.
Prints the start, minute 5 and last figures and whether they stay flat from minute 5 on; writes
every sample to OUT/samples.csv and each scan's line to OUT/scans.log.

  nice -n 19 bench/soak/soak.py [--duration 1800] [--build-dir build/ci] [--out DIR]
  bench/soak/soak.py --duration 120 --valgrind      # memcheck: leaks fail the run

Exit status: 0 when every scan ended, the figures are flat (the last minute's peak RSS within
--rss-growth-limit of the peak in the minute after minute 5, its peak descriptors at most
--fd-growth-limit more) and, with --valgrind, no leak was found; 1 otherwise.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_proc(pid):
    """(RSS in kB, open descriptors) of `pid`, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        return rss, fds
    except (OSError, StopIteration):
        return None


def wait_ready(state_dir, sim, timeout=60):
    path = os.path.join(state_dir, "ready.json")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if sim.poll() is not None:
            sys.exit(f"soak: glue-sim exited with status {sim.returncode}")
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
        time.sleep(0.1)
    sys.exit("soak: glue-sim not ready in time")


def sample_at(samples, t):
    """The first sample at or after t seconds (else the last)."""
    for s in samples:
        if s[0] >= t:
            return s
    return samples[-1]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--duration", type=int, default=1800, help="seconds of scanning (30 min)")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between samples")
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build", "ci"))
    p.add_argument("--out", default=None, help="folder for samples.csv and scans.log")
    p.add_argument("--accounts", type=int, default=25, help="glue-sim accounts (x 2 regions)")
    p.add_argument("--fault-rate", type=float, default=0.1)
    p.add_argument("--throttle-rps", type=float, default=3,
                   help="GetConnections per second per account+region")
    p.add_argument("--credentials-ttl", type=int, default=900,
                   help="assumed-role credentials' lifetime: refreshed during the soak")
    p.add_argument("--settle", type=int, default=300,
                   help="seconds after which RSS and descriptors must stay flat (minute 5)")
    p.add_argument("--rss-growth-limit", type=float, default=0.10,
                   help="largest growth of peak RSS from the minute after --settle to the last "
                   "minute (fraction)")
    p.add_argument("--fd-growth-limit", type=int, default=8,
                   help="largest growth of peak open descriptors, likewise")
    p.add_argument("--retry-mode", choices=("standard", "adaptive"), default="standard")
    p.add_argument("--valgrind", action="store_true",
                   help="run glue-soak under valgrind memcheck (slow: use a short duration)")
    a = p.parse_args()

    sim_bin = os.path.join(a.build_dir, "apps", "glue-sim", "glue-sim")
    soak_bin = os.path.join(a.build_dir, "bench", "soak", "glue-soak")
    for b in (sim_bin, soak_bin):
        if not os.access(b, os.X_OK):
            sys.exit(f"soak: {b} is not built (cmake --build {a.build_dir} --target glue-sim "
                     "glue-soak)")
    out = a.out or tempfile.mkdtemp(prefix="glue-soak-")
    os.makedirs(out, exist_ok=True)
    state = os.path.join(out, "sim")
    sim = subprocess.Popen(
        [sim_bin, "--state-dir", state, "--host", "127.0.0.1", "--port", "0",
         "--accounts", str(a.accounts), "--regions", "us-east-1,eu-west-1",
         "--connections-per-target", "30", "--max-page", "10", "--role-name", "Reader",
         "--credentials-ttl", str(a.credentials_ttl), "--latency-ms", "2", "--jitter-ms", "10",
         "--fault-rate", str(a.fault_rate), "--faults", "500,503,drop,truncate",
         "--throttle-rps", str(a.throttle_rps), "--threads", "1"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(out, "glue-sim.log"), "w"))
    try:
        r = wait_ready(state, sim)
        env = {"PATH": "/usr/bin:/bin", "HOME": out, "AWS_ACCESS_KEY_ID": r["access_key_id"],
               "AWS_SECRET_ACCESS_KEY": r["secret_access_key"], "AWS_REGION": "us-east-1",
               "AWS_ENDPOINT_URL": r["endpoint_url"], "AWS_CA_BUNDLE": r["ca_bundle"],
               "AWS_EC2_METADATA_DISABLED": "true", "AWS_RETRY_MODE": a.retry_mode}
        cmd = [soak_bin, str(a.duration), ",".join(r["accounts"]), ",".join(r["regions"]),
               "Reader"]
        vg_log = os.path.join(out, "valgrind.log")
        if a.valgrind:
            cmd = ["valgrind", "--tool=memcheck", "--leak-check=full",
                   "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
                   "--error-exitcode=3", f"--log-file={vg_log}"] + cmd
        scans = open(os.path.join(out, "scans.log"), "w")
        soak = subprocess.Popen(cmd, env=env, stdout=scans, stderr=subprocess.STDOUT)
        samples = []  # (seconds, rss kB, descriptors)
        start = time.monotonic()
        with open(os.path.join(out, "samples.csv"), "w") as csv:
            csv.write("seconds,rss_kb,fds\n")
            while soak.poll() is None:
                time.sleep(a.interval)
                s = read_proc(soak.pid)
                if s is None:
                    break
                t = time.monotonic() - start
                samples.append((t, s[0], s[1]))
                csv.write(f"{t:.0f},{s[0]},{s[1]}\n")
                csv.flush()
            status = soak.wait()
    finally:
        sim.send_signal(signal.SIGTERM)
        try:
            sim.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sim.kill()
    with open(os.path.join(out, "scans.log")) as f:
        scan_lines = [line for line in f if line.startswith("scan ")]
    print(f"soak: {len(scan_lines)} scans in {a.duration} s, glue-soak exit status {status}; "
          f"samples in {out}/samples.csv")
    if scan_lines:
        print("first: " + scan_lines[0].strip())
        print("last:  " + scan_lines[-1].strip())
    ok = status == 0 and bool(samples)
    if samples:
        first, settled, last = samples[0], sample_at(samples, a.settle), samples[-1]
        window = [s for s in samples if s[0] >= settled[0]]
        print(f"{'':>10} {'seconds':>8} {'RSS kB':>9} {'fds':>5}")
        for name, s in (("start", first), (f"minute {a.settle // 60}", settled), ("end", last)):
            print(f"{name:>10} {s[0]:8.0f} {s[1]:9d} {s[2]:5d}")
        print(f"from {settled[0]:.0f} s to the end: RSS {min(s[1] for s in window)}-"
              f"{max(s[1] for s in window)} kB, descriptors {min(s[2] for s in window)}-"
              f"{max(s[2] for s in window)}")
        # Flat: the peaks of the last minute against those of the minute after --settle
        # (descriptors rise and fall with the connections open: compare peaks, not samples).
        span = min(60.0, (last[0] - settled[0]) / 2)
        early = [s for s in window if s[0] <= settled[0] + span]
        late = [s for s in window if s[0] >= last[0] - span]
        if not a.valgrind and span > 0:
            rss_early, rss_late = max(s[1] for s in early), max(s[1] for s in late)
            fd_early, fd_late = max(s[2] for s in early), max(s[2] for s in late)
            print(f"peaks: RSS {rss_early} -> {rss_late} kB, descriptors {fd_early} -> {fd_late} "
                  f"(the {span:.0f} s after {settled[0]:.0f} s, the last {span:.0f} s)")
            if rss_late > rss_early * (1 + a.rss_growth_limit):
                print("soak: RSS grew")
                ok = False
            if fd_late > fd_early + a.fd_growth_limit:
                print("soak: open descriptors grew")
                ok = False
    if a.valgrind:
        with open(vg_log) as f:
            summary = [line.split("== ", 1)[-1].rstrip() for line in f
                       if "definitely lost" in line or "indirectly lost" in line
                       or "ERROR SUMMARY" in line]
        print("valgrind: " + "; ".join(summary))
    print("soak: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
