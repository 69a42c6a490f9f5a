"""Reference values for the health-score proof statistics (crates/core/src/success/proof).

Documentation, not run in CI. Every number the Rust test
(crates/core/tests/success_proof_reference.rs) compares against comes from
an independent library where one exists:

- AUC: scikit-learn roc_auc_score(churned, -score) (healthy = high score,
  so the negated score predicts churn); ROC points: scikit-learn
  roc_curve(churned, -score, drop_intermediate=False).
- Hanley & McNeil (1982) standard error: computed here from its formula.
- Wilson intervals: statsmodels proportion_confint(method="wilson").
- Weight of evidence / information value: pandas.cut (right=False bands)
  and a groupby, with 0.5 added to every churned and renewed cell.
- Quantile edges: the documented rule (value at position floor(j*n/k) of
  the sorted finite values, repeats and the minimum dropped), in numpy.
- Decile lift: numpy stable argsort + array_split.
- Logistic regression: statsmodels Logit (unpenalised, Newton) and
  scikit-learn LogisticRegression(C=1/lambda, lbfgs, tol=1e-12) on the
  measures standardised with the population sd (numpy std, ddof=0);
  coefficients mapped back to the original scale.
- Firth's bias-reduced fit: scipy.optimize.minimize (BFGS) of minus the
  log-likelihood plus half the log-determinant of the Fisher information,
  with its gradient written from the explicit hat matrix (numpy.linalg);
  on a separated data set and on the synthetic one.
- Backtest: the fold rule re-implemented here (PCG32 seeded as the core's
  TrialRng, stratified Fisher-Yates, round-robin deal), each fold fitted
  by scikit-learn and scored by roc_auc_score.

Run (from the repository root, in a venv with numpy, pandas, scipy,
scikit-learn and statsmodels):

    python tests/data/success-proof/make_reference.py
"""

import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, roc_curve
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
COMMAND = "python tests/data/success-proof/make_reference.py"


def header(description):
    return {
        "source": description,
        "generator": "tests/data/success-proof/make_reference.py",
        "command": COMMAND,
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "statsmodels": statsmodels.__version__,
        },
    }


def hanley_mcneil(area, n_churned, n_renewed):
    q1 = area / (2 - area)
    q2 = 2 * area * area / (1 + area)
    variance = (
        area * (1 - area)
        + (n_churned - 1) * (q1 - area * area)
        + (n_renewed - 1) * (q2 - area * area)
    ) / (n_churned * n_renewed)
    return math.sqrt(variance)


def auc_section(scores, churned):
    y = np.asarray(churned, dtype=int)
    s = np.asarray(scores, dtype=float)
    area = float(roc_auc_score(y, -s))
    fpr, tpr, thresholds = roc_curve(y, -s, drop_intermediate=False)
    # sklearn's first threshold is +inf (nothing predicted); the others are
    # -score, i.e. "churn if score <= -threshold".
    at_most = [None if not math.isfinite(t) else float(-t) for t in thresholds]
    return {
        "auc": area,
        "standard_error": hanley_mcneil(area, int(y.sum()), int(len(y) - y.sum())),
        "roc": {
            "churn_if_score_at_most": at_most,
            "false_positive_rate": [float(v) for v in fpr],
            "true_positive_rate": [float(v) for v in tpr],
        },
    }


def wilson_rows(pairs):
    rows = []
    for successes, trials in pairs:
        low, high = proportion_confint(successes, trials, alpha=0.05, method="wilson")
        rows.append({"successes": successes, "trials": trials, "rate": successes / trials,
                     "low": float(low), "high": float(high)})
    return rows


