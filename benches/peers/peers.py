#!/usr/bin/env python3
"""The peers of certa in `./x bench peers`: the same tasks on the same fixture
(`certa bench-data --peers DIR`), in the Python venv that `./x bench peers` creates.

    peers.py assemble SOLVER FIXTURE OUT   SOLVER: cbc (PuLP), highs (highspy), ortools (CP-SAT)
    peers.py scoring FIXTURE OUT           numpy reference EAP, girth EAP, catsim MLE

Each run writes JSON with the timings and the raw answers (form item ids, θ estimates);
`report.py` checks and compares every tool the same way. OR-Tools runs in its own process:
its native library clashes with highspy's symbols when both are loaded.

Assembly models (binary x_i per item, logistic metric D = 1):
- B1: maximize Σ x_i I_i(0) subject to the domain quotas.
- B2: minimize y subject to the quotas, at most one item per enemy pair, every set all or
  none, and |Σ x_i I_i(θ_k) − T_k| ≤ y at θ_k = −1, 0, 1.
Every solver stops at a relative gap of 0.05 (the issue's setting), an absolute gap of 0.01
information units (certa's tolerance: the LP bound of B2 is 0, so a relative gap alone never
stops), or after TIME_LIMIT seconds. Times include building the model; CPU times count every
thread (CP-SAT runs 2 workers) and the CBC process.
"""

import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

TIME_LIMIT = 10.0
REL_GAP = 0.05
ABS_GAP = 0.01
RUNS = {"b1": 5, "b2": 3}


def information(a, b, c, theta):
    """3PL item information at theta (logistic metric, D = 1)."""
    p = c + (1.0 - c) / (1.0 + np.exp(-a * (theta - b)))
    return a * a * ((p - c) ** 2 / (1.0 - c) ** 2) * ((1.0 - p) / p)


class Bank:
    """The arrays a MIP needs, read from a certa package."""

    def __init__(self, package):
        items = package["items"]
        self.ids = [it["id"] for it in items]
        self.n = len(items)
        self.a = np.array([it["irt"]["a"] for it in items])
        self.b = np.array([it["irt"]["b"] for it in items])
        self.c = np.array([it["irt"].get("c") or 0.0 for it in items])
        bp = package["blueprint"]
        self.quotas = []
        for q in bp["domains"]:
            members = [i for i, it in enumerate(items) if it["domain"] == q["id"]]
            self.quotas.append((members, q["count"]))
        groups = {}
        sets = {}
        for i, it in enumerate(items):
            if it.get("enemy_group"):
                groups.setdefault(it["enemy_group"], []).append(i)
            if it.get("set"):
                sets.setdefault(it["set"], []).append(i)
        self.enemies = [m for m in groups.values() if len(m) > 1]
        self.sets = [m for m in sets.values() if len(m) > 1]
        target = bp.get("difficulty") or {}
        if target.get("kind") == "information":
            self.kind = "b2"
            self.points = [(p["theta"], p["target"]) for p in target["points"]]
        else:
            self.kind = "b1"
            self.points = [(target.get("theta", 0.0), None)]
        self.info = [information(self.a, self.b, self.c, t) for t, _ in self.points]


def solve_cbc(bank):
    import pulp

    sense = pulp.LpMaximize if bank.kind == "b1" else pulp.LpMinimize
    prob = pulp.LpProblem("form", sense)
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(bank.n)]
    for members, count in bank.quotas:
        prob += pulp.lpSum(x[i] for i in members) == count
    if bank.kind == "b1":
        prob += pulp.lpSum(float(v) * x[i] for i, v in enumerate(bank.info[0]))
    else:
        for members in bank.enemies:
            prob += pulp.lpSum(x[i] for i in members) <= 1
        for members in bank.sets:
            for m in members[1:]:
                prob += x[m] == x[members[0]]
        y = pulp.LpVariable("y", lowBound=0)
        for info, (_, target) in zip(bank.info, bank.points):
            tif = pulp.lpSum(float(v) * x[i] for i, v in enumerate(info))
            prob += tif - target <= y
            prob += target - tif <= y
        prob += y
    kwargs = dict(msg=False, gapRel=REL_GAP, timeLimit=TIME_LIMIT)
    if bank.kind == "b2":
        kwargs["gapAbs"] = ABS_GAP
    prob.solve(pulp.PULP_CBC_CMD(**kwargs))
    return [i for i in range(bank.n) if (x[i].value() or 0) > 0.5]


