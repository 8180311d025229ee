"""numpy versions of the comparison's family jobs (python_job.py describes them; ComparisonJob.cs defines them).

Written as well as numpy allows: preallocated buffers, one generator call per step, in-place ufuncs, and for the
sampled-row jobs one array per coordinate (coordinate, replicate, worker) and one per data column, so that each
gathered column (np.take into a buffer) meets its coordinate in one contiguous pass. run() returns the wall and CPU
seconds of the step loop and the per-replicate errors F(xbar_T) - F*.
"""
import time


def run(np, args, data, eta, period, noise):
    job = {
        "kink-adaptive": adaptive_scalar, "smooth-adaptive": adaptive_scalar,
        "least-squares": sampled_rows, "least-squares-full": sampled_rows, "logistic": sampled_rows,
        "heterogeneous": heterogeneous, "uv": uv, "heterogeneous-hierarchical": heterogeneous,
    }[args.job]
    return job(np, args, data, eta, period, noise)


def adaptive_scalar(np, args, data, eta, period, noise):
    """kink or smooth (d = 1) under ADA-LUPA's loss rule: each replicate keeps its own next sync step."""
    rng = np.random.default_rng(args.seed)
    smooth = args.job.startswith("smooth")
    replicates, workers, steps = args.replicates, args.workers, args.steps
    x = np.ones((replicates, workers))
    draws = np.empty_like(x)
    slope = np.empty_like(x)
    minimizer = smooth_minimizer(np) if smooth else 0.0

    def error(values):
        if smooth:
            return smooth_value(np, values) - smooth_value(np, np.array(minimizer))
        return np.where(values >= 0, values * values, 0.5 * values * values)

    initial = error(np.ones(1))[0]
    next_sync = np.full(replicates, min(period, steps))
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            rng.standard_normal(out=draws)
            if smooth:
                np.negative(x, out=slope)
                np.exp(slope, out=slope)
                slope += 1.0
                np.reciprocal(slope, out=slope)   # logistic(x)
                slope += x
            else:
                np.greater_equal(x, 0.0, out=slope, casting="unsafe")
                slope += 1.0
                slope *= x
            draws *= noise
            slope += draws
            slope *= eta
            x -= slope
            due = np.flatnonzero(next_sync == t)
            if due.size:
                average = x[due].mean(axis=1)
                x[due] = average[:, None]
                if t < steps:
                    ratio = initial / error(average)
                    multiplier = np.where(np.isfinite(ratio) & (ratio > 1), np.ceil(np.cbrt(ratio)), 1.0)
                    length = np.maximum(1, np.minimum(multiplier * period, steps)).astype(np.int64)
                    next_sync[due] = np.minimum(steps, t + length)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    average = x.mean(axis=1)
    return wall, cpu, error(average)


def smooth_minimizer(np):
    minimizer = -0.4046
    for _ in range(60):  # Newton on f'(x) = x + logistic(x)
        logistic = 1.0 / (1.0 + np.exp(-minimizer))
        minimizer -= (minimizer + logistic) / (1.0 + logistic * (1.0 - logistic))
    return minimizer


def smooth_value(np, values):
    return 0.5 * values * values + np.logaddexp(0.0, values)


