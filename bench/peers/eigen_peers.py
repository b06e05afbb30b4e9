"""SciPy ARPACK and NumPy/LAPACK on the MatrixMarket files written by bench/peers/eigen-peers.mjs.

Run by that script with OPENBLAS_NUM_THREADS=1 (and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset, so
OpenBLAS picks its own kernel). Prints one JSON object: per sparse file, scipy.sparse.linalg.eigs
(k = 10, LM, tol = 1e-10, default ncv, v0 = ones) wall time, matvec count and moduli; per dense
file, numpy.linalg.eigvals and eig times (median of 3).
"""
import json
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse.linalg as sla


def median_ms(fn, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[(reps - 1) // 2]


def main(spec):
    out = {"numpy": np.__version__, "scipy": scipy.__version__, "sparse": [], "dense": []}
    try:
        from threadpoolctl import threadpool_info
        out["blas"] = threadpool_info()
    except ImportError:
        out["blas"] = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    for path in spec["sparse"]:
        a = scipy.io.mmread(path).tocsr()
        count = [0]

        def matvec(x):
            count[0] += 1
            return a @ x

        op = sla.LinearOperator(a.shape, matvec=matvec, dtype=float)
        start = time.perf_counter()
        w = sla.eigs(op, k=10, which="LM", tol=1e-10, return_eigenvectors=False, v0=np.ones(a.shape[0]))
        ms = (time.perf_counter() - start) * 1e3
        out["sparse"].append({"file": path, "n": a.shape[0], "nnz": a.nnz, "ms": ms, "matvecs": count[0],
                              "moduli": sorted(np.abs(w).tolist(), reverse=True)})
    for path in spec["dense"]:
        a = np.asarray(scipy.io.mmread(path).todense() if scipy.sparse.issparse(scipy.io.mmread(path)) else scipy.io.mmread(path))
        out["dense"].append({"file": path, "n": a.shape[0], "eigvalsMs": median_ms(lambda: np.linalg.eigvals(a), 3),
                             "eigMs": median_ms(lambda: np.linalg.eig(a), 3)})
    print(json.dumps(out))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
