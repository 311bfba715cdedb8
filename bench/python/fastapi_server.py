#!/usr/bin/python3
"""Python reference for the serving benchmarks: a FastAPI + uvicorn prediction server.

This is written the way a Python team usually writes one: pydantic request/response models, a
pandas DataFrame per request, and a scikit-learn HistGradientBoostingClassifier trained at
startup (or loaded from a pickle written by sklearn_train.py --save-model).

    POST /v1/models/{model}:predict   {"instances": [{"trip_hour": 0, "payment_type": 1, ...}, ...]}
                                   -> {"predictions": [{"probability": 0.93, "label": 1}, ...]}
    GET  /health                   -> {"status": "ok", "model": ..., "features": [...]}

"label" is 1 when probability >= --threshold (default 0.5), else 0. The routes are
Vertex-AI-style, matching what the .NET Predictor benchmark calls. An unknown model name gets
404, and an instance that lacks a feature gets 400.

Runs on Debian's packages through /usr/bin/python3 (python3-fastapi, python3-uvicorn,
python3-pydantic, python3-pandas, python3-sklearn).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional


# sklearn_train applies --threads to OpenMP as it is imported, before NumPy loads; import it first.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import sklearn_train  # noqa: E402  (shared encoding + training code, same folder)

import pandas as pd  # noqa: E402
from fastapi import FastAPI, HTTPException  # noqa: E402
from pydantic import BaseModel  # noqa: E402

ENV_MODEL = "MLOPS_BENCH_MODEL_PKL"
ENV_NAME = "MLOPS_BENCH_MODEL_NAME"
ENV_THRESHOLD = "MLOPS_BENCH_THRESHOLD"


class PredictRequest(BaseModel):
    instances: List[Dict[str, Any]]
    parameters: Optional[Dict[str, Any]] = None


class Prediction(BaseModel):
    probability: float
    label: int


class PredictResponse(BaseModel):
    predictions: List[Prediction]


class Health(BaseModel):
    status: str
    model: str
    features: List[str]


def create_app(estimator, encoding, model_name: str, threshold: float = 0.5) -> FastAPI:
    app = FastAPI(title="tip model (Python reference)")
    features = encoding["features"]

    @app.get("/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", model=model_name, features=features)

    # Plain `def`: scoring is CPU-bound, so FastAPI runs it in its worker thread pool.
    @app.post("/v1/models/{model}:predict", response_model=PredictResponse)
    def predict(model: str, request: PredictRequest) -> PredictResponse:
        if model != model_name:
            raise HTTPException(status_code=404, detail=f"model {model!r} not found")
        if not request.instances:
            return PredictResponse(predictions=[])
        frame = pd.DataFrame(request.instances)
        missing = [name for name in features if name not in frame.columns]
        if missing:
            raise HTTPException(status_code=400, detail=f"instances lack features {missing}")
        probabilities = estimator.predict_proba(sklearn_train.encode(frame, encoding))[:, 1]
        return PredictResponse(predictions=[
            Prediction(probability=float(p), label=int(p >= threshold)) for p in probabilities
        ])

    return app


def _app_from_environment() -> Optional[FastAPI]:
    """For `--workers N`: every uvicorn worker imports this module and loads the shared pickle."""
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
    p.add_argument("--host", default="127.0.0.1", help="(default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="(default: 8080)")
    p.add_argument("--model-name", default="tip", help="the {model} the route answers to (default: tip)")
    p.add_argument("--threshold", type=float, default=0.5, help="label = probability >= threshold (default: 0.5)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default: 1)")
    p.add_argument("--threads", type=int, default=0,
                   help="OMP_NUM_THREADS per process, set before scikit-learn loads (default: 0 = library default)")
    p.add_argument("--log-level", default="warning", help="uvicorn log level (default: warning)")
    p.add_argument("--access-log", action="store_true", help="log every request (off by default)")
    sklearn_train.add_training_options(p)  # used with --csv
    return p.parse_args(argv)


def main(argv=None) -> int:
    import uvicorn

    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.csv:
        categorical = [c.strip() for c in args.categorical.split(",") if c.strip()]
        t0 = time.perf_counter()
        model, encoding, stats, _ = sklearn_train.train_from_csv(args.csv, args.label, categorical, args)
        print(f"trained on {stats['rows']} rows in {time.perf_counter() - t0:.2f}s, holdout AUC {stats['auc']:.4f}",
              file=sys.stderr, flush=True)
    else:
        model, encoding = sklearn_train.load_model(args.model_pkl)

    if args.workers <= 1:
        uvicorn.run(create_app(model, encoding, args.model_name, args.threshold), host=args.host, port=args.port,
                    log_level=args.log_level, access_log=args.access_log)
        return 0

    # Several workers: uvicorn needs an import string, so hand the model over through a pickle.
    path = args.model_pkl
    if not path:
        handle, path = tempfile.mkstemp(prefix="tip-model-", suffix=".pkl")
        os.close(handle)
        sklearn_train.save_model(path, model, encoding)
    os.environ.update({ENV_MODEL: path, ENV_NAME: args.model_name, ENV_THRESHOLD: str(args.threshold)})
    try:
        uvicorn.run("fastapi_server:app", app_dir=str(Path(__file__).resolve().parent), host=args.host,
                    port=args.port, workers=args.workers, log_level=args.log_level, access_log=args.access_log)
    finally:
        if not args.model_pkl:
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
