"""One timed run of a comparison job in numpy or PyTorch (bench/compare.sh drives it).

The job is the one LocalSgdVerify's bench job runner defines (bench/LocalSgdVerify.Benchmarks/Jobs/ComparisonJob.cs):
R replicates x N workers, constant step eta = 0.01, averaging every H = 10 steps (and at T), x0 = 1 in every
coordinate, output F(xbar_T) - F* of the last average.
  diagonal        F = sum_k a_k/2 x_k^2, a_k = 1 + 9k/(d-1), g = a*x + sigma*s, sigma = 1
  multiplicative  g = a*x*(1 + c*z) + sigma*s, c = 0.5
  kink            d = 1, f = x^2 (x >= 0), x^2/2 (x < 0), g = f'(x) + sigma*n
  smooth          d = 1, f = x^2/2 + log(1 + e^x), g = x + 1/(1 + e^-x) + sigma*n
  dense           F = 1/2 x^T A x, g = A x + sigma*xi, A read from --data (written by the C# runner)
  kink-adaptive, smooth-adaptive   kink and smooth under ADA-LUPA's loss rule, tau0 = 10: each replicate averages
                  when its own round ends; the next round lasts ceil(cbrt(F0/F(xbar)))*tau0 (ratio <= 1 or undefined: tau0)
  least-squares, least-squares-full, logistic   B rows drawn uniformly with replacement per worker and step from
                  the design in --data: g = mean_m a_m (a_m.x - b_m), or mean_m -y_m sigmoid(-y_m a_m.x) a_m + lambda x
  heterogeneous   g = a*(x - x*_i) + sigma*s, worker optima x*_i from --data
  heterogeneous-hierarchical   heterogeneous, but pairs of workers average every 10 steps and all N every 40 (and at T)
  uv              d = 2, g = (uv - 1 - s*n)(v, u), label noise s = 1, local batch 1
Every step is written in place on preallocated arrays (the well-vectorized version): one generator call per
step into a buffer, then a few in-place ufuncs. The sampled-row jobs keep x one coordinate per array
(coordinate, replicate, worker), so each gathered column meets its coordinate in one contiguous ufunc. PyTorch
runs the first five jobs only. Prints one JSON object.
"""
import argparse
import json
import os
import sys
import time

STEP_SIZE, PERIOD, NOISE, MULTIPLICATIVE = 0.01, 10, 1.0, 0.5
FAMILY_JOBS = ("heterogeneous-hierarchical", "kink-adaptive", "smooth-adaptive", "least-squares", "least-squares-full", "logistic", "heterogeneous", "uv")


def curvatures(np, dimension):
    if dimension == 1:
        return np.ones(1)
    return 1.0 + 9.0 * np.arange(dimension) / (dimension - 1)


def numpy_run(args):
    if args.job in FAMILY_JOBS:
        return numpy_family_run(args)
    import numpy as np
    rng = np.random.default_rng(args.seed)
    shape = (args.replicates, args.workers, args.dimension)
    x = np.ones(shape)
    noise = np.empty(shape)
    scratch = np.empty(shape)
    a = curvatures(np, args.dimension)
    shrink = 1.0 - STEP_SIZE * a
    matrix = read_matrix(np, args) if args.job == "dense" else None
    flat, flat_scratch = x.reshape(-1, args.dimension), scratch.reshape(-1, args.dimension)
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for t in range(1, args.steps + 1):
        rng.standard_normal(out=noise)
        if args.job == "diagonal":
            x *= shrink                          # x - eta*a*x
            noise *= STEP_SIZE * NOISE
            x -= noise
        elif args.job == "multiplicative":
            rng.standard_normal(out=scratch)     # z
            scratch *= MULTIPLICATIVE
            scratch += 1.0
            scratch *= x
            scratch *= a                         # a*x*(1 + c*z)
            noise *= NOISE
            scratch += noise
            scratch *= STEP_SIZE
            x -= scratch
        elif args.job == "kink":
            np.greater_equal(x, 0.0, out=scratch, casting="unsafe")
            scratch += 1.0                       # slope 2 on the right, 1 on the left (mu = 1)
            scratch *= x
            noise *= NOISE
            scratch += noise
            scratch *= STEP_SIZE
            x -= scratch
        elif args.job == "smooth":
            np.negative(x, out=scratch)
            np.exp(scratch, out=scratch)
            scratch += 1.0
            np.reciprocal(scratch, out=scratch)  # logistic(x)
            scratch += x
            noise *= NOISE
            scratch += noise
            scratch *= STEP_SIZE
            x -= scratch
        elif args.job == "dense":
            np.matmul(flat, matrix, out=flat_scratch)   # A symmetric: x A = (A x)^T
            noise *= NOISE
            scratch += noise
            scratch *= STEP_SIZE
            x -= scratch
        if t % PERIOD == 0 or t == args.steps:
            x[...] = x.mean(axis=1, keepdims=True)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    average = x.mean(axis=1)
    errors = objective(np, args, average, a, matrix)
    return wall, cpu, errors, blas_info()


