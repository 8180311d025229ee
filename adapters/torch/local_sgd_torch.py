#!/usr/bin/env python3
"""Local SGD with PyTorch's own PeriodicModelAverager, validated through the LocalSgdVerify protocol.

Usage:
    /usr/bin/python3 adapters/torch/local_sgd_torch.py [--naive-mapping]

Architecture (see adapters/torch/README.md): this launcher process speaks the protocol on stdin/stdout. For every
oracle run it forks N rank processes that form a gloo process group on 127.0.0.1 (world size N). Each rank holds its
model as a float64 torch.nn.Parameter and steps with torch.optim.SGD (the step size of every step set in its
param_group), and averages with
torch.distributed.algorithms.model_averaging.averagers.PeriodicModelAverager. The ranks talk to the launcher
through one multiprocessing pipe each: a rank sends its point and receives the harness's gradient. The launcher
serves step s to ranks 0..N-1 in order before step s+1, so the queries reach the harness in the order the
protocol expects.

Schedule mapping (torch 1.13, averagers.py): PeriodicModelAverager keeps a 0-based counter `step` that
average_parameters() increments on every call; it averages on the call whose counter satisfies
`step >= warmup_steps and (step - warmup_steps) % period == 0`. Called once after optimizer step s (s = 1..T), the
counter is s - 1, so it averages after the steps s = warmup_steps + 1 + k * period (k = 0, 1, ...). A declared set
I = {s1, s1 + H, s1 + 2H, ...} (plus T) is therefore PeriodicModelAverager(period=H, warmup_steps=s1 - 1); a constant
period H is (period=H, warmup_steps=H - 1). When T is not in that progression the final averaging after T is done
with torch.distributed.algorithms.model_averaging.utils.average_parameters, as Accelerate does on exit. A set that is
no arithmetic progression (increasing intervals, growing phases, ...) cannot be expressed by the averager: then every
declared step is averaged with average_parameters directly, and the adapter says so in a log message.

--naive-mapping uses PyTorch's default warmup_steps=0, which averages after steps 1, H+1, 2H+1, ...; the harness
must then diagnose `pytorch_zero_based_warmup`.
"""
import argparse
import json
import multiprocessing
import os
import socket
import sys
import traceback
from datetime import timedelta

PROTOCOL_VERSION = "1"


class Channel:
    def __init__(self):
        self.reader, self.writer = sys.stdin, sys.stdout

    def send(self, message):
        self.writer.write(json.dumps(message, allow_nan=False) + "\n")
        self.writer.flush()

    def receive(self):
        line = self.reader.readline()
        if not line:
            raise EOFError("the harness closed standard input")
        return json.loads(line)


def plan_schedule(sync_steps, steps, naive):
    """(period, warmup_steps, explicit steps, note): how PeriodicModelAverager reproduces the declared set."""
    declared = sorted(sync_steps)
    body = [s for s in declared if s != steps]
    if not body:
        # One-shot averaging: the averager's first averaging is after step warmup_steps + 1 = T.
        period, warmup = steps, steps - 1
    else:
        first = body[0]
        period = body[1] - body[0] if len(body) > 1 else max(1, steps - first)
        progression = list(range(first, steps, period))
        if progression != body:
            return None, None, set(declared), ("the declared steps are no arithmetic progression, which PeriodicModelAverager "
                                               "cannot express; averaging with average_parameters after every declared step")
        warmup = first - 1
    if naive:
        warmup = 0
    fires = {warmup + 1 + k * period for k in range(0, steps) if warmup + 1 + k * period <= steps}
    explicit = set() if steps in fires else {steps}
    note = "PeriodicModelAverager(period=%d, warmup_steps=%d) averages after steps %s%s" % (
        period, warmup, ", ".join(str(s) for s in sorted(fires)[:6]) + (", ..." if len(fires) > 6 else ""),
        "" if not explicit else "; the final averaging after step %d is made with average_parameters" % steps)
    return period, warmup, explicit, note