def quantile_edges(values, bands):
    present = np.sort(np.array([v for v in values if v is not None and math.isfinite(v)]))
    edges = []
    n = len(present)
    for j in range(1, bands):
        edge = float(present[j * n // bands])
        previous = edges[-1] if edges else float(present[0])
        if edge > previous:
            edges.append(edge)
    return edges


def woe_section(values, churned, edges):
    frame = pd.DataFrame({
        "value": [np.nan if v is None else v for v in values],
        "churned": np.asarray(churned, dtype=int),
    })
    cut = pd.cut(frame["value"], bins=[-np.inf] + list(edges) + [np.inf], right=False, labels=False)
    frame["band"] = cut.fillna(len(edges) + 1).astype(int)
    bands = list(range(len(edges) + 1))
    if frame["value"].isna().any():
        bands.append(len(edges) + 1)
    grouped = frame.groupby("band")["churned"].agg(["sum", "count"]).reindex(bands, fill_value=0)
    churned_cells = grouped["sum"].to_numpy(dtype=float)
    renewed_cells = (grouped["count"] - grouped["sum"]).to_numpy(dtype=float)
    b = len(bands)
    share_renewed = (renewed_cells + 0.5) / (renewed_cells.sum() + 0.5 * b)
    share_churned = (churned_cells + 0.5) / (churned_cells.sum() + 0.5 * b)
    woe = np.log(share_renewed / share_churned)
    terms = (share_renewed - share_churned) * woe
    return {
        "edges": list(edges),
        "churned": [int(c) for c in churned_cells],
        "renewed": [int(r) for r in renewed_cells],
        "weight_of_evidence": [float(w) for w in woe],
        "information_value_terms": [float(t) for t in terms],
        "information_value": float(terms.sum()),
    }


def lift_section(scores, churned, groups):
    s = np.asarray(scores, dtype=float)
    y = np.asarray(churned, dtype=int)
    order = np.argsort(s, kind="stable")
    overall = y.mean()
    rows, captured = [], 0
    for members in np.array_split(order, groups):
        c = int(y[members].sum())
        captured += c
        rate = c / len(members)
        rows.append({"observations": int(len(members)), "churned": c, "churn_rate": rate,
                     "lift": rate / overall, "captured_share": captured / y.sum()})
    return {"groups": groups, "overall_churn_rate": float(overall), "rows": rows}


def standardise(x):
    mean = x.mean(axis=0)
    sd = x.std(axis=0)  # population sd, ddof=0
    return (x - mean) / sd, mean, sd


def to_original(intercept_std, coef_std, mean, sd):
    coef = coef_std / sd
    return float(intercept_std - (coef * mean).sum()), [float(c) for c in coef]


def sklearn_fit(x, y, penalty):
    z, mean, sd = standardise(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(penalty="l2", C=1.0 / penalty, solver="lbfgs",
                                   tol=1e-12, max_iter=10000)
        model.fit(z, y)
    intercept, coef = to_original(model.intercept_[0], model.coef_[0], mean, sd)
    return {
        "penalty": penalty,
        "standardized_intercept": float(model.intercept_[0]),
        "standardized_coefficients": [float(c) for c in model.coef_[0]],
        "intercept": intercept,
        "coefficients": coef,
    }


def statsmodels_fit(x, y):
    z, mean, sd = standardise(x)
    result = sm.Logit(y, sm.add_constant(z)).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
    intercept, coef = to_original(result.params[0], result.params[1:], mean, sd)
    raw = sm.Logit(y, sm.add_constant(x)).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
    return {
        "penalty": 0.0,
        "standardized_intercept": float(result.params[0]),
        "standardized_coefficients": [float(c) for c in result.params[1:]],
        "intercept": intercept,
        "coefficients": coef,
        "raw_scale_intercept": float(raw.params[0]),
        "raw_scale_coefficients": [float(c) for c in raw.params[1:]],
        "log_likelihood": float(result.llf),
    }


def firth_fit(x, y):
    import scipy.optimize

    z, mean, sd = standardise(x)
    design = np.column_stack([np.ones(len(y)), z])

    def negative_objective(theta):
        eta = design @ theta
        p = 1 / (1 + np.exp(-eta))
        information = design.T @ (design * (p * (1 - p))[:, None])
        sign, logdet = np.linalg.slogdet(information)
        loglik = np.sum(y * eta - np.logaddexp(0, eta))
        return -(loglik + 0.5 * logdet)

    def negative_gradient(theta):
        eta = design @ theta
        p = 1 / (1 + np.exp(-eta))
        w = p * (1 - p)
        information = design.T @ (design * w[:, None])
        root_w_x = design * np.sqrt(w)[:, None]
        hat = np.diag(root_w_x @ np.linalg.inv(information) @ root_w_x.T)
        return -(design.T @ (y - p + hat * (0.5 - p)))

    start = np.zeros(design.shape[1])
    start[0] = math.log(y.sum() / (len(y) - y.sum()))
    result = scipy.optimize.minimize(negative_objective, start, jac=negative_gradient,
                                     method="BFGS", options={"gtol": 1e-11, "maxiter": 10000})
    theta = result.x
    intercept, coef = to_original(theta[0], theta[1:], mean, sd)
    return {
        "standardized_intercept": float(theta[0]),
        "standardized_coefficients": [float(c) for c in theta[1:]],
        "intercept": intercept,
        "coefficients": coef,
        "gradient_norm": float(np.max(np.abs(negative_gradient(theta)))),
    }


def firth():
    # Separated: every account below 40 usage churned, every one above it
    # renewed; plain maximum likelihood has no finite answer.
    usage = np.array([5, 12, 18, 25, 31, 38, 44, 47, 52, 55, 58, 63, 70, 78, 85, 92], dtype=float)
    tenure = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3], dtype=float)
    y = np.array([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    x = np.column_stack([usage, tenure])
    document = header("Firth's bias-reduced logistic regression: a separated hand-made set "
                      "(usage, tenure) and the synthetic set of synthetic.json")
    document.update({
        "separated": {"measures": [[float(v) for v in column] for column in x.T],
                      "churned": [bool(c) for c in y], "fit": firth_fit(x, y)},
    })
    return document


# --- the core's PCG32 stream (crates/core/src/uncertainty/rng.rs) ---------
MASK64 = (1 << 64) - 1
MULTIPLIER = 6364136223846793005
STREAM = 0x0A02BDBF7BB3C0A7


class Pcg32:
    def __init__(self, seed):
        self.increment = ((STREAM << 1) | 1) & MASK64
        self.state = (seed + self.increment) & MASK64
        self._step()

    def _step(self):
        self.state = (self.state * MULTIPLIER + self.increment) & MASK64

    def next_u32(self):
        old = self.state
        self._step()
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31))) & 0xFFFFFFFF


