using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;
using static LocalSgdVerify.Tests.Exact.ExactTestSupport;

namespace LocalSgdVerify.Tests.Exact;

public sealed class SeparableQuadraticMomentsTests
{
    private sealed record ScalarCase(int Steps, int[] Sync, int Workers, double Curvature, double StepSize, double Noise, double Start);

    // b = 1 − ηa kept in [−0.98, 0.98] so (1 − b^{2t})/(1 − b²) is well conditioned.
    private static readonly Arbitrary<ScalarCase> ScalarCases =
        Schedules(120).SelectMany(schedule =>
            Gen.Choose(1, 20).SelectMany(workers =>
                Between(0.1, 3).SelectMany(a =>
                    Between(0.02, 1.98).SelectMany(etaTimesA =>
                        Between(0, 2).SelectMany(sigma =>
                            Between(-3, 3).Select(x0 => new ScalarCase(schedule.Steps, schedule.Sync, workers, a, etaTimesA / a, sigma, x0)))))))
        .ToArbitrary();

    private static SeparableMomentTrajectory RunScalar(ScalarCase c, double multiplicative = 0)
        => SeparableQuadraticMoments.Compute(new SeparableQuadratic([c.Curvature], multiplicative, c.Noise), c.Workers, [c.Start],
            new ConstantStepSize(c.StepSize), c.Steps, c.Sync, Enumerable.Range(1, c.Steps).ToArray(), recordCoordinates: true);

    [Fact]
    public void AveragedIterateFollowsThePatelDieuleveutClosedFormForEverySchedule()
    {
        // claims.md §4 P1: E(x̄_t)² = b^{2t}x0² + (η²σ²/P)(1 − b^{2t})/(1 − b²), whatever the schedule.
        Prop.ForAll(ScalarCases, c =>
        {
            var moments = RunScalar(c);
            double b = 1 - c.StepSize * c.Curvature;
            for (int t = 1; t <= c.Steps; t++)
            {
                double decay = Math.Pow(b, 2 * t);
                double expected = decay * c.Start * c.Start + c.StepSize * c.StepSize * c.Noise * c.Noise / c.Workers * (1 - decay) / (1 - b * b);
                double actual = moments.AverageSecondMoments![t - 1][0];
                if (!RelativelyClose(expected, actual, 1e-12))
                    return false.Label($"t = {t}: expected {expected:R}, engine {actual:R}, sync {Show(c.Sync)}");
            }
            return true.ToProperty();
        }).Check(TestSeeds.Properties(200));
    }

    [Fact]
    public void LocalIterateAddsTheLocalIterationVarianceSinceItsLastAverage()
    {
        // claims.md §4 P1: s steps after the last average, E x_i² = E x̄² + (1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²).
        Prop.ForAll(ScalarCases, c =>
        {
            var moments = RunScalar(c);
            double b = 1 - c.StepSize * c.Curvature;
            int lastSync = 0;
            for (int t = 1; t <= c.Steps; t++)
            {
                if (c.Sync.Contains(t)) lastSync = t;
                int s = t - lastSync;
                double decay = Math.Pow(b, 2 * t), sinceSync = Math.Pow(b, 2 * s);
                double etaSigmaSquared = c.StepSize * c.StepSize * c.Noise * c.Noise;
                double average = decay * c.Start * c.Start + etaSigmaSquared / c.Workers * (1 - decay) / (1 - b * b);
                double expected = average + (1 - 1.0 / c.Workers) * etaSigmaSquared * (1 - sinceSync) / (1 - b * b);
                double actual = moments.WorkerSecondMoments![t - 1][0];
                if (!RelativelyClose(expected, actual, 1e-12))
                    return false.Label($"t = {t}, s = {s}: expected {expected:R}, engine {actual:R}");
            }
            return true.ToProperty();
        }).Check(TestSeeds.Properties(200));
    }

    private sealed record PairCase(int Steps, int[] FirstSync, int[] SecondSync, int Workers, double Multiplicative, double[] Start);

    private static Arbitrary<PairCase> Pairs(int minWorkers, int maxWorkers, double maxMultiplicative)
        => Schedules(80).SelectMany(first =>
            Gen.Choose(0, 99).ArrayOf(first.Steps).SelectMany(draws =>
                Gen.Choose(minWorkers, maxWorkers).SelectMany(workers =>
                    Between(0, maxMultiplicative).SelectMany(c =>
                        Between(-2, 2).ArrayOf(3).Select(x0 => new PairCase(first.Steps, first.Sync,
                            Enumerable.Range(1, first.Steps).Where(s => draws[s - 1] < 30).ToArray(), workers, c, x0))))))
        .ToArbitrary();

