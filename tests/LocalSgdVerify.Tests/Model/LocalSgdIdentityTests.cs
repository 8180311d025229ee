using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Model;

/// <summary>
/// The exact facts of claims.md §1, checked on the reference loop: schedule invariance of x̄ under additive noise
/// on quadratics, N = 1 is SGD, I = {1..T} is mini-batch SGD, averaging is idempotent and preserves x̄, workers
/// are exchangeable, and the trace averages exactly at I.
/// </summary>
public class LocalSgdIdentityTests
{
    private static readonly ulong Seed = TestSeeds.MasterSeed;

    private static LocalSgdConfiguration Configuration(IProblem problem, int workers, int steps, ICommunicationSchedule schedule, IStepSizeSchedule? stepSize = null)
        => new(problem, workers, steps, Enumerable.Repeat(1.0, problem.Dimension).ToArray(), stepSize ?? new InverseTimeStepSize(1.0, 2.0), schedule);

    private static RecordingObserver Trace(LocalSgdConfiguration configuration, int replicate = 0)
    {
        var observer = new RecordingObserver();
        ReferenceLocalSgd.Run(configuration, Seed, replicate, observer);
        return observer;
    }

    private static double RelativeDistance(double[] x, double[] y)
    {
        double difference = 0, scale = 0;
        for (int k = 0; k < x.Length; k++) { difference = Math.Max(difference, Math.Abs(x[k] - y[k])); scale = Math.Max(scale, Math.Max(Math.Abs(x[k]), Math.Abs(y[k]))); }
        return scale == 0 ? difference : difference / scale;
    }

    // Round-off of x − η·g scales with the path's magnitude, not with x^t itself (x^t may pass near 0), so
    // path identities are asserted relative to the largest coordinate the two paths reach.
    private static double PathGap(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        double difference = 0, scale = 0;
        for (int t = 0; t < a.Count; t++)
            for (int k = 0; k < a[t].Length; k++)
            {
                difference = Math.Max(difference, Math.Abs(a[t][k] - b[t][k]));
                scale = Math.Max(scale, Math.Max(Math.Abs(a[t][k]), Math.Abs(b[t][k])));
            }
        return scale == 0 ? difference : difference / scale;
    }

