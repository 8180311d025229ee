#!/usr/bin/env python3
"""Hierarchical averaging with PyTorch's own HierarchicalModelAverager, validated through the LocalSgdVerify protocol.

Usage:
    /usr/bin/python3 adapters/torch/hierarchical_torch.py [--naive-mapping] [--gloo-timeout SECONDS] [--fault die@S|hang@S]

Each of the N gloo ranks (torch_ranks.py) wraps its float64 model in torch.nn.parallel.DistributedDataParallel with
post_localSGD_hook for the warm-up (as PyTorch's HierarchicalModelAverager documentation pairs them), steps with
torch.optim.SGD and then calls
torch.distributed.algorithms.model_averaging.hierarchical_model_averager.HierarchicalModelAverager.average_parameters.

Schedule mapping (torch 1.13; adapters/torch/README.md has the table and the source lines), for a declared
`hierarchical` schedule with levels (g_1, p_1), ..., (g_L, p_L) and warm-up W:
- PostLocalSGDState(start_localSGD_iter=W, post_local_gradient_allreduce=False): the gradient all-reduce over all
  ranks in backward passes 1..W (post_localSGD_hook.py lines 100-102) is the averaging after every warm-up step.
- period_group_size_dict = OrderedDict((p_l, g_l)): at each call the averager fires the last entry whose period
  divides its counter (hierarchical_model_averager.py lines 139-142: `for period in reversed(self._periods)`), i.e. the
  largest group, as the declared schedule does. A top level smaller than N gets an entry (T + 2, N) that never fires,
  because the dict must end with the world size (lines 112-117).
- The counter k starts at 0 and the check is `step >= warmup_steps` and `step % period == 0` (lines 155-160): the
  call after step s has k = s - 1, firing at s = 1, p + 1, ...; the declared levels fire at s = p, 2p, .... One call of
  average_parameters before the first step (its counter 0 is below warmup_steps, so it averages nothing) makes k = s,
  and warmup_steps = W + 1 then starts the levels after step W.
- The groups: the averager builds them with torch.distributed.new_subgroups (line 127), which refuses to run without
  CUDA in torch 1.13 (distributed_c10d.py lines 3461-3462); the adapter lends it torch_ranks.contiguous_subgroups,
  the same contiguous groups built the same way with new_group.
- The final averaging after T is utils.average_parameters over all ranks.

--naive-mapping passes warmup_steps=W and skips the priming call, as PyTorch's documentation writes it; the harness
must name pytorch_zero_based_warmup.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ranks  # noqa: E402


def plan_schedule(run, naive):
    """(plan, note): PyTorch's arguments for the declared schedule, checked against its authoritative sync steps."""
    schedule, world, steps = run["schedule"], run["workers"], run["steps"]
    if schedule["kind"] != "hierarchical":
        raise ValueError("HierarchicalModelAverager expresses hierarchical schedules (warm-up, then levels); got %r" % schedule["kind"])
    parameters = schedule["parameters"]
    warmup = int(parameters["warmup_steps"])
    levels = []
    while "period_%d" % (len(levels) + 1) in parameters:
        index = len(levels) + 1
        levels.append((int(parameters["period_%d" % index]), int(parameters["group_size_%d" % index])))
    if levels[-1][1] != world:
        levels.append((steps + 2, world))
    plan = {"levels": levels, "start_localSGD_iter": warmup,
            "warmup_steps": warmup if naive else warmup + 1, "prime": not naive}

    def group_size(step):
        counter = step - 1 + (1 if plan["prime"] else 0)  # the averager's counter at the call after step s
        if step <= warmup or step == steps:
            return world
        if counter < plan["warmup_steps"]:
            return 0
        for period, size in reversed(levels):
            if counter % period == 0:
                return size
        return 0

    predicted = [(s, group_size(s)) for s in range(1, steps + 1) if group_size(s)]
    declared = list(zip(schedule["sync_steps"], schedule.get("group_sizes") or [world] * len(schedule["sync_steps"])))
    if not naive and predicted != declared:
        raise ValueError("the mapped PyTorch arguments %r would average after %r, not after the declared %r" % (plan, predicted, declared))
    note = "PostLocalSGDState(start_localSGD_iter=%d) with HierarchicalModelAverager(OrderedDict(%r), warmup_steps=%d)%s" % (
        warmup, levels, plan["warmup_steps"], ", primed by one call before step 1" if plan["prime"] else " (naive mapping)")
    return plan, note


def rank_main(rank, world, run, plan, connection, dist, fault):
    import warnings
    import torch
    from torch.distributed.algorithms.ddp_comm_hooks.post_localSGD_hook import PostLocalSGDState, post_localSGD_hook
    from torch.distributed.algorithms.model_averaging import hierarchical_model_averager, utils

    warnings.filterwarnings("ignore", message="When the maximum period")
    steps, step_sizes = run["steps"], run["step_sizes"]
    module = torch_ranks.gradient_model(run["x0"])
    model = torch.nn.parallel.DistributedDataParallel(module)
    state = PostLocalSGDState(process_group=None, subgroup=None, start_localSGD_iter=plan["start_localSGD_iter"],
                              post_local_gradient_allreduce=False)
    model.register_comm_hook(state, post_localSGD_hook)
    # new_subgroups needs CUDA in torch 1.13; the averager gets the same contiguous groups from new_group.
    original = dist.new_subgroups
    dist.new_subgroups = lambda group_size=None, group=None, **_: torch_ranks.contiguous_subgroups(dist, group_size)
    try:
        averager = hierarchical_model_averager.HierarchicalModelAverager(
            period_group_size_dict=collections.OrderedDict(plan["levels"]), warmup_steps=plan["warmup_steps"])
    finally:
        dist.new_subgroups = original
    optimizer = torch.optim.SGD(model.parameters(), lr=step_sizes[0])
    if plan["prime"]:
        averager.average_parameters(model.parameters())
    polyak = run["output"] == "polyak_ruppert"
    running_sum = torch.zeros_like(module.x.data)

    for step in range(1, steps + 1):
        fault(step)
        connection.send(("query", step, module.x.detach().tolist()))
        gradient = torch.tensor(connection.recv(), dtype=torch.float64)
        optimizer.zero_grad()
        iteration = state.iter
        model(gradient).backward()
        averaged = state.iter > iteration  # the warm-up's gradient all-reduce over all ranks
        for group in optimizer.param_groups:
            group["lr"] = step_sizes[step - 1]
        optimizer.step()
        if polyak:
            torch_ranks.polyak_accumulate(dist, module.x, running_sum, world)
        fires = averager.step >= averager.warmup_steps and averager._find_process_group() is not None
        averager.average_parameters(model.parameters())
        averaged = averaged or fires
        if step == steps:
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
    parser.add_argument("--naive-mapping", action="store_true",
                        help="warmup_steps=W without the priming call (PyTorch's documented usage); the counter is then 0-based")
    torch_ranks.add_common_arguments(parser)
    options = parser.parse_args()
    return torch_ranks.serve("torch-hierarchical-model-averager", lambda run: plan_schedule(run, options.naive_mapping), rank_main, options)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
