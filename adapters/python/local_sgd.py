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
    python3 local_sgd.py [--batch] [--no-sync-reports] [--bug NAME[=VALUE]]

--batch asks for all workers' gradients of a step in one `query_batch` message. --bug NAME (or the
environment variable LOCALSGD_BUG) plants one known implementation bug; the harness's diagnosis must name
it. The bug names are the bug classes of docs/protocol.md, plus `wrong_noise_scale` (blackbox mode only).
VALUE sets a parametric bug's parameter (momentum beta, weight decay lambda, clipping threshold, step-size
factor, flipped worker, group size, left-out worker); for the protocol bugs it restricts the misbehaviour to
the runs whose run_id contains VALUE.
"""
import argparse
import json
import math
import os
import random
import struct
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
# in order 0..N-1 and is then divided by N, which reproduces the harness's reference bit for bit. A hierarchical
# schedule also sends group_sizes: after sync_steps[j] the workers average within contiguous groups of
# group_sizes[j] workers (0..g-1, g..2g-1, ...), each group's sum taken in worker order and divided by g.
# The policies below are the places where real implementations differ; the --bug variants replace them.
# ---------------------------------------------------------------------------------------------------------

class Policy:
    """The correct choices. Each method is one decision of the loop."""

    default_parameter = None

    def __init__(self, run, parameter=None):
        self.run = run
        self.steps = run["steps"]
        self.declared = set(run["schedule"]["sync_steps"])
        sizes = run["schedule"].get("group_sizes") or [run["workers"]] * len(run["schedule"]["sync_steps"])
        self.group_sizes = dict(zip(run["schedule"]["sync_steps"], sizes))
        self.parameter = self.default_parameter if parameter is None else parameter

    def start(self, worker, x0):
        return list(x0)

    def averages_after(self, step, rounds_so_far):
        return step in self.declared

    def group_source(self, step):
        """The declared averaging whose group size the averaging after `step` uses (a schedule bug moves averagings with their groups)."""
        return step

    def group_size(self, step):
        """The size of the contiguous groups that average after `step` (N: all workers)."""
        return self.group_sizes.get(self.group_source(step), self.run["workers"])

    def step_size(self, step, rounds_so_far):
        return self.run["step_sizes"][step - 1]

    def gradient_sign(self, worker):
        return 1.0

    def query_point(self, worker, model, last_average):
        """Where worker `worker` asks for its gradient: its own current model."""
        return model

    def shared_gradients(self, gradients):
        """The gradients the workers step with (each its own; an all-reduce would average them)."""
        return gradients

    def direction(self, worker, x, g):
        """The vector worker `worker` steps along: its gradient (no momentum, no weight decay, no clipping)."""
        return g

    def store(self, vector):
        """How a computed vector is stored (float64: as it is)."""
        return vector

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

    def apply_average(self, models, previous_global, rounds_so_far):
        """Averages after a sync step; returns the new models and the new global model."""
        combined = self.store(self.combine(models))
        combined = self.after_average(previous_global, combined)
        models = list(models)
        for i in self.receivers(len(models)):
            models[i] = list(combined)
        return models, list(combined)

    def protocol_bug(self, run_id):
        """The protocol misbehaviour planted in this run (None: the correct protocol)."""
        return None

    def output(self):
        return self.run["output"]

    def noise_scale(self):
        return 1.0

    def last_step(self, steps):
        """The last step the loop runs (all T of them)."""
        return steps


def local_sgd(run, policy, gradients, report_sync):
    """Runs Local SGD; `gradients(step, named_workers, points)` returns one gradient per worker."""
    workers, steps, dimension = run["workers"], run["steps"], run["dimension"]
    models = [policy.store(policy.start(i, run["x0"])) for i in range(workers)]
    previous_global = list(run["x0"])
    last_average = policy.store(list(run["x0"]))
    pending = [[0.0] * dimension for _ in range(workers)]
    group = policy.micro_batches()
    in_group = 0
    rounds = 0
    output = policy.output()
    weighted_sum, weight_total = [0.0] * dimension, 0.0
    last_step = policy.last_step(steps)

    for step in range(1, last_step + 1):
        eta = policy.step_size(step, rounds)
        named = [policy.named_worker(i, workers) for i in range(workers)]
        points = [policy.query_point(i, models[i], last_average) for i in range(workers)]
        g = policy.shared_gradients([policy.store(row) for row in gradients(step, named, points)])
        in_group += 1
        apply_now = group == 1 or step % group == 0 or step == steps
        for i in range(workers):
            x, gi = models[i], g[policy.gradient_for(i, workers)]
            sign = policy.gradient_sign(i)
            if group == 1:
                d = policy.direction(i, x, gi)
                models[i] = policy.store([x[k] - sign * eta * d[k] for k in range(dimension)])
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
            size = policy.group_size(step)
            if size < workers:
                models = group_means(policy, models, size)
            else:
                models, previous_global = policy.apply_average(models, previous_global, rounds)
                last_average = list(previous_global)
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


def group_means(policy, models, size):
    """Every worker of each contiguous group of `size` workers gets the group's mean (the bugs act on global averagings only)."""
    result = list(models)
    for start in range(0, len(models), size):
        node = policy.store(mean(models[start:start + size]))
        for i in range(start, start + size):
            result[i] = list(node)
    return result


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

    def group_source(self, step):
        return step - 1