    private static SeparableMomentTrajectory Run(PairCase c, int[] sync, OutputIterate? output = null)
        => SeparableQuadraticMoments.Compute(new SeparableQuadratic([1.0, 2.0, 3.0], c.Multiplicative, 0.5), c.Workers, c.Start,
            new InverseTimeStepSize(0.6, 2), c.Steps, sync, Enumerable.Range(1, c.Steps).ToArray(), output);

    [Fact]
    public void WithoutMultiplicativeNoiseTheAverageErrorIsTheSameForEverySchedule()
    {
        Prop.ForAll(Pairs(1, 12, 0), c =>
        {
            double[] first = Run(c, c.FirstSync).AverageErrors, second = Run(c, c.SecondSync).AverageErrors;
            return first.Zip(second).All(p => RelativelyClose(p.First, p.Second, 1e-12));
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void WithOneWorkerEverythingIsTheSameForEverySchedule()
    {
        Prop.ForAll(Pairs(1, 1, 1.5), c =>
        {
            var first = Run(c, c.FirstSync, OutputIterate.PolyakRuppert);
            var second = Run(c, c.SecondSync, OutputIterate.PolyakRuppert);
            return first.AverageErrors.SequenceEqual(second.AverageErrors)
                && first.WorkerErrors.SequenceEqual(second.WorkerErrors)
                && first.OutputErrors.SequenceEqual(second.OutputErrors);
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void WithMultiplicativeNoiseAndSeveralWorkersTheScheduleMatters()
    {
        // q = E x_i² grows by η²a²c² q on top of b² q; r does not, so syncing (which pulls q down to E x̄²)
        // changes the later growth of E x̄². One-shot and every-step must therefore differ.
        var problem = new SeparableQuadratic([1.0, 2.0, 3.0], 1.0, 0.5);
        double Final(int[] sync) => SeparableQuadraticMoments.Compute(problem, 20, [1.0, 1.0, 1.0], new InverseTimeStepSize(0.3, 1), 200, sync).AverageErrors[0];
        double oneShot = Final([200]), everyStep = Final(Enumerable.Range(1, 200).ToArray());
        Assert.True(Math.Abs(oneShot - everyStep) > 1e-3 * everyStep, $"one-shot {oneShot}, every-step {everyStep}");
    }

    [Fact]
    public void AveragingAtEveryStepKeepsTheWorkersEqual()
    {
        var problem = new SeparableQuadratic([0.5, 2.0], 0.7, 0.3);
        var moments = SeparableQuadraticMoments.Compute(problem, 5, [1.0, -1.0], new ConstantStepSize(0.2), 30,
            Enumerable.Range(1, 30).ToArray(), Enumerable.Range(1, 30).ToArray(), recordCoordinates: true);
        for (int t = 0; t < 30; t++)
        {
            Assert.Equal(moments.WorkerSecondMoments![t], moments.CrossMoments![t]);
            Assert.Equal(moments.WorkerErrors[t], moments.AverageErrors[t], 14);
        }
    }

    [Fact]
    public void MeanContractsByTheProductOfOneMinusEtaA()
    {
        var problem = new SeparableQuadratic([0.5, 2.0], 0.7, 0.3);
        var moments = SeparableQuadraticMoments.Compute(problem, 3, [2.0, -1.0], new ConstantStepSize(0.1), 4, [2, 4], [4], recordCoordinates: true);
        Assert.Equal(2.0 * Math.Pow(0.95, 4), moments.Means![0][0], 14);
        Assert.Equal(-1.0 * Math.Pow(0.8, 4), moments.Means![0][1], 14);
    }

    private sealed record BruteForceCase(int Steps, int[] Sync, int Workers, double Multiplicative, double Noise, double[] Start, int OutputKind, double Shift, bool Decaying);

    private static readonly Arbitrary<BruteForceCase> BruteForceCases =
        Schedules(25).SelectMany(schedule =>
            Gen.Choose(1, 4).SelectMany(workers =>
                Between(0, 1).SelectMany(c =>
                    Between(0, 1.5).SelectMany(sigma =>
                        Between(-2, 2).ArrayOf(2).SelectMany(x0 =>
                            Gen.Choose(0, 2).SelectMany(kind =>
                                Between(0, 20).SelectMany(shift =>
                                    Gen.Elements(true, false).Select(decaying =>
                                        new BruteForceCase(schedule.Steps, schedule.Sync, workers, c, sigma, x0, kind, shift, decaying)))))))))
        .ToArbitrary();

    [Fact]
    public void AgreesWithTheJointSecondMomentMatrixForEveryOutput()
    {
        double[] curvatures = [0.7, 1.9];
        Prop.ForAll(BruteForceCases, c =>
        {
            OutputIterate output = c.OutputKind switch { 0 => OutputIterate.LastAverage, 1 => OutputIterate.PolyakRuppert, _ => OutputIterate.StichWeighted(c.Shift) };
            IStepSizeSchedule stepSize = c.Decaying ? new InverseTimeStepSize(1.5, 2) : new ConstantStepSize(0.4);
            int[] checkpoints = Enumerable.Range(1, c.Steps).ToArray();
            var engine = SeparableQuadraticMoments.Compute(new SeparableQuadratic(curvatures, c.Multiplicative, c.Noise), c.Workers, c.Start,
                stepSize, c.Steps, c.Sync, checkpoints, output);
            var reference = BruteForceMoments.Separable(curvatures, c.Multiplicative, c.Noise, c.Workers, c.Start, stepSize.At, c.Steps,
                c.Sync.ToHashSet(), checkpoints, output.Weight(1) is null ? null : t => output.Weight(t)!.Value);
            for (int i = 0; i < checkpoints.Length; i++)
            {
                if (!RelativelyClose(reference.Output[i], engine.OutputErrors[i], 1e-12)
                    || !RelativelyClose(reference.Average[i], engine.AverageErrors[i], 1e-12)
                    || !RelativelyClose(reference.Worker[i], engine.WorkerErrors[i], 1e-12))
                    return false.Label($"t = {i + 1}: output {reference.Output[i]:R} vs {engine.OutputErrors[i]:R}, average {reference.Average[i]:R} vs {engine.AverageErrors[i]:R}, worker {reference.Worker[i]:R} vs {engine.WorkerErrors[i]:R}");
            }
            return true.ToProperty();
        }).Check(TestSeeds.Properties(150));
    }

    [Fact]
    public void AdditiveNoisePolyakRuppertAgreesWithTheUnrolledSumOfVariances()
    {
        // With c = 0, x̄^t = Φ(0,t)x0 − Σ_{u<t} η_u Φ(u+1,t) s̄_u, Φ(u,t) = Π_{v=u}^{t−1}(1 − η_v a), s̄_u ~ N(0, σ²/N)
        // independent. So S_T = Σ_t w_t x̄^t has E S² = (Σ_t w_t Φ(0,t) x0)² + (σ²/N) Σ_u η_u² (Σ_{t>u} w_t Φ(u+1,t))².
        Prop.ForAll(BruteForceCases, c =>
        {
            OutputIterate output = c.OutputKind == 2 ? OutputIterate.StichWeighted(c.Shift) : OutputIterate.PolyakRuppert;
            IStepSizeSchedule stepSize = c.Decaying ? new InverseTimeStepSize(1.5, 2) : new ConstantStepSize(0.4);
            double[] curvatures = [0.7, 1.9];
            int steps = c.Steps;
            double expected = 0;
            double weightTotal = Enumerable.Range(1, steps).Sum(t => output.Weight(t)!.Value);
            for (int k = 0; k < 2; k++)
            {
                double a = curvatures[k];
                double Phi(int from, int to)
                {
                    double product = 1;
                    for (int v = from; v < to; v++) product *= 1 - stepSize.At(v) * a;
                    return product;
                }
                double deterministic = 0;
                for (int t = 1; t <= steps; t++) deterministic += output.Weight(t)!.Value * Phi(0, t) * c.Start[k];
                double variance = 0;
                for (int u = 0; u < steps; u++)
                {
                    double coefficient = 0;
                    for (int t = u + 1; t <= steps; t++) coefficient += output.Weight(t)!.Value * Phi(u + 1, t);
                    variance += stepSize.At(u) * stepSize.At(u) * coefficient * coefficient;
                }
                expected += 0.5 * a * (deterministic * deterministic + c.Noise * c.Noise / c.Workers * variance) / (weightTotal * weightTotal);
            }
            var engine = SeparableQuadraticMoments.Compute(new SeparableQuadratic(curvatures, 0, c.Noise), c.Workers, c.Start, stepSize, steps, c.Sync, output: output);
            return RelativelyClose(expected, engine.OutputErrors[0], 1e-12).Label($"unrolled {expected:R}, engine {engine.OutputErrors[0]:R}");
        }).Check(TestSeeds.Properties(150));
    }

    [Fact]
    public void HandComputedTwoStepPolyakRuppertAverage()
    {
        // a = 2, c = 0.5, σ = 1, η = 0.25, x0 = 1, N = 1: b = 0.5, b² + η²a²c² = 0.3125, η²σ² = 0.0625.
        // E x1² = 0.3125 + 0.0625 = 0.375; E x1x2 = b·E x1² = 0.1875; E x2² = 0.3125·0.375 + 0.0625 = 0.1796875.
        // E(x1 + x2)² = 0.375 + 2·0.1875 + 0.1796875 = 0.9296875; E F((x1 + x2)/2) = (2/2)·0.9296875/4 = 0.232421875.
        var problem = new SeparableQuadratic([2.0], 0.5, 1.0);
        var moments = SeparableQuadraticMoments.Compute(problem, 1, [1.0], new ConstantStepSize(0.25), 2, [2], [1, 2], OutputIterate.PolyakRuppert);
        Assert.Equal(0.375, moments.OutputErrors[0], 15);
        Assert.Equal(0.232421875, moments.OutputErrors[1], 15);
        Assert.Equal(0.1796875, moments.AverageErrors[1], 15);
    }

    [Fact]
    public void AsymptoticConstantHasTheHandComputedValue()
    {
        // a = (1, 2, 3), σ = 0.5, α = 3: (9·0.25/2)(1/5 + 2/11 + 3/17) = 1.125 · 522/935.
        Assert.Equal(1.125 * 522.0 / 935.0, SeparableQuadraticMoments.AsymptoticConstant([1.0, 2.0, 3.0], 0.5, 3), 14);
        var error = Assert.Throws<ProblemParameterException>(() => SeparableQuadraticMoments.AsymptoticConstant([1.0, 0.1], 0.5, 3));
        Assert.Equal("step_size.alpha", error.Field);
    }

    [Fact]
    public void NTTimesTheErrorApproachesTheAsymptoticConstantForEverySchedule()
    {
        // Spiridonoff et al.'s setting (d = 3, a = (1,2,3), c = 1, σ = 0.5, N = 20, η_t = 3/(t+1)). The corrections
        // to N·T·E F are O(1/T) here (2αa_k − 1 ≥ 5), so at T = 10^5 they are far below the 0.5% allowed.
        var problem = new SeparableQuadratic([1.0, 2.0, 3.0], 1.0, 0.5);
        double limit = SeparableQuadraticMoments.AsymptoticConstant(problem.Curvatures, 0.5, 3);
        const int steps = 100_000, workers = 20;
        foreach (int[] sync in new[] { new[] { steps }, Enumerable.Range(1, steps / 100).Select(r => r * 100).ToArray() })
        {
            double scaled = workers * (double)steps * SeparableQuadraticMoments.Compute(problem, workers, [1.0, 1.0, 1.0], new InverseTimeStepSize(3, 1), steps, sync).AverageErrors[0];
            Assert.True(Math.Abs(scaled / limit - 1) < 5e-3, $"N·T·E F = {scaled}, limit {limit}");
        }
    }

    [Fact]
    public void BadArgumentsNameTheirField()
    {
        var problem = new SeparableQuadratic([1.0, 2.0], 0, 1);
        var eta = new ConstantStepSize(0.1);
        (string Field, Action Run)[] cases =
        [
            ("sync_steps[1]", () => SeparableQuadraticMoments.Compute(problem, 2, [0.0, 0.0], eta, 10, [5, 5, 10])),
            ("sync_steps[0]", () => SeparableQuadraticMoments.Compute(problem, 2, [0.0, 0.0], eta, 10, [11])),
            ("checkpoints[0]", () => SeparableQuadraticMoments.Compute(problem, 2, [0.0, 0.0], eta, 10, [10], [0])),
            ("workers", () => SeparableQuadraticMoments.Compute(problem, 0, [0.0, 0.0], eta, 10, [10])),
            ("steps", () => SeparableQuadraticMoments.Compute(problem, 1, [0.0, 0.0], eta, 0, [])),
            ("x0", () => SeparableQuadraticMoments.Compute(problem, 1, [0.0], eta, 10, [10])),
            ("x0[1]", () => SeparableQuadraticMoments.Compute(problem, 1, [0.0, double.NaN], eta, 10, [10])),
        ];
        foreach (var (field, run) in cases)
            Assert.Equal(field, Assert.Throws<ProblemParameterException>(run).Field);
    }
}
