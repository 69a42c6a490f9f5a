#!/usr/bin/env python3
"""Builds spreadsheet twins of two example models and their reference figures.

For examples/models/saas-roi.json and examples/models/business-case-5y.json:
  1. builds a workbook (openpyxl) that re-implements the model by hand with
     cells and Excel formulas: inputs in cells, one row per series across
     columns for periods 0..N, outputs as formulas (`=C30+NPV(rate,D30:H30)`,
     `=IRR(C30:H30)`, payback by the usual helper row). One sheet per case:
     the default inputs, then one per scenario of the model;
  2. has LibreOffice Calc recalculate every sheet headless (lo_read.py, UNO,
     fresh profile, calculateAll) and reads outputs and series as doubles;
  3. recomputes every case with independent.py (hand-written Python) and
     refuses to write anything unless both agree within the tolerance;
  4. writes <model-id>.xlsx and <model-id>.reference.json next to this file.

Reference values are LibreOffice's. Yardstick is never run. Only the input
values (defaults and scenario overrides) are read from the model JSON; the
model's logic is written out again below, in spreadsheet form.

Usage: python3 tests/data/models/build_workbooks.py
(needs openpyxl, and /usr/bin/python3 with python3-uno plus LibreOffice Calc;
 set YARDSTICK_UNO_PYTHON to use another interpreter with `uno`).
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

import independent

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
UNO_PYTHON = os.environ.get("YARDSTICK_UNO_PYTHON", "/usr/bin/python3")
TOLERANCE = 1e-9           # relative, every output and series value ...
OUTPUT_TOLERANCE = {"irr": 1e-7}   # ... except these (iterative solvers)
FIRST_PERIOD_COL = 3       # column C holds period 0
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

CURRENCY = '#,##0;[Red]-#,##0'
PERCENT = '0.0%'
NUMBER = '#,##0.00'
MONTHS = '0.0" months"'


# ---------------------------------------------------------------------------
# a small sheet builder: formulas are templates over the model's ids


class SheetBuilder:
    """Lays out one case of a model on a worksheet.

    Templates name cells by model id: `{x}` is a scalar's cell (absolute) or,
    in a series row, the series' cell in the same period column; `{x.prev}` the
    previous period's cell; `{x.all}` periods 0..N; `{x.rest}` periods 1..N;
    `{x.first}` period 0; `{period}` the period number of the column.
    """

    def __init__(self, ws, periods):
        self.ws, self.periods, self.row = ws, periods, 1
        self.scalars, self.series_rows, self.outputs, self.series = {}, {}, {}, {}
        self.period_row = None

    def col(self, t):
        return get_column_letter(FIRST_PERIOD_COL + t)

    def heading(self, text):
        self.row += 1
        self.ws.cell(self.row, 1, text).font = Font(bold=True)
        self.row += 1

    def expand(self, template, t=None):
        def sub(m):
            name, part = m.group(1), m.group(2)
            if name == "period":
                return "%s$%d" % (self.col(t), self.period_row)
            if name in self.scalars:
                return self.scalars[name]
            r = self.series_rows[name]
            if part is None:
                return "%s%d" % (self.col(t), r)
            if part == "prev":
                return "%s%d" % (self.col(t - 1), r)
            if part == "first":
                return "$C$%d" % r
            if part == "all":
                return "$C$%d:$%s$%d" % (r, self.col(self.periods), r)
            if part == "rest":
                return "$D$%d:$%s$%d" % (r, self.col(self.periods), r)
            raise KeyError(part)
        return "=" + re.sub(r"\{([a-z_0-9]+)(?:\.([a-z]+))?\}", sub, template)

    def input(self, iid, label, value, fmt=None):
        self.ws.cell(self.row, 1, iid)
        self.ws.cell(self.row, 2, label)
        c = self.ws.cell(self.row, 3, value)
        if fmt:
            c.number_format = fmt
        self.scalars[iid] = "$C$%d" % self.row
        self.row += 1

    def scalar(self, cid, label, template, fmt=None):
        self.ws.cell(self.row, 1, cid)
        self.ws.cell(self.row, 2, label)
        c = self.ws.cell(self.row, 3, self.expand(template))
        if fmt:
            c.number_format = fmt
        self.scalars[cid] = "$C$%d" % self.row
        self.row += 1

    def period_header(self):
        self.ws.cell(self.row, 1, "period")
        self.ws.cell(self.row, 2, "Period (0 = start)")
        for t in range(self.periods + 1):
            self.ws.cell(self.row, FIRST_PERIOD_COL + t, t).font = Font(bold=True)
        self.period_row = self.row
        self.row += 1

    def series_row(self, sid, label, template, first=None, fmt=CURRENCY, record=True):
        """A row over periods 0..N; `first` overrides the template in period 0."""
        self.ws.cell(self.row, 1, sid)
        self.ws.cell(self.row, 2, label)
        self.series_rows[sid] = self.row
        for t in range(self.periods + 1):
            text = first if (t == 0 and first is not None) else template
            c = self.ws.cell(self.row, FIRST_PERIOD_COL + t, self.expand(text, t) if text else None)
            c.number_format = fmt
        if record:
            self.series[sid] = "C%d:%s%d" % (self.row, self.col(self.periods), self.row)
        self.row += 1

    def payback_helper(self, sid, label, cumulative, flow):
        """The usual payback helper: in the period where the cumulative flow,
        negative before, turns >= 0, the fractional period of the crossing."""
        self.series_row(
            sid, label,
            'IF(AND({%s.prev}<0,{%s}>=0),{period}-1+(-{%s.prev})/{%s},"")'
            % (cumulative, cumulative, cumulative, flow),
            first='IF({%s}>=0,0,"")' % cumulative, fmt=NUMBER, record=False)

    def output(self, oid, label, template, fmt):
        self.ws.cell(self.row, 1, oid).font = Font(bold=True)
        self.ws.cell(self.row, 2, label)
        c = self.ws.cell(self.row, 3, self.expand(template))
        c.number_format = fmt
        self.outputs[oid] = "C%d" % self.row
        self.row += 1

    def finish(self):
        self.ws.column_dimensions["A"].width = 32
        self.ws.column_dimensions["B"].width = 52
        for t in range(self.periods + 1):
            self.ws.column_dimensions[self.col(t)].width = 14
        self.ws.freeze_panes = "C1"
        return {"outputs": self.outputs, "series": self.series}


# ---------------------------------------------------------------------------
# the two models, written out as spreadsheets


def input_block(b, model, values):
    fmts = {"currency": CURRENCY, "percent": PERCENT, "number": NUMBER, "integer": "0"}
    b.heading("Inputs")
    for item in model["inputs"]:
        b.input(item["id"], item["label"], values[item["id"]], fmts.get(item["kind"]))


def saas_roi_sheet(b, model, values):
    input_block(b, model, values)
    b.heading("Calculations")
    b.scalar("hours_saved_per_year", "Productive hours saved per year",
             "{team_size}*{hours_saved_per_week}*{working_weeks_per_year}*{productive_share}", NUMBER)
    b.scalar("savings_per_year", "Value of time saved per year",
             "{hours_saved_per_year}*{loaded_hourly_cost}", CURRENCY)
    b.scalar("uplift_profit_per_year", "Gross profit on extra revenue per year",
             "IF({include_revenue_uplift},{current_annual_revenue}*{revenue_uplift}*{gross_margin},0)", CURRENCY)
    b.scalar("product_cost_per_year", "Subscription per year",
             "{team_size}*{price_per_seat_per_month}*12", CURRENCY)
    b.heading("Per year")
    b.period_header()
    b.series_row("benefit_flow", "Benefits", "{savings_per_year}+{uplift_profit_per_year}", first="0")
    b.series_row("cost_flow", "Costs", "{product_cost_per_year}", first="{implementation_cost}")
    b.series_row("net_cash_flow", "Net cash flow", "{benefit_flow}-{cost_flow}")
    b.series_row("cumulative_cash_flow", "Cumulative net cash flow",
                 "{cumulative_cash_flow.prev}+{net_cash_flow}", first="{net_cash_flow}")
    b.payback_helper("payback_helper", "Payback crossing (helper)", "cumulative_cash_flow", "net_cash_flow")
    b.heading("Outputs")
    b.output("annual_savings", "Annual savings from time saved", "{savings_per_year}", CURRENCY)
    b.output("annual_revenue_uplift", "Annual revenue uplift (gross profit)", "{uplift_profit_per_year}", CURRENCY)
    b.output("annual_product_cost", "Annual cost of the platform", "{product_cost_per_year}", CURRENCY)
    b.output("net_annual_benefit", "Net annual benefit",
             "{savings_per_year}+{uplift_profit_per_year}-{product_cost_per_year}", CURRENCY)
    b.output("net_benefit_3y", "Net benefit over 3 years", "SUM({net_cash_flow.all})", CURRENCY)
    b.output("roi_3y", "3-year ROI = (benefits - costs) / costs",
             "(SUM({benefit_flow.all})-SUM({cost_flow.all}))/SUM({cost_flow.all})", PERCENT)
    b.output("payback_months", "Payback in months",
             "IF(COUNT({payback_helper.all})=0,NA(),MIN({payback_helper.all})*12)", MONTHS)


def business_case_sheet(b, model, values):
    input_block(b, model, values)
    b.heading("Per year")
    b.period_header()
    b.series_row("one_off_costs", "One-off costs", "0",
                 first="{licence_setup_cost}+{implementation_cost}+{training_cost}")
    b.series_row("recurring_costs", "Yearly costs",
                 "{subscription_per_year}*(1+{subscription_escalation})^({period}-1)+{admin_fte}*{fte_cost_per_year}",
                 first="0")
    b.series_row("total_costs", "Costs", "{one_off_costs}+{recurring_costs}")
    b.series_row("adoption", "Adoption",
                 "CHOOSE(MIN({period},3)+1,0,{adoption_year1},{adoption_year2},{adoption_year3})", fmt=PERCENT)
    b.series_row("productivity_benefits", "Productivity (before risk adjustment)",
                 "{productivity_benefit_per_year}*{adoption}")
    b.series_row("revenue_benefits", "Revenue uplift (before risk adjustment)",
                 "{revenue_benefit_per_year}*{adoption}")
    b.series_row("cost_avoidance_benefits", "Cost avoidance (before risk adjustment)",
                 "{cost_avoidance_per_year}*{adoption}")
    b.series_row("total_benefits", "Benefits (risk-adjusted)",
                 "({productivity_benefits}+{revenue_benefits}+{cost_avoidance_benefits})*(1-{risk_adjustment})")
    b.series_row("net_cash_flow", "Net cash flow", "{total_benefits}-{total_costs}")
    b.series_row("cumulative_cash_flow", "Cumulative net cash flow",
                 "{cumulative_cash_flow.prev}+{net_cash_flow}", first="{net_cash_flow}")
    b.series_row("discounted_cash_flow", "Discounted net cash flow",
                 "{net_cash_flow}/(1+{discount_rate})^{period}")
    b.series_row("cumulative_discounted_cash_flow", "Cumulative discounted cash flow",
                 "{cumulative_discounted_cash_flow.prev}+{discounted_cash_flow}", first="{discounted_cash_flow}")
    b.payback_helper("payback_helper", "Payback crossing (helper)", "cumulative_cash_flow", "net_cash_flow")
    b.payback_helper("discounted_payback_helper", "Discounted payback crossing (helper)",
                     "cumulative_discounted_cash_flow", "discounted_cash_flow")
    b.heading("Outputs")
    b.output("npv", "Net present value = period 0 + NPV(rate, periods 1..5)",
             "{net_cash_flow.first}+NPV({discount_rate},{net_cash_flow.rest})", CURRENCY)
    b.output("irr", "Internal rate of return", "IRR({net_cash_flow.all})", PERCENT)
    b.output("roi", "5-year ROI = (total benefits - total costs) / total costs",
             "(SUM({total_benefits.all})-SUM({total_costs.all}))/SUM({total_costs.all})", PERCENT)
    b.output("payback_months", "Payback in months",
             "IF(COUNT({payback_helper.all})=0,NA(),MIN({payback_helper.all})*12)", MONTHS)
    b.output("discounted_payback_months", "Discounted payback in months",
             "IF(COUNT({discounted_payback_helper.all})=0,NA(),MIN({discounted_payback_helper.all})*12)", MONTHS)
    b.output("total_benefits_5y", "Total benefits over 5 years", "SUM({total_benefits.all})", CURRENCY)
    b.output("total_costs_5y", "Total costs over 5 years", "SUM({total_costs.all})", CURRENCY)
    b.output("net_benefit_5y", "Net benefit over 5 years", "SUM({net_cash_flow.all})", CURRENCY)


FORMULA_NOTES = {
    "saas-roi": "ROI as (SUM(benefits) - SUM(costs)) / SUM(costs) over the 3 years, "
                "payback by the usual crossing helper row",
    "business-case-5y": "NPV as period 0 + NPV(rate, periods 1..5), IRR(row), ROI as "
                        "(SUM(benefits) - SUM(costs)) / SUM(costs), payback and discounted payback "
                        "by the usual crossing helper row",
}

SHEETS = {"saas-roi": saas_roi_sheet, "business-case-5y": business_case_sheet}
MODEL_FILES = {"saas-roi": "examples/models/saas-roi.json",
               "business-case-5y": "examples/models/business-case-5y.json"}


# ---------------------------------------------------------------------------


def cases(model):
    """(sheet name, scenario id or None, overrides, full input values)."""
    defaults = {i["id"]: i["default"] for i in model["inputs"]}
    out = [("default", None, {}, dict(defaults))]
    for sc in model.get("scenarios", []):
        out.append((sc["id"], sc["id"], dict(sc["inputs"]), dict(defaults, **sc["inputs"])))
    return out


def save_reproducibly(wb, path):
    """Saves with fixed timestamps, so an unchanged workbook has unchanged bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2024-01-01T00:00:00Z<", data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def build(model_id, model):
    periods = model["horizon"]["periods"]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    layout = {}
    for sheet, scenario, overrides, values in cases(model):
        ws = wb.create_sheet(sheet)
        ws.cell(1, 1, "%s — %s" % (model["title"], "default inputs" if scenario is None
                                   else "scenario " + scenario)).font = Font(bold=True, size=13)
        b = SheetBuilder(ws, periods)
        b.row = 2
        SHEETS[model_id](b, model, values)
        layout[sheet] = b.finish()
    path = os.path.join(HERE, model_id + ".xlsx")
    save_reproducibly(wb, path)
    return os.path.basename(path), layout


