#!/usr/bin/env python3
"""validate_sarif.py [--expect-invalid] SCHEMA FILE...: each FILE against the OASIS SARIF 2.1.0 schema
(python3-jsonschema, Draft4Validator), plus what GitHub code scanning needs in practice and
the schema does not require (audit-rules.md section 5): $schema, a relative
artifactLocation.uri with region.startLine on every result, message.text, partialFingerprints,
ruleIndex pointing at the rule of ruleId, rules with help and a security-severity string, and
GitHub's limits (20 runs a file, 25,000 results a run). With --expect-invalid, every FILE must
have a problem (the test of the validator itself, on broken_samples.py's files)."""
import json
import re
import sys

import jsonschema

GITHUB_MAX_RUNS = 20
GITHUB_MAX_RESULTS_PER_RUN = 25000


def github_problems(log):
    problems = []
    if "$schema" not in log:
        problems.append("no $schema")
    runs = log["runs"]
    if len(runs) > GITHUB_MAX_RUNS:
        problems.append(f"{len(runs)} runs (GitHub takes {GITHUB_MAX_RUNS})")
    categories = set()
    for r, run in enumerate(runs):
        category = run.get("automationDetails", {}).get("id")
        if not category or category in categories:
            problems.append(f"run {r}: automationDetails.id missing or repeated: {category!r}")
        categories.add(category)
        rules = run["tool"]["driver"].get("rules", [])
        for rule in rules:
            props = rule.get("properties", {})
            sev = props.get("security-severity")
            if not isinstance(sev, str) or not 0.0 <= float(sev) <= 10.0:
                problems.append(f"rule {rule['id']}: security-severity {sev!r}")
            if "security" not in props.get("tags", []):
                problems.append(f"rule {rule['id']}: no 'security' tag")
            if "helpUri" in rule and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", rule["helpUri"]):
                problems.append(f"rule {rule['id']}: helpUri {rule['helpUri']!r} is not absolute")
            if not rule.get("help", {}).get("text") or not rule.get("shortDescription"):
                problems.append(f"rule {rule['id']}: no help or shortDescription")
        results = run.get("results", [])
        if len(results) > GITHUB_MAX_RESULTS_PER_RUN:
            problems.append(f"run {r}: {len(results)} results")
        for i, res in enumerate(results):
            where = f"run {r} result {i}"
            if not res.get("message", {}).get("text"):
                problems.append(f"{where}: no message.text (GH1007)")
            if rules[res["ruleIndex"]]["id"] != res["ruleId"]:
                problems.append(f"{where}: ruleIndex does not point at {res['ruleId']}")
            loc = res["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            if ":" in uri.split("/")[0] or uri.startswith("/"):
                problems.append(f"{where}: uri {uri!r} is not relative (GH1005)")
            if loc.get("region", {}).get("startLine") != 1:
                problems.append(f"{where}: no region.startLine (GH1003)")
            if not res.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            logical = res["locations"][0]["logicalLocations"][0]
            if not logical["fullyQualifiedName"].startswith("arn:"):
                problems.append(f"{where}: logical location is not an ARN")
    return problems


def main():
    args = sys.argv[1:]
    expect_invalid = args[:1] == ["--expect-invalid"]
    if expect_invalid:
        args = args[1:]
    with open(args[0], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    failed = False
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for e in errors[:20]:
            print(f"{path}: schema: {'/'.join(map(str, e.path))}: {e.message}")
        try:
            problems = github_problems(log) if not errors else []
        except (KeyError, IndexError, TypeError, ValueError) as e:
            problems = [f"malformed: {e!r}"]
        for p in problems:
            print(f"{path}: github: {p}")
        results = sum(len(run.get("results", [])) for run in log["runs"])
        print(f"{path}: {len(log['runs'])} runs, {results} results, "
              f"{len(errors)} schema errors, {len(problems)} GitHub problems")
        bad = bool(errors) or bool(problems) or results == 0
        failed = failed or (bad != expect_invalid)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
