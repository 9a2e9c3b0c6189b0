#!/usr/bin/python3
"""A pandas reference for the app's sweep detector pass, written for the benchmark.

    /usr/bin/python3 scripts/bench/pandas_detect.py sweep.csv [runs]

Times pandas.read_csv plus a vectorised detector pass that does the same kind of work as the
app's analysis of a one-row-per-trial table (src/lib/analysis), with the app's default thresholds:

  roles        names → id / status / metric (family, split, direction) / budget / param
  nan-metrics  NaN or ±inf in any metric of a trial
  failed       status failed / crashed / error / killed (pruned is not a failure)
  out-of-range accuracy-like metrics outside [0, 1], losses below 0
  overfitting  val/train loss ratio > 1.5, or train − val accuracy > 0.1
  short-run    budget < 0.5 × the median budget of finished trials
  duplicates   identical metric vectors (rounded to 1e-6) among finished trials
  seed-var     per configuration without the seed: spread of the primary metric
  edge         per numeric param (≥ 3 values): best 10 % of trials in the outer 20 % of the
               range (log scale over a decade), hypergeometric tail + Spearman trend, p ≤ 0.01
  confounded   |Spearman r| ≥ 0.9 between numeric params
  associations per param × issue (any + each detector): 4 quantile buckets (or values for ≤ 6
               distinct values, categories by value), one-sided Fisher exact test of each bucket
               against the rest (exact hypergeometric tail), Benjamini–Hochberg q-values
  ranges       min / max / missing count of every column (the overview's column statistics)

Not equivalent (the app does more): its role inference has many more names and tool formats;
it collapses seed replicates before the edge test and needs a weak/strong cluster rule; duplicate
results skip quantised and derived metrics and check tie probability; it runs at-chance,
collapsed-trials, too-good, eval-missing, values-tried-once, small-sweep, flat-sweep and the
report audits, hyperparameter importance (a random forest on a sample) and writes every finding's
evidence and explanation. So pandas does less work here: the ratio flatters pandas, if anything.
Prints one JSON line: seconds per run (read, detect, total), counts per detector, pandas version,
the process's peak resident set (VmHWM, KiB) and its resident set after the imports (VmRSS).
"""
import json
import re
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

METRIC = re.compile(r"(loss|acc|accuracy|f1|auc|precision|recall|perplexity|error|score)", re.I)
BUDGET = re.compile(r"^(epochs?|steps|num_steps|runtime(_sec)?|duration|iterations?)$", re.I)
ID = re.compile(r"^(trial_id|run_id|id|trial|run|name)$", re.I)
STATUS = re.compile(r"^(status|state)$", re.I)
SEED = re.compile(r"seed", re.I)
IGNORE = re.compile(r"(mem|gpu|time|date|host)", re.I)
FAILED = {"failed", "fail", "crashed", "error", "killed", "oom"}


def log_choose(n, k):
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def fisher_greater(N, K, n, k):
    """P(X >= k), X ~ Hypergeometric(N, K, n): the exact tail from log-factorials, as the app
    does (scipy's hypergeom.sf sums its pmf in a Python-level loop: 12 ms a call at N = 100k)."""
    if k <= 0:
        return 1.0
    x = np.arange(k, min(K, n) + 1, dtype=float)
    if len(x) == 0:
        return 0.0
    logp = log_choose(K, x) + log_choose(N - K, n - x) - log_choose(N, n)
    return float(min(1.0, np.exp(logp).sum()))


def roles(df):
    out = {"id": None, "status": None, "metrics": [], "budget": [], "params": [], "seed": None}
    for c in df.columns:
        if out["id"] is None and ID.match(c):
            out["id"] = c
        elif out["status"] is None and STATUS.match(c):
            out["status"] = c
        elif BUDGET.match(c):
            out["budget"].append(c)
        elif METRIC.search(c):
            out["metrics"].append(c)
        elif IGNORE.search(c):
            continue
        else:
            if SEED.search(c):
                out["seed"] = c
            out["params"].append(c)
    return out


