"""glue-sim against the official AWS client (Debian's python3-boto3).

Usage: boto3_test.py GLUE_SIM_PATH FIXTURE_JSON
Starts glue-sim on the fixture, assumes a role with STS, pages through GetConnections and
checks that boto3 gets exactly the fixture's connections, that a wrong secret is refused and
that Organizations ListAccounts works. glue-sim is stopped (and killed if need be) at the end.
"""
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import boto3
import botocore.exceptions

READY_TIMEOUT_S = 20
STOP_TIMEOUT_S = 10
MANAGEMENT = "111122223333"
MEMBER = "444455556666"


def start(sim_path, fixture, state_dir):
    proc = subprocess.Popen([sim_path, "--state-dir", state_dir, "--fixture", fixture,
                             "--threads", "1", "--role-name", "scanner"])
    ready = os.path.join(state_dir, "ready.json")
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not os.path.exists(ready):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("glue-sim did not become ready")
        time.sleep(0.02)
    with open(ready) as f:
        return proc, json.load(f)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def to_epoch(value):
    """boto3 turns timestamps into datetimes; the fixture has epoch seconds."""
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, dict):
        return {k: to_epoch(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_epoch(v) for v in value]
    return value


def known_members():
    """The Connection members this botocore's model knows: it drops the others from answers
    (Debian 12's botocore predates the 2024 members such as Status)."""
    import botocore.session
    model = botocore.session.get_session().get_service_model("glue")
    return set(model.shape_for("Connection").members)


def fixture_connections(fixture, catalog, region):
    with open(fixture) as f:
        doc = json.load(f)
    known = known_members()
    for account in doc["accounts"]:
        for cat in account.get("Catalogs", []):
            if cat["CatalogId"] == catalog:
                return [{k: v for k, v in c.items() if k in known}
                        for c in to_epoch(cat["Regions"][region]["ConnectionList"])]
    raise KeyError(catalog)


def main():
    sim_path, fixture = sys.argv[1], sys.argv[2]
    state_dir = tempfile.mkdtemp(prefix="glue-sim-boto3-")
    proc, ready = start(sim_path, fixture, state_dir)
    failures = []
    try:
        base = boto3.Session(aws_access_key_id=ready["access_key_id"],
                             aws_secret_access_key=ready["secret_access_key"],
                             region_name="us-east-1")
        common = {"endpoint_url": ready["endpoint_url"], "verify": ready["ca_bundle"]}

        creds = base.client("sts", **common).assume_role(
            RoleArn=f"arn:aws:iam::{MEMBER}:role/scanner", RoleSessionName="boto3-test")["Credentials"]
        glue = boto3.client("glue", region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                            aws_secret_access_key=creds["SecretAccessKey"],
                            aws_session_token=creds["SessionToken"], **common)
        got = []
        for page in glue.get_paginator("get_connections").paginate(
                PaginationConfig={"PageSize": 1}):
            got.extend(page["ConnectionList"])
        if to_epoch(got) != fixture_connections(fixture, MEMBER, "us-east-1"):
            failures.append(f"GetConnections of {MEMBER}: {to_epoch(got)!r}")

        base_glue = base.client("glue", **common)
        mine = [c for p in base_glue.get_paginator("get_connections").paginate(
            PaginationConfig={"PageSize": 2}) for c in p["ConnectionList"]]
        if to_epoch(mine) != fixture_connections(fixture, MANAGEMENT, "us-east-1"):
            failures.append("GetConnections of the management account differ from the fixture")

        wrong = boto3.client("glue", region_name="us-east-1",
                             aws_access_key_id=ready["access_key_id"],
                             aws_secret_access_key="wrong" + ready["secret_access_key"], **common)
        try:
            wrong.get_connections()
            failures.append("a request signed with a wrong secret was accepted")
        except botocore.exceptions.ClientError as e:
            if e.response["Error"]["Code"] != "InvalidSignatureException":
                failures.append(f"wrong secret gave {e.response['Error']['Code']}")

        orgs = base.client("organizations", **common)
        ids = [a["Id"] for p in orgs.get_paginator("list_accounts").paginate(
            PaginationConfig={"PageSize": 1}) for a in p["Accounts"]]
        if ids != [MANAGEMENT, MEMBER, "777788889999"]:
            failures.append(f"ListAccounts gave {ids!r}")
    finally:
        status = stop(proc)
        shutil.rmtree(state_dir, ignore_errors=True)
    if status != 0:
        failures.append(f"glue-sim exited with {status}")
    for f in failures:
        print("FAIL:", f)
    print("boto3 against glue-sim:", "FAILED" if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
