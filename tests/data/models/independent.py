"""Hand-written Python versions of the example models, for cross-checking.

Plain Python (no numpy, no spreadsheet, never Yardstick): each function takes
the full input values of one case (a dict by input id) and returns
(outputs, series) with the model's output and series ids. The arithmetic
follows the definitions in examples/models/*.json and in the workbooks built
by build_workbooks.py, written out independently:

  * NPV = cf[0] + sum(cf[t] / (1 + r)^t for t >= 1)
  * IRR = the root of that NPV in r, bracketed and bisected to adjacent doubles
  * payback = the first period t where the cumulative flow, negative before,
    is back at >= 0, interpolated linearly: t - 1 + (-cum[t-1]) / cf[t]
  * ROI = (total benefits - total costs) / total costs
"""
import math


def cumulative(values):
    out, total = [], 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def npv0(rate, flows):
    """NPV with flows[0] at period 0 (undiscounted)."""
    return sum(f / (1.0 + rate) ** t for t, f in enumerate(flows))


def irr(flows):
    """The IRR by bisection between -0.99 and 10, down to adjacent doubles."""
    lo, hi = -0.99, 10.0
    f_lo, f_hi = npv0(lo, flows), npv0(hi, flows)
    if f_lo == 0:
        return lo
    if (f_lo > 0) == (f_hi > 0):
        raise ValueError("IRR not bracketed in [-0.99, 10]")
    while True:
        mid = (lo + hi) / 2.0
        if mid <= lo or mid >= hi:
            break
        f_mid = npv0(mid, flows)
        if f_mid == 0:
            return mid
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return lo if abs(npv0(lo, flows)) <= abs(npv0(hi, flows)) else hi


def payback_periods(flows):
    cum = cumulative(flows)
    underwater = False
    for t, c in enumerate(cum):
        if c < 0:
            underwater = True
        elif underwater:
            return t - 1 + (-cum[t - 1]) / flows[t]
    if underwater:
        return math.nan  # never pays back
    return 0.0


def saas_roi(x, periods=3):
    hours = x["team_size"] * x["hours_saved_per_week"] * x["working_weeks_per_year"] * x["productive_share"]
    savings = hours * x["loaded_hourly_cost"]
    uplift = x["current_annual_revenue"] * x["revenue_uplift"] * x["gross_margin"] if x["include_revenue_uplift"] else 0.0
    product = x["team_size"] * x["price_per_seat_per_month"] * 12
    benefit = [0.0] + [savings + uplift] * periods
    cost = [float(x["implementation_cost"])] + [float(product)] * periods
    net = [b - c for b, c in zip(benefit, cost)]
    outputs = {
        "annual_savings": savings,
        "annual_revenue_uplift": uplift,
        "annual_product_cost": product,
        "net_annual_benefit": savings + uplift - product,
        "net_benefit_3y": sum(net),
        "roi_3y": (sum(benefit) - sum(cost)) / sum(cost),
        "payback_months": payback_periods(net) * 12,
    }
    series = {"benefit_flow": benefit, "cost_flow": cost, "net_cash_flow": net,
              "cumulative_cash_flow": cumulative(net)}
    return outputs, series


def business_case_5y(x, periods=5):
    adoption_by_year = [0.0, x["adoption_year1"], x["adoption_year2"], x["adoption_year3"]]
    one_off, recurring, adoption = [], [], []
    for t in range(periods + 1):
        if t == 0:
            one_off.append(x["licence_setup_cost"] + x["implementation_cost"] + x["training_cost"])
            recurring.append(0.0)
        else:
            one_off.append(0.0)
            recurring.append(x["subscription_per_year"] * (1 + x["subscription_escalation"]) ** (t - 1)
                             + x["admin_fte"] * x["fte_cost_per_year"])
        adoption.append(adoption_by_year[min(t, 3)])
    costs = [a + b for a, b in zip(one_off, recurring)]
    productivity = [x["productivity_benefit_per_year"] * a for a in adoption]
    revenue = [x["revenue_benefit_per_year"] * a for a in adoption]
    avoidance = [x["cost_avoidance_per_year"] * a for a in adoption]
    benefits = [(p + r + c) * (1 - x["risk_adjustment"]) for p, r, c in zip(productivity, revenue, avoidance)]
    net = [b - c for b, c in zip(benefits, costs)]
    rate = x["discount_rate"]
    discounted = [f / (1 + rate) ** t for t, f in enumerate(net)]
    outputs = {
        "npv": npv0(rate, net),
        "irr": irr(net),
        "roi": (sum(benefits) - sum(costs)) / sum(costs),
        "payback_months": payback_periods(net) * 12,
        "discounted_payback_months": payback_periods(discounted) * 12,
        "total_benefits_5y": sum(benefits),
        "total_costs_5y": sum(costs),
        "net_benefit_5y": sum(net),
    }
    series = {
        "one_off_costs": one_off, "recurring_costs": recurring, "total_costs": costs,
        "adoption": adoption, "productivity_benefits": productivity, "revenue_benefits": revenue,
        "cost_avoidance_benefits": avoidance, "total_benefits": benefits, "net_cash_flow": net,
        "cumulative_cash_flow": cumulative(net), "discounted_cash_flow": discounted,
        "cumulative_discounted_cash_flow": cumulative(discounted),
    }
    return outputs, series


MODELS = {"saas-roi": saas_roi, "business-case-5y": business_case_5y}
