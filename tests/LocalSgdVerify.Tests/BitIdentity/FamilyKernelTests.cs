using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.Simulation.Kernels;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// The kernels of the other families and of run-dependent schedules are the reference loop, faster: over random
/// problems (least squares of any rank with mini-batches drawn with replacement, logistic regression, heterogeneous
/// quadratics, the uv toy; least squares with its rows partitioned among the workers), random static schedules, hierarchical ones (averages within groups of workers) and ADA-LUPA's
/// loss rule on every family, every output iterate,
/// random checkpoints, replicate counts that leave partial vectors and 1–3 threads, every error, observable, round
/// count and per-replicate sync step equals the reference loop's bit for bit, and a diverging run is reported at the
/// reference's step, replicate, worker and value.
/// </summary>
public class FamilyKernelTests
{
    private sealed record Case(IProblem Problem, int Workers, int Steps, double StepSize, ICommunicationSchedule Schedule,
        OutputIterate Output, int[] Checkpoints, int Replicates, int Threads)
    {
        public override string ToString() =>
            $"{Problem.Family} {string.Join(",", Problem.Parameters.Select(p => $"{p.Key}={p.Value}"))} N={Workers} T={Steps} η={StepSize} " +
            $"{Schedule.Kind} {Output.Kind} checkpoints=[{string.Join(",", Checkpoints)}] R={Replicates} K={Threads}";
    }

    private static Gen<IProblem> Problems(int workers) =>
        from family in Gen.Choose(0, 3)
        from rows in Gen.Choose(1, 40)
        from columns in Gen.Choose(1, 19)
        from rankShare in Gen.Choose(1, 100)
        from batch in Gen.Choose(1, 7)
        from level in Gen.Choose(0, 20)
        from seed in Gen.Choose(0, 1000)
        select Problem(family, rows, columns, rankShare, batch, level, (ulong)seed, workers);

    private static IProblem Problem(int family, int rows, int columns, int rankShare, int batch, int level, ulong seed, int workers) => family switch
    {
        0 => new LeastSquares(rows, columns, batch, 0.1 * level, seed, rank: Math.Max(1, columns * rankShare / 100)),
        1 => new LogisticRegression(rows, columns, 0.01 + 0.05 * level, batch, seed),
        2 => HeterogeneousQuadratics.Generated(Enumerable.Range(0, columns).Select(k => 0.5 + 0.3 * ((k * 7 + (int)seed) % 10)).ToArray(),
            workers, 0.2 * level, 0.1 * level, seed),
        _ => new LabelNoiseUvToy(0.1 * level, batch),
    };

    // Data partitioned among the workers: n = N·(rows per worker), worker i samples only its own block of rows; one
    // worker is the unpartitioned problem. The largest blocks make ranges that are not powers of two.
    private static Gen<IProblem> PartitionedLeastSquares(int workers) =>
        from rowsPerWorker in Gen.Choose(1, 13)
        from columns in Gen.Choose(1, 19)
        from rankShare in Gen.Choose(1, 100)
        from batch in Gen.Choose(1, 7)
        from level in Gen.Choose(0, 20)
        from seed in Gen.Choose(0, 1000)
        select (IProblem)new LeastSquares(workers * rowsPerWorker, columns, batch, 0.1 * level, (ulong)seed,
            rank: Math.Max(1, columns * rankShare / 100), partitions: workers);

    private static Gen<ICommunicationSchedule> Schedules(int steps, int workers) =>
        Gen.OneOf(ScheduleGenerators.AnyStatic(steps), ScheduleGenerators.Hierarchical(steps, workers),
            Gen.Choose(1, Math.Max(1, steps)).Select(period => (ICommunicationSchedule)new AdaLupaLoss(period)));

    private static Gen<Case> Cases(Func<int, Gen<IProblem>> problems) =>
        from workers in Gen.Choose(1, 9)
        from problem in problems(workers)
        from steps in Gen.Choose(1, 80)
        from stepScale in Gen.Choose(1, 12)
        from schedule in Schedules(steps, workers)
        from output in Gen.Choose(0, 2)
        from checkpointCount in Gen.Choose(1, 4)
        from replicates in Gen.Choose(1, 45)
        from threads in Gen.Choose(1, 3)
        select new Case(problem, workers, steps, StepSize(problem, stepScale), schedule,
            output switch { 0 => OutputIterate.LastAverage, 1 => OutputIterate.PolyakRuppert, _ => OutputIterate.StichWeighted(8) },
            Enumerable.Range(1, checkpointCount).Select(i => Math.Max(1, steps * i / checkpointCount)).Distinct().ToArray(), replicates, threads);

