using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Validation.Oracle;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// The mutations of the reference loop that apply to one run, one or more per bug class of <see cref="BugClasses"/>,
/// in the order the diagnosis prefers them (most specific first). Mutations that cannot show on this run (a
/// step-size mix-up under a constant η, a divisor bug with one worker) are left out by the diagnosis, which drops
/// every mutation whose trace equals the reference's.
/// </summary>
public static class MutationCatalog
{
    /// <summary>Largest warm-up offset k tried.</summary>
    public const int MaximumOffset = 12;

    /// <summary>Micro-batch counts tried for <see cref="BugClasses.LocalStepsCountedAsMicroBatches"/>.</summary>
    public static IReadOnlyList<int> MicroBatchCounts { get; } = [2, 3, 4];

    /// <summary>The mutations for <paramref name="run"/>; <paramref name="observed"/> supplies the implementation's own starting points.</summary>
    public static IReadOnlyList<Mutation> For(OracleRun run, ObservedTrace? observed = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        int[] declared = run.SyncSteps;
        int steps = run.Steps, workers = run.Workers;
        string expected = StepListText.Describe(declared);
        var list = new List<Mutation>();
        // A schedule bug moves averagings; under a hierarchical schedule each keeps its group size: the averaging after s
        // comes from the declared one after source(s) (N, all workers, where none was declared there).
        var declaredSizes = new Dictionary<int, int>();
        for (int index = 0; index < declared.Length && run.GroupSizes is { } sizes; index++) declaredSizes[declared[index]] = sizes[index];
        LoopVariant Sync(int[] syncSteps, Func<int, int>? source = null) => new()
        {
            SyncSteps = syncSteps,
            GroupSizes = run.GroupSizes is null ? null : syncSteps.Select(step => declaredSizes.GetValueOrDefault(source?.Invoke(step) ?? step, workers)).ToArray(),
        };
        string Averaged(int[] syncSteps) => syncSteps.Length == 0
            ? $"never averaged instead of after steps {expected}"
            : $"averaged after steps {StepListText.Describe(syncSteps)} instead of {expected}";

        foreach (int[] late in Flavours(declared, 1, steps))
        {
            string lost = late.Contains(steps) ? "" : $", so the final averaging after step {Integer(steps)} never happens";
            list.Add(new(BugClasses.SyncOneStepLate, $"syncs one step late{lost}: {Averaged(late)}", Sync(late, step => step - 1)));
        }
        var earlyFlavours = Flavours(declared, -1, steps).ToList();
        foreach (int[] early in earlyFlavours)
            list.Add(new(BugClasses.SyncOneStepEarly, $"syncs one step early: {Averaged(early)}", Sync(early, step => step + 1)));
        // The early shift of T is T − 1, and nothing averages after T: the early counter together with a lost final averaging.
        int[] earlyLost = declared.Select(step => step - 1).Where(step => step >= 1).ToArray();
        if (earlyLost.Length > 0 && !earlyFlavours.Any(other => other.SequenceEqual(earlyLost)))
            list.Add(new(BugClasses.SyncOneStepEarly,
                $"syncs one step early, so the final averaging after step {Integer(steps)} never happens: {Averaged(earlyLost)}", Sync(earlyLost, step => step + 1)));

        if (run.Hierarchy is { } hierarchy) list.AddRange(PyTorchCounters(run, hierarchy, Averaged));

        int firstPeriod = declared[0];
        if (firstPeriod >= 2)
        {
            var pytorch = new List<int>();
            for (int step = 1; step < steps; step += firstPeriod) pytorch.Add(step);
            pytorch.Add(steps);
            int[] pytorchSteps = pytorch.Distinct().ToArray();
            string periodic = Period(declared, steps) is null ? $" (its first period is {Integer(firstPeriod)})" : "";
            list.Add(new(BugClasses.PytorchZeroBasedWarmup,
                $"averages on the first call and then every {Integer(firstPeriod)} steps, as PyTorch's PeriodicModelAverager(period={Integer(firstPeriod)}, warmup_steps=0) does with its 0-based counter: " +
                $"{Averaged(pytorchSteps)}{periodic}; PeriodicModelAverager(period=H, warmup_steps=H-1) averages after H, 2H, ...", Sync(pytorchSteps)));
        }

        int[] twice = declared.Where(step => step % 2 == 0 && Array.BinarySearch(declared, step) >= 0).Select(step => step / 2)
            .Append(steps).Distinct().Order().ToArray();
        list.Add(new(BugClasses.CounterAdvancesTwice, $"advances its step counter twice per step: {Averaged(twice)}", Sync(twice, step => step == steps ? steps : 2 * step)));

        int[] noFinal = declared.Where(step => step != steps).ToArray();
        list.Add(new(BugClasses.NoFinalSync,
            $"does not average after the last step {Integer(steps)} and returns worker 0's model instead of the average", Sync(noFinal)));
        list.Add(new(BugClasses.NeverAverages,
            $"never averages: each worker runs plain SGD on its own and worker 0's model is returned, instead of averaging after steps {expected}", Sync([])));
        if (noFinal.Length > 0)
            list.Add(new(BugClasses.NeverAverages,
                $"never averages during the run, only once after the last step {Integer(steps)} (the periodic averaging never fires; an averaging on exit does): {Averaged([steps])}", Sync([steps])));
        int[] everyStep = Enumerable.Range(1, steps).ToArray();
        if (!everyStep.SequenceEqual(declared) || run.GroupSizes is not null)
        {
            list.Add(new(BugClasses.AveragesEveryStep,
                "all-reduces the gradients at every step (DDP left on under Local SGD): every worker takes the same averaged step, as if the models were averaged after every step",
                LoopVariant.Reference(run) with { AverageGradientsEveryStep = true }));
            list.Add(new(BugClasses.AveragesEveryStep, $"averages after every step: {Averaged(everyStep)}", Sync(everyStep, _ => 0)));
        }

        int largestGap = Gaps(declared).DefaultIfEmpty(1).Max();
        for (int offset = 2; offset <= Math.Min(MaximumOffset, Math.Max(largestGap, 2)); offset++)
        {
            foreach (int signed in new[] { offset, -offset })
            {
                string direction = signed > 0 ? "late" : "early";
                foreach (int[] shifted in Flavours(declared, signed, steps))
                    list.Add(new(BugClasses.WarmupOffset,
                        $"its schedule is offset by {Integer(signed)} steps (a warm-up counted differently, or repeated after resuming): every averaging comes {Integer(offset)} steps {direction}, {Averaged(shifted)}",
                        Sync(shifted, step => step - signed)));
            }
        }

        var reference = LoopVariant.Reference(run);
        if (workers >= 2)
        {
            list.Add(new(BugClasses.AverageNotBroadcast,
                "averages but gives the average only to worker 0; the other workers continue from their own models (a reduce where an all-reduce is needed)",
                reference with { Broadcast = BroadcastRule.WorkerZeroOnly }));
            list.Add(new(BugClasses.DivisorNMinus1, $"divides the sum of the {Integer(workers)} models by N − 1 = {Integer(workers - 1)} instead of N",
                reference with { Averaging = AveragingRule.DivideByWorkersMinusOne }));
            list.Add(new(BugClasses.SumNotDivided, $"sums the {Integer(workers)} models without dividing by N",
                reference with { Averaging = AveragingRule.SumWithoutDividing }));
            list.Add(new(BugClasses.UnequalWeights,
                "averages with unequal weights (worker i weighted by i + 1, as when weighting by differing example counts) instead of 1/N each",
                reference with { Averaging = AveragingRule.WeightedByWorkerIndex }));
            for (int left = 0; left < workers; left++)
            {
                list.Add(new(BugClasses.WorkerLeftOutOfAverage,
                    $"leaves worker {Integer(left)} out of the average: every worker receives the mean of the other {Integer(workers - 1)} models",
                    reference with { LeftOutWorker = left }));
                // With N = 2 the other "group" is one worker: nobody averages, which never_averages names.
                if (workers >= 3)
                    list.Add(new(BugClasses.WorkerLeftOutOfAverage,
                        $"leaves worker {Integer(left)} out of the averaging: the other {Integer(workers - 1)} workers average among themselves and worker {Integer(left)} keeps its own model",
                        reference with { LeftOutWorker = left, LeftOutKeepsOwnModel = true }));
            }
        }

        list.Add(new(BugClasses.StepSizeIndexedByRound,
            "advances the step-size schedule once per communication round instead of once per step: round r uses η_{r+1} for all its steps",
            reference with { StepSize = StepSizeRule.IndexedByRound }));
        list.Add(new(BugClasses.StepSizeOneStepAhead, "uses the step size of the next step (η_{s+1} at step s): the scheduler is stepped before the optimizer",
            reference with { StepSize = StepSizeRule.OneStepAhead }));
        list.Add(new(BugClasses.StepSizeOneStepBehind, "uses the step size of the previous step (η_{s−1} at step s)",
            reference with { StepSize = StepSizeRule.OneStepBehind }));
        list.Add(new(BugClasses.StepSizeOneStepBehind,
            "uses the step size of the previous step (η_{s−1} at step s), and step 1 uses the last one, η_T: the index s − 2 wraps to the last entry (Python's step_sizes[-1])",
            reference with { StepSize = StepSizeRule.OneStepBehindWrapping }));
        list.Add(new(BugClasses.StepSizeOneStepAhead,
            "uses the step size of the next step (η_{s+1} at step s), and step T uses the first one, η_1: the index wraps around",
            reference with { StepSize = StepSizeRule.OneStepAheadWrapping }));

        if (observed is not null && StartingPoints(run, observed) is { } starts)
        {
            var differing = Enumerable.Range(0, workers).Where(worker => !starts[worker].SequenceEqual(run.InitialPoint)).ToArray();
            list.Add(new(BugClasses.WorkersNotStartingFromX0,
                $"worker{(differing.Length == 1 ? "" : "s")} {string.Join(", ", differing.Select(worker => Integer(worker)))} start{(differing.Length == 1 ? "s" : "")} from another point than x0 " +
                $"(e.g. worker {Integer(differing[0])} from [{string.Join(", ", starts[differing[0]].Select(value => RoundTrip(value)))}])",
                reference with { StartPoints = starts }));
        }

        list.Add(new(BugClasses.GradientSignFlipped, "steps along the gradient (y = x + η g, ascent) instead of against it",
            reference with { FlipGradientSign = true }));
        list.Add(new(BugClasses.GradientAtAveragedPoint,
            "evaluates every worker's gradient at the last averaged point (x0 before the first averaging) instead of at the worker's own current point, and applies it to the worker's own model",
            reference with { GradientAtLastAverage = true }));
        list.Add(new(BugClasses.PseudoGradientSignFlipped,
            "applies the outer step with the pseudo-gradient's sign flipped: after averaging the workers get x_prev + (x_prev − average) instead of the average",
            reference with { FlipPseudoGradient = true }));

        if (workers >= 2)
        {
            list.Add(new(BugClasses.GradientForWrongWorker,
                "updates worker i with the gradient worker i + 1 (mod N) asked for, at that worker's point: the gradients are applied to the wrong models",
                reference with { GradientShift = 1 }));
            if (workers > 2)
                list.Add(new(BugClasses.GradientForWrongWorker,
                    "updates worker i with the gradient worker i − 1 (mod N) asked for, at that worker's point: the gradients are applied to the wrong models",
                    reference with { GradientShift = -1 }));
        }

        foreach (int count in MicroBatchCounts.Where(count => count <= steps))
            list.Add(new(BugClasses.LocalStepsCountedAsMicroBatches,
                $"counts local steps as micro-batches: it draws {Integer(count)} steps' gradients at one point and applies their mean once (one update per {Integer(count)} steps)",
                reference with { MicroBatches = count }));

        if (run.Output.Weight(1) is not null) AddOutputFromCombination(list, run.Output.Kind);

        if (run.Output.Weight(1) is not null)
            list.Add(new(BugClasses.WrongOutputIterate, $"returns the last average x̄^T instead of the requested {run.Output.Kind} iterate",
                reference with { OutputOverride = OutputIterate.LastAverage }));
        else
            list.Add(new(BugClasses.WrongOutputIterate, "returns the Polyak–Ruppert average (1/T) Σ x̄^t instead of the last average x̄^T",
                reference with { OutputOverride = OutputIterate.PolyakRuppert }));
        return list;
    }

