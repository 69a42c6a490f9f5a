#!/usr/bin/env python3
"""Validates the example cases against docs/case.schema.json.

Usage (from anywhere; needs only `jsonschema`):
    python3 tests/data/cases/validate_cases.py [case.json ...]

Without arguments it checks every tests/data/cases/*.json. It also
  * checks that the schema itself is valid draft 2020-12,
  * validates each case's model.document against docs/model.schema.json and
    checks that model.id and model.version equal the document's,
  * makes sure the schema rejects a few broken variants of a case, so a
    schema that accepts everything cannot pass.
The engine accepts the same files (crates/core/src/cases/tests.rs reads
them), so the schema and the reader agree on them. Exits 1 on any failure.
"""
import copy
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def errors(validator, document):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
            for e in validator.iter_errors(document)]


def broken_variants(case):
    """(what is wrong, the broken case) pairs the schema must reject."""
    variants = []

    def variant(label, change):
        broken = copy.deepcopy(case)
        change(broken)
        variants.append((label, broken))

    variant("no author", lambda c: c.pop("author"))
    variant("unknown step", lambda c: c.update(step="won"))
    variant("unknown field", lambda c: c.update(colour="blue"))
    variant("customer id with a space", lambda c: c["customer"].update(id="a b"))
    variant("strategic fit 6", lambda c: c.setdefault("settings", {}).update(strategicFit=6))
    variant("lowercase currency", lambda c: c.setdefault("settings", {}).update(currency="eur"))
    variant("21 scenarios", lambda c: c.update(scenarios=[{"id": "s%d" % i, "label": "S", "inputs": {}} for i in range(21)]))
    variant("an input that is an object", lambda c: c.setdefault("inputs", {}).update(seats={"value": 1}))
    variant("a note of 2001 characters", lambda c: c.setdefault("sources", {}).update(x={"note": "n" * 2001}))
    variant("a title with a line break", lambda c: c.update(title="two\nlines"))
    variant("a drop without a reason", lambda c: c.update(dropped={}))
    variant("a drop reason of 501 characters", lambda c: c.update(dropped={"reason": "r" * 501}))
    variant("a drop reason with a line break", lambda c: c.update(dropped={"reason": "two\nlines"}))
    variant("a drop as a flag", lambda c: c.update(dropped=True))
    variant("fractional trials", lambda c: c.setdefault("settings", {}).update(monteCarlo={"seed": 1, "trials": 1.5}))
    return variants


def main(paths):
    case_schema = load(os.path.join(ROOT, "docs", "case.schema.json"))
    model_schema = load(os.path.join(ROOT, "docs", "model.schema.json"))
    Draft202012Validator.check_schema(case_schema)
    cases = Draft202012Validator(case_schema)
    models = Draft202012Validator(model_schema)
    paths = paths or sorted(glob.glob(os.path.join(ROOT, "tests", "data", "cases", "*.json")))
    failures = 0
    for path in paths:
        case = load(path)
        problems = errors(cases, case)
        document = case.get("model", {}).get("document", {})
        problems += ["model.document/" + p for p in errors(models, document)]
        for key in ("id", "version"):
            if case.get("model", {}).get(key) != document.get(key):
                problems.append("model.%s: differs from the document's" % key)
        for label, broken in broken_variants(case):
            if not errors(cases, broken):
                problems.append("the schema accepts a case with %s" % label)
        name = os.path.relpath(path, ROOT)
        if problems:
            failures += 1
            print("FAIL %s" % name)
            for problem in problems:
                print("  " + problem)
        else:
            print("ok   %s" % name)
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
