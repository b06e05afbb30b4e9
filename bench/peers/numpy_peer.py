"""NumPy/SciPy side of `npm run bench:peers` (scripts/bench-peers.mjs).

Each job is written as a competent NumPy user would write it: BLAS through `@`/`np.dot` with
preallocated outputs, SciPy CSR products, BLAS `dger` for rank-one updates, one BLAS thread
(the caller sets OPENBLAS_NUM_THREADS=1). The Node side sends one JSON command per line on stdin
({"job", "params", "dir"}), the inputs as raw little-endian files in `dir`; this process answers
one JSON line with the wall time of each repetition and a checksum of the result, so that both
sides are seen to compute the same thing.
"""
import json
import os
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.linalg.blas import dger


def f64(d, name, shape=None):
    a = np.fromfile(os.path.join(d, name), dtype="<f8")
    return a if shape is None else a.reshape(shape)


def i32(d, name):
    return np.fromfile(os.path.join(d, name), dtype="<i4")


def timed(fn, reps):
    out = None
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - start) * 1e3)
    return times, out


def rate_rk4(J, x, dt, steps, record_every=0):
    """RK4 of dx/dt = -x + J tanh(x); records x every `record_every` steps (0: none)."""
    k1, k2, k3, k4, tmp, r, h = (np.empty_like(x) for _ in range(7))
    samples = np.empty(((steps // record_every) if record_every else 0, x.size))

    def f(y, out):
        np.tanh(y, out=r)
        J.dot(r, out=h) if isinstance(J, np.ndarray) else np.copyto(h, J @ r)
        np.subtract(h, y, out=out)

    for s in range(steps):
        f(x, k1)
        np.multiply(k1, dt / 2, out=tmp); tmp += x; f(tmp, k2)
        np.multiply(k2, dt / 2, out=tmp); tmp += x; f(tmp, k3)
        np.multiply(k3, dt, out=tmp); tmp += x; f(tmp, k4)
        k2 += k3; k2 *= 2; k1 += k2; k1 += k4; k1 *= dt / 6; x += k1
        if record_every and (s + 1) % record_every == 0:
            samples[(s + 1) // record_every - 1] = x
    return samples


def lyapunov_max(J, x, v, dt, steps, renorm):
    """λ_max by tangent dynamics with RK4: state and tangent share one product J @ [r, φ'v]."""
    n = x.size
    X = np.empty((n, 2))
    H = np.empty((n, 2))
    total = 0.0

    def f(y, w):
        np.tanh(y, out=X[:, 0])
        np.multiply(1 - X[:, 0] ** 2, w, out=X[:, 1])
        np.dot(J, X, out=H)
        return H[:, 0] - y, H[:, 1] - w

    for s in range(steps):
        a1, b1 = f(x, v)
        a2, b2 = f(x + dt / 2 * a1, v + dt / 2 * b1)
        a3, b3 = f(x + dt / 2 * a2, v + dt / 2 * b2)
        a4, b4 = f(x + dt * a3, v + dt * b3)
        x += dt / 6 * (a1 + 2 * (a2 + a3) + a4)
        v += dt / 6 * (b1 + 2 * (b2 + b3) + b4)
        if (s + 1) % renorm == 0:
            norm = np.linalg.norm(v)
            total += np.log(norm)
            v /= norm
    return total / (steps * dt)


def rls_update(P, W, r, e, k):
    """k = P r, c = 1/(1 + rᵀk), P -= c k kᵀ, W -= c e kᵀ (dger on the Fortran-ordered views P.T, W.T)."""
    np.dot(P, r, out=k)
    c = 1.0 / (1.0 + r @ k)
    dger(-c, k, k, a=P.T, overwrite_a=True)
    dger(-c, k, e, a=W.T, overwrite_a=True)
    return c


def readout_force(J, wfb, x, target, dt, learn_every, alpha):
    """Readout FORCE (Sussillo & Abbott 2009): z = w·r feeds back through wfb; RLS every few steps."""
    n = x.size
    P = np.eye(n) / alpha
    w = np.zeros(n)
    k = np.empty(n)
    r = np.tanh(x)
    err = 0.0
    for s in range(target.size):
        z = w @ r
        e = z - target[s]
        err += e * e
        if s % learn_every == 0:
            np.dot(P, r, out=k)
            c = 1.0 / (1.0 + r @ k)
            dger(-c, k, k, a=P.T, overwrite_a=True)
            w -= c * e * k
        x += dt * (-x + J @ r + wfb * z)
        np.tanh(x, out=r)
    return err / target.size


def run(job, p, d):
    reps = p["reps"]
    # dtype "f32": the inputs rounded to float32 and everything in float32 (sgemv, CSR float32).
    dtype = np.float32 if p.get("dtype") == "f32" else np.float64
    if job == "gemv":
        n = p["n"]
        A, x = f64(d, "A", (n, n)).astype(dtype), f64(d, "x").astype(dtype)
        y = np.empty(n, dtype)
        times, _ = timed(lambda: np.dot(A, x, out=y), reps)
        return times, y.astype(np.float64).tolist()
    if job == "spmv":
        n = p["n"]
        A = sp.csr_matrix((f64(d, "values").astype(dtype), i32(d, "colIdx"), i32(d, "rowPtr")), shape=(n, n))
        x, y = f64(d, "x").astype(dtype), np.empty(n, dtype)
        def product():
            y[:] = 0
            sp._sparsetools.csr_matvec(n, n, A.indptr, A.indices, A.data, x, y)  # A @ x without allocating
        times, _ = timed(product, reps)
        return times, [float(y.sum()), float(np.abs(y).sum())]
    if job in ("eigvals", "eig"):
        n = p["n"]
        A = f64(d, "A", (n, n))
        solve = np.linalg.eigvals if job == "eigvals" else np.linalg.eig
        times, out = timed(lambda: solve(A), reps)
        w = out if job == "eigvals" else out[0]
        return times, sorted(np.abs(w).tolist(), reverse=True)[:10]
    if job == "eigs":
        # ARPACK through SciPy as a user calls it (k, which, tol; default ncv), counting products.
        n = p["n"]
        A = sp.csr_matrix((f64(d, "values"), i32(d, "colIdx"), i32(d, "rowPtr")), shape=(n, n))
        count = [0]
        def matvec(x):
            count[0] += 1
            return A @ x
        op = spla.LinearOperator((n, n), matvec=matvec, dtype=float)
        def solve():
            count[0] = 0
            return spla.eigs(op, k=p["k"], which="LM", tol=p["tol"], return_eigenvectors=False, v0=np.ones(n))
        times, w = timed(solve, reps)
        return times, {"moduli": sorted(np.abs(w).tolist(), reverse=True), "matvecs": count[0]}
    if job == "rk4-step":
        n = p["n"]
        J, x0 = f64(d, "A", (n, n)), f64(d, "x")
        x = x0.copy()
        times, _ = timed(lambda: rate_rk4(J, x, p["dt"], 1), reps)
        check = x0.copy(); rate_rk4(J, check, p["dt"], 1)
        return times, check.tolist()
    if job == "rate-run":
        n = p["n"]
        J, x0 = f64(d, "A", (n, n)), f64(d, "x")
        out = {}
        def simulate():
            x = x0.copy()
            out["samples"] = rate_rk4(J, x, p["dt"], p["steps"], p["every"])
        times, _ = timed(simulate, reps)
        s = out["samples"]
        return times, {"first": s[0].tolist(), "q": float((s[p["skip"]:] ** 2).mean())}
    if job == "lyapunov":
        n = p["n"]
        J, x0, v0 = f64(d, "A", (n, n)), f64(d, "x"), f64(d, "v")
        out = {}
        def estimate():
            out["lambda"] = lyapunov_max(J, x0.copy(), v0 / np.linalg.norm(v0), p["dt"], p["steps"], p["renorm"])
        times, _ = timed(estimate, reps)
        return times, out["lambda"]
    if job == "rls":
        n = p["n"]
        P0 = f64(d, "P", (n, n))
        r, e = f64(d, "r"), f64(d, "e")
        P, W, k = P0.copy(), np.zeros((e.size, n)), np.empty(n)
        times, _ = timed(lambda: rls_update(P, W, r, e, k), reps)
        P, W = P0.copy(), np.zeros((e.size, n))
        c = rls_update(P, W, r, e, k)
        return times, {"c": c, "k": k.tolist()}
    if job == "force":
        n = p["n"]
        J = sp.csr_matrix((f64(d, "values"), i32(d, "colIdx"), i32(d, "rowPtr")), shape=(n, n))
        wfb, x0, target = f64(d, "wfb"), f64(d, "x"), f64(d, "target")
        out = {}
        def train():
            out["mse"] = readout_force(J, wfb, x0.copy(), target, p["dt"], p["learnEvery"], p["alpha"])
        times, _ = timed(train, reps)
        return times, out["mse"]
    raise ValueError(f"unknown job {job}")


def main():
    info = {"numpy": np.__version__, "scipy": scipy.__version__,
            "blas": np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {}).get("name", "?")}
    print(json.dumps({"ready": info}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        times, checksum = run(command["job"], command["params"], command["dir"])
        print(json.dumps({"times": times, "checksum": checksum}), flush=True)


if __name__ == "__main__":
    main()