class SyncOneStepEarly(Policy):
    def averages_after(self, step, rounds_so_far):
        return (step + 1) in self.declared or step == self.steps

    def group_source(self, step):
        return step + 1


class PytorchZeroBasedWarmup(Policy):
    def averages_after(self, step, rounds_so_far):  # PeriodicModelAverager(period=H, warmup_steps=0)
        if self.run["schedule"]["kind"] == "hierarchical":
            return self.group_size(step) > 0
        period = min(self.declared)
        return (step - 1) % period == 0 or step == self.steps

    def group_size(self, step):
        if self.run["schedule"]["kind"] != "hierarchical":
            return self.run["workers"]
        # HierarchicalModelAverager(OrderedDict(levels), warmup_steps=W) with its counter s - 1: the largest level
        # whose period divides s - 1 fires; the warm-up (every step) and the final averaging after T stay.
        parameters, workers = self.run["schedule"]["parameters"], self.run["workers"]
        warmup = int(parameters["warmup_steps"])
        if step <= warmup or step == self.steps:
            return workers
        size, level = 0, 1
        while ("period_%d" % level) in parameters:
            if (step - 1) % int(parameters["period_%d" % level]) == 0:
                size = max(size, int(parameters["group_size_%d" % level]))
            level += 1
        return size


class WarmupOffset(Policy):
    def averages_after(self, step, rounds_so_far):  # two warm-up steps counted that the schedule did not declare
        return (step - 2) in self.declared or step == self.steps

    def group_source(self, step):
        return step - 2


class CounterAdvancesTwice(Policy):
    def averages_after(self, step, rounds_so_far):
        return 2 * step in self.declared or step == self.steps

    def group_source(self, step):
        return self.steps if step == self.steps else 2 * step


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
    def gradient_sign(self, worker):
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


class NeverAverages(Policy):
    default_parameter = 0.0  # 1: the averaging on exit still happens

    def averages_after(self, step, rounds_so_far):  # the periodic averaging hook was never registered
        return self.parameter == 1 and step == self.steps


class AveragesEveryStep(Policy):
    def shared_gradients(self, gradients):  # DistributedDataParallel left on: its all-reduce averages the gradients
        return [mean(gradients)] * len(gradients)


class WorkerLeftOutOfAverage(Policy):
    default_parameter = -1.0  # the last worker

    def combine(self, models):  # a loop that leaves one rank out of the average
        left = int(self.parameter) % len(models)
        others = [model for i, model in enumerate(models) if i != left] or models
        return mean(others)


class GradientAtAveragedPoint(Policy):
    def query_point(self, worker, model, last_average):  # the gradient is taken on the global model
        return last_average


class LeftoverMomentum(Policy):
    default_parameter = 0.1

    def direction(self, worker, x, g):  # torch.optim.SGD(momentum=beta): buf = beta * buf + g, kept across averaging
        buffers = self.__dict__.setdefault("buffers", {})
        previous = buffers.get(worker)
        buffers[worker] = list(g) if previous is None else [self.parameter * previous[k] + g[k] for k in range(len(g))]
        return buffers[worker]


class LeftoverWeightDecay(Policy):
    default_parameter = 0.01

    def direction(self, worker, x, g):  # torch.optim.SGD(weight_decay=lambda): g + lambda * x
        return [g[k] + self.parameter * x[k] for k in range(len(g))]


class GradientClipping(Policy):
    default_parameter = 1.0

    def direction(self, worker, x, g):  # torch.nn.utils.clip_grad_norm_(max_norm=tau) left in the loop
        norm = math.sqrt(sum(value * value for value in g))
        return [value * (self.parameter / norm) for value in g] if norm > self.parameter else g


