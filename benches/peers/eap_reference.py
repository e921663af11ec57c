#!/usr/bin/env python3
"""Write tests/fixtures/eap-reference.json: the first 200 response vectors of the benchmark's
scoring test (`certa bench-data --peers DIR`, DIR/scoring.json) with their EAP θ and posterior
SD computed by numpy, independently of certa (61 equally spaced points on [-4, 4], N(0, 1)
prior, log-likelihoods summed in log space). tests/psychometrics.rs checks certa against it.

    eap_reference.py FIXTURE_DIR OUT_JSON
"""

import json
import sys
from pathlib import Path

import numpy as np

VECTORS = 200


def main(fixture, out):
    s = json.loads((Path(fixture) / "scoring.json").read_text())
    a = np.array([p["a"] for p in s["items"]])
    b = np.array([p["b"] for p in s["items"]])
    c = np.array([p["c"] for p in s["items"]])
    responses = s["responses"][:VECTORS]
    r = np.array([[ch == "1" for ch in v] for v in responses], dtype=float)
    theta = np.linspace(-4.0, 4.0, 61)
    p = c[None, :] + (1.0 - c[None, :]) / (1.0 + np.exp(-a[None, :] * (theta[:, None] - b[None, :])))
    log_post = r @ np.log(p).T + (1.0 - r) @ np.log1p(-p).T - 0.5 * theta[None, :] ** 2
    w = np.exp(log_post - log_post.max(axis=1, keepdims=True))
    mean = (w @ theta) / w.sum(axis=1)
    sd = np.sqrt((w * (theta[None, :] - mean[:, None]) ** 2).sum(axis=1) / w.sum(axis=1))
    doc = {
        "about": "EAP reference by numpy " + np.__version__ + " (benches/peers/eap_reference.py): "
                 "61 equally spaced points on [-4, 4], N(0, 1) prior, 3PL, D = 1",
        "items": s["items"],
        "responses": responses,
        "eap": [round(float(x), 15) for x in mean],
        "sd": [round(float(x), 15) for x in sd],
    }
    Path(out).write_text(json.dumps(doc, indent=0) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
