#!/usr/bin/env python3
"""Validates the example success data against docs/success.schema.json.

Usage (from anywhere; needs only `jsonschema`):
    python3 tests/data/success/validate_success.py [data.json ...]

Without arguments it checks every tests/data/success/*.json. It also
  * checks that the schema itself is valid draft 2020-12,
  * makes sure the schema rejects a few broken variants of each document,
    so a schema that accepts everything cannot pass.
  * checks that tests/data/success/broken/<name>.json holds each broken
    variant of example.json (`--write-broken` writes them), which
    crates/core/tests/success_data.rs reads: the engine accepts the same
    files and refuses the same variants, so the schema and the reader agree.
Exits 1 on any failure.
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


def broken_variants(data):
    """(name, what is wrong, the broken document) triples the schema must reject."""
    variants = []

    def variant(name, label, change):
        broken = copy.deepcopy(data)
        change(broken)
        variants.append((name, label, broken))

    first = lambda d, key: d.setdefault(key, [{}])[0]
    variant("wrong-schema", "another schema", lambda d: d.update(schema="yardstick/success@2"))
    variant("unknown-field", "an unknown field", lambda d: first(d, "accounts").update(onwer="dana"))
    variant("no-name", "an account without a name", lambda d: first(d, "accounts").pop("name"))
    variant("id-with-space", "an account id with a space", lambda d: first(d, "accounts").update(id="a b"))
    variant("lowercase-currency", "a lowercase currency", lambda d: first(d, "accounts").update(currency="eur"))
    variant("negative-value", "a negative annual value", lambda d: first(d, "accounts").update(annualValue=-1))
    variant("slash-date", "a date with slashes", lambda d: first(d, "accounts").update(renewal="2026/01/15"))
    variant("month-13", "a thirteenth month", lambda d: first(d, "accounts").update(contractStart="2025-13-01"))
    variant("unknown-stage", "an unknown stage", lambda d: first(d, "accounts").update(stage={"stage": "late", "from": "2025-01-01", "reason": "r"}))
    variant("case-revision-0", "a case revision 0", lambda d: first(d, "accounts").update(case={"id": 1, "revision": 0}))
    variant("domain-without-dot", "a domain without a dot", lambda d: first(d, "accounts").update(domains="acme"))
    variant("text-value", "a signal value as text", lambda d: first(d, "signals").update(value="n/a"))
    variant("long-note", "a note of 2001 characters", lambda d: first(d, "events").update(note="n" * 2001))
    variant("name-line-break", "a name with a line break", lambda d: first(d, "accounts").update(name="two\nlines"))
    variant("sideways", "an unknown direction", lambda d: first(d, "outcomes").update(direction="sideways"))
    variant("won", "an unknown renewal result", lambda d: first(d, "renewals").update(result="won"))
    variant("churn-with-value", "a churn with a value", lambda d: first(d, "renewals").update(result="churned", value=5))
    variant("no-reason", "a renegotiation without a reason",
            lambda d: first(d, "outcomes").update(renegotiations=[{"date": "2025-07-15", "target": 9, "targetDate": "2026-03-31", "agreedBy": "COO"}]))
    variant("done-as-text", "a checklist state as text", lambda d: first(d, "checklist").update(done="yes"))
    variant("unknown-list", "an unknown checklist", lambda d: first(d, "checklist").update(list="later"))
    variant("realised-text", "a realised value as text", lambda d: first(d, "realised").update(value="n/a"))
    variant("play-without-date", "a play completion without a date", lambda d: first(d, "plays").pop("date"))
    return variants


def main(args):
    write_broken = args[:1] == ["--write-broken"]
    args = args[1:] if write_broken else args
    broken_dir = os.path.join(ROOT, "tests", "data", "success", "broken")
    schema = load(os.path.join(ROOT, "docs", "success.schema.json"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    paths = args or sorted(glob.glob(os.path.join(ROOT, "tests", "data", "success", "*.json")))
    failures = 0
    for path in paths:
        data = load(path)
        problems = errors(validator, data)
        for name, label, broken in broken_variants(data):
            if not errors(validator, broken):
                problems.append("the schema accepts data with %s" % label)
            if os.path.basename(path) != "example.json":
                continue
            broken_path = os.path.join(broken_dir, name + ".json")
            if write_broken:
                os.makedirs(broken_dir, exist_ok=True)
                with open(broken_path, "w", encoding="utf-8") as f:
                    json.dump(broken, f, ensure_ascii=False)
                    f.write("\n")
            elif not os.path.exists(broken_path) or load(broken_path) != broken:
                problems.append("%s differs from the variant \"%s\" (run with --write-broken)"
                                % (os.path.relpath(broken_path, ROOT), label))
        rel = os.path.relpath(path, ROOT)
        if problems:
            failures += 1
            print("FAIL %s" % rel)
            for problem in problems:
                print("  " + problem)
        else:
            print("ok   %s" % rel)
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
