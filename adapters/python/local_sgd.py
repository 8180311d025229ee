#!/usr/bin/env python3
"""Local SGD speaking the LocalSgdVerify protocol, version 1 (standard library only).

This is the template to copy when you connect your own Local SGD code to `localsgd-verify validate`.
The protocol is described in docs/protocol.md; in short: one JSON object per line on stdin (from the
harness) and stdout (to the harness), stderr goes to the user's log, and the harness drives:

    harness: {"type":"hello",...}            you: {"type":"hello","protocol_version":"1",...}
    harness: {"type":"run",...}              you: {"type":"query","step":1,"worker":0,"x":[...]}
    harness: {"type":"gradient",...}         ... one query per worker and step ...
                                             you: {"type":"sync","step":5}      (optional report)
                                             you: {"type":"result","run_id":...,"x":[...]}
    harness: {"type":"shutdown"}             you: exit with code 0

Usage:
    python3 local_sgd.py [--batch] [--no-sync-reports] [--bug NAME]

--batch asks for all workers' gradients of a step in one `query_batch` message. --bug NAME (or the
environment variable LOCALSGD_BUG) plants one known implementation bug; the harness's diagnosis must name
it. The bug names are the bug classes of docs/protocol.md, plus `wrong_noise_scale` (blackbox mode only).
"""
import argparse
import json
import math
import os
import random
import sys

PROTOCOL_VERSION = "1"
IMPLEMENTATION = "python-local-sgd"
VERSION = "1.0.0"


# ---------------------------------------------------------------------------------------------------------
# Wire: one JSON object per line. Flush after every line, or the harness waits forever for a buffered answer.
# ---------------------------------------------------------------------------------------------------------

class Channel:
    def __init__(self, reader=sys.stdin, writer=sys.stdout):
        self.reader = reader
        self.writer = writer

    def send(self, message):
        # allow_nan=False: JSON has no NaN; a non-finite value is a bug we want to see here, not in the harness.
        self.writer.write(json.dumps(message, allow_nan=False) + "\n")
        self.writer.flush()

    def receive(self):
        line = self.reader.readline()
        if not line:
            raise EOFError("the harness closed standard input")
        return json.loads(line)

    def log(self, text):
        self.send({"type": "log", "message": text})


def fail(text):
    sys.stderr.write(text + "\n")
    sys.exit(1)


# ---------------------------------------------------------------------------------------------------------
# Local SGD (docs/protocol.md "The algorithm"): every worker i takes y_i = x_i - eta_s * g_i at every step
# s = 1..T; after every s in sync_steps all workers take the average (1/N) sum_j y_j. The sum runs over workers
# in order 0..N-1 and is then divided by N, which reproduces the harness's reference bit for bit.
# The policies below are the places where real implementations differ; the --bug variants replace them.
# ---------------------------------------------------------------------------------------------------------

class Policy:
    """The correct choices. Each method is one decision of the loop."""

    def __init__(self, run):
        self.run = run
        self.steps = run["steps"]
        self.declared = set(run["schedule"]["sync_steps"])

    def start(self, worker, x0):
        return list(x0)

    def averages_after(self, step, rounds_so_far):
        return step in self.declared

    def step_size(self, step, rounds_so_far):
        return self.run["step_sizes"][step - 1]

    def gradient_sign(self):
        return 1.0

    def named_worker(self, worker, workers):
        """The worker whose gradient (data shard, noise stream) worker `worker` draws."""
        return worker

    def gradient_for(self, worker, workers):
        """Whose gradient updates worker `worker`'s model."""
        return worker

    def micro_batches(self):
        return 1

    def combine(self, models):
        workers, dimension = len(models), len(models[0])
        average = []
        for k in range(dimension):
            total = 0.0
            for model in models:
                total += model[k]
            average.append(total / workers)
        return average

    def receivers(self, workers):
        return range(workers)

    def after_average(self, previous_global, average):
        return average

    def output(self):
        return self.run["output"]

    def noise_scale(self):
        return 1.0


