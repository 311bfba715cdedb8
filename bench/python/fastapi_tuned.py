#!/usr/bin/python3
"""Python reference for the serving benchmark, written as a Python performance engineer would.

The same model and routes as fastapi_server.py, without what costs there:
- an ``async def`` handler: scoring one row takes tens of microseconds, far less than a hop to the
  thread pool, so it runs on the event loop;
- the body read as bytes and parsed with the standard ``json`` module, no pydantic validation;
- each instance turned into a float32 numpy row through per-feature lookups prepared once
  (categorical code tables, feature order), no pandas DataFrame per request;
- one OpenMP thread per process (``OMP_NUM_THREADS=1``, set before numpy and scikit-learn load):
  OpenMP's thread team only costs on a one-row ``predict_proba``;
- one uvicorn worker per core (``--workers`` defaults to ``os.cpu_count()``), access log off.

    POST /v1/models/{model}:predict   {"instances": [{"trip_hour": 0, "payment_type": 1, ...}, ...]}
                                   -> {"predictions": [{"probability": 0.93, "label": 1}, ...]}
    GET  /health                   -> {"status": "ok", "model": ..., "features": [...]}

Runs on Debian's packages through /usr/bin/python3 (python3-fastapi, python3-uvicorn,
python3-numpy, python3-sklearn).
"""

import os

# Before numpy and scikit-learn load: OpenMP reads these once, at load time.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sklearn_train  # noqa: E402  (shared encoding + training code, same folder)

import numpy as np  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import JSONResponse, Response  # noqa: E402

ENV_MODEL = "MLOPS_BENCH_MODEL_PKL"
ENV_NAME = "MLOPS_BENCH_MODEL_NAME"
ENV_THRESHOLD = "MLOPS_BENCH_THRESHOLD"


def _category_key(value):
    """The text key sklearn_train gives a category value: 1, 1.0 and "1" are the same category."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value).strip()
    try:
        number = float(text)
        return str(int(number)) if number.is_integer() else text
    except ValueError:
        return text


def make_encoder(encoding):
    """One function per feature, prepared once, that turns an instance's value into its float32."""
    features = encoding["features"]
    converters = []
    for name in features:
        if name in encoding["categories"]:
            codes = {key: float(code) for code, key in enumerate(encoding["categories"][name])}
            converters.append((name, lambda v, codes=codes: codes.get(_category_key(v), math.nan)))
        else:
            def number(v):
                try:
                    return float(v)
                except (TypeError, ValueError):
                    return math.nan
            converters.append((name, number))

    def encode(instances):
        rows = np.empty((len(instances), len(features)), dtype=np.float32)
        for i, instance in enumerate(instances):
            if isinstance(instance, list):  # positional instance, in feature order
                if len(instance) != len(features):
                    raise KeyError(f"a positional instance has {len(features)} values, got {len(instance)}")
                for j, (_, convert) in enumerate(converters):
                    rows[i, j] = convert(instance[j])
            else:
                for j, (name, convert) in enumerate(converters):
                    rows[i, j] = convert(instance[name])
        return rows

    return encode


def create_app(estimator, encoding, model_name: str, threshold: float = 0.5) -> FastAPI:
    app = FastAPI(title="tip model (tuned Python reference)", openapi_url=None, docs_url=None, redoc_url=None)
    encode = make_encoder(encoding)
    health = {"status": "ok", "model": model_name, "features": encoding["features"]}
    route = f"/v1/models/{model_name}:predict"

    @app.get("/health")
    async def get_health():
        return JSONResponse(health)

    @app.post("/v1/models/{model}:predict")
    async def predict(model: str, request: Request):
        if f"/v1/models/{model}:predict" != route:
            return JSONResponse({"detail": f"model {model!r} not found"}, status_code=404)
        try:
            instances = json.loads(await request.body())["instances"]
            rows = encode(instances)
        except (ValueError, KeyError, TypeError) as e:
            return JSONResponse({"detail": f"bad request: {e}"}, status_code=400)
        if len(rows) == 0:
            return Response(b'{"predictions":[]}', media_type="application/json")
        probabilities = estimator.predict_proba(rows)[:, 1]
        body = ",".join(
            f'{{"probability":{p!r},"label":{1 if p >= threshold else 0}}}' for p in probabilities.tolist())
        return Response(f'{{"predictions":[{body}]}}'.encode(), media_type="application/json")

    return app


def _app_from_environment():
    path = os.environ.get(ENV_MODEL)
    if not path:
        return None
    model, encoding = sklearn_train.load_model(path)
    return create_app(model, encoding, os.environ.get(ENV_NAME, "tip"), float(os.environ.get(ENV_THRESHOLD, "0.5")))


app = _app_from_environment()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", help="train at startup on this CSV (same options as sklearn_train.py)")
    source.add_argument("--model-pkl", help="load a pickle written by sklearn_train.py --save-model")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--model-name", default="tip")
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="uvicorn workers (default: one per core)")
    p.add_argument("--log-level", default="warning")
    sklearn_train.add_training_options(p)  # used with --csv
    return p.parse_args(argv)


def main(argv=None) -> int:
    import uvicorn

    args = parse_args(sys.argv[1:] if argv is None else argv)
    path = args.model_pkl
    if args.csv:
        categorical = [c.strip() for c in args.categorical.split(",") if c.strip()]
        t0 = time.perf_counter()
        model, encoding, stats, _ = sklearn_train.train_from_csv(args.csv, args.label, categorical, args)
        print(f"trained on {stats['rows']} rows in {time.perf_counter() - t0:.2f}s, holdout AUC {stats['auc']:.4f}",
              file=sys.stderr, flush=True)
        handle, path = tempfile.mkstemp(prefix="tip-model-", suffix=".pkl")
        os.close(handle)
        sklearn_train.save_model(path, model, encoding)
    os.environ.update({ENV_MODEL: path, ENV_NAME: args.model_name, ENV_THRESHOLD: str(args.threshold)})
    try:
        uvicorn.run("fastapi_tuned:app", app_dir=str(Path(__file__).resolve().parent), host=args.host,
                    port=args.port, workers=args.workers, log_level=args.log_level, access_log=False)
    finally:
        if args.csv:
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
