#!/usr/bin/env python3
"""validate_html.py [--expect-invalid] FILE...: the HTML report parsed by Python's html.parser: well-formed (every
non-void element closed, in order, nothing left open); self-contained (no src, href, action or
url() anywhere, no http(s):// or protocol-relative URL in the text); a Content-Security-Policy
meta with default-src 'none', style-src 'unsafe-inline' and script-src allowing exactly the
SHA-256 of the page's one script (computed here with hashlib); the fixture's connection named
<script>alert(1)</script> present as text; the summary's counts (total, by severity, by rule, by
account, suppressed) equal to the rows of the tables. With --expect-invalid, every FILE must
have a problem (the validator's own test)."""
import base64
import collections
import hashlib
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SCRIPT_NAME = "<script>alert(1)</script>"


class Report(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.csp = None
        self.scripts = []
        self.in_script = False
        self.rows = collections.defaultdict(list)  # table id -> [(attrs, [cell texts])]
        self.table = None
        self.cell = None
        self.by_id = {}
        self.capture = None
        self.outside_cells = []  # text that is not a value: page chrome, style, script

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name in ("src", "href", "action", "formaction", "srcset", "poster", "data"):
                self.problems.append(f"<{tag} {name}={value!r}>: a reference")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>: an inline event handler")
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content", "")
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "script":
            self.in_script = True
            self.scripts.append("")
        if tag == "table":
            self.table = a.get("id")
        if tag == "tr" and self.table:
            self.rows[self.table].append((a, []))
        if tag in ("td", "th") and self.table and self.rows[self.table]:
            self.cell = ""
        if "id" in a and tag in ("dd", "span"):
            self.capture = a["id"]
            self.by_id[self.capture] = ""

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag == "script":
            self.in_script = False
        if tag == "table":
            self.table = None
        if tag in ("td", "th") and self.cell is not None:
            self.rows[self.table][-1][1].append(self.cell)
            self.cell = None
        if tag in ("dd", "span"):
            self.capture = None

    def handle_data(self, data):
        if self.cell is None and self.capture is None:
            self.outside_cells.append(data)
        if self.in_script:
            self.scripts[-1] += data
        if self.cell is not None:
            self.cell += data
        if self.capture:
            self.by_id[self.capture] += data


def check(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    r = Report()
    r.feed(text)
    r.close()
    problems = list(r.problems)
    if r.stack:
        problems.append(f"left open: {r.stack}")
    if not text.startswith("<!DOCTYPE html>"):
        problems.append("no doctype")
    # Values (cells, summary figures) may hold any text, URLs too; the page's own text, its
    # style and its script must not name anything to fetch.
    chrome = "".join(r.outside_cells)
    if re.search(r"https?://|url\(|@import|(?<![a-z:])//[a-z0-9]", chrome, re.I):
        problems.append("a URL in the page's own text, style or script")
    if len(r.scripts) != 1:
        problems.append(f"{len(r.scripts)} scripts")
    if r.csp is None:
        problems.append("no CSP meta")
    else:
        directives = dict(d.strip().split(" ", 1) for d in r.csp.split(";") if d.strip())
        digest = base64.b64encode(hashlib.sha256(r.scripts[0].encode()).digest()).decode()
        expected = {"default-src": "'none'", "style-src": "'unsafe-inline'",
                    "script-src": f"'sha256-{digest}'"}
        for name, value in expected.items():
            if directives.get(name) != value:
                problems.append(f"CSP {name} is {directives.get(name)!r}, not {value!r}")
    findings = r.rows.get("findings-table", [])[1:]  # after the header row
    suppressed = r.rows.get("suppressed-table", [])[1:]
    names = [cells[7] for _, cells in findings + suppressed]
    if SCRIPT_NAME not in names:
        problems.append("the <script> connection name is not a cell's text")
    open_rows = [a for a, _ in findings
                 if a.get("data-status") == "FAIL" and a.get("data-baseline") != "absent"]

    def counts_of(table):  # the first cell names the row, the last one is its total
        return {cells[0]: int(cells[-1]) for _, cells in r.rows.get(table, [])[1:]}

    # The rule x severity matrix: each cell equals the open rows of that rule and severity.
    matrix = r.rows.get("by-rule", [])
    severities = matrix[0][1][2:-1] if matrix else []
    for _, cells in matrix[1:]:
        for severity, count in zip(severities, cells[2:-1]):
            actual = sum(1 for a in open_rows
                         if a["data-rule"] == cells[0] and a["data-severity"] == severity)
            if int(count) != actual:
                problems.append(f"{cells[0]} {severity}: the summary says {count}, "
                                f"the table has {actual}")
        if sum(int(c) for c in cells[2:-1]) != int(cells[-1]):
            problems.append(f"{cells[0]}: the row does not add up")

    by_severity = collections.Counter(a["data-severity"] for a in open_rows)
    for severity, n in counts_of("by-severity").items():
        if by_severity.get(severity, 0) != n:
            problems.append(f"{severity}: the summary says {n}, the table has "
                            f"{by_severity.get(severity, 0)}")
    for table, key in (("by-rule", "data-rule"), ("by-account", "data-account")):
        actual = collections.Counter(a[key] for a in open_rows)
        if counts_of(table) != dict(actual):
            problems.append(f"{table}: {counts_of(table)} != {dict(actual)}")
    if int(r.by_id.get("total-findings", "-1")) != len(open_rows):
        problems.append(f"total {r.by_id.get('total-findings')} != {len(open_rows)} rows")
    if int(r.by_id.get("suppressed-count", "-1")) != len(suppressed):
        problems.append(f"suppressed {r.by_id.get('suppressed-count')} != {len(suppressed)}")
    for p in problems:
        print(f"{path}: {p}")
    print(f"{path}: {len(findings)} rows, {len(suppressed)} suppressed, "
          f"{len(open_rows)} open findings, {len(problems)} problems")
    return not problems and findings


def check_safely(path):
    try:
        return check(path)
    except (KeyError, IndexError, ValueError) as e:
        print(f"{path}: malformed: {e!r}")
        return False


def main():
    args = sys.argv[1:]
    expect_invalid = args[:1] == ["--expect-invalid"]
    if expect_invalid:
        return 0 if args[1:] and not any([check_safely(path) for path in args[1:]]) else 1
    results = [check_safely(path) for path in args]
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