def split_of(name):
    n = name.lower()
    return "val" if ("val" in n or "eval" in n) else "test" if "test" in n else "train"


def is_loss(name):
    return bool(re.search(r"loss|perplexity|error", name, re.I))


def detect(df):
    r = roles(df)
    n = len(df)
    metrics = df[r["metrics"]].apply(pd.to_numeric, errors="coerce")
    m = metrics.to_numpy(dtype=float)
    status = df[r["status"]].astype(str).str.lower() if r["status"] else pd.Series([""] * n)
    failed = status.isin(FAILED).to_numpy()
    finished = ~failed
    issues = {}
    issues["nan-metrics"] = (~np.isfinite(m)).any(axis=1) & finished
    issues["failed-status"] = failed

    acc_cols = [c for c in r["metrics"] if not is_loss(c)]
    loss_cols = [c for c in r["metrics"] if is_loss(c)]
    acc = metrics[acc_cols].to_numpy(dtype=float)
    loss = metrics[loss_cols].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        out_of_range = ((acc < -1e-6) | (acc > 1 + 1e-6)).any(axis=1) | (loss < -1e-6).any(axis=1)
    issues["metric-out-of-range"] = out_of_range

    def pick(cols, split):
        return next((c for c in cols if split_of(c) == split), None)

    tl, vl = pick(loss_cols, "train"), pick(loss_cols, "val")
    ta, va = pick(acc_cols, "train"), pick(acc_cols, "val")
    over = np.zeros(n, dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        if tl and vl:
            over |= (metrics[vl] / metrics[tl]).to_numpy() > 1.5
        if ta and va:
            over |= (metrics[ta] - metrics[va]).to_numpy() > 0.1
    issues["overfitting"] = over & finished

    short = np.zeros(n, dtype=bool)
    if r["budget"]:
        b = pd.to_numeric(df[r["budget"][0]], errors="coerce")
        med = b[finished].median()
        short = (b < 0.5 * med).to_numpy() & finished
    issues["short-run"] = short

    finite_rows = np.isfinite(m).all(axis=1) & finished
    rounded = pd.DataFrame(np.round(m[finite_rows], 6))
    dup_mask = rounded.duplicated(keep=False).to_numpy()
    dup = np.zeros(n, dtype=bool)
    dup[np.flatnonzero(finite_rows)[dup_mask]] = True
    issues["duplicate-results"] = dup

    primary = vl or (r["metrics"][0] if r["metrics"] else None)
    sign = 1.0 if primary and is_loss(primary) else -1.0
    score = sign * metrics[primary].to_numpy(dtype=float) if primary else np.full(n, np.nan)
    scored = np.isfinite(score) & finished

    # Seed variance: spread of the primary metric within each configuration but the seed.
    config_cols = [c for c in r["params"] if c != r["seed"]]
    seed_groups = 0
    if r["seed"] and primary:
        g = pd.DataFrame({"s": score[scored]}).join(df.loc[scored, config_cols].reset_index(drop=True))
        spread = g.groupby(config_cols, dropna=False)["s"].agg(["std", "size"])
        seed_groups = int((spread["size"] > 1).sum())

    numeric_params = [c for c in r["params"] if pd.api.types.is_numeric_dtype(df[c])]
    edge = []
    if primary and scored.sum() >= 8:
        s = score[scored]
        k = max(3, int(np.ceil(0.1 * len(s))))
        top = np.argsort(s)[:k]
        for c in numeric_params:
            x = df[c].to_numpy(dtype=float)[scored]
            if len(np.unique(x)) < 3:
                continue
            lo, hi = np.nanmin(x), np.nanmax(x)
            logx = lo > 0 and hi / lo >= 10
            t = np.log10(x) if logx else x
            tlo, thi = (np.log10(lo), np.log10(hi)) if logx else (lo, hi)
            span = thi - tlo
            for side, at_edge in (("low", t <= tlo + 0.2 * span), ("high", t >= thi - 0.2 * span)):
                hits = int(at_edge[top].sum())
                p_cluster = fisher_greater(len(s), int(at_edge.sum()), k, hits)
                rho = stats.spearmanr(t, -s).correlation
                trend = rho if side == "high" else -rho
                if hits > k / 2 and p_cluster <= 0.01 and trend > 0:
                    edge.append({"param": c, "side": side, "p": float(p_cluster)})

    confounded = []
    if len(numeric_params) > 1:
        corr = df[numeric_params].rank().corr().to_numpy()
        iu = np.triu_indices(len(numeric_params), 1)
        for i, j in zip(*iu):
            if abs(corr[i, j]) >= 0.9:
                confounded.append((numeric_params[i], numeric_params[j]))

    # Associations: issue rate per bucket of each param, Fisher one-sided, BH over all tests.
    flags = {k: v for k, v in issues.items() if v.any()}
    if flags:
        flags = {"any": np.logical_or.reduce(list(flags.values())), **flags}
    tests = []
    for c in r["params"]:
        col = df[c]
        if pd.api.types.is_numeric_dtype(col) and col.nunique() > 6:
            buckets = pd.qcut(col, 4, duplicates="drop", labels=False)
        else:
            buckets = col.astype("category").cat.codes
        codes = pd.Series(np.asarray(buckets, dtype=float)).fillna(-1).astype(int).to_numpy()
        for name, hit in flags.items():
            K = int(hit.sum())
            trials = np.bincount(codes + 1)
            with_issue = np.bincount(codes + 1, weights=hit.astype(float)).astype(int)
            for b in np.flatnonzero(trials):
                p = fisher_greater(n, K, int(trials[b]), int(with_issue[b]))
                tests.append((c, name, int(b) - 1, int(trials[b]), int(with_issue[b]), float(p)))
    pvals = np.array([t[5] for t in tests])
    q = np.array([])
    if len(pvals):
        order = np.argsort(pvals)
        ranked = pvals[order] * len(pvals) / (np.arange(len(pvals)) + 1)
        q = np.empty_like(pvals)
        q[order] = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1)
    hot = int((q <= 0.1).sum()) if len(q) else 0

    ranges = df.describe(include="all").loc[["count"]]
    numeric = df.select_dtypes("number")
    value_ranges = {"min": numeric.min(), "max": numeric.max(), "missing": df.isna().sum()}

    return {
        "rows": n,
        "roles": {k: (len(v) if isinstance(v, list) else v) for k, v in r.items()},
        "counts": {k: int(v.sum()) for k, v in issues.items()},
        "seedGroups": seed_groups,
        "edgeOfRange": edge,
        "confounded": len(confounded),
        "associationTests": len(tests),
        "hotBuckets": hot,
        "rangeColumns": int(len(ranges.columns) + len(value_ranges["min"])),
    }


