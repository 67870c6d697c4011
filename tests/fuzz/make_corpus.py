#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets: tests/fuzz/corpus/<target>/.

Seeds come from the unit tests' real inputs (the raw string literals of their source files),
the endpoint test suites in tests/data/endpoints, pages generated from the service shapes
(differential/differential_pages.py, fixed seed), and a few hand-written inputs per format.
Each file is named by the SHA-1 of its content, as libFuzzer names corpus files, so re-running
this script adds nothing twice. Findings of the fuzzers (crash inputs) are added to a corpus by
hand, with a regression unit test beside them.

Usage: tests/fuzz/make_corpus.py   (from anywhere; writes into the source tree)
"""

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
UNIT = os.path.join(ROOT, "tests", "unit")

# Seeds above this size slow every execution down; libFuzzer grows inputs by itself.
MAX_SEED_BYTES = 8192


def add(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_SEED_BYTES:
        return
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


RAW = re.compile(r'R"([^(\s]*)\((.*?)\)\1"', re.S)


def raw_strings(relative):
    with open(os.path.join(UNIT, relative), encoding="utf-8") as f:
        return [m.group(2) for m in RAW.finditer(f.read())]


def pages():
    for text in raw_strings("protocol/response_parser_test.cpp"):
        if text.lstrip().startswith("{"):
            add("fuzz_get_connections", text)
    add("fuzz_get_connections", '{"ConnectionList":[]}')
    add("fuzz_get_connections", '{"ConnectionList":[{"Name":"a","CreationTime":1.7e9}],"NextToken":"t"}')
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, os.path.join(HERE, "differential", "differential_pages.py"),
                        "--shapes", os.path.join(ROOT, "tests", "data", "glue-get-connections-shapes.json"),
                        "--seed", "1", "--pages", "60", "--out", out], check=True)
        kept = 0
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                data = f.read()
            if len(data) <= 4096 and kept < 25:
                add("fuzz_get_connections", data)
                kept += 1


def audit():
    """Pages of connections that the rules read: JDBC/MongoDB/Kafka URLs with secrets."""
    urls = [
        "jdbc:postgresql://u:p4ss@db.example.com:5432/orders?ssl=true&sslmode=verify-full&password=x",
        "jdbc:mysql://10.0.0.5:3306/db?useSSL=false&requireSSL=false",
        "jdbc:sqlserver://db.example.com:1433;databaseName=x;encrypt=true;password=pw",
        "jdbc:oracle:thin:scott/tiger@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=h)(PORT=2484)))",
        "jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/dev",
        "jdbc:db2://h:50000/db:sslConnection=true;password=x;",
        "mongodb+srv://u:p@cluster0.example.net/db?tls=false",
        "mongodb://h1:27017,h2:27017/db?replicaSet=rs0&authSource=admin",
    ]
    for i, url in enumerate(urls):
        c = {"Name": "c%d" % i, "ConnectionType": "MONGODB" if url.startswith("mongodb") else "JDBC",
             "ConnectionProperties": {"JDBC_CONNECTION_URL" if url.startswith("jdbc") else "CONNECTION_URL": url,
                                      "USERNAME": "app", "PASSWORD": "hunter2pass", "JDBC_ENFORCE_SSL": "false"},
             "PhysicalConnectionRequirements": {"SubnetId": "subnet-1", "SecurityGroupIdList": ["sg-1"]},
             "CreationTime": 1.6e9, "LastUpdatedTime": 1.7e9, "Status": "READY",
             "StatusReason": "failed: password=abc", "AuthenticationConfiguration": {"AuthenticationType": "BASIC"}}
        add("fuzz_audit", json.dumps({"ConnectionList": [c]}))
    add("fuzz_audit", json.dumps({"ConnectionList": [{"Name": "k", "ConnectionType": "KAFKA", "ConnectionProperties": {
        "KAFKA_BOOTSTRAP_SERVERS": "b-1.x:9094,[::1]:9092", "KAFKA_SSL_ENABLED": "false",
        "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_PLAIN_PASSWORD": "secretvalue"},
        "SparkProperties": {"secretId": "arn:aws:secretsmanager:us-east-1:1:secret:s", "api_key": "k123"}}]}))


def list_accounts():
    for text in raw_strings("protocol/organizations_test.cpp"):
        if text.lstrip().startswith("{"):
            add("fuzz_list_accounts", text)
    add("fuzz_list_accounts", '{"Accounts":[]}')
    add("fuzz_list_accounts", '{"Accounts":[{"Id":"111111111111","Arn":"arn:aws:organizations::1:account/o-x/111111111111",'
        '"Email":"a@example.com","Name":"A","Status":"ACTIVE","State":"ACTIVE","JoinedMethod":"CREATED",'
        '"JoinedTimestamp":1.5E9}],"NextToken":"n"}')


def aws_errors():
    def seed(status, header, body):
        add("fuzz_aws_error", struct.pack(">H", status - 100) + header.encode() + b"\n" + body.encode())
    for text in raw_strings("protocol/aws_error_test.cpp"):
        seed(400, "", text)
    seed(400, "ThrottlingException:http://internal.amazon.com/", "")
    seed(429, "", "")
    seed(503, "", "<html>Service Unavailable</html>")
    seed(400, "aws.protocoltests.restjson#FooError:http://x", '{"message":"m"}')
    seed(400, "", '{"__type":"com.amazonaws.glue#AccessDeniedException","Message":"denied"}')


def sts():
    for text in raw_strings("credentials/sts_query_test.cpp"):
        if "<" in text:
            add("fuzz_sts_xml", text)
    add("fuzz_sts_xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
        "<Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>")
    add("fuzz_sts_xml", "123456789012")
    add("fuzz_sts_xml", "session-name_1+=,.@")


def ini():
    config_seeds = [
        "[default]\nregion = eu-west-1\n",
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n"
        "external_id = x\nrole_session_name = s\nduration_seconds = 3600\n[profile base]\n"
        "aws_access_key_id = AKID\naws_secret_access_key = SECRET1234\n",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n",
        "[profile env]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = Environment\n",
        "[profile p]\ncredential_process = /bin/echo '{\"Version\": 1}'\n",
        "[default]\ns3 =\n  max_concurrent_requests = 10\n  region = x\nregion=us-east-1 ; comment\n",
        "# comment\n; comment\n[default] # after\nregion = a#b\nkey = one\n  two\n",
        "[default]\r\nREGION = eu-west-1\r\n",
        "[sso-session s]\nsso_start_url = https://x\n[profile sso]\nsso_session = s\n",
        "[profile self]\nrole_arn = arn:aws:iam::1:role/s\nsource_profile = self\n"
        "aws_access_key_id = A\naws_secret_access_key = B\n",
        "[profile bad]\nduration_seconds = 12\nrole_arn = r\nsource_profile = default\n",
        "[default\n", "key = value\n", "[default]\n= v\n", "[default]\nnoequals\n",
    ]
    credential_seeds = [
        "",
        "[default]\naws_access_key_id = AKID\naws_secret_access_key = s\naws_session_token = t\n",
        "[base]\naws_access_key_id = AKID2\naws_secret_access_key = SECRET99999\n",
        "[half]\naws_access_key_id = AKID\n",
    ]
    for i, config in enumerate(config_seeds):
        add("fuzz_ini_profiles", config + "\0" + credential_seeds[i % len(credential_seeds)])


def process_output():
    for text in raw_strings("credentials/process_output_test.cpp"):
        add("fuzz_process_output", text)
    add("fuzz_process_output", '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T",'
        '"Expiration":"2030-01-01T00:00:00+05:30"}')


def endpoints():
    for name in ("glue", "sts", "organizations"):
        with open(os.path.join(ROOT, "tests", "data", "endpoints", name + "-endpoint-tests.json")) as f:
            cases = json.load(f)["testCases"]
        for case in cases[::3]:
            p = case.get("params", {})
            flags = (1 if p.get("UseFIPS") else 0) | (2 if p.get("UseDualStack") else 0) | \
                (4 if p.get("UseGlobalEndpoint") else 0) | (8 if "Endpoint" in p else 0) | \
                (16 if "Region" not in p else 0)
            text = p.get("Region", "") + ("\n" + p["Endpoint"] if "Endpoint" in p else "")
            add("fuzz_endpoints", bytes([flags]) + text.encode())
    for url in ("https://127.0.0.1:8443", "http://[::1]:80/base", "HTTPS://glue.example.com/p/q",
                "https://user@host", "https://host:0", "https://host?x"):
        add("fuzz_endpoints", bytes([16]) + url.encode())


def accounts():
    add("fuzz_accounts_file", "111111111111\n222222222222\n")
    add("fuzz_accounts_file", "# team A\n  111111111111  # prod\r\n\n\t222222222222\n")
    add("fuzz_accounts_file", "11111111111\n")
    add("fuzz_accounts_file", "")


def timestamps():
    for text in ("1700000000", "1700000000.123", "1.700000000123E9", "-1.5", "1714566896.7895",
                 "-62135596800", "253402300799.999", "253402300800", "1e400", "0.0005", "-0",
                 "2019-11-09T13:34:41Z", "2019-11-09T13:34:41.123Z", "2019-11-09t13:34:41+01:00",
                 "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59-0500"):
        add("fuzz_timestamps", text)
    add("fuzz_timestamps", struct.pack("<q", 1714566896789))


if __name__ == "__main__":
    pages()
    audit()
    list_accounts()
    aws_errors()
    sts()
    ini()
    process_output()
    endpoints()
    accounts()
    timestamps()
