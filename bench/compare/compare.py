"""Runs the same Local SGD jobs in numpy, PyTorch and LocalSgdVerify and prints a Markdown table of throughputs.

Called by bench/compare.sh (which installs the packages and builds the C# side). For every job and shape it runs
numpy in one process and in two processes (half the replicates each, at the same time), PyTorch with one and two
threads, and LocalSgdVerify with one and two threads; checks every Monte Carlo estimate of E F(xbar_T) - F*
against the exact value from LocalSgdVerify's exact engine (or, where none exists, against the other
implementations) and flags disagreements beyond 4.5 standard errors; prints M coordinate-updates per second
(R*N*T*d / seconds) by wall time and by CPU time, and the ratios to numpy in one process.

The family jobs (least squares, logistic regression, heterogeneous quadratics, the uv toy, the 1-D problems under
ADA-LUPA's loss rule, heterogeneous quadratics under hierarchical averaging) run without PyTorch but with two more LocalSgdVerify runs on one thread, taken in the same
pass: the reference loop (--fast false, the path these families took before they had kernels), whose estimate must
equal the kernel's bit for bit, and the diagonal job on the same (R, N, d, T); a second table sets the kernel's rate
against the reference loop, the diagonal kernel and numpy.
"""
import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"
LIMIT = 4.5

SHAPES = {
    # (job, R, N, d, T)
    "diagonal": [("diagonal", 1000, 8, 10, 1000), ("diagonal", 100, 16, 100, 1000), ("diagonal", 10, 8, 1000, 200)],
    "others": [("multiplicative", 100, 16, 100, 1000), ("kink", 20000, 8, 1, 1000), ("smooth", 20000, 8, 1, 1000),
               ("dense", 40, 8, 100, 1000)],
    "families": [("least-squares", 4000, 8, 5, 1000), ("least-squares-full", 1000, 8, 10, 1000), ("logistic", 4000, 8, 5, 1000),
                 ("logistic", 1000, 8, 10, 1000), ("heterogeneous", 1000, 8, 10, 1000), ("uv", 4000, 8, 2, 1000),
                 ("kink-adaptive", 20000, 8, 1, 1000), ("smooth-adaptive", 20000, 8, 1, 1000),
                 ("heterogeneous-hierarchical", 1000, 8, 10, 1000)],
}
FAMILIES = {shape[0] for shape in SHAPES["families"]}


def run_json(command, environment=None):
    completed = subprocess.run(command, capture_output=True, text=True, env=environment)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def numpy_environment():
    environment = dict(os.environ)
    # Older OpenBLAS builds misbehave on some CPUs, so the machine may pin a core type; a current numpy is slowed by
    # it. Unset both for the numpy run of this comparison only, and one BLAS thread per process.
    environment.pop("OPENBLAS_CORETYPE", None)
    environment.pop("OPENBLAS_L2_SIZE", None)
    environment.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return environment


def python_runs(implementation, shape, processes, threads, seed, data):
    job, replicates, workers, dimension, steps = shape
    environment = numpy_environment() if implementation == "numpy" else dict(os.environ)
    parts = [replicates // processes + (1 if p < replicates % processes else 0) for p in range(processes)]
    commands = [[PYTHON, os.path.join(HERE, "python_job.py"), "--implementation", implementation, "--job", job,
                 "--replicates", str(part), "--workers", str(workers), "--dimension", str(dimension),
                 "--steps", str(steps), "--threads", str(threads), "--seed", str(seed + 7919 * p)]
                + (["--data", data] if data else []) for p, part in enumerate(parts)]
    start = time.perf_counter()
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment) for command in commands]
    results = []
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            sys.stderr.write(err)
            raise SystemExit(f"{implementation} failed")
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.perf_counter() - start
    count = sum(r["count"] for r in results)
    total, squares = sum(r["sum"] for r in results), sum(r["sum_of_squares"] for r in results)
    mean = total / count
    variance = max(0.0, (squares - count * mean * mean) / (count - 1)) if count > 1 else float("nan")
    return {
        "implementation": implementation, "parallel": processes if implementation == "numpy" else threads,
        "unit": "processes" if implementation == "numpy" else "threads",
        # Parallel processes: the wall time of the slowest (the loop only), CPU time summed.
        "wall_seconds": max(r["wall_seconds"] for r in results) if processes > 1 else results[0]["wall_seconds"],
        "cpu_seconds": sum(r["cpu_seconds"] for r in results),
        "updates": float(replicates) * workers * steps * dimension,
        "mean": mean, "standard_error": math.sqrt(variance / count), "info": results[0]["info"],
        "elapsed": elapsed,
    }


