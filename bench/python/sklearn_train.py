#!/usr/bin/python3
"""Python reference for the training/scoring benchmarks: scikit-learn HistGradientBoostingClassifier.

Reads a CSV in the tip schema (or any binary-label CSV), splits it 80/20, fits, measures, and
prints ONE JSON line on stdout:

    {"rows":..., "load_seconds":..., "fit_seconds":..., "auc":...,
     "predict_seconds":..., "predict_rows_per_second":..., ...}

With --batch-csv IN OUT it also times an end-to-end batch job using the model just trained:
read IN with pandas, encode, predict_proba, write OUT (one "probability" column). It adds
"batch_rows", "batch_seconds" and "batch_rows_per_second" to the same JSON line.

Runs on Debian's packages through /usr/bin/python3 (python3-sklearn, python3-pandas).

The split is its own and does not reproduce the .NET rows. It follows the same idea as
MlOps.Core's HoldoutSplit: per class, shuffle the row indices with a seeded RNG and hold out
round(n * fraction) of them. NumPy's RNG is not .NET's, so the held-out rows differ.
"""

import argparse
import json
import os
import pickle
import sys
import time


def _threads_from_argv(argv):
    """Read --threads before NumPy/scikit-learn load: OpenMP takes OMP_NUM_THREADS at load time,
    and it then applies to every thread, including web-server worker threads."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--threads=") else (
            argv[i + 1] if arg == "--threads" and i + 1 < len(argv) else None)
        if value is not None and value.isdigit() and int(value) > 0:
            for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ[name] = value


_threads_from_argv(sys.argv[1:])


import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

DEFAULT_CATEGORICAL = "payment_type,pickup_zone,dropoff_zone"
MAX_CATEGORIES = 255  # HistGradientBoosting's default max_bins: codes must be in [0, 254]
TRUE_WORDS = {"1", "true", "yes", "y", "t"}


# ---------------------------------------------------------------------------------------------
# Data preparation shared with fastapi_server.py
# ---------------------------------------------------------------------------------------------

def parse_labels(series):
    """0/1, booleans or true/false words -> bool array."""
    if pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(series):
        return series.to_numpy(dtype=float) > 0
    return series.astype(str).str.strip().str.lower().isin(TRUE_WORDS).to_numpy()


def category_keys(series):
    """Category values as text keys, so 1, 1.0 and "1" are the same category; missing stays missing."""
    if pd.api.types.is_integer_dtype(series):
        return series.astype(str)
    numbers = pd.to_numeric(series, errors="coerce")
    keys = series.astype(str).str.strip()
    integral = numbers.notna() & (numbers == np.floor(numbers))
    keys = keys.where(~integral, numbers[integral].astype("int64").astype(str))
    return keys.where(series.notna(), None)


def fit_encoding(frame, features, categorical):
    """Learn each categorical column's codes: categories by descending frequency, capped at 255.

    Values outside the kept categories (rare or unseen) become missing (NaN), which
    HistGradientBoosting handles natively.
    """
    categories = {}
    for name in categorical:
        counts = category_keys(frame[name]).value_counts(sort=True, dropna=True)
        categories[name] = list(counts.index[:MAX_CATEGORIES])
    return {"features": list(features), "categorical": list(categorical), "categories": categories}


def encode(frame, encoding):
    """DataFrame -> float32 feature matrix in encoding["features"] order (ordinal codes for categoricals)."""
    columns = []
    for name in encoding["features"]:
        if name in encoding["categories"]:
            codes = pd.Categorical(category_keys(frame[name]), categories=encoding["categories"][name]).codes
            column = codes.astype(np.float32)
            column[codes < 0] = np.nan
        else:
            column = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float32)
        columns.append(column)
    return np.column_stack(columns)


def make_model(encoding, args):
    mask = [name in encoding["categories"] for name in encoding["features"]]
    return HistGradientBoostingClassifier(
        categorical_features=mask,
        max_iter=args.max_iter,
        learning_rate=args.learning_rate,
        max_leaf_nodes=args.max_leaf_nodes,
        early_stopping=False,  # fixed work per fit; "auto" would hold out 10% above 10k rows
        random_state=args.seed,
    )


def stratified_split(labels, fraction, seed):
    """Seeded per-class shuffle; hold out round(n * fraction) of each class."""
    rng = np.random.default_rng(seed)
    train, holdout = [], []
    for cls in (True, False):
        idx = np.flatnonzero(labels == cls)
        rng.shuffle(idx)
        take = int(round(len(idx) * fraction))
        holdout.append(idx[:take])
        train.append(idx[take:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(holdout))


def train_from_csv(path, label, categorical, args):
    """Load, encode, split and fit. Returns (model, encoding, timings dict, full feature matrix)."""
    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    if label not in frame.columns:
        raise SystemExit(f"label column {label!r} not in {path} (columns: {list(frame.columns)})")
    missing = [c for c in categorical if c not in frame.columns]
    if missing:
        raise SystemExit(f"categorical columns {missing} not in {path}")
    y = parse_labels(frame[label])
    features = [c for c in frame.columns if c != label]
    encoding = fit_encoding(frame, features, categorical)
    x = encode(frame, encoding)
    load_seconds = time.perf_counter() - t0

    train_idx, holdout_idx = stratified_split(y, args.holdout_fraction, args.seed)
    if len(train_idx) == 0 or len(holdout_idx) == 0 or y[holdout_idx].all() or not y[holdout_idx].any():
        raise SystemExit("the split left a side empty or one-class; need both labels in the data")

    model = make_model(encoding, args)
    t0 = time.perf_counter()
    model.fit(x[train_idx], y[train_idx])
    fit_seconds = time.perf_counter() - t0

    auc = roc_auc_score(y[holdout_idx], model.predict_proba(x[holdout_idx])[:, 1])
    encoding["label"] = label
    stats = {
        "rows": int(len(frame)),
        "train_rows": int(len(train_idx)),
        "holdout_rows": int(len(holdout_idx)),
        "positive_rate": round(float(y.mean()), 6),
        "load_seconds": round(load_seconds, 6),
        "fit_seconds": round(fit_seconds, 6),
        "auc": round(float(auc), 6),
    }
    return model, encoding, stats, x


def save_model(path, model, encoding):
    """Plain pickle of built-in/sklearn objects only, so fastapi_server.py can load it."""
    with open(path, "wb") as f:
        pickle.dump({"model": model, "encoding": encoding}, f, protocol=pickle.HIGHEST_PROTOCOL)


def load_model(path):
    with open(path, "rb") as f:
        bundle = pickle.load(f)
    return bundle["model"], bundle["encoding"]


# ---------------------------------------------------------------------------------------------
# Benchmark
# ---------------------------------------------------------------------------------------------

def time_predict(model, x, repeats):
    """One warm-up call, then the median of `repeats` timed predict_proba calls on all rows."""
    model.predict_proba(x[: min(len(x), 1024)])
    times = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        model.predict_proba(x)
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def run_batch(model, encoding, in_path, out_path):
    """End to end: read CSV -> encode -> predict_proba -> write CSV of probabilities."""
    t0 = time.perf_counter()
    frame = pd.read_csv(in_path)
    missing = [c for c in encoding["features"] if c not in frame.columns]
    if missing:
        raise SystemExit(f"batch input {in_path} lacks feature columns {missing}")
    probabilities = model.predict_proba(encode(frame, encoding))[:, 1]
    pd.DataFrame({"probability": probabilities}).to_csv(out_path, index=False, float_format="%.6f")
    seconds = time.perf_counter() - t0
    return len(frame), seconds


def add_training_options(p):
    """The options that shape the model, shared by the training script and both servers."""
    p.add_argument("--label", default="tip_bin", help="label column (default: tip_bin)")
    p.add_argument("--categorical", default=DEFAULT_CATEGORICAL,
                   help=f"comma-separated categorical columns (default: {DEFAULT_CATEGORICAL}); '' for none")
    p.add_argument("--seed", type=int, default=42, help="split and learner seed (default: 42)")
    p.add_argument("--holdout-fraction", type=float, default=0.2, help="holdout share (default: 0.2)")
    p.add_argument("--max-iter", type=int, default=100, help="boosting iterations (default: 100)")
    p.add_argument("--learning-rate", type=float, default=0.1, help="(default: 0.1)")
    p.add_argument("--max-leaf-nodes", type=int, default=31, help="(default: 31)")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("csv", help="training CSV (header row; label + feature columns)")
    add_training_options(p)
    p.add_argument("--predict-repeats", type=int, default=3,
                   help="timed full-file predict_proba calls; the median is reported (default: 3)")
    p.add_argument("--threads", type=int, default=0,
                   help="set OMP_NUM_THREADS (and BLAS) before scikit-learn loads (default: 0 = library default)")
    p.add_argument("--batch-csv", nargs=2, metavar=("IN", "OUT"),
                   help="also time read IN -> predict_proba -> write OUT with the model trained here")
    p.add_argument("--save-model", metavar="PKL", help="pickle the model + encoding for fastapi_server.py")
    args = p.parse_args(argv)
    if not 0 < args.holdout_fraction < 1:
        p.error("--holdout-fraction must be between 0 and 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    categorical = [c.strip() for c in args.categorical.split(",") if c.strip()]

    model, encoding, result, x = train_from_csv(args.csv, args.label, categorical, args)
    predict_seconds = time_predict(model, x, args.predict_repeats)
    result["predict_seconds"] = round(predict_seconds, 6)
    result["predict_rows_per_second"] = round(len(x) / predict_seconds, 1) if predict_seconds > 0 else None

    if args.batch_csv:
        rows, seconds = run_batch(model, encoding, *args.batch_csv)
        result["batch_rows"] = rows
        result["batch_seconds"] = round(seconds, 6)
        result["batch_rows_per_second"] = round(rows / seconds, 1) if seconds > 0 else None

    if args.save_model:
        save_model(args.save_model, model, encoding)

    result["threads"] = args.threads or None
    result["library"] = "scikit-learn " + __import__("sklearn").__version__
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