def rss():
    """KiB from /proc/self/status: VmRSS now and VmHWM, the peak of this process. Not ru_maxrss:
    Linux carries it over fork + execve, so a child of the bench's Node process would start with
    Node's resident set as its peak. ru_maxrss only where there is no /proc."""
    try:
        with open("/proc/self/status") as f:
            wanted = [ln for ln in f if ln.startswith(("VmRSS", "VmHWM"))]
        kib = {ln.split(":")[0]: int(ln.split()[1]) for ln in wanted}
        return {"rss": kib["VmRSS"], "peak": kib["VmHWM"], "source": "VmHWM"}
    except (OSError, KeyError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"rss": peak, "peak": peak, "source": "ru_maxrss"}


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    # Python + numpy + pandas + scipy before any data: the part of the peak that is not the file.
    base_rss = rss()["rss"]
    timings = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        df = pd.read_csv(path)
        t1 = time.perf_counter()
        result = detect(df)
        t2 = time.perf_counter()
        timings.append({"read": t1 - t0, "detect": t2 - t1, "total": t2 - t0})
        del df
    end = rss()
    print(
        json.dumps(
            {
                "timings": timings,
                "result": result,
                "version": pd.__version__,
                "baseRssKiB": base_rss,
                "peakRssKiB": end["peak"],
                "rssSource": end["source"],
            }
        )
    )


if __name__ == "__main__":
    main()