def local_sgd(run, policy, gradients, report_sync):
    """Runs Local SGD; `gradients(step, named_workers, points)` returns one gradient per worker."""
    workers, steps, dimension = run["workers"], run["steps"], run["dimension"]
    models = [policy.start(i, run["x0"]) for i in range(workers)]
    previous_global = list(run["x0"])
    pending = [[0.0] * dimension for _ in range(workers)]
    group = policy.micro_batches()
    in_group = 0
    rounds = 0
    output = policy.output()
    weighted_sum, weight_total = [0.0] * dimension, 0.0
    sign = policy.gradient_sign()

    for step in range(1, steps + 1):
        eta = policy.step_size(step, rounds)
        named = [policy.named_worker(i, workers) for i in range(workers)]
        g = gradients(step, named, models)
        in_group += 1
        apply_now = group == 1 or step % group == 0 or step == steps
        for i in range(workers):
            x, gi = models[i], g[policy.gradient_for(i, workers)]
            if group == 1:
                models[i] = [x[k] - sign * eta * gi[k] for k in range(dimension)]
                continue
            pending[i] = [pending[i][k] + gi[k] for k in range(dimension)]
            if apply_now:
                models[i] = [x[k] - sign * eta * (pending[i][k] / in_group) for k in range(dimension)]
                pending[i] = [0.0] * dimension
        if apply_now:
            in_group = 0

        # The virtual average x̄^s (before averaging), for the Polyak-Ruppert output.
        virtual = mean(models) if output == "polyak_ruppert" else None
        if policy.averages_after(step, rounds):
            combined = policy.combine(models)
            combined = policy.after_average(previous_global, combined)
            previous_global = list(combined)
            for i in policy.receivers(workers):
                models[i] = list(combined)
            rounds += 1
            report_sync(step)
        if output == "polyak_ruppert":
            weighted_sum = [weighted_sum[k] + 1.0 * virtual[k] for k in range(dimension)]
            weight_total += 1.0

    if output == "polyak_ruppert":
        return [weighted_sum[k] / weight_total for k in range(dimension)], rounds
    if output == "last_average":
        return list(models[0]), rounds
    raise ValueError("output %r is not supported by this adapter (supported: last_average, polyak_ruppert)" % output)


def mean(models):
    workers, dimension = len(models), len(models[0])
    result = []
    for k in range(dimension):
        total = 0.0
        for model in models:
            total += model[k]
        result.append(total / workers)
    return result


# ---------------------------------------------------------------------------------------------------------
# Planted bugs, one per bug class of docs/protocol.md. Each overrides one decision of Policy.
# ---------------------------------------------------------------------------------------------------------

class SyncOneStepLate(Policy):
    def averages_after(self, step, rounds_so_far):  # checks the counter after advancing it
        return (step - 1) in self.declared or step == self.steps


class SyncOneStepEarly(Policy):
    def averages_after(self, step, rounds_so_far):
        return (step + 1) in self.declared or step == self.steps


class PytorchZeroBasedWarmup(Policy):
    def averages_after(self, step, rounds_so_far):  # PeriodicModelAverager(period=H, warmup_steps=0)
        period = min(self.declared)
        return (step - 1) % period == 0 or step == self.steps


class WarmupOffset(Policy):
    def averages_after(self, step, rounds_so_far):  # two warm-up steps counted that the schedule did not declare
        return (step - 2) in self.declared or step == self.steps


class CounterAdvancesTwice(Policy):
    def averages_after(self, step, rounds_so_far):
        return 2 * step in self.declared or step == self.steps


class NoFinalSync(Policy):
    def averages_after(self, step, rounds_so_far):
        return step in self.declared and step != self.steps


class AverageNotBroadcast(Policy):
    def receivers(self, workers):
        return range(1)


class DivisorNMinus1(Policy):
    def combine(self, models):
        return [sum(model[k] for model in models) / max(1, len(models) - 1) for k in range(len(models[0]))]


class SumNotDivided(Policy):
    def combine(self, models):
        return [sum(model[k] for model in models) for k in range(len(models[0]))]


class UnequalWeights(Policy):
    def combine(self, models):  # weighted by "example counts" 1, 2, ..., N
        n = len(models)
        total = n * (n + 1) / 2.0
        result = []
        for k in range(len(models[0])):
            value = 0.0
            for i, model in enumerate(models):
                value += (i + 1) / total * model[k]
            result.append(value)
        return result


