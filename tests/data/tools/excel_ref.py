"""Independent reference implementations of Excel's financial functions.

Written from Excel's documented formulas (Microsoft support pages for each
function), in plain Python floats, for tests/data/tools/gen_vectors.py. They are
cross-checked there against LibreOffice Calc and numpy-financial; they never
call Yardstick. Errors are returned as Excel error codes (strings).
"""
import math

NUM, DIV0, NA = "#NUM!", "#DIV/0!", "#N/A"


def _annuity(rate, nper, typ):
    """(1 + r*type) * ((1+r)^n - 1) / r, the payment factor of the TVM equation."""
    return (1 + rate * typ) * ((1 + rate) ** nper - 1) / rate


def pv(rate, nper, pmt, fv=0.0, typ=0):
    if rate == 0:
        return -(fv + pmt * nper)
    return -(fv + pmt * _annuity(rate, nper, typ)) / (1 + rate) ** nper


def fv(rate, nper, pmt, pv_=0.0, typ=0):
    if rate == 0:
        return -(pv_ + pmt * nper)
    return -(pv_ * (1 + rate) ** nper + pmt * _annuity(rate, nper, typ))


def pmt(rate, nper, pv_, fv_=0.0, typ=0):
    if nper == 0:
        return NUM
    if rate == 0:
        return -(pv_ + fv_) / nper
    return -(pv_ * (1 + rate) ** nper + fv_) / _annuity(rate, nper, typ)


def nper(rate, pmt_, pv_, fv_=0.0, typ=0):
    if rate == 0:
        if pmt_ == 0:
            return NUM
        return -(pv_ + fv_) / pmt_
    num = pmt_ * (1 + rate * typ) - fv_ * rate
    den = pmt_ * (1 + rate * typ) + pv_ * rate
    if den == 0 or num / den <= 0:
        return NUM
    return math.log(num / den) / math.log(1 + rate)


def ipmt(rate, per, nper_, pv_, fv_=0.0, typ=0):
    if per < 1 or per > nper_:
        return NUM
    p = pmt(rate, nper_, pv_, fv_, typ)
    if per == 1:
        interest = 0.0 if typ == 1 else -pv_
    elif typ == 1:
        interest = fv(rate, per - 2, p, pv_, 1) - p
    else:
        interest = fv(rate, per - 1, p, pv_, 0)
    return interest * rate


def ppmt(rate, per, nper_, pv_, fv_=0.0, typ=0):
    i = ipmt(rate, per, nper_, pv_, fv_, typ)
    if isinstance(i, str):
        return i
    return pmt(rate, nper_, pv_, fv_, typ) - i


def _cum(fn, rate, nper_, pv_, start, end, typ):
    start, end, nper_ = math.trunc(start), math.trunc(end), nper_
    if rate <= 0 or nper_ <= 0 or pv_ <= 0 or start < 1 or end < 1 or start > end \
            or typ not in (0, 1) or end > nper_:
        return NUM
    return math.fsum(fn(rate, per, nper_, pv_, 0.0, typ) for per in range(start, end + 1))


def cumipmt(rate, nper_, pv_, start, end, typ):
    return _cum(ipmt, rate, nper_, pv_, start, end, typ)


def cumprinc(rate, nper_, pv_, start, end, typ):
    return _cum(ppmt, rate, nper_, pv_, start, end, typ)


def npv(rate, values):
    if rate == -1:
        return DIV0
    return math.fsum(v / (1 + rate) ** (i + 1) for i, v in enumerate(values))


def xnpv(rate, values, dates):
    dates = [math.trunc(x) for x in dates]
    if len(values) != len(dates) or not values:
        return NUM
    d0 = dates[0]
    if any(x < d0 for x in dates):
        return NUM
    return math.fsum(v / (1 + rate) ** ((x - d0) / 365.0) for v, x in zip(values, dates))


def _newton_then_polish(f, df, guess, lo=-1 + 1e-12):
    """Newton from the guess (as Excel does), then a bisection polish to machine
    precision around the root Newton reached. Returns None when Newton leaves
    (-1, inf) or does not settle within 100 steps."""
    r = guess
    for _ in range(100):
        fr, dfr = f(r), df(r)
        if fr == 0:
            break
        if dfr == 0 or not math.isfinite(fr) or not math.isfinite(dfr):
            return None
        r_new = r - fr / dfr
        if r_new <= -1 or not math.isfinite(r_new):
            return None
        done = abs(r_new - r) <= 1e-12 * max(1.0, abs(r))
        r = r_new
        if done:
            break
    else:
        return None
    return polish(f, r, lo)


def _scan_roots(f):
    """Sign changes of f on a grid over (-1, 1e4): brackets of every root."""
    grid = [-1 + 10.0 ** -k for k in range(12, 0, -1)]
    grid += [x / 1000.0 for x in range(-899, 1001)]
    grid += [10.0 ** (k / 20.0) for k in range(1, 81)]
    grid = sorted(set(grid))
    brackets = []
    prev_x, prev_f = None, None
    for x in grid:
        try:
            fx = f(x)
        except (OverflowError, ZeroDivisionError):
            prev_x, prev_f = None, None
            continue
        if not math.isfinite(fx):
            prev_x, prev_f = None, None
            continue
        if fx == 0:
            brackets.append((x, x))
        elif prev_f is not None and prev_f != 0 and (prev_f > 0) != (fx > 0):
            brackets.append((prev_x, x))
        prev_x, prev_f = x, fx
    return brackets


LAST_SOLVE = None


