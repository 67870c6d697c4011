#!/usr/bin/env python3
"""Differential check of the GetConnections page parser.

Generates random-but-valid GetConnections response pages from the service shapes
(tests/data/glue-get-connections-shapes.json): members in random order, some absent or null,
unknown members (of any JSON type, nested) that must be skipped, strings with escapes, control
characters, non-ASCII and non-BMP text (escaped or raw), timestamps in every JSON number
notation. Our parser reads each page (page_to_ndjson prints the NDJSON records the CLI would
write); Python's json module and the expected model (what the DESIGN's NDJSON record must hold)
read the same page; the two must agree member by member, in order.

Usage: differential_pages.py [--tool PATH] --shapes PATH [--seed N] [--pages N] [--out DIR]
--out DIR keeps the generated pages (seed corpora for fuzz_get_connections); without --tool
the pages are only generated.
"""

import argparse
import datetime
import decimal
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

CONTEXT = [("AccountId", "111122223333"), ("Region", "us-east-1"), ("CatalogId", "111122223333")]
MIN_MS = -62135596800000
MAX_MS = 253402300799999


class Timestamp:
    """A timestamp: the text the page carries and the milliseconds it means."""

    def __init__(self, text, millis):
        self.text = text
        self.millis = millis


def iso8601(millis):
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=millis)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond // 1000)


