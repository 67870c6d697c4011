#!/usr/bin/env python3
"""validate_asff.py [--expect-invalid] FILE...: each line of FILE is one BatchImportFindings call,
{"Findings":[...]}, checked by botocore's own ParamValidator against the securityhub
BatchImportFindings input shape (python3-botocore: types, required members, list lengths),
then by what that validator leaves out: the NonEmptyString pattern and the enums of every
string it reaches, the ASFF user guide's required Severity and Types, its lengths (Title 256,
Description 1024, Remediation text 512), one account and region per call (the default product
ARN), and the batch limits (100 findings, 6 MB). With --expect-invalid, every line must have a
problem (the validator's own test)."""
import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

MAX_BATCH_BYTES = 6_000_000
FINDING_TYPE = "Software and Configuration Checks/AWS Security Best Practices"


def walk(shape, value, path, problems):
    """The patterns and enums of every string under `shape` (ParamValidator checks neither)."""
    kind = shape.type_name
    if kind == "structure":
        for name, member in shape.members.items():
            if name in value:
                walk(member, value[name], f"{path}.{name}", problems)
    elif kind == "list":
        for i, item in enumerate(value):
            walk(shape.member, item, f"{path}[{i}]", problems)
    elif kind == "map":
        for k, v in value.items():
            walk(shape.key, k, f"{path}{{key}}", problems)
            walk(shape.value, v, f"{path}[{k}]", problems)
    elif kind == "string":
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value, re.S):
            problems.append(f"{path}: {value!r} does not match {pattern}")
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} not in {shape.enum}")


def main():
    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    validator = ParamValidator()
    failed = False
    total = 0
    args = sys.argv[1:]
    expect_invalid = args[:1] == ["--expect-invalid"]
    if expect_invalid:
        args = args[1:]
    for path in args:
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f.read().split("\n") if line]
        for n, line in enumerate(lines, 1):
            where = f"{path}:{n}"
            problems = []
            if len(line.encode()) > MAX_BATCH_BYTES:
                problems.append("batch larger than 6 MB")
            params = json.loads(line)
            report = validator.validate(params, shape)
            if report.has_errors():
                problems.append(report.generate_report())
            findings = []
            try:
                walk(shape, params, "", problems)
                findings = params.get("Findings", [])
                if not 1 <= len(findings) <= 100:
                    problems.append(f"{len(findings)} findings in one call")
                product_arns = {f.get("ProductArn") for f in findings}
                if len(product_arns) != 1:
                    problems.append(f"several accounts or regions in one call: {product_arns}")
                for i, f in enumerate(findings):
                    if f.get("Severity", {}).get("Label") not in (
                            "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"):
                        problems.append(f"finding {i}: Severity.Label")
                    if f.get("Types") != [FINDING_TYPE]:
                        problems.append(f"finding {i}: Types {f.get('Types')}")
                    if f.get("SchemaVersion") != "2018-10-08":
                        problems.append(f"finding {i}: SchemaVersion")
                    account = f["AwsAccountId"]
                    region = f["Resources"][0]["Region"]
                    if not re.fullmatch(
                            rf"arn:aws[a-z-]*:securityhub:{re.escape(region)}:{re.escape(account)}:product/{re.escape(account)}/default",
                            f["ProductArn"]):
                        problems.append(f"finding {i}: ProductArn {f['ProductArn']}")
                    for key, limit in (("Title", 256), ("Description", 1024)):
                        if not 1 <= len(f[key]) <= limit:
                            problems.append(f"finding {i}: {key} of {len(f[key])} characters")
                    text = f.get("Remediation", {}).get("Recommendation", {}).get("Text", "")
                    if len(text) > 512:
                        problems.append(f"finding {i}: Remediation text of {len(text)} characters")
                    for key in ("CreatedAt", "UpdatedAt"):
                        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", f[key]):
                            problems.append(f"finding {i}: {key} {f[key]!r} is not RFC 3339 UTC")
                    if f["Resources"][0]["Type"] != "Other":
                        problems.append(f"finding {i}: resource type")
            except (KeyError, IndexError, TypeError, AttributeError) as e:
                problems.append(f"malformed: {e!r}")
            total += len(findings)
            for p in problems:
                print(f"{where}: {p}")
            if bool(problems) != expect_invalid:
                print(f"{where}: " + ("accepted" if expect_invalid else "rejected"))
                failed = True
        print(f"{path}: {len(lines)} calls")
    print(f"{total} findings checked")
    return 1 if failed or (total == 0 and not expect_invalid) else 0


if __name__ == "__main__":
    sys.exit(main())