def objective(np, args, average, a, matrix):
    if args.job in ("diagonal", "multiplicative"):
        return (0.5 * a * average * average).sum(axis=1)
    if args.job == "kink":
        value = average[:, 0]
        return np.where(value >= 0, value * value, 0.5 * value * value)
    if args.job == "smooth":
        value = average[:, 0]
        minimizer = -0.4046
        for _ in range(60):  # Newton on f'(x) = x + logistic(x)
            logistic = 1.0 / (1.0 + np.exp(-minimizer))
            minimizer -= (minimizer + logistic) / (1.0 + logistic * (1.0 - logistic))
        f = lambda v: 0.5 * v * v + np.logaddexp(0.0, v)
        return f(value) - f(minimizer)
    return 0.5 * np.einsum("ri,ij,rj->r", average, matrix, average)


def torch_run(args):
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = torch.float64
    shape = (args.replicates, args.workers, args.dimension)
    x = torch.ones(shape, dtype=dtype)
    noise = torch.empty(shape, dtype=dtype)
    scratch = torch.empty(shape, dtype=dtype)
    mask = torch.empty(shape, dtype=torch.bool)
    a = torch.from_numpy(curvatures(np, args.dimension))
    shrink = 1.0 - STEP_SIZE * a
    matrix = torch.from_numpy(read_matrix(np, args)) if args.job == "dense" else None
    flat, flat_scratch = x.view(-1, args.dimension), scratch.view(-1, args.dimension)
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    with torch.no_grad():
        for t in range(1, args.steps + 1):
            torch.randn(shape, dtype=dtype, out=noise)
            if args.job == "diagonal":
                x.mul_(shrink)
                x.add_(noise, alpha=-STEP_SIZE * NOISE)
            elif args.job == "multiplicative":
                torch.randn(shape, dtype=dtype, out=scratch)
                scratch.mul_(MULTIPLICATIVE).add_(1.0).mul_(x).mul_(a)
                scratch.add_(noise, alpha=NOISE)
                x.add_(scratch, alpha=-STEP_SIZE)
            elif args.job == "kink":
                torch.ge(x, 0.0, out=mask)
                scratch.copy_(mask)
                scratch.add_(1.0).mul_(x).add_(noise, alpha=NOISE)
                x.add_(scratch, alpha=-STEP_SIZE)
            elif args.job == "smooth":
                torch.sigmoid(x, out=scratch)
                scratch.add_(x).add_(noise, alpha=NOISE)
                x.add_(scratch, alpha=-STEP_SIZE)
            elif args.job == "dense":
                torch.matmul(flat, matrix, out=flat_scratch)
                scratch.add_(noise, alpha=NOISE)
                x.add_(scratch, alpha=-STEP_SIZE)
            if t % PERIOD == 0 or t == args.steps:
                x.copy_(x.mean(dim=1, keepdim=True).expand_as(x))
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    average = x.mean(dim=1).numpy()
    errors = objective(np, args, average, a.numpy(), None if matrix is None else matrix.numpy())
    return wall, cpu, errors, {"torch": torch.__version__, "threads": torch.get_num_threads()}


def read_data(args):
    with open(args.data) as handle:
        return json.load(handle)


def read_matrix(np, args):
    return np.array(read_data(args)["matrix"]).reshape(args.dimension, args.dimension)


def numpy_family_run(args):
    import numpy as np
    from family_jobs import run
    data = read_data(args) if args.data else {}
    return run(np, args, data, STEP_SIZE, PERIOD, NOISE) + (blas_info(),)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: pool.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for pool in threadpool_info()]
    except Exception as error:  # threadpoolctl missing or failing: say so in the report
        return [{"note": f"threadpoolctl unavailable: {error}"}]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--implementation", choices=["numpy", "torch"], required=True)
    parser.add_argument("--job", default="diagonal", choices=["diagonal", "multiplicative", "kink", "smooth", "dense", *FAMILY_JOBS])
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--dimension", type=int, default=10)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=None, help="the problem's data, written by the C# job runner")
    args = parser.parse_args()
    run = numpy_run if args.implementation == "numpy" else torch_run
    wall, cpu, errors, info = run(args)
    import numpy as np
    errors = np.asarray(errors, dtype=float)
    updates = float(args.replicates) * args.workers * args.steps * args.dimension
    print(json.dumps({
        "implementation": args.implementation, "job": args.job, "replicates": args.replicates, "workers": args.workers,
        "dimension": args.dimension, "steps": args.steps, "threads": args.threads,
        "wall_seconds": wall, "cpu_seconds": cpu, "updates": updates,
        "sum": float(errors.sum()), "sum_of_squares": float((errors * errors).sum()), "count": int(errors.size),
        "info": info, "pid": os.getpid(),
    }))


if __name__ == "__main__":
    sys.exit(main())
