#!/usr/bin/env python3
"""Validates the example models against docs/model.schema.json.

Usage (from anywhere; needs only `jsonschema`, e.g. `pip install jsonschema`):
    python3 tests/data/models/validate_models.py [model.json ...]

Without arguments it checks every examples/models/*.json. It also
  * checks that the schema itself is valid draft 2020-12,
  * runs a few cross-reference checks a JSON Schema cannot express (unique
    ids, scenario overrides naming inputs, chart series naming per-period
    calculations, select defaults among the options, distribution order),
  * makes sure the schema rejects a few broken variants of a model, so a
    schema that accepts everything cannot pass.
These are editor-level checks only: formulas, names inside formulas and cycles
are the engine's job. Exits 1 on any failure, 0 otherwise.
"""
import copy
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCHEMA = os.path.join(ROOT, "docs", "model.schema.json")
NUMBER_KINDS = {"number", "integer", "percent", "currency"}


def schema_errors(validator, model):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
            for e in sorted(validator.iter_errors(model), key=lambda e: list(map(str, e.absolute_path)))]


def cross_reference_errors(model):
    errors = []
    inputs = {i["id"].lower(): i for i in model.get("inputs", [])}
    calcs = {c["id"].lower(): c for c in model.get("calculations", [])}
    outputs = {o["id"].lower(): o for o in model.get("outputs", [])}
    seen = {}
    for section in ("inputs", "calculations", "outputs"):
        for n, item in enumerate(model.get(section, [])):
            key = item["id"].lower()
            if key in seen:
                errors.append("%s[%d].id: %r duplicates %s" % (section, n, item["id"], seen[key]))
            seen[key] = "%s[%d]" % (section, n)
    for n, item in enumerate(model.get("inputs", [])):
        path = "inputs[%d]" % n
        if item["kind"] == "select":
            values = [o["value"] for o in item["options"]]
            if len(values) != len(set(map(repr, values))):
                errors.append(path + ".options: values are not unique")
            if item["default"] not in values:
                errors.append(path + ".default: not one of the options")
        if item["kind"] in NUMBER_KINDS:
            lo, hi, d = item.get("min"), item.get("max"), item["default"]
            if lo is not None and d < lo or hi is not None and d > hi:
                errors.append(path + ".default: outside min/max")
        u = item.get("uncertainty")
        if u and "mode" in u and not u["min"] <= u["mode"] <= u["max"]:
            errors.append(path + ".uncertainty: needs min <= mode <= max")
        if u and "min" in u and "max" in u and not u["min"] < u["max"]:
            errors.append(path + ".uncertainty: needs min < max")
    for n, sc in enumerate(model.get("scenarios", [])):
        for key, value in sc["inputs"].items():
            item = inputs.get(key.lower())
            if item is None:
                errors.append("scenarios[%d].inputs.%s: no such input" % (n, key))
            elif item["kind"] in NUMBER_KINDS and not isinstance(value, (int, float)) or isinstance(value, bool) and item["kind"] != "toggle":
                errors.append("scenarios[%d].inputs.%s: does not fit kind %s" % (n, key, item["kind"]))
            elif item["kind"] in NUMBER_KINDS and (
                    "min" in item and value < item["min"] or "max" in item and value > item["max"]):
                errors.append("scenarios[%d].inputs.%s: outside min/max" % (n, key))
    for n, ch in enumerate(model.get("charts", [])):
        for s in ch.get("series", []):
            c = calcs.get(s.lower())
            if c is None or not c.get("per_period"):
                errors.append("charts[%d].series: %r is not a per-period calculation" % (n, s))
        if "output" in ch and ch["output"].lower() not in outputs:
            errors.append("charts[%d].output: %r is not an output" % (n, ch["output"]))
    if "leadValue" in model and model["leadValue"] not in [o["id"] for o in model.get("outputs", [])]:
        errors.append("leadValue: %r is not an output" % model["leadValue"])
    return errors


def broken_variants(model):
    """Variants of a valid model the schema must reject, with a name each."""
    def variant(name, mutate):
        m = copy.deepcopy(model)
        mutate(m)
        return name, m
    first_number = next(i for i in model["inputs"] if i["kind"] in NUMBER_KINDS)
    k = model["inputs"].index(first_number)
    return [
        variant("wrong schema tag", lambda m: m.update(schema="yardstick/model@2")),
        variant("unknown top-level field", lambda m: m.update(colour="blue")),
        variant("missing outputs", lambda m: m.pop("outputs")),
        variant("leadValue not an id", lambda m: m.update(leadValue="net benefit")),
        variant("bad input id", lambda m: m["inputs"][k].update(id="2fast")),
        variant("reserved id", lambda m: m["inputs"][k].update(id="Period")),
        variant("text default on a number kind", lambda m: m["inputs"][k].update(default="10")),
        variant("unknown kind", lambda m: m["inputs"][k].update(kind="slider")),
        variant("select without options", lambda m: m["inputs"][k].update(kind="select")),
        variant("toggle with a number", lambda m: m["inputs"][k].update(kind="toggle")),
        variant("bad distribution", lambda m: m["inputs"][k].update(
            uncertainty={"distribution": "triangular", "min": 1, "max": 2})),
        variant("normal with sd 0", lambda m: m["inputs"][k].update(
            uncertainty={"distribution": "normal", "mean": 1, "sd": 0})),
        variant("bad format style", lambda m: m["outputs"][0].update(format={"style": "money"})),
        variant("bad series format style", lambda m: m.setdefault("calculations", []).append(
            {"id": "s_fmt", "per_period": True, "formula": "1", "format": {"style": "money"}})),
        variant("series format decimals past 10", lambda m: m.setdefault("calculations", []).append(
            {"id": "s_fmt", "per_period": True, "formula": "1", "format": {"style": "number", "decimals": 11}})),
        variant("bad chart type", lambda m: m.setdefault("charts", []).append(
            {"id": "pie", "title": "Pie", "type": "pie", "series": ["x"]})),
        variant("tornado without output", lambda m: m.setdefault("charts", []).append(
            {"id": "t", "title": "T", "type": "tornado"})),
        variant("horizon too long", lambda m: m.update(horizon={"periods": 601, "unit": "year"})),
    ]


def main(paths):
    with open(SCHEMA) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    paths = paths or sorted(glob.glob(os.path.join(ROOT, "examples", "models", "*.json")))
    if not paths:
        print("no models found")
        return 1
    failed = False
    for path in paths:
        name = os.path.relpath(path, ROOT)
        with open(path) as f:
            model = json.load(f)
        errors = schema_errors(validator, model)
        if not errors:
            errors = cross_reference_errors(model)
        if errors:
            failed = True
            print("FAIL %s" % name)
            for e in errors:
                print("  " + e)
            continue
        accepted = [n for n, m in broken_variants(model) if validator.is_valid(m)]
        if accepted:
            failed = True
            print("FAIL %s: the schema accepts broken variants: %s" % (name, ", ".join(accepted)))
            continue
        print("ok   %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