    // η·L = scale/5 with L the largest curvature one sampled row (or the whole objective) can have, so most runs
    // stay bounded and the largest scales (η·L > 2) exercise divergence.
    private static double StepSize(IProblem problem, int scale) => 0.2 * scale / problem switch
    {
        LeastSquares leastSquares => Enumerable.Range(0, leastSquares.Rows).Max(i => SquaredNorm(leastSquares.Row(i))),
        LogisticRegression logistic => logistic.Regularization + Enumerable.Range(0, logistic.Rows).Max(i => SquaredNorm(logistic.Row(i))) / 4,
        _ => problem.Smoothness ?? 4.0,
    };

    private static double SquaredNorm(ReadOnlySpan<double> row)
    {
        double sum = 0;
        foreach (double value in row) sum += value * value;
        return sum;
    }

    private static LocalSgdConfiguration Configuration(Case c)
    {
        var start = Enumerable.Range(0, c.Problem.Dimension).Select(k => c.Problem is LabelNoiseUvToy ? 1.5 - 0.5 * k : 0.3 * k - 0.5).ToArray();
        return new LocalSgdConfiguration(c.Problem, c.Workers, c.Steps, start, new ConstantStepSize(c.StepSize), c.Schedule, c.Output, c.Checkpoints,
            divergenceBound: 1e6);
    }

    private static ulong[] Bits(SimulationResult result) =>
        result.Errors.SelectMany(row => row).Concat(result.Observables.SelectMany(o => o.SelectMany(row => row)))
            .Select(BitConverter.DoubleToUInt64Bits).ToArray();