class StepSizeIndexedByRound(Policy):
    def step_size(self, step, rounds_so_far):
        return self.run["step_sizes"][min(rounds_so_far, self.steps - 1)]


class StepSizeOneStepAhead(Policy):
    def step_size(self, step, rounds_so_far):
        return self.run["step_sizes"][min(step, self.steps - 1)]


class StepSizeOneStepBehind(Policy):
    def step_size(self, step, rounds_so_far):
        return self.run["step_sizes"][max(step - 2, 0)]


class WorkersNotStartingFromX0(Policy):
    def start(self, worker, x0):  # e.g. each rank initialised its own model instead of loading the broadcast one
        return [value + 0.25 * worker for value in x0]


class GradientSignFlipped(Policy):
    def gradient_sign(self):
        return -1.0


class PseudoGradientSignFlipped(Policy):
    def after_average(self, previous_global, average):  # outer step x_prev - (-(x_prev - average))
        return [previous_global[k] + (previous_global[k] - average[k]) for k in range(len(average))]


class GradientForWrongWorker(Policy):
    def gradient_for(self, worker, workers):  # an off-by-one index into the list of gradients
        return (worker + 1) % workers


class LocalStepsCountedAsMicroBatches(Policy):
    def micro_batches(self):
        return 2


class WrongOutputIterate(Policy):
    def output(self):
        return "polyak_ruppert" if self.run["output"] == "last_average" else "last_average"


class WorkerRepeated(Policy):
    def named_worker(self, worker, workers):  # worker 1 reuses worker 0's shard
        return 0 if worker == 1 else worker


class WorkerSkipped(Policy):
    skipped = True


class WrongNoiseScale(Policy):
    def noise_scale(self):  # blackbox mode: the additive noise is drawn with twice its standard deviation
        return 2.0


BUGS = {
    "sync_one_step_late": SyncOneStepLate,
    "sync_one_step_early": SyncOneStepEarly,
    "pytorch_zero_based_warmup": PytorchZeroBasedWarmup,
    "warmup_offset": WarmupOffset,
    "counter_advances_twice": CounterAdvancesTwice,
    "no_final_sync": NoFinalSync,
    "average_not_broadcast": AverageNotBroadcast,
    "divisor_n_minus_1": DivisorNMinus1,
    "sum_not_divided": SumNotDivided,
    "unequal_weights": UnequalWeights,
    "step_size_indexed_by_round": StepSizeIndexedByRound,
    "step_size_one_step_ahead": StepSizeOneStepAhead,
    "step_size_one_step_behind": StepSizeOneStepBehind,
    "workers_not_starting_from_x0": WorkersNotStartingFromX0,
    "gradient_sign_flipped": GradientSignFlipped,
    "pseudo_gradient_sign_flipped": PseudoGradientSignFlipped,
    "gradient_for_wrong_worker": GradientForWrongWorker,
    "local_steps_counted_as_micro_batches": LocalStepsCountedAsMicroBatches,
    "wrong_output_iterate": WrongOutputIterate,
    "worker_repeated": WorkerRepeated,
    "worker_skipped": WorkerSkipped,
    "wrong_noise_scale": WrongNoiseScale,
}


# ---------------------------------------------------------------------------------------------------------
# Gradients: from the harness (oracle mode) or from our own noise (blackbox mode).
# ---------------------------------------------------------------------------------------------------------

def harness_gradients(channel, batch, skip_last_worker):
    def gradients(step, named, points):
        workers = len(points)
        if batch:
            rows = [None] * workers
            for i in range(workers):
                rows[named[i]] = points[i]
            for i in range(workers):
                if rows[i] is None:
                    rows[i] = points[i]
            channel.send({"type": "query_batch", "step": step, "x": rows})
            answer = expect(channel, "gradients")
            return [answer["g"][named[i]] for i in range(workers)]
        result = []
        for i in range(workers):
            if skip_last_worker and i == workers - 1 and workers > 1:
                result.append([0.0] * len(points[i]))
                continue
            channel.send({"type": "query", "step": step, "worker": named[i], "x": points[i]})
            answer = expect(channel, "gradient")
            result.append(answer["g"])
        return result
    return gradients