def round_half_away(value):
    return int(value.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


class Generator:
    def __init__(self, shapes, rng):
        self.shapes = shapes
        self.rng = rng

    # Strings ------------------------------------------------------------------------------
    def text(self, shape, min_len=0):
        r = self.rng
        if "enum" in shape and r.random() < 0.9:
            return r.choice(shape["enum"]) if r.random() < 0.95 else "FUTURE_VALUE_" + str(r.randrange(99))
        alphabet = [
            "a", "Z", "0", " ", "-", "_", ":", "/", "=", "@", ".", '"', "\\", "\n", "\t", "\r",
            "\x00", "\x1f", "\x7f", "é", "ß", "€", "\u2028", "\ufffd", "日本", "🚀", "\U0010ffff",
            "jdbc:postgresql://db.example.com:5432/x", "arn:aws:secretsmanager:us-east-1:1:s",
        ]
        n = r.choice([0, 1, 2, 5, 12, 40]) if r.random() < 0.95 else r.randrange(200, 3000)
        s = "".join(r.choice(alphabet) for _ in range(n))
        if len(s) < min_len:
            s += "x" * (min_len - len(s))
        return s

    def timestamp(self):
        r = self.rng
        choice = r.random()
        if choice < 0.6:
            millis = r.randrange(0, 2000000000000)
        elif choice < 0.8:
            millis = r.randrange(MIN_MS, MAX_MS + 1)
        else:
            millis = r.choice([MIN_MS, MAX_MS, 0, -1, 1, -1500, 999, 1000])
        d = decimal.Decimal(millis) / 1000
        form = r.randrange(7)
        if form == 0 and millis % 1000 == 0:
            text = str(millis // 1000)
        elif form == 1:
            text = format(d, "f")
        elif form == 2:
            # Scientific, upper or lower case exponent, signed or not.
            mantissa = d.scaleb(-9)
            text = format(mantissa, "f") + r.choice(["E9", "e9", "E+9", "e+09"])
        elif form == 3:
            text = str(millis) + r.choice(["e-3", "E-3", "e-03"])
        elif form == 4:
            # Extra digits below the millisecond: the parser rounds half away from zero.
            extra = r.choice(["5", "4999", "5001", "0", "9"])
            text = format(d, "f") + ("" if "." in format(d, "f") else ".") + \
                "".join(["0"] * (3 - len(format(d, "f").partition(".")[2]))) + extra
            exact = decimal.Decimal(text) * 1000
            millis = round_half_away(exact)
            if not MIN_MS <= millis <= MAX_MS:
                text, millis = "0", 0
        elif form == 5:
            text = format(d, "f") + "000"
            if "." not in format(d, "f"):
                text = format(d, "f") + ".000"
        else:
            text = format(d, "f")
        return Timestamp(text, millis)

    # Values from shapes -------------------------------------------------------------------
    def value(self, shape_name, depth=0):
        """Returns (json_like, expected) for a shape; json_like may contain Timestamp."""
        shape = self.shapes[shape_name]
        kind = shape["type"]
        r = self.rng
        if kind == "structure":
            members = list(shape["members"].items())
            pairs = []  # what the page holds, in page order
            expected = []  # what the record must hold, in API order
            for name, ref in members:
                roll = r.random()
                if roll < 0.35:
                    continue
                if roll < 0.42:
                    pairs.append((name, None))  # null is absent
                    continue
                page_value, model = self.value(ref["shape"], depth + 1)
                pairs.append((name, page_value))
                expected.append((name, model))
            r.shuffle(pairs)
            for _ in range(r.choice([0, 0, 1, 2])):
                pairs.insert(r.randrange(len(pairs) + 1), ("Unknown" + str(r.randrange(1000)),
                                                           self.unknown(depth)))
            return pairs, expected
        if kind == "list":
            count = r.choice([0, 1, 2, 3]) if depth > 0 else r.randrange(0, 6)
            items = [self.value(shape["member"]["shape"], depth + 1) for _ in range(count)]
            return [i[0] for i in items], [i[1] for i in items]
        if kind == "map":
            key_shape = self.shapes[shape["key"]["shape"]]
            keys = []
            for _ in range(r.choice([0, 1, 2, 4])):
                k = self.text(key_shape, min_len=1)
                if k not in keys:
                    keys.append(k)
            pairs = [(k, self.text(self.shapes[shape["value"]["shape"]], min_len=1)) for k in keys]
            return MapValue(pairs), list(pairs)
        if kind == "string":
            s = self.text(shape, min_len=shape.get("min", 0))
            return s, s
        if kind == "integer":
            n = r.randrange(shape.get("min", 0), shape.get("max", 1000) + 1)
            return n, n
        if kind == "boolean":
            b = r.random() < 0.5
            return b, b
        if kind == "timestamp":
            t = self.timestamp()
            return t, iso8601(t.millis)
        raise ValueError("shape type " + kind)

    def unknown(self, depth):
        r = self.rng
        roll = r.randrange(8)
        if depth > 6 or roll < 5:
            return r.choice([None, True, False, 0, -12.5e300, 1e-7, "x\"y", "", 123456789012345678901234567890])
        if roll == 5:
            return [self.unknown(depth + 1) for _ in range(r.randrange(3))]
        return MapValue([("k" + str(i), self.unknown(depth + 1)) for i in range(r.randrange(3))])


class MapValue:
    def __init__(self, pairs):
        self.pairs = pairs


def emit(value, rng, out):
    ws = lambda: out.append(rng.choice(["", "", "", " ", "\n", "\t", "\r\n  "]))
    if isinstance(value, Timestamp):
        out.append(value.text)
    elif isinstance(value, MapValue):
        pairs = value.pairs
        out.append("{")
        for i, (k, v) in enumerate(pairs):
            if i:
                out.append(",")
            ws()
            out.append(json.dumps(k, ensure_ascii=rng.random() < 0.5))
            ws()
            out.append(":")
            ws()
            emit(v, rng, out)
            ws()
        out.append("}")
    elif isinstance(value, StructValue):
        emit(MapValue(value.pairs), rng, out)
    elif isinstance(value, list):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            ws()
            emit(v, rng, out)
        ws()
        out.append("]")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=rng.random() < 0.5))
    else:
        out.append(json.dumps(value))


class StructValue:
    def __init__(self, pairs):
        self.pairs = pairs


def wrap_structs(shapes, shape_name, page_value):
    """Marks structure values (lists of pairs) so that emit knows an empty one is {}."""
    shape = shapes[shape_name]
    if shape["type"] == "structure":
        members = shape["members"]
        out = []
        for k, v in page_value:
            if k in members and v is not None:
                v = wrap_structs(shapes, members[k]["shape"], v)
            out.append((k, v))
        return StructValue(out)
    if shape["type"] == "list":
        return [wrap_structs(shapes, shape["member"]["shape"], v) for v in page_value]
    return page_value