def solve(f, df, guess):
    """The root Excel's Newton reaches from the guess; when Newton fails and the
    root is unique on (-1, 1e4), that root (every bracketing solver finds it).
    None when Newton fails and there are several roots or none."""
    global LAST_SOLVE
    LAST_SOLVE = "newton"
    root = _newton_then_polish(f, df, guess)
    if root is not None:
        return root
    LAST_SOLVE = "scan"
    brackets = _scan_roots(f)
    if len(brackets) != 1:
        return None
    a, b = brackets[0]
    return a if a == b else bisect_root(f, a, b)


def polish(f, r, lo=-1 + 1e-12):
    """Shrinks a sign-changing bracket around r to adjacent doubles."""
    h = max(abs(r), 1e-3) * 1e-9
    a, b = max(r - h, lo), r + h
    fa, fb = f(a), f(b)
    if fa == 0:
        return a
    if fb == 0:
        return b
    if (fa > 0) == (fb > 0):
        return r
    for _ in range(200):
        m = (a + b) / 2
        if m == a or m == b:
            break
        fm = f(m)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b, fb = m, fm
    return a if abs(fa) <= abs(fb) else b


def bisect_root(f, a, b):
    """Root of f in [a, b] where f changes sign, to adjacent doubles."""
    fa, fb = f(a), f(b)
    assert (fa > 0) != (fb > 0), (a, b, fa, fb)
    for _ in range(400):
        m = (a + b) / 2
        if m == a or m == b:
            break
        fm = f(m)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b, fb = m, fm
    return a if abs(fa) <= abs(fb) else b


def irr(values, guess=0.1):
    if not (any(v > 0 for v in values) and any(v < 0 for v in values)):
        return NUM
    f = lambda r: math.fsum(v / (1 + r) ** i for i, v in enumerate(values))
    df = lambda r: math.fsum(-i * v / (1 + r) ** (i + 1) for i, v in enumerate(values))
    root = solve(f, df, guess)
    return NUM if root is None else root


def xirr(values, dates, guess=0.1):
    dates = [math.trunc(x) for x in dates]
    if len(values) != len(dates) or any(x < dates[0] for x in dates):
        return NUM
    if not (any(v > 0 for v in values) and any(v < 0 for v in values)):
        return NUM
    d0 = dates[0]
    t = [(x - d0) / 365.0 for x in dates]
    f = lambda r: math.fsum(v / (1 + r) ** ti for v, ti in zip(values, t))
    df = lambda r: math.fsum(-ti * v / (1 + r) ** (ti + 1) for v, ti in zip(values, t))
    root = solve(f, df, guess)
    return NUM if root is None else root


def xirr_bracketed(values, dates, a, b):
    dates = [math.trunc(x) for x in dates]
    d0 = dates[0]
    t = [(x - d0) / 365.0 for x in dates]
    f = lambda r: math.fsum(v / (1 + r) ** ti for v, ti in zip(values, t))
    return bisect_root(f, a, b)


def rate(nper_, pmt_, pv_, fv_=0.0, typ=0, guess=0.1):
    def f(r):
        if r == 0:
            return pv_ + pmt_ * nper_ + fv_
        return pv_ * (1 + r) ** nper_ + pmt_ * _annuity(r, nper_, typ) + fv_

    def df(r):
        h = max(abs(r), 1e-4) * 1e-6
        return (f(r + h) - f(r - h)) / (2 * h)

    root = solve(f, df, guess)
    return NUM if root is None else root


def mirr(values, finance_rate, reinvest_rate):
    n = len(values)
    pos = [v if v > 0 else 0.0 for v in values]
    neg = [v if v < 0 else 0.0 for v in values]
    npv_pos = npv(reinvest_rate, pos)
    npv_neg = npv(finance_rate, neg)
    if npv_pos == 0 or npv_neg == 0:
        return DIV0
    ratio = (-npv_pos * (1 + reinvest_rate) ** n) / (npv_neg * (1 + finance_rate))
    return ratio ** (1.0 / (n - 1)) - 1


def effect(nominal, npery):
    n = math.trunc(npery)
    if nominal <= 0 or n < 1:
        return NUM
    return (1 + nominal / n) ** n - 1


def nominal(effect_, npery):
    n = math.trunc(npery)
    if effect_ <= 0 or n < 1:
        return NUM
    return n * ((1 + effect_) ** (1.0 / n) - 1)


def rri(nper_, pv_, fv_):
    if nper_ <= 0 or pv_ == 0:
        return NUM
    ratio = fv_ / pv_
    if ratio < 0:
        return NUM
    return ratio ** (1.0 / nper_) - 1


def pduration(rate_, pv_, fv_):
    if rate_ <= 0 or pv_ <= 0 or fv_ <= 0:
        return NUM
    return (math.log(fv_) - math.log(pv_)) / math.log(1 + rate_)


# Yardstick's business helpers, from their definitions in the brief.

def roi(gain, cost):
    if cost == 0:
        return DIV0
    return (gain - cost) / cost


def _payback(flows):
    # Yardstick's policy: the first recovery after the cumulative flow has
    # gone negative (later dips ignored); never negative pays back at 0.
    cumulative = 0.0
    went_negative = False
    for t, v in enumerate(flows):
        previous = cumulative
        cumulative += v
        if cumulative < 0:
            went_negative = True
        elif went_negative:
            return (t - 1) + (-previous) / v
    return NA if went_negative else 0.0


def payback(values):
    return _payback(values)


def dpayback(rate_, values):
    return _payback([v / (1 + rate_) ** t for t, v in enumerate(values)])


def breakeven(fixed, price, variable):
    margin = price - variable
    if margin == 0:
        return DIV0
    if margin < 0:
        return NUM
    return fixed / margin


def irr_bracketed(values, a, b):
    f = lambda r: math.fsum(v / (1 + r) ** i for i, v in enumerate(values))
    return bisect_root(f, a, b)