def rank_main(rank, world, port, run, plan, connection):
    try:
        import warnings
        import torch
        import torch.distributed as dist
        from torch.distributed.algorithms.model_averaging import averagers, utils

        # period = 1 (every-step schedules) is legitimate here; PyTorch's advice to use DDP instead is noise in the log.
        warnings.filterwarnings("ignore", message="When period is 1")
        torch.set_num_threads(1)
        dist.init_process_group("gloo", init_method="tcp://127.0.0.1:%d" % port, rank=rank, world_size=world,
                                timeout=timedelta(seconds=60))
        period, warmup, explicit, _ = plan
        steps, step_sizes = run["steps"], run["step_sizes"]
        parameter = torch.nn.Parameter(torch.tensor(run["x0"], dtype=torch.float64))
        optimizer = torch.optim.SGD([parameter], lr=step_sizes[0])
        averager = averagers.PeriodicModelAverager(period=period, warmup_steps=warmup) if period is not None else None
        polyak = run["output"] == "polyak_ruppert"
        running_sum = torch.zeros_like(parameter.data)

        for step in range(1, steps + 1):
            connection.send(("query", step, parameter.detach().tolist()))
            gradient = connection.recv()
            parameter.grad = torch.tensor(gradient, dtype=torch.float64)
            for group in optimizer.param_groups:
                group["lr"] = step_sizes[step - 1]
            optimizer.step()
            if polyak:
                # x̄^s before averaging: sum the workers' models, then divide by N.
                total = parameter.detach().clone()
                dist.all_reduce(total)
                running_sum += total / world
            averaged = False
            if averager is not None:
                counter = averager.step
                averaged = counter >= averager.warmup_steps and (counter - averager.warmup_steps) % averager.period == 0
                averager.average_parameters([parameter])
            if step in explicit:
                utils.average_parameters(iter([parameter]), dist.group.WORLD)
                averaged = True
            if averaged and rank == 0:
                connection.send(("sync", step))
        if rank == 0:
            x = (running_sum / steps) if polyak else parameter.detach()
            connection.send(("result", x.tolist()))
        else:
            connection.send(("done",))
        dist.destroy_process_group()
    except Exception:  # report any failure to the launcher, which tells the harness
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_oracle(channel, run, naive):
    world, steps = run["workers"], run["steps"]
    plan = plan_schedule(run["schedule"]["sync_steps"], steps, naive)
    channel.send({"type": "log", "message": plan[3]})
    context = multiprocessing.get_context("fork")
    pipes = [context.Pipe() for _ in range(world)]
    port = free_port()
    ranks = [context.Process(target=rank_main, args=(rank, world, port, run, plan, pipes[rank][1]), daemon=True)
             for rank in range(world)]
    for process in ranks:
        process.start()
    connections = [pipe[0] for pipe in pipes]
    try:
        def next_message(rank):
            message = connections[rank].recv()
            while message[0] == "sync":
                channel.send({"type": "sync", "step": message[1]})
                message = connections[rank].recv()
            if message[0] == "error":
                raise RuntimeError("rank %d failed:\n%s" % (rank, message[1]))
            return message

        for step in range(1, steps + 1):
            for rank in range(world):
                kind, asked, x = next_message(rank)
                assert kind == "query" and asked == step, (kind, asked, step)
                channel.send({"type": "query", "step": step, "worker": rank, "x": x})
                answer = channel.receive()
                if answer.get("type") != "gradient":
                    raise RuntimeError("expected a gradient, got %r" % answer.get("type"))
                connections[rank].send(answer["g"])
        result = next_message(0)
        for rank in range(1, world):
            next_message(rank)
        channel.send({"type": "result", "run_id": run["run_id"], "x": result[1]})
    finally:
        for process in ranks:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-mapping", action="store_true",
                        help="use warmup_steps=0 (PyTorch's default) instead of the mapped warm-up")
    args = parser.parse_args()
    try:
        import torch  # noqa: F401  (imported before forking, so the ranks do not import it again)
        import torch.distributed as dist
        if not dist.is_available() or not dist.is_gloo_available():
            raise ImportError("torch.distributed with the gloo backend is not available")
    except ImportError as error:
        sys.stderr.write("could not import torch: %s (install python3-torch)\n" % error)
        return 3

    channel = Channel()
    hello = channel.receive()
    if hello.get("type") != "hello":
        sys.stderr.write("expected the harness hello first\n")
        return 1
    channel.send({"type": "hello", "protocol_version": PROTOCOL_VERSION, "implementation": "torch-periodic-model-averager",
                  "version": torch.__version__, "supports": ["oracle"], "batch_gradients": False})
    while True:
        try:
            message = channel.receive()
        except EOFError:
            return 0
        kind = message.get("type")
        if kind == "shutdown":
            return 0
        if kind == "error":
            sys.stderr.write("the harness stopped: %s\n" % message.get("message"))
            return 1
        if kind != "run":
            channel.send({"type": "error", "message": "this adapter supports oracle runs only, got %r" % kind})
            return 1
        if message["output"] not in ("last_average", "polyak_ruppert"):
            channel.send({"type": "error", "message": "output %r is not supported" % message["output"]})
            return 1
        try:
            run_oracle(channel, message, args.naive_mapping)
        except Exception as error:
            sys.stderr.write(traceback.format_exc())
            channel.send({"type": "error", "message": str(error).splitlines()[0] if str(error) else type(error).__name__})
            return 1


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