def sampled_rows(np, args, data, eta, period, noise):
    """Least squares or logistic regression: B rows drawn with replacement per worker and step."""
    rng = np.random.default_rng(args.seed)
    logistic = args.job == "logistic"
    replicates, workers, d, steps = args.replicates, args.workers, args.dimension, args.steps
    rows, batch = data["rows"], data["batch_size"]
    design = np.array(data["design"]).reshape(rows, d)
    extra = np.array(data["labels"] if logistic else data["targets"], dtype=float)
    columns = [np.ascontiguousarray(design[:, j]) for j in range(d)]
    negated_extra = -extra                       # -b (residual start) or -y
    regularization = data.get("regularization", 0.0)
    shape = (replicates, workers, batch)
    x = np.ones((d, replicates, workers))
    gathered = np.empty((d,) + shape)
    start = np.empty(shape)
    coefficient = np.empty(shape)
    product = np.empty(shape)
    step = np.empty((replicates, workers))
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    with np.errstate(over="ignore"):
        for t in range(1, steps + 1):
            chosen = rng.integers(0, rows, size=shape)
            np.take(negated_extra, chosen, out=start)
            for j in range(d):
                np.take(columns[j], chosen, out=gathered[j])
            if logistic:
                np.multiply(gathered[0], x[0][:, :, None], out=coefficient)
                for j in range(1, d):
                    np.multiply(gathered[j], x[j][:, :, None], out=product)
                    coefficient += product               # a.x
                coefficient *= start                     # z = -y a.x
                np.negative(coefficient, out=coefficient)
                np.exp(coefficient, out=coefficient)
                coefficient += 1.0
                np.divide(start, coefficient, out=coefficient)   # -y sigmoid(z)
            else:
                np.copyto(coefficient, start)
                for j in range(d):
                    np.multiply(gathered[j], x[j][:, :, None], out=product)
                    coefficient += product               # a.x - b
            for j in range(d):
                np.einsum("rnb,rnb->rn", gathered[j], coefficient, out=step)
                step *= eta / batch
                if logistic:
                    x[j] *= 1.0 - eta * regularization
                x[j] -= step
            if t % period == 0 or t == steps:
                x[...] = x.mean(axis=2, keepdims=True)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    average = x.mean(axis=2).T                           # (replicates, d)
    optimum = np.array(data["optimum"])
    if logistic:
        margins = -extra[None, :] * (average @ design.T)
        value = np.logaddexp(0.0, margins).mean(axis=1) + 0.5 * regularization * (average * average).sum(axis=1)
        return wall, cpu, value - data["optimal_value"]
    deviation = average - optimum
    hessian = design.T @ design / rows
    return wall, cpu, 0.5 * np.einsum("ri,ij,rj->r", deviation, hessian, deviation)


def heterogeneous(np, args, data, eta, period, noise, group_size=2, global_period=40):
    """Heterogeneous quadratics: x <- x(1 - eta a) + eta a x*_i - eta sigma s, three in-place passes per step; under
    hierarchical averaging pairs of workers average every period steps and all every global_period steps and at T."""
    hierarchical = args.job.endswith("-hierarchical")
    rng = np.random.default_rng(args.seed)
    replicates, workers, d, steps = args.replicates, args.workers, args.dimension, args.steps
    a = np.array(data["curvatures"])
    optima = np.array(data["worker_optima"]).reshape(workers, d)
    shrink = 1.0 - eta * a
    shift = eta * a * optima                             # (workers, d), broadcast over replicates
    x = np.ones((replicates, workers, d))
    groups = x.reshape(replicates, workers // group_size, group_size, d) if hierarchical else None  # a view of x
    draws = np.empty_like(x)
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for t in range(1, steps + 1):
        rng.standard_normal(out=draws)
        x *= shrink
        x += shift
        draws *= eta * noise
        x -= draws
        if t == steps or t % (global_period if hierarchical else period) == 0:
            x[...] = x.mean(axis=1, keepdims=True)
        elif hierarchical and t % period == 0:
            groups[...] = groups.mean(axis=2, keepdims=True)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    deviation = x.mean(axis=1) - np.array(data["optimum"])
    return wall, cpu, (0.5 * a * deviation * deviation).sum(axis=1)


def uv(np, args, data, eta, period, noise):
    """The label-noise uv toy: u and v in separate arrays, both gradients from the old point."""
    rng = np.random.default_rng(args.seed)
    replicates, workers, steps = args.replicates, args.workers, args.steps
    u, v = np.ones((replicates, workers)), np.ones((replicates, workers))
    draws, residual, first, second = (np.empty_like(u) for _ in range(4))
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for t in range(1, steps + 1):
        rng.standard_normal(out=draws)
        np.multiply(u, v, out=residual)
        residual -= 1.0
        draws *= noise                                   # s / sqrt(local batch), local batch 1
        residual -= draws
        residual *= eta
        np.multiply(residual, v, out=first)
        np.multiply(residual, u, out=second)
        u -= first
        v -= second
        if t % period == 0 or t == steps:
            u[...] = u.mean(axis=1, keepdims=True)
            v[...] = v.mean(axis=1, keepdims=True)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    mean_residual = u.mean(axis=1) * v.mean(axis=1) - 1.0
    return wall, cpu, 0.5 * mean_residual * mean_residual
