#!/usr/bin/env python3
"""Post-local SGD with PyTorch's own DDP hook and optimizer, validated through the LocalSgdVerify protocol.

Usage:
    /usr/bin/python3 adapters/torch/post_local_sgd_torch.py [--naive-mapping warmup|intra-node-allreduce]
                                                             [--gloo-timeout SECONDS] [--fault die@S|hang@S]

Each of the N gloo ranks (torch_ranks.py) wraps its float64 model in torch.nn.parallel.DistributedDataParallel with
torch.distributed.algorithms.ddp_comm_hooks.post_localSGD_hook.post_localSGD_hook registered under a
PostLocalSGDState, and steps with torch.distributed.optim.PostLocalSGDOptimizer(optim=torch.optim.SGD,
averager=PeriodicModelAverager). The harness's gradient g reaches DDP through backward() of <x, g>, so the hook
all-reduces exactly that gradient.

Schedule mapping (torch 1.13; adapters/torch/README.md has the table and the source lines): the declared schedule
must be `hierarchical` with levels [(N, H)] or [(g, 1), (N, H)] and warm-up W.
- post_localSGD_hook all-reduces the gradient over all ranks in backward passes 1..W (state.iter < start_localSGD_iter,
  post_localSGD_hook.py lines 100-102): with the models equal, that is averaging after each warm-up step, so
  start_localSGD_iter = W.
- After the warm-up it all-reduces within `subgroup` when post_local_gradient_allreduce is True (lines 106-118): that is
  the level (g, 1); without such a level post_local_gradient_allreduce = False.
- PostLocalSGDOptimizer.step() runs SGD, then averager.average_parameters() (post_localSGD_optimizer.py lines 103-104);
  PeriodicModelAverager fires on counter k = s - 1 when k >= warmup_steps and (k - warmup_steps) % period == 0
  (averagers.py lines 114-118). The declared level (N, H) fires at the multiples of H after W, the first being
  s1 = H * (W // H + 1), so period = H and warmup_steps = s1 - 1.
- The final averaging after T, when the averager does not fire there, is utils.average_parameters.

--naive-mapping warmup passes warmup_steps = start_localSGD_iter = W, as PyTorch's documentation pairs them; the
harness must name pytorch_zero_based_warmup. --naive-mapping intra-node-allreduce keeps PyTorch's default
post_local_gradient_allreduce=True with a subgroup of 2 ranks per node on a single-level schedule; the harness must name
hierarchical_averaging.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ranks  # noqa: E402


def plan_schedule(run, naive):
    """(plan, note): PyTorch's arguments for the declared schedule, checked against its authoritative sync steps."""
    schedule, world, steps = run["schedule"], run["workers"], run["steps"]
    if schedule["kind"] != "hierarchical":
        raise ValueError("post-local SGD expresses hierarchical schedules (warm-up, then levels); got %r" % schedule["kind"])
    parameters = schedule["parameters"]
    warmup = int(parameters["warmup_steps"])
    levels = []
    while "period_%d" % (len(levels) + 1) in parameters:
        index = len(levels) + 1
        levels.append((int(parameters["group_size_%d" % index]), int(parameters["period_%d" % index])))
    top_size, period = levels[-1]
    node = levels[0][0] if len(levels) == 2 and levels[0][1] == 1 else None
    if top_size != world or len(levels) > 2 or (len(levels) == 2 and node is None):
        raise ValueError("PostLocalSGDOptimizer with post_localSGD_hook expresses levels [(N, H)] or [(g, 1), (N, H)]; got %r" % levels)
    first = period * (warmup // period + 1)
    averager_warmup = warmup if naive == "warmup" else first - 1
    if naive == "intra-node-allreduce" and node is None:
        node = 2
    plan = {"start_localSGD_iter": warmup, "subgroup_size": node, "period": period, "warmup_steps": averager_warmup}

    def group_size(step):
        counter = step - 1
        if step <= warmup or (counter >= averager_warmup and (counter - averager_warmup) % period == 0):
            return world
        if step == steps:
            return world
        return node or 0

    predicted = [(s, group_size(s)) for s in range(1, steps + 1) if group_size(s)]
    declared = list(zip(schedule["sync_steps"], schedule.get("group_sizes") or [world] * len(schedule["sync_steps"])))
    if naive is None and predicted != declared:
        raise ValueError("the mapped PyTorch arguments %r would average after %r, not after the declared %r" % (plan, predicted, declared))
    note = ("PostLocalSGDState(start_localSGD_iter=%d, subgroup=%s, post_local_gradient_allreduce=%s) with "
            "PostLocalSGDOptimizer(SGD, PeriodicModelAverager(period=%d, warmup_steps=%d))%s") % (
        warmup, "groups of %d" % node if node else "None", node is not None, period, averager_warmup,
        "" if naive is None else " (naive mapping: %s)" % naive)
    return plan, note


def rank_main(rank, world, run, plan, connection, dist, fault):
    import warnings
    import torch
    from torch.distributed.algorithms.ddp_comm_hooks.post_localSGD_hook import PostLocalSGDState, post_localSGD_hook
    from torch.distributed.algorithms.model_averaging import averagers, utils
    from torch.distributed.optim import PostLocalSGDOptimizer

    warnings.filterwarnings("ignore", message="When period is 1")
    steps, step_sizes = run["steps"], run["step_sizes"]
    module = torch_ranks.gradient_model(run["x0"])
    model = torch.nn.parallel.DistributedDataParallel(module)
    subgroup = torch_ranks.contiguous_subgroups(dist, plan["subgroup_size"])[0] if plan["subgroup_size"] else None
    state = PostLocalSGDState(process_group=None, subgroup=subgroup, start_localSGD_iter=plan["start_localSGD_iter"],
                              post_local_gradient_allreduce=subgroup is not None)
    model.register_comm_hook(state, post_localSGD_hook)
    averager = averagers.PeriodicModelAverager(period=plan["period"], warmup_steps=plan["warmup_steps"])
    optimizer = PostLocalSGDOptimizer(optim=torch.optim.SGD(model.parameters(), lr=step_sizes[0]), averager=averager)
    polyak = run["output"] == "polyak_ruppert"
    running_sum = torch.zeros_like(module.x.data)

    for step in range(1, steps + 1):
        fault(step)
        connection.send(("query", step, module.x.detach().tolist()))
        gradient = torch.tensor(connection.recv(), dtype=torch.float64)
        optimizer.zero_grad()
        iteration = state.iter
        model(gradient).backward()
        # The hook averaged the gradient over all ranks (warm-up) or over the subgroup after it.
        averaged = state.iter > iteration or subgroup is not None
        for group in optimizer.param_groups:
            group["lr"] = step_sizes[step - 1]
        counter = averager.step
        fires = counter >= averager.warmup_steps and (counter - averager.warmup_steps) % averager.period == 0
        optimizer.step()
        if polyak:
            # x̄^s: averaging (within groups or over all ranks) leaves the mean of the models unchanged.
            torch_ranks.polyak_accumulate(dist, module.x, running_sum, world)
        averaged = averaged or fires
        if step == steps and not fires:
            utils.average_parameters(iter([module.x]), dist.group.WORLD)
            averaged = True
        if averaged and rank == 0:
            connection.send(("sync", step))
    if rank == 0:
        x = (running_sum / steps) if polyak else module.x.detach()
        connection.send(("result", x.tolist()))
    else:
        connection.send(("done",))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-mapping", choices=["warmup", "intra-node-allreduce"], default=None,
                        help="warmup: warmup_steps = start_localSGD_iter (PyTorch's documented pairing); "
                             "intra-node-allreduce: PyTorch's default post_local_gradient_allreduce=True with nodes of 2")
    torch_ranks.add_common_arguments(parser)
    options = parser.parse_args()
    return torch_ranks.serve("torch-post-local-sgd-optimizer", lambda run: plan_schedule(run, options.naive_mapping), rank_main, options)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
