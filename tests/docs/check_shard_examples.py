#!/usr/bin/env python3
"""Checks the sharded-scan examples of docs/shards: the Kubernetes Indexed Job (YAML, with
python3-yaml) and the AWS Batch job definition and submit request (JSON) parse, run
`glue-inventory scan` with --shard auto/N, --store postgresql://... and --scan-id, and agree on N
(completions, array size, the shard parameter). Exit 77 (skipped) without python3-yaml.

Usage: check_shard_examples.py DOCS_SHARDS_DIR"""
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

try:
    import yaml
except ImportError:
    print("python3-yaml is not installed: skipped")
    sys.exit(77)

problems = []


def check(condition, what):
    if not condition:
        problems.append(what)


def shard_count(value, where):
    m = re.fullmatch(r"auto/([1-9][0-9]*)", value or "")
    check(m is not None, f"{where}: --shard is {value!r}, not auto/N")
    return int(m.group(1)) if m else None


def flag_values(args):
    """{flag: value} of ["--a=b", "--c", "d", "--e"] (a bare flag maps to True)."""
    values = {}
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("--") and "=" in a:
            k, v = a.split("=", 1)
            values[k] = v
        elif a.startswith("--"):
            if i + 1 < len(args) and not args[i + 1].startswith("--"):
                values[a] = args[i + 1]
                i += 1
            else:
                values[a] = True
        i += 1
    return values


def check_command(args, where):
    check(args[:1] == ["scan"], f"{where}: the command is not 'scan': {args[:1]}")
    flags = flag_values(args[1:])
    check(str(flags.get("--store", "")).startswith("postgresql://"),
          f"{where}: --store is not a postgresql:// URL")
    check(urlsplit(str(flags.get("--store", ""))).password is None,
          f"{where}: the --store URL holds a password (give PGPASSWORD instead)")
    check("--scan-id" in flags, f"{where}: no --scan-id (the shards must share one)")
    check("--org" in flags or "--accounts" in flags, f"{where}: no --org or --accounts")
    return flags


def check_kubernetes(path):
    docs = list(yaml.safe_load_all(path.read_text()))
    check(len(docs) == 1, f"{path.name}: {len(docs)} documents, not 1")
    job = docs[0]
    check(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job",
          f"{path.name}: not a batch/v1 Job")
    spec = job["spec"]
    check(spec.get("completionMode") == "Indexed", f"{path.name}: completionMode is not Indexed")
    pod = spec["template"]["spec"]
    check(pod.get("restartPolicy") == "Never", f"{path.name}: restartPolicy is not Never")
    containers = pod["containers"]
    check(len(containers) == 1, f"{path.name}: not one container")
    flags = check_command(containers[0]["args"], path.name)
    n = shard_count(flags.get("--shard"), path.name)
    check(spec.get("completions") == n, f"{path.name}: completions {spec.get('completions')} "
                                        f"differs from --shard auto/{n}")
    check(0 < spec.get("parallelism", 0) <= spec.get("completions", 0),
          f"{path.name}: parallelism is not 1..completions")
    env = {e["name"]: e for e in containers[0].get("env", [])}
    check("$(SCAN_ID)" == flags.get("--scan-id") and "SCAN_ID" in env,
          f"{path.name}: --scan-id is not $(SCAN_ID) from the environment")
    check("secretKeyRef" in env.get("PGPASSWORD", {}).get("valueFrom", {}),
          f"{path.name}: PGPASSWORD does not come from a Secret")
    for rule in spec.get("podFailurePolicy", {}).get("rules", []):
        check(rule["onExitCodes"]["containerName"] == containers[0]["name"],
              f"{path.name}: podFailurePolicy names another container")


def check_batch(definition_path, submit_path):
    definition = json.loads(definition_path.read_text())
    submit = json.loads(submit_path.read_text())
    command = definition["containerProperties"]["command"]
    flags = check_command(command, definition_path.name)
    check(flags.get("--shard") == "Ref::shard", f"{definition_path.name}: --shard is not Ref::shard")
    check(flags.get("--scan-id") == "Ref::scanId",
          f"{definition_path.name}: --scan-id is not Ref::scanId")
    for params, where in ((definition["parameters"], definition_path.name),
                          (submit["parameters"], submit_path.name)):
        check(set(params) == {"shard", "scanId"}, f"{where}: parameters are {sorted(params)}")
    n = shard_count(submit["parameters"]["shard"], submit_path.name)
    size = submit["arrayProperties"]["size"]
    check(size == n, f"{submit_path.name}: array size {size} differs from --shard auto/{n}")
    check(2 <= size <= 10000, f"{submit_path.name}: array size {size} is not 2..10000")
    check(submit["jobDefinition"] == definition["jobDefinitionName"],
          f"{submit_path.name}: submits another job definition")
    secrets = {s["name"] for s in definition["containerProperties"].get("secrets", [])}
    check("PGPASSWORD" in secrets, f"{definition_path.name}: PGPASSWORD is not a secret")


def main():
    folder = Path(sys.argv[1])
    check_kubernetes(folder / "kubernetes-indexed-job.yaml")
    check_batch(folder / "aws-batch-job-definition.json", folder / "aws-batch-submit-job.json")
    for p in problems:
        print(p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