def assign_folds(churned, folds, seed):
    rng = Pcg32(seed)
    fold_of = [0] * len(churned)
    dealt = 0
    for outcome in (True, False):
        members = [i for i, c in enumerate(churned) if bool(c) == outcome]
        for i in range(len(members) - 1, 0, -1):
            high, low = rng.next_u32(), rng.next_u32()
            j = ((high << 32) | low) % (i + 1)
            members[i], members[j] = members[j], members[i]
        for index in members:
            fold_of[index] = dealt % folds
            dealt += 1
    return fold_of


def backtest_section(x, today, y, folds, seed, penalty):
    fold_of = np.array(assign_folds(list(y.astype(bool)), folds, seed))
    out_of_fold = np.zeros(len(y))
    rows = []
    for fold in range(folds):
        train, held = fold_of != fold, fold_of == fold
        fit = sklearn_fit(x[train], y[train], penalty)
        eta = fit["intercept"] + x[held] @ np.array(fit["coefficients"])
        out_of_fold[held] = -eta
        rows.append({"observations": int(held.sum()), "churned": int(y[held].sum()),
                     "today_auc": float(roc_auc_score(y[held], -today[held])),
                     "fitted_auc": float(roc_auc_score(y[held], eta))})
    return {
        "folds": folds, "seed": seed, "penalty": penalty,
        "fold_of_observation": [int(f) for f in fold_of],
        "rows": rows,
        "pooled_today_auc": float(roc_auc_score(y, -today)),
        "pooled_fitted_auc": float(roc_auc_score(y, -out_of_fold)),
    }


