#!/usr/bin/env python3
"""Writes tests/data/finance_tiny_rates.tsv: financial functions at rates
within 1e-6 of zero (1e-6 .. 1e-12, negative ones too), with exact expected
values.

How the expected values are produced: each literal argument is read as the
double a formula parser reads (Python's float()), converted exactly to an
mpmath number, and the function's defining formula (Microsoft's documented
annuity identity and definitions; IPMT/PPMT as Excel splits a payment; the
cumulative functions as sums of those per-period parts; RATE as the root of
the identity, refined with mpmath.findroot) is evaluated with 80 significant
decimal digits. The result is rounded once to the nearest double and
written with 17 significant digits. Nothing here calls Yardstick.

The consumer (crates/core/tests/reference_vectors.rs) checks a purely relative
tolerance: |actual - expected| <= tolerance * |expected|, 1e-9 on every row.

Run: python3 tests/data/tools/gen_tiny_rates.py > tests/data/finance_tiny_rates.tsv
(needs mpmath: pip install mpmath).
"""
import mpmath as mp

mp.mp.dps = 80

RATES = ["1e-6", "1e-9", "1e-12", "-1e-6", "-1e-9", "-1e-12"]
POSITIVE = [r for r in RATES if not r.startswith("-")]


def x(text):
    """The exact value of the double a formula literal denotes."""
    return mp.mpf(float(text))


def growth(r, n):
    return mp.power(1 + r, n)


def annuity(r, n):
    return n if r == 0 else (growth(r, n) - 1) / r


def pv(r, n, pmt, fv, t):
    return -(fv + pmt * (1 + r * t) * annuity(r, n)) / growth(r, n)


def fv_(r, n, pmt, pv0, t):
    return -(pv0 * growth(r, n) + pmt * (1 + r * t) * annuity(r, n))


def pmt(r, n, pv0, fv, t):
    return -(pv0 * growth(r, n) + fv) / ((1 + r * t) * annuity(r, n))


def nper(r, pmt0, pv0, fv, t):
    k = pmt0 * (1 + r * t)
    return mp.log((k - fv * r) / (k + pv0 * r)) / mp.log(1 + r)


def ipmt(r, per, n, pv0, fv, t):
    p = pmt(r, n, pv0, fv, t)
    if t == 0:
        return fv_(r, per - 1, p, pv0, 0) * r
    if per == 1:
        return mp.mpf(0)
    return (fv_(r, per - 2, p, pv0, 1) - p) * r


def ppmt(r, per, n, pv0, fv, t):
    return pmt(r, n, pv0, fv, t) - ipmt(r, per, n, pv0, fv, t)


def cumipmt(r, n, pv0, s, e, t):
    return mp.fsum(ipmt(r, mp.mpf(k), n, pv0, 0, t) for k in range(int(s), int(e) + 1))


def cumprinc(r, n, pv0, s, e, t):
    return mp.fsum(ppmt(r, mp.mpf(k), n, pv0, 0, t) for k in range(int(s), int(e) + 1))


def rate(n, pmt0, pv0, fv, t, start):
    def f(r):
        return pv0 * growth(r, n) + pmt0 * (1 + r * t) * annuity(r, n) + fv

    return mp.findroot(f, mp.mpf(start), tol=mp.mpf(10) ** -70)


def fmt(value):
    return repr(float(value))


rows = []


def row(ident, formula, value, note):
    rows.append((ident, formula, fmt(value), "1e-9", "exact: 80-digit mpmath (tests/data/tools/gen_tiny_rates.py)", note))