class StepSizeScaled(Policy):
    default_parameter = 0.5

    def step_size(self, step, rounds_so_far):  # a scaling rule applied to the schedule once too often
        return self.parameter * self.run["step_sizes"][step - 1]


class GradientSignFlippedOnSomeWorkers(Policy):
    default_parameter = 1.0  # the flipped worker

    def gradient_sign(self, worker):  # one rank's loss is negated
        return -1.0 if worker == int(self.parameter) % self.run["workers"] else 1.0


class HierarchicalAveraging(Policy):
    default_parameter = 2.0  # workers per node

    def apply_average(self, models, previous_global, rounds_so_far):
        # Node-local averages at every sync; all nodes together only at every second sync and after the last step.
        size = int(self.parameter)
        workers = len(models)
        is_global = rounds_so_far % 2 == 1 or not any(step > self.current for step in self.declared)
        if is_global or workers % size != 0 or size >= workers:
            return Policy.apply_average(self, models, previous_global, rounds_so_far)
        result = list(models)
        for start in range(0, workers, size):
            node = mean(models[start:start + size])
            for i in range(start, start + size):
                result[i] = list(node)
        return result, previous_global

    def averages_after(self, step, rounds_so_far):
        self.current = step
        return step in self.declared


class Float32Arithmetic(Policy):
    def store(self, vector):  # the model, the gradients and the averages kept as float32 (numpy.float32, torch.float32)
        return [struct.unpack("f", struct.pack("f", value))[0] for value in vector]


class ProtocolBug(Policy):
    """A protocol misbehaviour, restricted to the runs whose run_id contains the bug's VALUE (all runs without one)."""

    default_parameter = ""

    def protocol_bug(self, run_id):
        return self.name if str(self.parameter) in run_id else None


class ResultSentTwice(ProtocolBug):
    name = "result_sent_twice"


class MessageAfterResult(ProtocolBug):
    name = "message_after_result"


class SyncAfterLastStep(ProtocolBug):
    name = "sync_after_last_step"


class RunEndedEarly(ProtocolBug):
    name = "run_ended_early"

    def last_step(self, steps):  # the loop stops one step short and returns what it has
        return steps - 1 if self.protocol_bug(self.run["run_id"]) else steps


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
    "never_averages": NeverAverages,
    "averages_every_step": AveragesEveryStep,
    "worker_left_out_of_average": WorkerLeftOutOfAverage,
    "gradient_at_averaged_point": GradientAtAveragedPoint,
    "leftover_momentum": LeftoverMomentum,
    "leftover_weight_decay": LeftoverWeightDecay,
    "gradient_clipping": GradientClipping,
    "step_size_scaled": StepSizeScaled,
    "gradient_sign_flipped_on_some_workers": GradientSignFlippedOnSomeWorkers,
    "hierarchical_averaging": HierarchicalAveraging,
    "float32_arithmetic": Float32Arithmetic,
    "result_sent_twice": ResultSentTwice,
    "message_after_result": MessageAfterResult,
    "sync_after_last_step": SyncAfterLastStep,
    "run_ended_early": RunEndedEarly,
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
    parser.add_argument("--bug", default=os.environ.get("LOCALSGD_BUG", ""), help="plant a known bug (see BUGS), NAME or NAME=VALUE")
    args = parser.parse_args()
    bug, _, value = args.bug.partition("=")
    if bug and bug not in BUGS:
        fail("unknown --bug %r; known: %s" % (bug, ", ".join(sorted(BUGS))))
    policy_class = BUGS.get(bug, Policy)
    parameter = None
    if value:
        parameter = value if issubclass(policy_class, ProtocolBug) else float(value)

    channel = Channel()
    hello = channel.receive()
    if hello.get("type") != "hello":
        fail("expected the harness hello first, got %r" % hello.get("type"))
    channel.send({"type": "hello", "protocol_version": PROTOCOL_VERSION, "implementation": IMPLEMENTATION,
                  "version": VERSION, "supports": ["oracle", "blackbox"], "batch_gradients": args.batch})
    if bug:
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
        policy = policy_class(message, parameter)
        misbehaviour = policy.protocol_bug(message["run_id"])

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
        if misbehaviour == "sync_after_last_step":
            channel.send({"type": "sync", "step": message["steps"] + 1})
        result = {"type": "result", "run_id": message["run_id"], "x": x, "rounds": rounds}
        channel.send(result)
        if misbehaviour == "result_sent_twice":
            channel.send(result)
        if misbehaviour == "message_after_result":
            channel.send({"type": "sync", "step": message["steps"]})


if __name__ == "__main__":
    sys.exit(main())
