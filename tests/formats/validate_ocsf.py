#!/usr/bin/env python3
"""validate_ocsf.py [--expect-invalid] SCHEMA FILE...: each line of each FILE is one OCSF event, checked against
the compiled OCSF schema (ocsf-lib-py's schema cache, tests/data/schemas/): the class from
class_uid; every attribute known to its class or object (none invented); required attributes
present where their profile is null or listed in metadata.profiles, and no attribute of a
profile that is not listed; types (string, integer, long, float, boolean, json, and the
derived types' regex, range and max_len); arrays; enums, and each enum's sibling caption;
objects recursively, with their at_least_one / just_one constraints; category_uid and
type_uid = class_uid * 100 + activity_id; metadata.version equal to the schema's. With
--expect-invalid, every event must have a problem (the validator's own test)."""
import json
import re
import sys

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


class Checker:
    def __init__(self, schema):
        self.schema = schema
        self.types = schema["types"]
        self.objects = schema["objects"]
        self.classes = {c["uid"]: c for c in schema["classes"].values()}
        self.problems = []
        self.profiles = set()

    def problem(self, path, text):
        self.problems.append(f"{path}: {text}")

    def base_type(self, name):
        while self.types[name].get("type"):
            name = self.types[name]["type"]
        return name

    def check_scalar(self, type_name, value, path):
        base = self.base_type(type_name)
        ok = {
            "string_t": lambda v: isinstance(v, str),
            "integer_t": lambda v: isinstance(v, int) and not isinstance(v, bool)
            and INT32[0] <= v <= INT32[1],
            "long_t": lambda v: isinstance(v, int) and not isinstance(v, bool)
            and INT64[0] <= v <= INT64[1],
            "float_t": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "boolean_t": lambda v: isinstance(v, bool),
            "json_t": lambda v: True,
        }[base](value)
        if not ok:
            self.problem(path, f"{value!r} is not a {type_name}")
            return
        t = self.types[type_name]
        if t.get("regex") and not re.search(t["regex"], value):
            self.problem(path, f"{value!r} does not match the {type_name} pattern")
        if t.get("max_len") and len(value) > t["max_len"]:
            self.problem(path, f"longer than {t['max_len']}")
        if t.get("range") and not t["range"][0] <= value <= t["range"][1]:
            self.problem(path, f"{value} outside {t['range']}")

    def check_attributes(self, attributes, constraints, value, path):
        if not isinstance(value, dict):
            self.problem(path, "not an object")
            return
        for name, attr in attributes.items():
            profile = attr.get("profile")
            if (attr.get("requirement") == "required" and name not in value
                    and (profile is None or profile in self.profiles)):
                self.problem(path, f"required attribute {name} missing")
        for name, v in value.items():
            where = f"{path}.{name}"
            attr = attributes.get(name)
            if attr is None:
                self.problem(where, "not an attribute of this class or object")
                continue
            if attr.get("profile") and attr["profile"] not in self.profiles:
                self.problem(where, f"belongs to profile {attr['profile']}, not listed")
            if attr.get("is_array"):
                if not isinstance(v, list):
                    self.problem(where, "not an array")
                    continue
                for i, item in enumerate(v):
                    self.check_value(attr, item, f"{where}[{i}]")
            else:
                self.check_value(attr, v, where)
            sibling = attr.get("sibling")
            enum = attr.get("enum")
            if sibling and enum and sibling in value and str(v) in enum and v != 99:
                caption = enum[str(v)]["caption"]
                if value[sibling] != caption:
                    self.problem(f"{path}.{sibling}", f"{value[sibling]!r} is not {caption!r}")
        for kind, names in (constraints or {}).items():
            present = [n for n in names if n in value]
            if kind == "at_least_one" and not present:
                self.problem(path, f"needs at least one of {names}")
            if kind == "just_one" and len(present) != 1:
                self.problem(path, f"needs exactly one of {names}")

    def check_value(self, attr, value, path):
        object_type = attr.get("object_type")
        if object_type == "object":  # the generic object (unmapped): any members
            if not isinstance(value, dict):
                self.problem(path, "not an object")
        elif object_type:
            obj = self.objects[object_type]
            self.check_attributes(obj["attributes"], obj.get("constraints"), value, path)
        else:
            self.check_scalar(attr["type"], value, path)
        enum = attr.get("enum")
        if enum and not isinstance(value, (dict, list)) and str(value) not in enum:
            self.problem(path, f"{value!r} not in the enum {sorted(enum)}")

    def check_event(self, event, where):
        self.problems = []
        cls = self.classes.get(event.get("class_uid"))
        if cls is None:
            self.problem(where, f"unknown class_uid {event.get('class_uid')}")
            return self.problems
        self.profiles = set(event.get("metadata", {}).get("profiles", []))
        unknown = self.profiles - set(cls.get("profiles") or [])
        if unknown:
            self.problem(where, f"profiles {unknown} not offered by {cls['name']}")
        self.check_attributes(cls["attributes"], cls.get("constraints"), event, where)
        category = self.schema["categories"][cls["category"]]["uid"]
        if event.get("category_uid") != category:
            self.problem(where, f"category_uid {event.get('category_uid')} is not {category}")
        if event.get("type_uid") != event["class_uid"] * 100 + event.get("activity_id", -1):
            self.problem(where, "type_uid is not class_uid * 100 + activity_id")
        if event.get("metadata", {}).get("version") != self.schema["version"]:
            self.problem(where, "metadata.version is not the schema's version")
        return self.problems


def main():
    args = sys.argv[1:]
    expect_invalid = args[:1] == ["--expect-invalid"]
    if expect_invalid:
        args = args[1:]
    with open(args[0], encoding="utf-8") as f:
        checker = Checker(json.load(f))
    failed = False
    events = 0
    classes = set()
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                event = json.loads(line)
                events += 1
                classes.add(event.get("class_uid"))
                try:
                    problems = checker.check_event(event, f"{path}:{n}")
                except (KeyError, TypeError) as e:
                    problems = [f"{path}:{n}: malformed: {e!r}"]
                for p in problems:
                    print(p)
                if bool(problems) != expect_invalid:
                    print(f"{path}:{n}: " + ("accepted" if expect_invalid else "rejected"))
                    failed = True
    print(f"{events} events of classes {sorted(classes)} checked")
    return 1 if failed or events == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