    /// <summary>Runs both paths; equal when both diverge alike or both give the same bits, rounds and sync steps.</summary>
    private static Property SamePath(Case c, Func<string, bool> expectedKernel)
    {
        var configuration = Configuration(c);
        SimulationResult? fast = null, reference = null;
        DivergenceException? fastDivergence = null, referenceDivergence = null;
        try { fast = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.Replicates, TestSeeds.MasterSeed, c.Threads) { RecordSyncSteps = true }); }
        catch (DivergenceException divergence) { fastDivergence = divergence; }
        try { reference = MonteCarloSimulator.Run(configuration, new SimulationOptions(c.Replicates, TestSeeds.MasterSeed, c.Threads, useFastKernels: false) { RecordSyncSteps = true }); }
        catch (DivergenceException divergence) { referenceDivergence = divergence; }
        if (fastDivergence is not null || referenceDivergence is not null)
        {
            bool alike = fastDivergence is not null && referenceDivergence is not null && fastDivergence.Step == referenceDivergence.Step
                && fastDivergence.Replicate == referenceDivergence.Replicate && fastDivergence.Worker == referenceDivergence.Worker
                && BitConverter.DoubleToUInt64Bits(fastDivergence.Value) == BitConverter.DoubleToUInt64Bits(referenceDivergence.Value);
            return alike.Label($"divergence differs: fast {fastDivergence?.Message ?? "none"}, reference {referenceDivergence?.Message ?? "none"}; {c}");
        }
        bool sameSteps = fast!.SyncStepsPerReplicate!.Zip(reference!.SyncStepsPerReplicate!).All(pair => pair.First.SequenceEqual(pair.Second));
        return (expectedKernel(fast.KernelName) && Bits(fast).SequenceEqual(Bits(reference)) && fast.RoundsPerReplicate.SequenceEqual(reference.RoundsPerReplicate) && sameSteps)
            .Label($"{fast.KernelName}: {c}");
    }

    private static string KernelFor(IProblem problem) => problem switch
    {
        LeastSquares => LeastSquaresKernel.IsSupported ? nameof(LeastSquaresKernel) : nameof(ReferenceKernel),
        LogisticRegression => LogisticRegressionKernel.IsSupported ? nameof(LogisticRegressionKernel) : nameof(ReferenceKernel),
        HeterogeneousQuadratics => nameof(HeterogeneousQuadraticsKernel),
        LabelNoiseUvToy => LabelNoiseUvToyKernel.IsSupported ? nameof(LabelNoiseUvToyKernel) : nameof(ReferenceKernel),
        SeparableQuadratic => nameof(SeparableQuadraticKernel),
        DenseQuadratic => DenseQuadraticKernel.IsSupported ? nameof(DenseQuadraticKernel) : nameof(ReferenceKernel),
        _ => nameof(ScalarProblemKernel),
    };

    [Fact]
    public void TheSampledRowHeterogeneousAndUvKernelsReproduceTheReferenceLoopBitForBit()
    {
        Prop.ForAll(Cases(Problems).ToArbitrary(), c => SamePath(c, kernel => kernel == KernelFor(c.Problem))).Check(TestSeeds.Properties(150));
    }

    [Fact]
    public void ThePartitionedLeastSquaresKernelReproducesTheReferenceLoopBitForBit()
    {
        Prop.ForAll(Cases(PartitionedLeastSquares).ToArbitrary(), c => SamePath(c, kernel => kernel == KernelFor(c.Problem))).Check(TestSeeds.Properties(80));
    }

    private static Gen<IProblem> EarlierFamilies(int workers) =>
        from family in Gen.Choose(0, 4)
        from dimension in Gen.Choose(1, 11)
        from level in Gen.Choose(0, 10)
        select family switch
        {
            0 => (IProblem)new KinkFunction(0.5 + 0.1 * level, 0.5 * level),
            1 => new SmoothFunction(0.5 * level),
            2 => new SeparableQuadratic(Enumerable.Range(1, dimension).Select(k => 0.5 * k).ToArray(), 0.1 * level, 0.5),
            3 => new DenseQuadratic(Enumerable.Range(1, dimension).Select(k => 0.4 * k).ToArray(), 0.5, dataSeed: (ulong)level),
            _ => new SeparableQuadratic([1.7], 0, 0.1 * level),
        };

    [Fact]
    public void TheEarlierKernelsFollowRunDependentSchedulesBitForBit()
    {
        var cases = from c in Cases(EarlierFamilies)
                    from period in Gen.Choose(1, Math.Max(1, c.Steps / 3))
                    select c with { Schedule = new AdaLupaLoss(period) };
        Prop.ForAll(cases.ToArbitrary(), c => SamePath(c, kernel => kernel == KernelFor(c.Problem))).Check(TestSeeds.Properties(80));
    }

    [Fact]
    public void TheEarlierKernelsAverageWithinGroupsBitForBit()
    {
        var cases = from c in Cases(EarlierFamilies)
                    from schedule in ScheduleGenerators.Hierarchical(c.Steps, c.Workers)
                    select c with { Schedule = schedule };
        Prop.ForAll(cases.ToArbitrary(), c => SamePath(c, kernel => kernel == KernelFor(c.Problem))).Check(TestSeeds.Properties(80));
    }

    [Fact]
    public void ReplicatesUnderTheLossRuleMakeTheirOwnRounds()
    {
        // Not a bit-identity check but the reason per-replicate sync state exists: if every replicate shared one round
        // plan, all would make the same number of rounds.
        var configuration = new LocalSgdConfiguration(new KinkFunction(1, 8), 8, 400, [2.0], new CappedInverseTimeStepSize(2, 1, 0.5), new AdaLupaLoss(2));
        var result = MonteCarloSimulator.Run(configuration, new SimulationOptions(64, TestSeeds.MasterSeed, threads: 2) { RecordSyncSteps = true });
        Assert.Equal(nameof(ScalarProblemKernel), result.KernelName);
        Assert.True(result.RoundsPerReplicate.Distinct().Count() > 1, $"rounds {string.Join(",", result.RoundsPerReplicate)}");
        for (int r = 0; r < 64; r += 21)
            Assert.Equal(ReferenceLocalSgd.Run(configuration, TestSeeds.MasterSeed, r).SyncSteps, result.SyncStepsPerReplicate![r]);
    }
}
