#!/usr/bin/env python3
"""broken_samples.py SAMPLES OUT: from the good sample reports in SAMPLES, writes into OUT
copies that each break one rule a validator enforces (one file per SARIF or HTML mutation, one
line per OCSF or ASFF mutation). The validators run on them with --expect-invalid and must
find a problem in every one: a validator that accepts anything would fail that test."""
import copy
import json
import os
import sys


def sarif_mutations(log):
    def level(l):
        l["runs"][0]["results"][0]["level"] = "fatal"  # not in the schema's enum

    def no_region(l):
        del l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]

    def absolute_uri(l):
        loc = l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        loc["artifactLocation"]["uri"] = "arn:aws:glue:us-east-1:1:connection/x"

    def numeric_severity(l):
        l["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"] = 9.5

    def same_category(l):
        for run in l["runs"]:
            run["automationDetails"]["id"] = "glue-inventory/"

    def no_fingerprint(l):
        del l["runs"][0]["results"][0]["partialFingerprints"]

    def no_message(l):
        l["runs"][0]["results"][0]["message"] = {}

    def suppression_kind(l):
        for run in l["runs"]:
            for r in run["results"]:
                for s in r.get("suppressions", []):
                    s["kind"] = "muted"

    def relative_help(l):
        l["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "docs/rules/GLUE-001.md"

    return [level, no_region, absolute_uri, numeric_severity, same_category, no_fingerprint,
            no_message, suppression_kind, relative_help]


def ocsf_mutations():
    def time_string(e):
        e["time"] = "2025-12-01T03:00:00Z"

    def type_uid(e):
        e["type_uid"] += 1

    def no_uid(e):
        del e["finding_info"]["uid"]

    def severity(e):
        e["severity_id"] = 7

    def no_cloud(e):
        del e["cloud"]

    def invented(e):
        e["glue_connection"] = {"name": "x"}

    def anonymous_resource(e):
        del e["resources"][0]["uid"]
        del e["resources"][0]["name"]

    def compliance_class(e):
        e["class_uid"] = 2003
        e["type_uid"] = 200300 + e["activity_id"]

    def caption(e):
        e["severity"] = "Mild"

    def string_integer(e):
        e["finding_info"]["analytic"]["type_id"] = "1"

    def no_remediation_desc(e):
        e["remediation"] = {"references": ["x"]}

    def millis_as_float(e):
        e["time"] = e["time"] / 1000.0

    return [time_string, type_uid, no_uid, severity, no_cloud, invented, anonymous_resource,
            compliance_class, caption, string_integer, no_remediation_desc, millis_as_float]


def asff_mutations():
    def label(b):
        b["Findings"][0]["Severity"]["Label"] = "SEVERE"

    def no_title(b):
        del b["Findings"][0]["Title"]

    def too_many(b):
        b["Findings"] = [copy.deepcopy(b["Findings"][0]) for _ in range(101)]

    def blank_description(b):
        b["Findings"][0]["Description"] = "  "

    def no_types(b):
        del b["Findings"][0]["Types"]

    def two_accounts(b):
        other = copy.deepcopy(b["Findings"][0])
        other["AwsAccountId"] = "999999999999"
        other["ProductArn"] = other["ProductArn"].replace(b["Findings"][0]["AwsAccountId"],
                                                          "999999999999")
        b["Findings"].append(other)

    def created_at(b):
        b["Findings"][0]["CreatedAt"] = "yesterday"

    def partition(b):
        b["Findings"][0]["Resources"][0]["Partition"] = "aws-iso"

    def compliance(b):
        b["Findings"][0]["Compliance"]["Status"] = "MUTED"

    def long_description(b):
        b["Findings"][0]["Description"] = "x" * 1025

    def wrong_type(b):
        b["Findings"][0]["Resources"] = {"Type": "Other"}

    return [label, no_title, too_many, blank_description, no_types, two_accounts, created_at,
            partition, compliance, long_description, wrong_type]


def html_mutations(text):
    name = "&lt;script&gt;alert(1)&lt;/script&gt;"
    return [
        text.replace("<title>", '<img src="https://example.com/x.png"><title>', 1),
        text.replace("</section>", "", 1),
        text.replace("'sha256-", "'sha256-A", 1),
        text.replace('<dd id="total-findings">', '<dd id="total-findings">1', 1),
        text.replace(f">{name}<", "><script>alert(1)</script><", 1),  # the name cell
        text.replace("<style>", "<style>@import 'https://example.com/x.css';", 1),
        text.replace('<td class="count">', '<td class="count">9', 1),
        text.replace('<td data-severity="critical">1<', '<td data-severity="critical">2<', 1),
    ]


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "findings.sarif"), encoding="utf-8") as f:
        log = json.load(f)
    for i, mutate in enumerate(sarif_mutations(log)):
        broken = copy.deepcopy(log)
        mutate(broken)
        with open(os.path.join(out, f"broken-{i}.sarif"), "w", encoding="utf-8") as f:
            json.dump(broken, f)
    with open(os.path.join(src, "findings.ocsf.ndjson"), encoding="utf-8") as f:
        event = json.loads(f.readline())
    with open(os.path.join(out, "broken.ocsf.ndjson"), "w", encoding="utf-8") as f:
        for mutate in ocsf_mutations():
            broken = copy.deepcopy(event)
            mutate(broken)
            f.write(json.dumps(broken) + "\n")
    with open(os.path.join(src, "findings.asff.ndjson"), encoding="utf-8") as f:
        batch = json.loads(f.readline())
    with open(os.path.join(out, "broken.asff.ndjson"), "w", encoding="utf-8") as f:
        for mutate in asff_mutations():
            broken = copy.deepcopy(batch)
            mutate(broken)
            f.write(json.dumps(broken) + "\n")
    with open(os.path.join(src, "findings.html"), encoding="utf-8") as f:
        page = f.read()
    for i, broken in enumerate(html_mutations(page)):
        if broken == page:
            sys.exit(f"html mutation {i} changed nothing")
        with open(os.path.join(out, f"broken-{i}.html"), "w", encoding="utf-8") as f:
            f.write(broken)
    return 0


if __name__ == "__main__":
    sys.exit(main())