def small():
    scores = [10, 20, 20, 30, 40, 40, 40, 50, 60, 60, 70, 80, 80, 90, 95, 100]
    churned = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    measure = [5, None, 12, 12, 30, None, 45, 45, 50, 61, 70, 70, None, 88, 90, 99]
    # Grades as a scorecard's bands, best first: healthy >= 70, average >= 40.
    grades = [0 if s >= 70 else 1 if s >= 40 else 2 for s in scores]
    per_grade = []
    for g in range(3):
        members = [c for c, gr in zip(churned, grades) if gr == g]
        per_grade.append((sum(members), len(members)))
    document = header("Hand-made renewals with tied scores and missing measure values")
    document.update({
        "scores": scores,
        "churned": [bool(c) for c in churned],
        "measure": measure,
        "grades": grades,
        **auc_section(scores, churned),
        "grade_churn": wilson_rows(per_grade),
        "wilson": wilson_rows([(0, 10), (10, 10), (3, 7), (1, 1), (50, 1000), (0, 1)]),
        "woe_given_edges": woe_section(measure, churned, [20.0, 50.0, 80.0]),
        "woe_quantile_edges": woe_section(measure, churned, quantile_edges(measure, 4)),
        "quantile_bands": 4,
        "lift": lift_section(scores, churned, 10),
    })
    return document


def synthetic():
    rng = np.random.default_rng(20261203)
    n = 500
    usage = rng.uniform(0, 100, n)
    adoption = np.clip(rng.normal(60, 20, n), 0, 100)
    support = np.round(rng.uniform(0, 100, n))
    nps = np.round(rng.uniform(0, 100, n), -1)
    logit = -1.0 - 0.045 * (usage - 50) - 0.03 * (adoption - 60) + rng.normal(0, 0.5, n)
    y = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-logit))).astype(int)
    x = np.column_stack([usage, adoption, support, nps])
    today = 0.25 * (usage + adoption + support + nps)
    support_missing = [None if rng.uniform() < 0.08 else float(v) for v in support]
    document = header(
        "Synthetic renewals: numpy default_rng(20261203), 500 accounts, four measures in points "
        "(usage, adoption, support, nps); churn depends on usage and adoption plus noise; today's "
        "score weights the four equally")
    document.update({
        "measures": [[float(v) for v in column] for column in x.T],
        "today_scores": [float(v) for v in today],
        "churned": [bool(c) for c in y],
        **auc_section(today, y),
        "support_with_missing": support_missing,
        "woe_quantile_edges": woe_section(support_missing, y, quantile_edges(support_missing, 5)),
        "quantile_bands": 5,
        "woe_usage_given_edges": woe_section(list(usage), y, [20.0, 40.0, 60.0, 80.0]),
        "lift": lift_section(today, y, 10),
        "logistic_unpenalised": statsmodels_fit(x, y),
        "logistic_penalised": [sklearn_fit(x, y, 1.0), sklearn_fit(x, y, 25.0)],
        "backtest": backtest_section(x, today, y, 5, 42, 1.0),
    })
    return document


def main():
    # The core's golden PCG values (rng.rs) prove this PCG32 is the same stream.
    pcg = Pcg32(20240601)
    assert [pcg.next_u32() for _ in range(4)] == [251389576, 1050592753, 2393255070, 3575261303]
    synthetic_document = synthetic()
    firth_document = firth()
    synthetic_x = np.array(synthetic_document["measures"]).T
    synthetic_y = np.array(synthetic_document["churned"], dtype=int)
    firth_document["synthetic_fit"] = firth_fit(synthetic_x, synthetic_y)
    for name, document in (("small", small()), ("synthetic", synthetic_document),
                           ("firth", firth_document)):
        with open(os.path.join(HERE, name + ".json"), "w") as out:
            json.dump(document, out, indent=1)
            out.write("\n")
    print("wrote small.json, synthetic.json and firth.json", file=sys.stderr)


if __name__ == "__main__":
    main()