    /// <summary>
    /// Averaging bugs seen through a running-average output: an implementation that forms x̄^t for the Polyak–Ruppert
    /// (or weighted) average with the same wrong averaging it uses at sync steps. Each averaging mutation gets this
    /// flavour beside its plain one.
    /// </summary>
    private static void AddOutputFromCombination(List<Mutation> list, string outputKind)
    {
        var averaging = list.Where(mutation => mutation.Variant.Averaging != AveragingRule.Mean || mutation.Variant.LeftOutWorker is not null).ToList();
        foreach (var mutation in averaging)
            list.Add(mutation with
            {
                Explanation = $"{mutation.Explanation}; its {outputKind} output averages the models the same way after every step",
                Variant = mutation.Variant with { OutputFromCombination = true },
            });
    }

    /// <summary>
    /// PyTorch's 0-based averager counters under a hierarchical schedule with levels (g_ℓ, p_ℓ) and warm-up W (the warm-up
    /// and the final averaging after T stay): <c>HierarchicalModelAverager(warmup_steps=W)</c> called after step s has
    /// counter s − 1 and fires the largest level with (s − 1) mod p_ℓ = 0; <c>PeriodicModelAverager(period=p, warmup_steps=W)</c>
    /// (under PostLocalSGDOptimizer) counts the period from the warm-up's end, (s − 1 − W) mod p_ℓ = 0. Both coincide when
    /// W = 0; the declared rule fires at s mod p_ℓ = 0.
    /// </summary>
    private static IEnumerable<Mutation> PyTorchCounters(OracleRun run, Model.Communication.HierarchicalSchedule hierarchy, Func<int[], string> averaged)
    {
        int steps = run.Steps, workers = run.Workers, warmup = hierarchy.WarmupSteps;
        var seen = new List<int[]>();
        foreach (bool fromWarmupEnd in new[] { false, true })
        {
            var syncSteps = new List<int>();
            var sizes = new List<int>();
            for (int step = 1; step <= steps; step++)
            {
                int counter = fromWarmupEnd ? step - 1 - warmup : step - 1, size = 0;
                if (step <= warmup || step == steps) size = workers;
                else
                    foreach (var level in hierarchy.Levels)
                        if (counter % level.Period == 0) size = Math.Max(size, level.GroupSize);
                if (size == 0) continue;
                syncSteps.Add(step);
                sizes.Add(size);
            }
            int[] key = [.. syncSteps, .. sizes];
            if (seen.Any(other => other.SequenceEqual(key))) continue;
            seen.Add(key);
            string levels = string.Join(", ", hierarchy.Levels.Select(level => $"({Integer(level.Period)}, {Integer(level.GroupSize)})"));
            string how = fromWarmupEnd
                ? $"PyTorch's PeriodicModelAverager(period=p, warmup_steps={Integer(warmup)}) does (its 0-based counter counts each period from the warm-up's end, s − 1 − {Integer(warmup)} ≡ 0 mod p)"
                : $"PyTorch's HierarchicalModelAverager(OrderedDict([{levels}]), warmup_steps={Integer(warmup)}) does (its 0-based counter fires the largest level with s − 1 ≡ 0 mod p)";
            yield return new Mutation(BugClasses.PytorchZeroBasedWarmup,
                $"averages one step after each declared level step, as {how}: {averaged([.. syncSteps])}; the declared levels fire at s ≡ 0 mod p",
                new LoopVariant { SyncSteps = [.. syncSteps], GroupSizes = [.. sizes] });
        }
    }