def solve_highs(bank):
    import highspy

    h = highspy.Highs()
    h.silent()
    h.setOptionValue("mip_rel_gap", REL_GAP)
    h.setOptionValue("time_limit", TIME_LIMIT)
    inf = highspy.kHighsInf
    n = bank.n
    cols = n + (1 if bank.kind == "b2" else 0)
    lower = np.zeros(cols)
    upper = np.ones(cols)
    cost = np.zeros(cols)
    if bank.kind == "b1":
        cost[:n] = bank.info[0]
    else:
        upper[n] = inf
        cost[n] = 1.0
        h.setOptionValue("mip_abs_gap", ABS_GAP)
    h.addVars(cols, lower, upper)
    h.changeColsCost(cols, np.arange(cols, dtype=np.int32), cost)
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    rows = []  # (lower, upper, indices, values)
    for members, count in bank.quotas:
        rows.append((count, count, members, [1.0] * len(members)))
    if bank.kind == "b2":
        for members in bank.enemies:
            rows.append((-inf, 1.0, members, [1.0] * len(members)))
        for members in bank.sets:
            for m in members[1:]:
                rows.append((0.0, 0.0, [m, members[0]], [1.0, -1.0]))
        every = list(range(n))
        for info, (_, target) in zip(bank.info, bank.points):
            # tif - y <= target and tif + y >= target
            rows.append((-inf, target, every + [n], list(info) + [-1.0]))
            rows.append((target, inf, every + [n], list(info) + [1.0]))
    starts, indices, values = [], [], []
    for _, _, idx, val in rows:
        starts.append(len(indices))
        indices.extend(idx)
        values.extend(val)
    h.addRows(
        len(rows),
        np.array([r[0] for r in rows], dtype=float),
        np.array([r[1] for r in rows], dtype=float),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )
    h.changeObjectiveSense(
        highspy.ObjSense.kMaximize if bank.kind == "b1" else highspy.ObjSense.kMinimize
    )
    h.run()
    sol = h.getSolution().col_value
    return [i for i in range(n) if sol[i] > 0.5]


def solve_ortools(bank):
    from ortools.sat.python import cp_model

    # CP-SAT works on integers: information in units of 1e-6 (B1) or 1e-4 (B2).
    scale = 1_000_000 if bank.kind == "b1" else 10_000
    m = cp_model.CpModel()
    x = [m.NewBoolVar(f"x{i}") for i in range(bank.n)]
    for members, count in bank.quotas:
        m.Add(sum(x[i] for i in members) == count)
    if bank.kind == "b1":
        m.Maximize(sum(int(round(v * scale)) * x[i] for i, v in enumerate(bank.info[0])))
    else:
        for members in bank.enemies:
            m.AddAtMostOne(x[i] for i in members)
        for members in bank.sets:
            for k in members[1:]:
                m.Add(x[k] == x[members[0]])
        y = m.NewIntVar(0, 1_000 * scale, "y")
        for info, (_, target) in zip(bank.info, bank.points):
            tif = sum(int(round(v * scale)) * x[i] for i, v in enumerate(info))
            t = int(round(target * scale))
            m.Add(tif - t <= y)
            m.Add(t - tif <= y)
        m.Minimize(y)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = TIME_LIMIT
    solver.parameters.relative_gap_limit = REL_GAP
    if bank.kind == "b2":
        solver.parameters.absolute_gap_limit = ABS_GAP * scale
    solver.parameters.num_workers = 2
    status = solver.Solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return []
    return [i for i in range(bank.n) if solver.Value(x[i])]


SOLVERS = {
    "cbc": ("PuLP + CBC", solve_cbc),
    "highs": ("HiGHS (highspy)", solve_highs),
    "ortools": ("OR-Tools CP-SAT", solve_ortools),
}


def version_of(module):
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001
        return "?"


def assemble(solver, fixture, out):
    label, solve = SOLVERS[solver]
    tasks = {}
    for task in ("b1", "b2"):
        package = json.loads((Path(fixture) / f"{task}.json").read_text())
        forms = []

        def run():
            bank = Bank(package)
            forms.append([bank.ids[i] for i in solve(bank)])

        times, cpu, _ = timed(RUNS[task], run)
        tasks[task] = {"times_ms": times, "cpu_ms": cpu, "forms": forms}
        print(f"{label}: {task} median {statistics.median(cpu):.1f} ms CPU", file=sys.stderr)
    module = {"cbc": "pulp", "highs": "highspy", "ortools": "ortools"}[solver]
    result = {"tool": label, "runtime": "python", "version": version_of(module), "tasks": tasks}
    Path(out).write_text(json.dumps(result))