def expect(channel, kind):
    message = channel.receive()
    if message.get("type") == "error":
        fail("the harness stopped the run: %s: %s" % (message.get("code"), message.get("message")))
    if message.get("type") != kind:
        fail("expected a %s message, got %r" % (kind, message.get("type")))
    return message


class Problem:
    """The problem families of blackbox mode (docs/protocol.md "Blackbox mode")."""

    def __init__(self, description, noise_scale):
        self.family = description["family"]
        self.parameters = description.get("parameters", {})
        self.noise_scale = noise_scale
        if self.family not in ("separable_quadratic", "kink", "smooth"):
            raise ValueError("problem family %r is not supported (supported: separable_quadratic, kink, smooth)" % self.family)

    def gradient(self, x, rng):
        p = self.parameters
        if self.family == "separable_quadratic":
            a, c, sigma = p["curvatures"], p["multiplicative_noise"], p["additive_noise"] * self.noise_scale
            gauss = rng.gauss
            if c == 0:
                return [a[k] * x[k] + sigma * gauss(0.0, 1.0) for k in range(len(x))]
            return [a[k] * x[k] * (1.0 + c * gauss(0.0, 1.0)) + sigma * gauss(0.0, 1.0) for k in range(len(x))]
        sigma = p["noise"] * self.noise_scale
        if self.family == "kink":
            mu = p.get("curvature", 1.0)
            derivative = 2.0 * mu * x[0] if x[0] >= 0 else mu * x[0]
        else:
            # f(x) = x^2/2 + ln(1 + e^x): f'(x) = x + 1/(1 + e^-x), written to avoid overflow for large |x|
            derivative = x[0] + (1.0 / (1.0 + math.exp(-x[0])) if x[0] >= 0 else math.exp(x[0]) / (1.0 + math.exp(x[0])))
        return [derivative + sigma * rng.gauss(0.0, 1.0)]


def own_gradients(problem, seed):
    rng = random.Random(seed)

    def gradients(step, named, points):
        # Draw in a fixed order (step, then worker) so a run is a pure function of its seed.
        return [problem.gradient(points[i], rng) for i in range(len(points))]
    return gradients


# ---------------------------------------------------------------------------------------------------------
# Session
# ---------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", action="store_true", help="ask for all workers' gradients of a step at once (query_batch)")
    parser.add_argument("--no-sync-reports", action="store_true", help="do not report averaging steps with sync messages")
    parser.add_argument("--bug", default=os.environ.get("LOCALSGD_BUG", ""), help="plant a known bug (see BUGS)")
    args = parser.parse_args()
    if args.bug and args.bug not in BUGS:
        fail("unknown --bug %r; known: %s" % (args.bug, ", ".join(sorted(BUGS))))
    policy_class = BUGS.get(args.bug, Policy)

    channel = Channel()
    hello = channel.receive()
    if hello.get("type") != "hello":
        fail("expected the harness hello first, got %r" % hello.get("type"))
    channel.send({"type": "hello", "protocol_version": PROTOCOL_VERSION, "implementation": IMPLEMENTATION,
                  "version": VERSION, "supports": ["oracle", "blackbox"], "batch_gradients": args.batch})
    if args.bug:
        sys.stderr.write("planted bug: %s\n" % args.bug)

    while True:
        try:
            message = channel.receive()
        except EOFError:
            return 0
        kind = message.get("type")
        if kind == "shutdown":
            return 0
        if kind == "error":
            fail("the harness stopped: %s: %s" % (message.get("code"), message.get("message")))
        if kind not in ("run", "run_blackbox"):
            fail("unexpected message %r between runs" % kind)
        policy = policy_class(message)

        def report_sync(step):
            if not args.no_sync_reports:
                channel.send({"type": "sync", "step": step})

        try:
            if kind == "run":
                gradients = harness_gradients(channel, args.batch, getattr(policy, "skipped", False))
            else:
                gradients = own_gradients(Problem(message["problem"], policy.noise_scale()), message["seed"])
            x, rounds = local_sgd(message, policy, gradients, report_sync)
        except ValueError as error:
            channel.send({"type": "error", "message": str(error)})
            continue
        channel.send({"type": "result", "run_id": message["run_id"], "x": x, "rounds": rounds})


if __name__ == "__main__":
    sys.exit(main())
