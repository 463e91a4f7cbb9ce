"""The digits benchmark's reference: scikit-learn's MLPClassifier on the
engine's own split (the test images' places in www/data/digits.bin, given
as a comma-separated list), inputs scaled by 1/16, one hidden layer of 64
ReLU, Adam at 0.001, batch 200, no L2 (the engine's network has none),
300 epochs each run through (tol=0, n_iter_no_change=300). Prints one JSON
line: the wall time of fit(), the test accuracy, the BLAS kernel used.

Run by tools/bench-digits.mjs in its own virtual environment
(target/bench-venv), one thread: never part of `make test`.
"""

import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_info

raw = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 65)
x, y = raw[:, :64] / 16.0, raw[:, 64].astype(int)
test = np.array([int(i) for i in sys.argv[2].split(",")])
train = np.setdiff1d(np.arange(len(y)), test)
model = MLPClassifier(
    hidden_layer_sizes=(64,), activation="relu", solver="adam", learning_rate_init=0.001,
    batch_size=200, alpha=0.0, max_iter=300, tol=0.0, n_iter_no_change=300, random_state=1,
)
start = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    model.fit(x[train], y[train])
seconds = time.perf_counter() - start
accuracy = float((model.predict(x[test]) == y[test]).mean())
blas = [{k: p.get(k) for k in ("internal_api", "architecture", "num_threads", "version")} for p in threadpool_info()]
print(json.dumps({"seconds": seconds, "accuracy": accuracy, "epochs": model.n_iter_, "blas": blas}))
