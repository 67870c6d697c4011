#!/usr/bin/python3
"""scan-peer-boto3: the scan-bench workload written with boto3, the way audit tools use it.

AssumeRole once per account, then every region's GetConnections pages through boto3's
paginator, NDJSON out, with a thread pool of `concurrency` workers over the targets.

Usage: scan_peer_boto3.py CONFIG.json (see bench/scan-bench, peer_config). Base credentials
come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; AWS_CA_BUNDLE names glue-sim's CA.
Exit 0: every target complete; 2: some failed.
"""
import concurrent.futures
import json
import sys
import threading

import boto3
import botocore.config


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    # Client creation is not thread-safe on one session; clients themselves are. One shared
    # session (its model loader caches the service models) creates clients under a lock.
    session = boto3.session.Session(region_name="us-east-1")
    session_lock = threading.Lock()
    client_config = botocore.config.Config(
        max_pool_connections=cfg["concurrency"],
        retries={"mode": cfg["retry_mode"], "max_attempts": cfg["max_attempts"]},
    )
    with session_lock:
        sts = session.client("sts", endpoint_url=cfg["endpoint_url"], config=client_config)

    credentials = {}
    credentials_locks = {a: threading.Lock() for a in cfg["accounts"]}

    def assume(account):
        with credentials_locks[account]:  # single-flight per account
            if account not in credentials:
                arn = "arn:aws:iam::%s:role/%s" % (account, cfg["role_name"])
                credentials[account] = sts.assume_role(
                    RoleArn=arn, RoleSessionName="scan-bench")["Credentials"]
            return credentials[account]

    out = open(cfg["output"], "w")
    out_lock = threading.Lock()

    def scan(account, region):
        c = assume(account)
        with session_lock:
            glue = session.client(
                "glue", region_name=region, endpoint_url=cfg["endpoint_url"],
                aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                aws_session_token=c["SessionToken"], config=client_config)
        args = {"HidePassword": True}
        if cfg["max_results"]:
            args["PaginationConfig"] = {"PageSize": cfg["max_results"]}
        for page in glue.get_paginator("get_connections").paginate(**args):
            lines = []
            for conn in page["ConnectionList"]:
                record = {"AccountId": account, "Region": region, "CatalogId": account}
                record.update(conn)
                lines.append(json.dumps(record, default=lambda t: t.isoformat()))
            if lines:
                with out_lock:
                    out.write("\n".join(lines) + "\n")

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=cfg["concurrency"]) as pool:
        futures = {pool.submit(scan, a, r): (a, r)
                   for a in cfg["accounts"] for r in cfg["regions"]}
        for future in concurrent.futures.as_completed(futures):
            error = future.exception()
            if error is not None:
                failed += 1
                print("%s %s: %s" % (futures[future] + (error,)), file=sys.stderr)
    out.close()
    sys.exit(2 if failed else 0)


if __name__ == "__main__":
    main()