    [Fact]
    public void UnderAdditiveNoiseOnAQuadraticEveryScheduleGivesTheSamePathOfTheAverage()
    {
        var cases = from steps in Gen.Choose(1, 200)
                    from workers in Gen.Choose(1, 8)
                    from first in ScheduleGenerators.AnyStatic(steps)
                    from second in ScheduleGenerators.AnyStatic(steps)
                    from dimension in Gen.Choose(1, 4)
                    select (steps, workers, first, second, dimension);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problem = new SeparableQuadratic(Enumerable.Range(1, c.dimension).Select(k => 0.5 * k).ToArray(), 0, 0.7);
            var a = Trace(Configuration(problem, c.workers, c.steps, c.first));
            var b = Trace(Configuration(problem, c.workers, c.steps, c.second));
            double worst = PathGap(a.Averages, b.Averages);
            return (worst <= 1e-12).Label($"{c.first.Kind} vs {c.second.Kind}, N={c.workers}, T={c.steps}: max relative gap {worst:E3}");
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void MultiplicativeNoiseBreaksScheduleInvariance()
    {
        // The identity needs additive noise; with c > 0 one-shot and every-step averaging must differ, or the
        // invariance test above would pass vacuously on a loop that ignores the schedule.
        var problem = new SeparableQuadratic([1.0, 2.0], 1.0, 0.5);
        var oneShot = Trace(Configuration(problem, 4, 50, new OneShot()));
        var everyStep = Trace(Configuration(problem, 4, 50, new EveryStep()));
        Assert.True(RelativeDistance(oneShot.Averages[^1], everyStep.Averages[^1]) > 1e-6);
    }

    [Fact]
    public void OneWorkerIsPlainSgdBitForBit()
    {
        var cases = from steps in Gen.Choose(1, 300)
                    from schedule in ScheduleGenerators.AnyStatic(steps)
                    from family in Gen.Choose(0, 2)
                    select (steps, schedule, family);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            IProblem problem = c.family switch { 0 => new SeparableQuadratic([1.0, 3.0], 0.5, 0.5), 1 => new KinkFunction(1, 8), _ => new SmoothFunction(8) };
            var stepSize = new CappedInverseTimeStepSize(2, 1, 0.25);
            var trace = Trace(Configuration(problem, 1, c.steps, c.schedule, stepSize));
            var oracle = problem.CreateOracle(Seed);
            double[] x = Enumerable.Repeat(1.0, problem.Dimension).ToArray(), g = new double[x.Length];
            for (int t = 0; t < c.steps; t++)
            {
                oracle.StochasticGradient(x, new NoiseAddress(0, 0, t), g);
                for (int k = 0; k < x.Length; k++) x[k] -= stepSize.At(t) * g[k];
                if (!x.SequenceEqual(trace.Averages[t])) return false.Label($"{problem.Family}/{c.schedule.Kind}: differs at step {t + 1}");
            }
            return true.ToProperty();
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void AveragingEveryStepIsMiniBatchSgdWithBatchN()
    {
        var cases = from steps in Gen.Choose(1, 200)
                    from workers in Gen.Choose(1, 16)
                    from family in Gen.Choose(0, 2)
                    select (steps, workers, family);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            IProblem problem = c.family switch { 0 => new SeparableQuadratic([1.0, 3.0], 1.0, 0.5), 1 => new KinkFunction(1, 8), _ => new SmoothFunction(8) };
            var stepSize = new CappedInverseTimeStepSize(2, 1, 0.25);
            var trace = Trace(Configuration(problem, c.workers, c.steps, new EveryStep(), stepSize));
            var oracle = problem.CreateOracle(Seed);
            int d = problem.Dimension;
            double[] x = Enumerable.Repeat(1.0, d).ToArray(), g = new double[d], batch = new double[d];
            var path = new List<double[]>();
            for (int t = 0; t < c.steps; t++)
            {
                Array.Clear(batch);
                for (int i = 0; i < c.workers; i++)
                {
                    oracle.StochasticGradient(x, new NoiseAddress(0, i, t), g);
                    for (int k = 0; k < d; k++) batch[k] += g[k] / c.workers;
                }
                for (int k = 0; k < d; k++) x[k] -= stepSize.At(t) * batch[k];
                path.Add(x.ToArray());
            }
            double gap = PathGap(path, trace.Averages);
            return (gap <= 1e-12).Label($"{problem.Family} N={c.workers}: gap {gap:E3}");
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void TheTraceAveragesExactlyAtTheScheduleStepsAndLeavesAllWorkersEqualThere()
    {
        var cases = from steps in Gen.Choose(2, 150)
                    from workers in Gen.Choose(2, 6)
                    from schedule in ScheduleGenerators.AnyStatic(steps)
                    select (steps, workers, schedule);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problem = new SeparableQuadratic([1.0, 2.0], 0.5, 0.5);
            var configuration = Configuration(problem, c.workers, c.steps, c.schedule);
            var trace = Trace(configuration);
            int d = problem.Dimension;
            var expected = configuration.StaticSyncSteps!;
            if (!trace.Syncs.SequenceEqual(expected)) return false.Label($"{c.schedule.Kind}: synced at [{string.Join(",", trace.Syncs)}], expected [{string.Join(",", expected)}]");
            var syncSet = expected.ToHashSet();
            for (int t = 1; t <= c.steps; t++)
            {
                double[] rows = trace.Workers[t - 1];
                bool allEqual = Enumerable.Range(1, c.workers - 1).All(i => rows.AsSpan(i * d, d).SequenceEqual(rows.AsSpan(0, d)));
                // With noise, distinct workers are equal exactly when they have just averaged.
                if (allEqual != syncSet.Contains(t)) return false.Label($"{c.schedule.Kind}: at step {t} workers equal = {allEqual}");
            }
            // Every worker queries a gradient once per step, in order.
            bool queries = trace.Queries.Select(q => (q.Step, q.Worker)).SequenceEqual(
                from t in Enumerable.Range(0, c.steps) from i in Enumerable.Range(0, c.workers) select (t, i));
            return queries.Label("query order");
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void AveragingPreservesTheVirtualAverageAndIsIdempotent()
    {
        var rows = from workers in Gen.Choose(1, 12)
                   from dimension in Gen.Choose(1, 5)
                   from values in Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000), workers * dimension)
                   select (workers, dimension, values: values.Select(v => v / 1000.0).ToArray());
        Prop.ForAll(rows.ToArbitrary(), c =>
        {
            var average = new double[c.dimension];
            ReferenceLocalSgd.VirtualAverage(c.values, c.workers, c.dimension, average);
            var averaged = Enumerable.Range(0, c.workers).SelectMany(_ => average).ToArray();
            var again = new double[c.dimension];
            ReferenceLocalSgd.VirtualAverage(averaged, c.workers, c.dimension, again);
            // Summing N equal copies and dividing by N may round in the last place, never more than N ulp.
            double scale = average.Select(Math.Abs).DefaultIfEmpty(0).Max();
            return average.Zip(again, (x, y) => Math.Abs(x - y) <= c.workers * Math.Max(scale, 1e-300) * 2.3e-16).All(b => b);
        }).Check(TestSeeds.Properties(200));
    }

    [Fact]
    public void WorkersAreExchangeablePermutingTheirNoiseChangesNothing()
    {
        var cases = from steps in Gen.Choose(1, 120)
                    from workers in Gen.Choose(2, 8)
                    from schedule in ScheduleGenerators.AnyStatic(steps)
                    from keys in Gen.ArrayOf(Gen.Choose(0, 1_000_000), workers)
                    from family in Gen.Choose(0, 1)
                    select (steps, workers, schedule, keys, family);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int[] permutation = Enumerable.Range(0, c.workers).OrderBy(i => c.keys[i]).ThenBy(i => i).ToArray();
            IProblem problem = c.family == 0 ? new SeparableQuadratic([1.0, 2.0], 1.0, 0.5) : new KinkFunction(1, 8);
            var stepSize = new CappedInverseTimeStepSize(2, 1, 0.25);
            var plain = Trace(Configuration(problem, c.workers, c.steps, c.schedule, stepSize));
            var permuted = Trace(Configuration(new PermutedWorkers(problem, permutation), c.workers, c.steps, c.schedule, stepSize));
            double gap = PathGap(plain.Averages, permuted.Averages);
            return (gap <= 1e-12).Label($"gap {gap:E3}");
        }).Check(TestSeeds.Properties(100));
    }