def make_page(gen, rng):
    connections = gen.value("ConnectionList", depth=0)
    page_pairs = [("ConnectionList", wrap_structs(gen.shapes, "ConnectionList", connections[0]))]
    token = None
    if rng.random() < 0.5:
        token = gen.text({"type": "string"}, min_len=1)
        page_pairs.append(("NextToken", token))
    elif rng.random() < 0.2:
        page_pairs.append(("NextToken", None))
    if rng.random() < 0.3:
        page_pairs.append(("ResponseMetadata", MapValue([("x", [1, {"y": None}])])))
    rng.shuffle(page_pairs)
    out = []
    emit(MapValue(page_pairs), rng, out)
    text = "".join(out) + rng.choice(["", "\n", " \r\n"])
    expected = [CONTEXT + record for record in connections[1]]
    return text, expected, token


def pairs_hook(pairs):
    return list(pairs)


def normalise(expected):
    """Expected values as json.loads with pairs_hook gives them."""
    if isinstance(expected, list) and expected and isinstance(expected[0], tuple):
        return [(k, normalise(v)) for k, v in expected]
    if isinstance(expected, list):
        return [normalise(v) for v in expected]
    return expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", help="page_to_ndjson; without it, only generate the pages")
    ap.add_argument("--shapes", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--out")
    args = ap.parse_args()

    shapes = json.load(open(args.shapes))["shapes"]
    rng = random.Random(args.seed)
    gen = Generator(shapes, rng)
    work = args.out or tempfile.mkdtemp(prefix="differential-")
    os.makedirs(work, exist_ok=True)
    pages = []
    for i in range(args.pages):
        text, expected, token = make_page(gen, rng)
        path = os.path.join(work, "page-%04d.json" % i)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        pages.append((path, expected, token))

    if not args.tool:
        return 0
    status = compare(args.tool, pages)
    if args.out is None:
        if status == 0:
            shutil.rmtree(work)  # a temporary folder of our own: nothing to keep
        else:
            print("the pages are kept in %s" % work)
    return status


def compare(tool, pages):
    """Runs page_to_ndjson on the pages and compares its records with the expected ones."""
    result = subprocess.run([tool] + [p[0] for p in pages], capture_output=True, check=False)
    if result.returncode != 0:
        print(result.stderr.decode(errors="replace"), file=sys.stderr)
        print("page_to_ndjson failed with status", result.returncode)
        return 1
    lines = result.stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "the output ends with a newline"
    lines.pop()
    at = 0
    failures = 0
    records = 0
    for path, expected, token in pages:
        got = []
        while True:
            line = lines[at]
            at += 1
            value = json.loads(line, object_pairs_hook=pairs_hook)
            if value and value[0][0] in ("NextToken", "Error"):
                break
            got.append(value)
        if value[0][0] == "Error":
            print("%s: rejected: %s" % (path, value[0][1]))
            failures += 1
            continue
        want = [normalise(r) for r in expected]
        if got != want or value[0][1] != token:
            failures += 1
            print("%s: differs" % path)
            for g, w in zip(got, want):
                if g != w:
                    for (gk, gv), (wk, wv) in zip(g, w):
                        if (gk, gv) != (wk, wv):
                            print("  ours:     %r = %r\n  expected: %r = %r" % (gk, gv, wk, wv))
                            break
                    else:
                        print("  member lists differ in length: %d vs %d" % (len(g), len(w)))
                    break
            else:
                print("  %d records vs %d expected; token %r vs %r" % (len(got), len(want), value[0][1], token))
        records += len(got)
    if at != len(lines):
        print("trailing output from page_to_ndjson")
        failures += 1
    print("differential: %d pages, %d records compared" % (len(pages), records))
    print("%d passed, %d failed" % (len(pages) - failures, failures))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