    /// <summary>
    /// The schedule shifted by <paramref name="offset"/> steps, in the flavours real code produces: every sync step
    /// shifted and the final averaging after T kept ({s + k : s ∈ I, 1 ≤ s + k ≤ T} ∪ {T}); only the steps before T
    /// shifted ({s + k : s ∈ I, s &lt; T, 1 ≤ s + k &lt; T} ∪ {T}); and, for a late shift, the final averaging lost
    /// with it ({s + k : s ∈ I, s + k ≤ T}, empty when every shifted step passes T). Duplicates are dropped.
    /// </summary>
    public static IEnumerable<int[]> Flavours(int[] syncSteps, int offset, int steps)
    {
        var seen = new List<int[]>();
        IEnumerable<int> Shifted(IEnumerable<int> source) => source.Select(step => step + offset).Where(step => step >= 1 && step <= steps);
        int[][] candidates =
        [
            Shifted(syncSteps).Append(steps).Distinct().Order().ToArray(),
            Shifted(syncSteps.Where(step => step < steps)).Where(step => step < steps).Append(steps).Distinct().Order().ToArray(),
            offset > 0 ? Shifted(syncSteps).Distinct().Order().ToArray() : [],
        ];
        for (int index = 0; index < candidates.Length; index++)
        {
            int[] candidate = candidates[index];
            // Only the lost-final flavour may be empty: a late shift of one-shot averaging {T} never averages at all.
            bool allowedEmpty = index == 2 && offset > 0;
            if ((candidate.Length == 0 && !allowedEmpty) || seen.Any(other => other.SequenceEqual(candidate))) continue;
            seen.Add(candidate);
            yield return candidate;
        }
    }

