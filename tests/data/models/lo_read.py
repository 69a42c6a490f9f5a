#!/usr/bin/python3
"""Recalculates workbooks in LibreOffice Calc (headless, UNO) and reads cells.

Run with the system Python that has the `uno` module (Debian: python3-uno):
    /usr/bin/python3 lo_read.py manifest.json results.json

manifest.json (written by build_workbooks.py):
    { "<workbook.xlsx>": { "<sheet>": { "outputs": {"id": "C40", ...},
                                        "series": {"id": "C20:H20", ...} } } }
results.json: the same shape with numbers (repr-exact doubles) in place of
addresses, or {"error": "Err:503"} for a cell holding an error. Each run starts
LibreOffice with a fresh profile in a temporary folder, so no user setting
changes a result, and calls calculateAll() before reading anything.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

LO_ERRORS = {532: "#DIV/0!", 503: "#NUM!", 519: "#VALUE!", 32767: "#N/A", 525: "#NAME?",
             524: "#REF!", 502: "Err:502", 504: "Err:504"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def read_cell(cell):
    err = cell.getError()
    if err:
        return {"error": LO_ERRORS.get(err, "Err:%d" % err)}
    if cell.getType().value == "FORMULA" and cell.FormulaResultType2 == 2:
        return {"text": cell.getString()}
    return cell.getValue()


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("LibreOffice did not answer on pipe %s" % pipe)


def main(manifest_path, out_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    base = os.path.dirname(os.path.abspath(manifest_path))
    pipe = "yardstick_models_%d" % os.getpid()
    profile_dir = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen([
        "soffice", "-env:UserInstallation=" + pathlib.Path(profile_dir).as_uri(),
        "--headless", "--invisible", "--norestore", "--nologo",
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe])
    desktop = None
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        results = {}
        for workbook, sheets in manifest.items():
            url = uno.systemPathToFileUrl(os.path.join(base, workbook))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            doc.calculateAll()
            results[workbook] = {}
            for sheet_name, wanted in sheets.items():
                sheet = doc.Sheets.getByName(sheet_name)
                got = {"outputs": {}, "series": {}}
                for oid, addr in wanted["outputs"].items():
                    got["outputs"][oid] = read_cell(sheet.getCellRangeByName(addr))
                for sid, addr in wanted["series"].items():
                    rng = sheet.getCellRangeByName(addr)
                    cols = rng.getColumns().getCount()
                    got["series"][sid] = [read_cell(rng.getCellByPosition(c, 0)) for c in range(cols)]
                results[workbook][sheet_name] = got
            doc.close(True)
        with open(out_path, "w") as f:
            json.dump(results, f, indent=1)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.terminate()
            office.wait(timeout=30)
        shutil.rmtree(profile_dir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