for r in RATES:
    R = x(r)
    tag = r.replace("-", "m")
    for t in (0, 1):
        row(f"pv-{tag}-t{t}", f"PV({r},120,-833.33,1000,{t})", pv(R, 120, x("-833.33"), 1000, t), "PV near a zero rate")
        row(f"fv-{tag}-t{t}", f"FV({r},360,-500,20000,{t})", fv_(R, 360, -500, 20000, t), "FV near a zero rate")
        row(f"pmt-{tag}-t{t}", f"PMT({r},120,100000,-5000,{t})", pmt(R, 120, 100000, -5000, t), "PMT near a zero rate")
        row(f"nper-{tag}-t{t}", f"NPER({r},-850,100000,0,{t})", nper(R, -850, 100000, 0, t), "NPER near a zero rate: ln of a ratio near 1")
        row(f"ipmt-{tag}-t{t}", f"IPMT({r},7,48,25000,0,{t})", ipmt(R, 7, 48, 25000, 0, t), "IPMT near a zero rate: the interest itself is tiny")
        row(f"ppmt-{tag}-t{t}", f"PPMT({r},7,48,25000,0,{t})", ppmt(R, 7, 48, 25000, 0, t), "PPMT near a zero rate")
    row(f"npv-{tag}", f"NPV({r},-1000,300,400,500)", mp.fsum(v / growth(R, i + 1) for i, v in enumerate([-1000, 300, 400, 500])), "NPV near a zero rate")

for r in POSITIVE:
    R = x(r)
    tag = r
    for t in (0, 1):
        row(f"cumipmt-{tag}-t{t}", f"CUMIPMT({r},360,200000,13,24,{t})", cumipmt(R, 360, 200000, 13, 24, t), "CUMIPMT near a zero rate: interest is a tiny difference of payments and principal")
        row(f"cumprinc-{tag}-t{t}", f"CUMPRINC({r},360,200000,13,24,{t})", cumprinc(R, 360, 200000, 13, 24, t), "CUMPRINC near a zero rate")
    for n in (1, 12, 365):
        row(f"effect-{tag}-{n}", f"EFFECT({r},{n})", mp.power(1 + R / n, n) - 1, "EFFECT of a tiny nominal rate")
        row(f"nominal-{tag}-{n}", f"NOMINAL({r},{n})", n * (mp.power(1 + R, mp.mpf(1) / n) - 1), "NOMINAL of a tiny effective rate")
    row(f"pduration-{tag}", f"PDURATION({r},1000,1000.5)", mp.log(x("1000.5") / 1000) / mp.log(1 + R), "PDURATION at a tiny rate")

for fv_text in ("1000.001", "999.999", "1000.000001", "999.999999"):
    row(f"rri-{fv_text}", f"RRI(24,1000,{fv_text})", mp.power(x(fv_text) / 1000, mp.mpf(1) / 24) - 1, "RRI of a tiny growth")

# RATE: payments that nearly repay the loan without interest, so the root is tiny.
for pmt_text, label in (("-8333.3", "root6"), ("-8333.34", "root7"), ("-8333.333", "root8"), ("-8333.3334", "root9")):
    for t in (0, 1):
        root = rate(12, x(pmt_text), 100000, 0, t, 0)
        row(f"rate-{label}-t{t}", f"RATE(12,{pmt_text},100000,0,{t})", root, f"RATE with a root of {mp.nstr(root, 3)}")

# MIRR whose flows nearly balance, at tiny rates: the result is a tiny rate.
for fin, reinv in (("1e-9", "1e-9"), ("-1e-9", "1e-12"), ("1e-6", "-1e-6")):
    values = [-1000, 400, 300, x("300.001")]
    fpos = mp.fsum(v * growth(x(reinv), 3 - i) for i, v in enumerate(values) if v > 0)
    pneg = mp.fsum(v / growth(x(fin), i) for i, v in enumerate(values) if v < 0)
    row(f"mirr-{fin}-{reinv}", f"MIRR({{-1000,400,300,300.001}},{fin},{reinv})", mp.power(fpos / -pneg, mp.mpf(1) / 3) - 1, "MIRR of nearly balanced flows")

print("# Financial functions near a zero rate, exact expected values.")
print("# Produced by tests/data/tools/gen_tiny_rates.py (mpmath, 80 digits, on the")
print("# exact doubles of the literal arguments); see that script's docstring.")
print("# tolerance is RELATIVE here: |actual - expected| <= tolerance * |expected|.")
print("id\tformula\texpected\ttolerance\tsource\tnote")
for r in rows:
    print("\t".join(r))