def csharp_run(runner, shape, threads, seed, data, fast=True, repeat=2):
    job, replicates, workers, dimension, steps = shape
    command = [runner, "job", "--job", job, "--replicates", str(replicates), "--workers", str(workers),
               "--dimension", str(dimension), "--steps", str(steps), "--threads", str(threads), "--seed", str(seed),
               "--repeat", str(repeat), "--fast", "true" if fast else "false"] + (["--data", data] if data else [])
    result = run_json(command)
    name = "LocalSgdVerify" if fast else "LocalSgdVerify reference loop"
    result.update(implementation=name, parallel=threads, unit="threads",
                  updates=float(replicates) * workers * steps * dimension)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runner", required=True, help="the built LocalSgdVerify.Benchmarks executable")
    parser.add_argument("--jobs", default="all", choices=["all", "diagonal", "others", "families"])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shapes = SHAPES["diagonal"] + SHAPES["others"] + SHAPES["families"] if args.jobs == "all" else SHAPES[args.jobs]

    load_before = os.getloadavg()
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; {cpu_model()}")
    print(f"Load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    rows, problems, targets = [], [], []
    scratch = tempfile.mkdtemp(prefix="localsgd-compare-")
    for shape in shapes:
        job, replicates, workers, dimension, steps = shape
        family = job in FAMILIES
        data = os.path.join(scratch, f"{job}-{dimension}.json") if job == "dense" or family else None
        results = [csharp_run(args.runner, shape, 1, args.seed, data), csharp_run(args.runner, shape, 2, args.seed, data)]
        if family:
            # The reference loop and the diagonal kernel on the same shape, one thread each, in the same pass.
            results.append(csharp_run(args.runner, shape, 1, args.seed, data, fast=False, repeat=1))
            diagonal = csharp_run(args.runner, ("diagonal", replicates, workers, dimension, steps), 1, args.seed, None)
            if results[2]["mean"] != results[0]["mean"]:
                problems.append(f"{job}: the kernel's estimate {results[0]['mean']!r} is not the reference loop's {results[2]['mean']!r}")
        exact = results[0].get("exact")
        for implementation, parallel in (("numpy", 1), ("numpy", 2)) + (() if family else (("torch", 1), ("torch", 2))):
            processes, threads = (parallel, 1) if implementation == "numpy" else (1, parallel)
            results.append(python_runs(implementation, shape, processes, threads, args.seed, data))
        numpy_single = next(r for r in results if r["implementation"] == "numpy" and r["parallel"] == 1)
        if shape is shapes[0] or job == "dense":
            print(f"numpy's BLAS ({job} job, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset): {json.dumps(numpy_single['info'])}")
        for result in results:
            result["shape"] = f"{job} (R,N,d,T)=({replicates},{workers},{dimension},{steps})"
            result["wall_rate"] = result["updates"] / result["wall_seconds"] / 1e6
            result["cpu_rate"] = result["updates"] / result["cpu_seconds"] / 1e6
            result["wall_ratio"] = result["wall_rate"] / (numpy_single["updates"] / numpy_single["wall_seconds"] / 1e6)
            result["cpu_ratio"] = result["cpu_rate"] / (numpy_single["updates"] / numpy_single["cpu_seconds"] / 1e6)
            reference, reference_error = (exact, 0.0) if exact is not None else (results[0]["mean"], results[0]["standard_error"])
            spread = math.sqrt(result["standard_error"] ** 2 + reference_error ** 2)
            result["z"] = (result["mean"] - reference) / spread if spread > 0 else 0.0
            if abs(result["z"]) > LIMIT and result is not results[0]:
                problems.append(f"{result['shape']}: {result['implementation']} x{result['parallel']} disagrees by {result['z']:.1f} standard errors")
            if exact is not None and result is results[0] and abs(result["z"]) > LIMIT:
                problems.append(f"{result['shape']}: LocalSgdVerify disagrees with the exact value by {result['z']:.1f} standard errors")
            result["exact"] = exact
            rows.append(result)
        if family:
            kernel, reference = results[0], results[2]
            targets.append({
                "shape": results[0]["shape"], "kernel": kernel["kernel"],
                "kernel_rate": kernel["cpu_rate"], "reference_rate": reference["cpu_rate"],
                "diagonal_rate": diagonal["updates_per_cpu_second"] / 1e6,
                "numpy_rate": numpy_single["updates"] / numpy_single["cpu_seconds"] / 1e6,
            })

    load_after = os.getloadavg()
    print(f"Load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print()
    print("| job and shape | implementation | parallel | M updates/s (wall) | x numpy (wall) | M updates/s per CPU-second | x numpy (CPU) | E F(x̄_T) − F* ± s.e. | exact | z |")
    print("|---|---|---|---:|---:|---:|---:|---|---|---:|")
    for r in rows:
        exact = "—" if r["exact"] is None else f"{r['exact']:.6g}"
        print(f"| {r['shape']} | {r['implementation']} | {r['parallel']} {r['unit']} | {r['wall_rate']:.1f} | {r['wall_ratio']:.2f} | "
              f"{r['cpu_rate']:.1f} | {r['cpu_ratio']:.2f} | {r['mean']:.6g} ± {r['standard_error']:.2g} | {exact} | {r['z']:+.2f} |")
    if targets:
        print()
        print("Family kernels against the reference loop, the diagonal kernel on the same (R, N, d, T) and numpy in place "
              "(one thread or process each, M updates per CPU-second, all from this run):")
        print()
        print("| job and shape | kernel | kernel | reference loop | kernel ÷ reference | diagonal kernel | diagonal ÷ kernel | numpy | kernel ÷ numpy |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for t in targets:
            print(f"| {t['shape']} | {t['kernel']} | {t['kernel_rate']:.1f} | {t['reference_rate']:.1f} | {t['kernel_rate'] / t['reference_rate']:.1f} | "
                  f"{t['diagonal_rate']:.1f} | {t['diagonal_rate'] / t['kernel_rate']:.2f} | {t['numpy_rate']:.1f} | {t['kernel_rate'] / t['numpy_rate']:.2f} |")
    print()
    if problems:
        print("DISAGREEMENT beyond 4.5 standard errors:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    print(f"All estimates agree with the exact value (or, without one, with LocalSgdVerify's) within {LIMIT} standard errors.")
    return 0


def cpu_model():
    model, vector = "unknown CPU", "no AVX-512"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                if line.startswith("flags") and "avx512f" in line.split():
                    vector = "AVX-512"
    except OSError:
        pass
    return f"{model}, {vector}"


if __name__ == "__main__":
    sys.exit(main())