# ---------------------------------------------------------------------------- scoring


def load_scoring(fixture):
    s = json.loads((Path(fixture) / "scoring.json").read_text())
    a = np.array([p["a"] for p in s["items"]])
    b = np.array([p["b"] for p in s["items"]])
    c = np.array([p["c"] for p in s["items"]])
    responses = np.array([[ch == "1" for ch in r] for r in s["responses"]], dtype=bool)
    return a, b, c, responses


def numpy_eap(a, b, c, responses):
    """The reference: 61 equally spaced points on [-4, 4], N(0, 1) prior, log space."""
    theta = np.linspace(-4.0, 4.0, 61)
    p = c[None, :] + (1.0 - c[None, :]) / (1.0 + np.exp(-a[None, :] * (theta[:, None] - b[None, :])))
    log_p, log_q = np.log(p), np.log1p(-p)  # (61, items)
    r = responses.astype(float)
    log_post = r @ log_p.T + (1.0 - r) @ log_q.T - 0.5 * theta[None, :] ** 2
    w = np.exp(log_post - log_post.max(axis=1, keepdims=True))
    return (w @ theta) / w.sum(axis=1)


def cpu_now():
    """CPU seconds of this process (every thread) and of its finished children (CBC runs as
    one): the machine may be shared, and the wall clock also counts waiting for a core."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(runs, f):
    """Wall-clock and CPU milliseconds of each of `runs` calls, and the last value."""
    times, cpu, value = [], [], None
    for _ in range(runs):
        c0, start = cpu_now(), time.perf_counter()
        value = f()
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((cpu_now() - c0) * 1e3)
    return times, cpu, value


def scoring(fixture, out):
    a, b, c, responses = load_scoring(fixture)
    results = []

    tasks = {}
    for count, runs in ((1000, 21), (10000, 11)):
        times, cpu, thetas = timed(runs, lambda: numpy_eap(a, b, c, responses[:count]))
        tasks[f"eap_{count}"] = {"times_ms": times, "cpu_ms": cpu, "thetas": thetas.tolist()}
    results.append({"tool": "numpy (reference)", "runtime": "python",
                    "version": version_of("numpy"), "tasks": tasks})
    print("numpy reference EAP done", file=sys.stderr)

    try:
        from girth import ability_3pl_eap

        options = {"quadrature_n": 61, "quadrature_bounds": (-4.0, 4.0)}
        tasks = {}
        for count, runs in ((1000, 5), (10000, 3)):
            data = responses[:count].T.astype(int)
            times, cpu, thetas = timed(runs, lambda: ability_3pl_eap(data, b, a, c, options))
            tasks[f"eap_{count}"] = {"times_ms": times, "cpu_ms": cpu,
                                     "thetas": np.asarray(thetas).tolist(),
                                     "note": "61 Gauss-Legendre points on [-4, 4]"}
        results.append({"tool": "girth", "runtime": "python", "version": version_of("girth"),
                        "tasks": tasks})
        print("girth EAP done", file=sys.stderr)
    except Exception as e:  # noqa: BLE001
        print(f"girth failed: {e}", file=sys.stderr)

    try:
        from catsim.estimation.numerical import NumericalSearchEstimator
        from catsim.item_bank import ItemBank

        bank = ItemBank(np.column_stack([a, b, c, np.ones_like(a)]))
        estimator = NumericalSearchEstimator(method="bounded")
        administered = list(range(len(a)))
        count = 1000

        def run():
            return [
                estimator.estimate(item_bank=bank, administered_items=administered,
                                   response_vector=[bool(u) for u in responses[v]], est_theta=0.0)
                for v in range(count)
            ]

        times, cpu, thetas = timed(3, run)
        lo, hi = -6.0, 6.0
        converged = [
            bool(lo + 1e-3 < t < hi - 1e-3 and 0 < int(responses[v].sum()) < len(a))
            for v, t in enumerate(thetas)
        ]
        results.append({"tool": "catsim", "runtime": "python", "version": version_of("catsim"),
                        "tasks": {"mle_1000": {"times_ms": times, "cpu_ms": cpu,
                                               "thetas": [float(t) for t in thetas],
                                               "converged": converged}}})
        print("catsim MLE done", file=sys.stderr)
    except Exception as e:  # noqa: BLE001
        print(f"catsim failed: {e}", file=sys.stderr)

    Path(out).write_text(json.dumps(results))


def main(argv):
    if len(argv) == 5 and argv[1] == "assemble" and argv[2] in SOLVERS:
        assemble(argv[2], argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "scoring":
        scoring(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
