#!/usr/bin/env python3
"""check_html_chromium.py [--expect-invalid] FILE: opens the HTML report in headless Chromium (Debian's chromium)
and drives it over the DevTools protocol (--remote-debugging-pipe: no port is opened) to check
what only a browser can: the page's one script runs under its own CSP (the hash is right); no
request leaves the page (the only request is the file itself); no console error, exception or
CSP violation; alert() is never called (the <script> connection name stays text); the counts
of the summary equal the rows; the summary is shown above the findings (CSS order); filtering
by text and by severity and sorting by a column header work. With --expect-invalid, the page
must fail some check (the test of this checker, on a page whose CSP hash is wrong). Exits 77
(skipped) without Chromium."""
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT_SECONDS = 60
SKIP = 77

CHECKS = r"""
(() => {
  const table = document.getElementById('findings-table');
  const rows = [...table.tBodies[0].rows];
  const visible = () => rows.filter(r => !r.hidden).length;
  const shown = () => document.getElementById('shown-count').textContent;
  const out = {rows: rows.length, shownAtLoad: shown()};
  const open = rows.filter(r => r.dataset.status === 'FAIL' && r.dataset.baseline !== 'absent');
  out.openRows = open.length;
  out.total = document.getElementById('total-findings').textContent;
  out.summaryBySeverity = {};
  for (const tr of document.querySelectorAll('#by-severity tbody tr')) {
    out.summaryBySeverity[tr.dataset.severity] = Number(tr.cells[1].textContent);
  }
  out.rowsBySeverity = {};
  for (const s of Object.keys(out.summaryBySeverity)) {
    out.rowsBySeverity[s] = open.filter(r => r.dataset.severity === s).length;
  }
  out.suppressedShown = document.getElementById('suppressed-count').textContent;
  out.suppressedRows = document.getElementById('suppressed-table').tBodies[0].rows.length;
  const top = id => document.getElementById(id).getBoundingClientRect().top;
  out.summaryAboveFindings = top('report-header') < top('summary') && top('summary') < top('findings');
  out.scriptNameCells = [...document.querySelectorAll('td.name')]
    .filter(td => td.textContent === '<script>alert(1)</script>').length;
  out.images = document.images.length;
  out.scripts = document.scripts.length;
  out.alerts = window.__alerts;

  const text = document.getElementById('filter-text');
  text.value = 'GLUE-016';
  text.dispatchEvent(new Event('input'));
  out.filterText = {visible: visible(), shown: shown(),
    expected: rows.filter(r => r.textContent.toLowerCase().includes('glue-016')).length};
  text.value = '';
  text.dispatchEvent(new Event('input'));
  const severity = document.getElementById('filter-severity');
  severity.value = 'critical';
  severity.dispatchEvent(new Event('change'));
  out.filterSeverity = {visible: visible(),
    expected: rows.filter(r => r.dataset.severity === 'critical').length};
  severity.value = '';
  severity.dispatchEvent(new Event('change'));
  out.afterReset = visible();

  const headers = table.tHead.rows[0].cells;
  const names = () => [...table.tBodies[0].rows].map(r => r.cells[7].textContent.toLowerCase());
  headers[7].click();
  const ascending = names();
  out.sortedAscending = ascending.every((v, i) => i === 0 || ascending[i - 1] <= v);
  headers[7].click();
  const descending = names();
  out.sortedDescending = descending.every((v, i) => i === 0 || descending[i - 1] >= v);
  out.orderChanged = ascending.join('\n') !== descending.join('\n');
  headers[0].click();
  out.firstSeverityAfterSort = table.tBodies[0].rows[0].dataset.severity;
  return out;
})()
"""