    /// <summary>H when I = {H, 2H, …} ∪ {T} (a constant period), otherwise null.</summary>
    public static int? Period(int[] syncSteps, int steps)
    {
        int period = syncSteps[0];
        if (period >= steps) return null;
        var expected = new List<int>();
        for (int step = period; step < steps; step += period) expected.Add(step);
        expected.Add(steps);
        return expected.SequenceEqual(syncSteps) ? period : null;
    }

    private static IEnumerable<int> Gaps(int[] syncSteps)
    {
        int previous = 0;
        foreach (int step in syncSteps)
        {
            yield return step - previous;
            previous = step;
        }
    }

    /// <summary>The implementation's step-1 points per worker when some differ from x0 (workers not queried keep x0); otherwise null.</summary>
    private static double[][]? StartingPoints(OracleRun run, ObservedTrace observed)
    {
        var starts = Enumerable.Range(0, run.Workers).Select(_ => (double[])run.InitialPoint.Clone()).ToArray();
        bool differs = false;
        foreach (var query in observed.Queries.Where(query => query.Step == 1 && query.Worker < run.Workers))
        {
            starts[query.Worker] = (double[])query.Point.Clone();
            differs |= !query.Point.SequenceEqual(run.InitialPoint);
        }
        return differs ? starts : null;
    }
}