def relative_gap(a, e):
    if a == e:
        return 0.0
    return abs(a - e) / max(abs(e), 1e-300)


def main():
    manifest, models = {}, {}
    for model_id, rel in MODEL_FILES.items():
        with open(os.path.join(ROOT, rel)) as f:
            model = json.load(f)
        assert model["id"] == model_id
        models[model_id] = model
        workbook, layout = build(model_id, model)
        manifest[workbook] = layout
    with tempfile.TemporaryDirectory() as tmp:
        manifest_path = os.path.join(HERE, ".manifest.json")
        results_path = os.path.join(tmp, "results.json")
        with open(manifest_path, "w") as f:
            json.dump(manifest, f)
        try:
            subprocess.run([UNO_PYTHON, os.path.join(HERE, "lo_read.py"), manifest_path, results_path],
                           check=True)
        finally:
            os.remove(manifest_path)
        with open(results_path) as f:
            results = json.load(f)

    failures, references = 0, {}
    for model_id, model in models.items():
        lo = results[model_id + ".xlsx"]
        ref_cases = []
        for sheet, scenario, overrides, values in cases(model):
            got = lo[sheet]
            py_outputs, py_series = independent.MODELS[model_id](values, model["horizon"]["periods"])
            for oid, value in got["outputs"].items():
                tol = OUTPUT_TOLERANCE.get(oid, TOLERANCE)
                if not isinstance(value, float) or relative_gap(value, py_outputs[oid]) > tol:
                    failures += 1
                    print("DISAGREE %s/%s %s: LibreOffice %r, Python %r"
                          % (model_id, sheet, oid, value, py_outputs[oid]))
            for sid, row in got["series"].items():
                for t, value in enumerate(row):
                    if not isinstance(value, float) or relative_gap(value, py_series[sid][t]) > TOLERANCE:
                        failures += 1
                        print("DISAGREE %s/%s %s[%d]: LibreOffice %r, Python %r"
                              % (model_id, sheet, sid, t, value, py_series[sid][t]))
            ref_cases.append({
                "scenario": scenario,
                "inputs": overrides,
                "outputs": got["outputs"],
                "series": got["series"],
                "tolerance": TOLERANCE,
                "output_tolerance": {k: v for k, v in OUTPUT_TOLERANCE.items() if k in got["outputs"]},
            })
        reference = {
            "model": MODEL_FILES[model_id],
            "source": (
                "LibreOffice 7.4.7 Calc (headless, UNO, calculateAll, doubles read at full precision) "
                "recalculating tests/data/models/%s.xlsx, a workbook built by "
                "tests/data/models/build_workbooks.py (openpyxl; the model re-implemented with cells and "
                "Excel formulas: one row per series over periods 0..%d, %s). Every output and series value was "
                "cross-checked against an independent hand-written Python computation "
                "(tests/data/models/independent.py; IRR by bisection to adjacent doubles) and agrees within "
                "the case's tolerance. Yardstick was not used."
                % (model_id, model["horizon"]["periods"], FORMULA_NOTES[model_id])),
            "tolerance_meaning": "relative: |actual - expected| <= tolerance * |expected|; output_tolerance "
                                 "overrides it for the outputs it names (iterative solvers)",
            "cases": ref_cases,
        }
        references[model_id] = reference
    if failures:
        print("%d disagreements; no reference file written" % failures)
        return 1
    for model_id, reference in references.items():
        with open(os.path.join(HERE, model_id + ".reference.json"), "w") as f:
            json.dump(reference, f, indent=2)
            f.write("\n")
    print("LibreOffice and the Python cross-check agree on every value.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