class Browser:
    def __init__(self):
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        keep = [fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)]

        def pipe_fds():  # the child reads commands on fd 3 and writes answers on fd 4
            os.dup2(keep[0], 3)
            os.dup2(keep[1], 4)

        self.process = subprocess.Popen(
            [shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile.name}", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update",
             "--disable-dev-shm-usage", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=pipe_fds, close_fds=False, start_new_session=True)
        for fd in [to_child_r, from_child_w] + keep:
            os.close(fd)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT_SECONDS

    def close(self):
        # Ask politely, then end the browser's whole process group (its own session, started
        # by us): renderer and utility processes must not outlive the test or keep writing into
        # the profile while it is removed.
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        os.close(self.to_child)
        os.close(self.from_child)
        self.profile.cleanup()

    def read_message(self, until):
        while b"\0" not in self.buffer:
            left = min(until, self.deadline) - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_child], [], [], left)
            if ready:
                chunk = os.read(self.from_child, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.to_child, json.dumps(command).encode() + b"\0")
        while True:
            message = self.read_message(self.deadline)
            if message is None:
                raise RuntimeError(f"no answer to {method} in time")
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_event(self, method):
        while True:
            for e in self.events:
                if e.get("method") == method:
                    return e
            message = self.read_message(self.deadline)
            if message is None:
                raise RuntimeError(f"no {method} in time")
            self.events.append(message)

    def drain(self, seconds):
        until = time.monotonic() + seconds
        while (message := self.read_message(until)) is not None:
            self.events.append(message)


def main():
    if shutil.which("chromium") is None:
        print("chromium is not installed: skipped")
        return SKIP
    expect_invalid = sys.argv[1] == "--expect-invalid"
    path = os.path.abspath(sys.argv[-1])
    url = "file://" + path
    browser = Browser()
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            browser.call(f"{domain}.enable", session=session)
        browser.call("Page.addScriptToEvaluateOnNewDocument",
                     {"source": "window.__alerts = 0; window.alert = () => { window.__alerts++; };"},
                     session=session)
        browser.events.clear()
        browser.call("Page.navigate", {"url": url}, session=session)
        browser.wait_event("Page.loadEventFired")
        browser.drain(0.5)
        result = browser.call("Runtime.evaluate",
                              {"expression": CHECKS, "returnByValue": True}, session=session)
        browser.drain(0.3)
    finally:
        browser.close()
    if "exceptionDetails" in result:
        print(f"the checks threw: {result['exceptionDetails']}")
        return 1
    out = result["result"]["value"]
    problems = []
    requests = [e["params"]["request"]["url"] for e in browser.events
                if e.get("method") == "Network.requestWillBeSent"]
    if requests != [url]:
        problems.append(f"requests other than the page itself: {requests}")
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.exceptionThrown":
            problems.append(f"exception: {p['exceptionDetails']}")
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            problems.append(f"console {p['type']}: {p.get('args')}")
        if m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
            problems.append(f"log {p['entry']['level']}: {p['entry'].get('text')}")
        if m == "Page.javascriptDialogOpening":
            problems.append(f"a dialog opened: {p.get('message')}")
    expect = [
        ("rows", out["rows"] > 0),
        ("the script ran under the CSP", out["shownAtLoad"] == str(out["rows"])),
        ("total equals the open rows", out["total"] == str(out["openRows"])),
        ("counts by severity equal the rows", out["summaryBySeverity"] == out["rowsBySeverity"]),
        ("suppressed count", out["suppressedShown"] == str(out["suppressedRows"])),
        ("summary shown above the findings", out["summaryAboveFindings"]),
        ("<script> name is text", out["scriptNameCells"] == 1),
        ("no image", out["images"] == 0),
        ("one script", out["scripts"] == 1),
        ("alert never called", out["alerts"] == 0),
        ("text filter", out["filterText"]["visible"] == out["filterText"]["expected"] == 1
         and out["filterText"]["shown"] == "1"),
        ("severity filter", 0 < out["filterSeverity"]["visible"]
         == out["filterSeverity"]["expected"] < out["rows"]),
        ("filters reset", out["afterReset"] == out["rows"]),
        ("sort ascending", out["sortedAscending"]),
        ("sort descending", out["sortedDescending"] and out["orderChanged"]),
        ("severity sort puts critical first", out["firstSeverityAfterSort"] == "critical"),
    ]
    problems += [f"failed: {name}" for name, ok in expect if not ok]
    print(json.dumps(out, indent=1, sort_keys=True))
    for p in problems:
        print(f"{path}: {p}")
    print(f"{path}: {len(requests)} request, {len(expect)} checks, {len(problems)} problems")
    return 0 if bool(problems) == expect_invalid else 1


if __name__ == "__main__":
    sys.exit(main())
