"""What the PyTorch runners share: the protocol session, N gloo rank processes per oracle run, and their faults.

The launcher (the process the harness starts) speaks the protocol on stdin/stdout. For every oracle run it forks N
rank processes (multiprocessing, `fork` context) that form a gloo process group on 127.0.0.1, and talks to each
through one pipe: a rank sends ("query", step, x) and receives the harness's gradient; rank 0 also sends
("sync", step) for every averaging and ("result", x) at the end; the other ranks send ("done",).

Faults: a rank that raises sends ("error", traceback); a rank that dies (killed, os._exit, segfault) closes its pipe
and its process sentinel fires; a rank stuck in a collective is released by gloo's timeout (the process group's
`timeout`, --gloo-timeout) and reports it as an error. The launcher watches every pipe and sentinel at once, so
whichever happens first ends the run as an `error` message to the harness naming the rank, and every rank process is
killed and reaped before the launcher answers. Ranks also die with the launcher (Linux parent-death signal), so a
launcher killed by the harness leaves none behind.
"""
import ctypes
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
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


class RankFailed(RuntimeError):
    """A rank raised, died or timed out; the message names the rank and what happened."""


def die_with_parent():
    """Linux prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills this rank when the launcher dies."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def join_process_group(rank, world, port, gloo_timeout):
    import torch
    import torch.distributed as dist
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method="tcp://127.0.0.1:%d" % port, rank=rank, world_size=world,
                            timeout=timedelta(seconds=gloo_timeout))
    return dist


def contiguous_subgroups(dist, group_size):
    """The current rank's group among ranks 0..g-1, g..2g-1, ..., built exactly as torch.distributed.new_subgroups
    builds them (distributed_c10d.py lines 3475-3490 in torch 1.13), which itself refuses to run without CUDA
    (lines 3461-3462)."""
    world, rank = dist.get_world_size(), dist.get_rank()
    current, groups = None, []
    for first in range(0, world, group_size):
        ranks = list(range(first, first + group_size))
        group = dist.new_group(ranks=ranks)
        groups.append(group)
        if rank in ranks:
            current = group
    return current, groups


def inject_fault(fault, rank, step):
    """--fault die@S: rank 1 exits abruptly before step S; --fault hang@S: rank 1 stops before step S and never
    returns, so the other ranks wait in their next collective until gloo's timeout releases them."""
    if not fault or rank != 1:
        return
    kind, _, at = fault.partition("@")
    if int(at) != step:
        return
    if kind == "die":
        os._exit(3)
    if kind == "hang":
        signal.pause()


def rank_entry(target, rank, world, port, run, plan, connection, gloo_timeout, fault):
    die_with_parent()
    try:
        dist = join_process_group(rank, world, port, gloo_timeout)
        target(rank, world, run, plan, connection, dist, lambda step: inject_fault(fault, rank, step))
        dist.destroy_process_group()
    except Exception as error:  # report any failure to the launcher, which tells the harness
        lines = [line for line in str(error).splitlines() if line.strip()]
        summary = "%s: %s" % (type(error).__name__, lines[0].strip() if lines else "")
        try:
            connection.send(("error", summary, traceback.format_exc()))
        except (BrokenPipeError, OSError):
            pass
    finally:
        connection.close()