    [Fact]
    public void AStepSizeThatBlowsUpIsReportedAsDivergenceWithStepAndReplicate()
    {
        var problem = new SeparableQuadratic([1.0], 0, 0.1);
        var configuration = new LocalSgdConfiguration(problem, 2, 2000, [1.0], new ConstantStepSize(3.0), new ConstantPeriod(5));
        // |1 − 3·1| = 2 per step: |x| doubles, so 1e100 is passed after about log2(1e100) ≈ 333 steps.
        var error = Assert.Throws<DivergenceException>(() => ReferenceLocalSgd.Run(configuration, Seed, 7));
        Assert.Equal(7, error.Replicate);
        Assert.InRange(error.Step, 320, 345);
        Assert.StartsWith($"diverged at step {error.Step} in replicate 7", error.Message);
    }

    /// <summary>The same problem with worker i drawing the noise of worker π(i).</summary>
    private sealed class PermutedWorkers(IProblem inner, int[] permutation) : IProblem
    {
        public string Family => inner.Family;
        public int Dimension => inner.Dimension;
        public double Value(ReadOnlySpan<double> x) => inner.Value(x);
        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => inner.Gradient(x, gradient);
        public double OptimalValue => inner.OptimalValue;
        public IReadOnlyList<double>? Optimum => inner.Optimum;
        public double? StrongConvexity => inner.StrongConvexity;
        public double? Smoothness => inner.Smoothness;
        public IReadOnlyList<Observable> Observables => inner.Observables;
        public IReadOnlyDictionary<string, object> Parameters => inner.Parameters;
        public IGradientOracle CreateOracle(ulong seed) => new Oracle(inner.CreateOracle(seed), permutation);

        private sealed class Oracle(IGradientOracle inner, int[] permutation) : IGradientOracle
        {
            public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
                => inner.StochasticGradient(x, address with { Worker = permutation[address.Worker] }, gradient);
        }
    }
}
