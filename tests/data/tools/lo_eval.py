#!/usr/bin/python3
"""Evaluates formulas with LibreOffice Calc through UNO, at full double precision.

Run with the system Python that has the `uno` module (Debian: python3-uno):
    /usr/bin/python3 lo_eval.py formulas.xlsx results.json

The .xlsx holds one formula per row in column A (written by gen_vectors.py with
openpyxl, Excel syntax). LibreOffice loads it, recalculates everything
(calculateAll) and this script reads each cell's result type, error code and
value as a double (repr keeps 17 significant digits). Never part of the test
run; only used to (re)generate tests/data/*.tsv.
"""
import json
import os
import pathlib
import tempfile
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

# LibreOffice's internal error numbers -> Excel codes (Err:502 "invalid argument"
# has no Excel twin; it is reported as such).
LO_ERRORS = {532: "#DIV/0!", 503: "#NUM!", 519: "#VALUE!", 32767: "#N/A", 525: "#NAME?",
             524: "#REF!", 502: "Err:502", 504: "Err:504", 511: "Err:511", 523: "Err:523"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, out):
    pipe = "yardstick_vectors_%d" % os.getpid()
    # A fresh LibreOffice profile per run, so no user setting changes a result.
    profile = pathlib.Path(tempfile.mkdtemp(prefix="lo-profile-")).as_uri()
    office = subprocess.Popen([
        "soffice", "-env:UserInstallation=" + profile, "--headless",
        "--invisible", "--norestore", "--nologo",
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
            (prop("Hidden", True),))
        doc.calculateAll()
        sheet = doc.Sheets.getByIndex(0)
        results = []
        row = 0
        while True:
            cell = sheet.getCellByPosition(0, row)
            formula = cell.getFormula()
            if not formula:
                break
            err = cell.getError()
            if err:
                results.append({"row": row, "lo_formula": formula,
                                "error": LO_ERRORS.get(err, "Err:%d" % err)})
            else:
                rtype = cell.FormulaResultType2  # 1 VALUE, 2 TEXT, 4 FORMULA...
                if rtype == 2:
                    results.append({"row": row, "lo_formula": formula,
                                    "text": cell.getString()})
                else:
                    results.append({"row": row, "lo_formula": formula,
                                    "number": cell.getValue()})
            row += 1
        doc.close(True)
        with open(out, "w") as f:
            json.dump(results, f, indent=1)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        time.sleep(1)
        if office.poll() is None:
            office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