class Ranks:
    """The N rank processes of one run and the launcher's ends of their pipes."""

    def __init__(self, target, run, plan, gloo_timeout, fault):
        world = run["workers"]
        context = multiprocessing.get_context("fork")
        pipes = [context.Pipe() for _ in range(world)]
        port = free_port()
        self.processes = [context.Process(target=rank_entry, daemon=True,
                                          args=(target, rank, world, port, run, plan, pipes[rank][1], gloo_timeout, fault))
                          for rank in range(world)]
        for process in self.processes:
            process.start()
        # Close the launcher's copies of the ranks' ends: a rank that dies then closes its pipe for good.
        for pipe in pipes:
            pipe[1].close()
        self.connections = [pipe[0] for pipe in pipes]
        self.inbox = [[] for _ in range(world)]
        self.finished = [False] * world

    def receive(self, rank):
        """The next message of `rank`, watching every rank meanwhile: any rank's error or death raises RankFailed."""
        while not self.inbox[rank]:
            watched = [c for r, c in enumerate(self.connections) if not self.finished[r]] + \
                      [p.sentinel for r, p in enumerate(self.processes) if not self.finished[r]]
            for ready in multiprocessing.connection.wait(watched):
                index = self._rank_of(ready)
                if ready is self.connections[index]:
                    try:
                        message = ready.recv()
                    except EOFError:
                        self._died(index)
                        continue
                    if message[0] == "error":
                        sys.stderr.write("rank %d:\n%s" % (index, message[2]))
                        raise RankFailed("rank %d failed: %s" % (index, message[1]))
                    if message[0] in ("result", "done"):
                        self.finished[index] = True
                    self.inbox[index].append(message)
                elif not self.finished[index] and not self.connections[index].poll():
                    # A process ended with no message waiting. A finished rank's end is expected: its last message may
                    # have been read just above, from the same ready batch, and its pipe need not read as closed then,
                    # since the ranks forked after it hold copies of its write end.
                    self._died(index)
        return self.inbox[rank].pop(0)

    def send(self, rank, value):
        self.connections[rank].send(value)

    def _rank_of(self, ready):
        for index, connection in enumerate(self.connections):
            if ready is connection or ready == self.processes[index].sentinel:
                return index
        raise AssertionError("unknown handle")

    def _died(self, rank):
        process = self.processes[rank]
        process.join(timeout=5)
        raise RankFailed("rank %d died during the run (exit code %s) without reporting an error" % (rank, process.exitcode))

    def close(self):
        for process in self.processes:
            process.join(timeout=10 if all(self.finished) else 0)
            if process.is_alive():
                process.kill()
                process.join()
        for connection in self.connections:
            connection.close()


def serve_oracle_run(channel, run, target, plan, gloo_timeout, fault):
    """Forks the ranks of `run` and relays their queries to the harness, step by step and rank by rank."""
    ranks = Ranks(target, run, plan, gloo_timeout, fault)
    try:
        def next_message(rank):
            message = ranks.receive(rank)
            while message[0] == "sync":
                channel.send({"type": "sync", "step": message[1]})
                message = ranks.receive(rank)
            return message

        for step in range(1, run["steps"] + 1):
            for rank in range(run["workers"]):
                kind, asked, x = next_message(rank)
                if kind != "query" or asked != step:
                    raise RankFailed("rank %d sent %r for step %r while step %d was due" % (rank, kind, asked, step))
                channel.send({"type": "query", "step": step, "worker": rank, "x": x})
                answer = channel.receive()
                if answer.get("type") != "gradient":
                    raise RuntimeError("expected a gradient, got %r" % answer.get("type"))
                ranks.send(rank, answer["g"])
        result = next_message(0)
        for rank in range(1, run["workers"]):
            next_message(rank)
        channel.send({"type": "result", "run_id": run["run_id"], "x": result[1]})
    finally:
        ranks.close()


def serve(implementation, describe_plan, target, options):
    """The protocol session: hello, then one oracle run after another until shutdown. `describe_plan(run)` returns
    (plan, log line) or raises ValueError for a schedule the runner cannot express."""
    try:
        import torch
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
    channel.send({"type": "hello", "protocol_version": PROTOCOL_VERSION, "implementation": implementation,
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
            plan, note = describe_plan(message)
            channel.send({"type": "log", "message": note})
            serve_oracle_run(channel, message, target, plan, options.gloo_timeout, options.fault)
        except Exception as error:
            sys.stderr.write(traceback.format_exc())
            lines = [line for line in str(error).splitlines() if line.strip()]
            channel.send({"type": "error", "message": lines[0] if lines else type(error).__name__})
            return 1


def add_common_arguments(parser):
    parser.add_argument("--gloo-timeout", type=float, default=20.0,
                        help="seconds a collective may wait for the other ranks before gloo gives up (default 20)")
    parser.add_argument("--fault", default="",
                        help="planted fault for tests: die@S (rank 1 exits before step S) or hang@S (rank 1 stops before step S)")


def polyak_accumulate(dist, parameter, running_sum, world):
    """x̄^s before averaging, summed over the steps: the workers' models all-reduced, then divided by N."""
    total = parameter.detach().clone()
    dist.all_reduce(total)
    running_sum += total / world


def gradient_model(x0):
    """A float64 parameter x with forward(g) = <x, g>: backward leaves the harness's gradient g in x.grad, so
    DistributedDataParallel's communication hook sees (and may all-reduce) exactly that gradient."""
    import torch

    class Linear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.x = torch.nn.Parameter(torch.tensor(x0, dtype=torch.float64))

        def forward(self, gradient):
            return (self.x * gradient).sum()

    return Linear()
