using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Claims.Gu;

/// <summary>
/// The setting shared by the Gu et al. claims (G1, G2, Q1): the label-noise uv toy with K workers, local batch
/// B_loc and label noise s, started on the manifold uv = 1 at u² − v² = D0, and the helpers that read the
/// toy's observables ("difference" D = u² − v², "sharpness" u² + v²) at the output iterate x̄.
/// </summary>
public static class GuExperiments
{
    /// <summary>K, the workers.</summary>
    public const int Workers = 4;

    /// <summary>B_loc, examples per local batch (global batch B = K·B_loc = 4).</summary>
    public const int LocalBatch = 1;

    /// <summary>s, the label noise.</summary>
    public const double LabelNoise = 1.0;

    /// <summary>D0 = u0² − v0², the start on the manifold (sharpness √13 ≈ 3.6 there).</summary>
    public const double InitialDifference = 3.0;

    /// <summary>The toy in the words of a claim's assumptions.</summary>
    public static string ToyAssumption => $"uv toy, s = {NumberText.Compact(LabelNoise)}, K = {Workers}, B_loc = {LocalBatch}; start on uv = 1 at D0 = {NumberText.Compact(InitialDifference)}";

    /// <summary>The toy in the words of a claim's design.</summary>
    public static string ToySetting => $"label-noise uv toy, s = {NumberText.Compact(LabelNoise)}, B_loc = {LocalBatch}, D0 = {NumberText.Compact(InitialDifference)}";

    /// <summary>The toy.</summary>
    public static LabelNoiseUvToy Problem { get; } = new(LabelNoise, LocalBatch);

    /// <summary>Index of the "difference" observable.</summary>
    public static int DifferenceIndex => IndexOf("difference");

    /// <summary>Index of the "sharpness" observable.</summary>
    public static int SharpnessIndex => IndexOf("sharpness");

    private static int IndexOf(string name)
    {
        for (int o = 0; o < Problem.Observables.Count; o++)
            if (Problem.Observables[o].Name == name) return o;
        throw new InvalidOperationException($"the uv toy has no observable '{name}'");
    }

    /// <summary>Runs Local SGD on the toy from the manifold point at D0 and returns the simulation.</summary>
    public static SimulationResult Simulate(int totalSteps, IStepSizeSchedule stepSize, ICommunicationSchedule schedule, IReadOnlyList<int> checkpoints,
        int replicates, ClaimContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        var configuration = new LocalSgdConfiguration(Problem, Workers, totalSteps, GuTheory.StartOnManifold(InitialDifference), stepSize, schedule,
            checkpoints: checkpoints);
        return context.Simulate(configuration, replicates, context.Seed);
    }

    /// <summary>The raw per-replicate values of an observable at the last checkpoint (T).</summary>
    public static double[] Final(SimulationResult result, int observable) => result.Observables[observable][^1];

    /// <summary>
    /// Sharpness at the gradient-flow projection Φ(x) of each replicate's x onto the manifold: gradient flow keeps
    /// D = u² − v² exactly (d(u² − v²)/dt = −2(uv − 1)(uv − vu) = 0), so Φ(x) is the manifold point with the same D and
    /// λ(Φ(x)) = √(D² + 4). Gu et al.'s slow dynamics are for Φ(x̄); the raw u² + v² at x̄ adds the normal-direction
    /// fluctuation of order η, which averaging itself lowers (ū v̄ = mean u_i v_i − Cov_i(u, v)).
    /// </summary>
    public static double[] ProjectedSharpness(ReadOnlySpan<double> differences)
    {
        var values = new double[differences.Length];
        for (int i = 0; i < values.Length; i++) values[i] = GuTheory.Sharpness(differences[i]);
        return values;
    }

    /// <summary>Mean and 95% Student t band of the projected sharpness at every checkpoint, for figures.</summary>
    public static (double[] Mean, double[] Low, double[] High) ProjectedSharpnessBand(SimulationResult result)
    {
        double[][] byCheckpoint = result.Observables[DifferenceIndex];
        var intervals = byCheckpoint.Select(d => MeanIntervals.StudentT(ProjectedSharpness(d), 0.95)).ToArray();
        return (intervals.Select(i => i.Estimate).ToArray(), intervals.Select(i => i.Low).ToArray(), intervals.Select(i => i.High).ToArray());
    }

    /// <summary>The sync steps of a schedule at a horizon (static schedules only).</summary>
    public static int[] SyncStepsOf(ICommunicationSchedule schedule, int totalSteps, IStepSizeSchedule stepSize)
        => SyncSteps.Of(schedule, new ScheduleContext(totalSteps, Workers, stepSize));

    /// <summary>
    /// Interval for the decay exponent ln(D0/E D_T) from the Student t interval of E D_T (mapped through the
    /// decreasing x ↦ ln(D0/x)); a lower end at or below 0 leaves the exponent unbounded above.
    /// </summary>
    public static Interval DecayExponent(ReadOnlySpan<double> finalDifferences, double level, double initialDifference = InitialDifference)
    {
        var mean = MeanIntervals.StudentT(finalDifferences, level);
        double high = mean.Low > 0 ? Math.Log(initialDifference / mean.Low) : double.PositiveInfinity;
        double low = mean.High > 0 ? Math.Log(initialDifference / mean.High) : double.NegativeInfinity;
        double estimate = mean.Estimate > 0 ? Math.Log(initialDifference / mean.Estimate) : 0;
        return new Interval(low, high, estimate, level, "Student t on E D_T, mapped by ln(D0/·)", mean.Assumption);
    }

    /// <summary>The advantage 1 − E[x]/E[y] of paired samples, with the Fieller ratio interval mapped (decreasing) to it.</summary>
    public static Interval Advantage(ReadOnlySpan<double> local, ReadOnlySpan<double> baseline, double level)
    {
        var ratio = PairedComparison.RatioOfMeans(local, baseline, level);
        return new Interval(1 - ratio.Interval.High, 1 - ratio.Interval.Low, 1 - ratio.Interval.Estimate, level,
            "1 − Fieller ratio of paired means", ratio.Interval.Assumption);
    }

    /// <summary>
    /// The law outcome of a paired sharpness comparison at one toy configuration: the Fieller interval of
    /// E λ(Φ(x̄^T)) of <paramref name="subject"/> over <paramref name="baseline"/> (same seed) against 1, below it when
    /// <paramref name="predictLower"/> (else above), with the subject's run as the replay scenario.
    /// </summary>
    public static LawOutcome SharpnessRatio(string claimId, string quantity, string description, LocalSgdConfiguration subjectConfiguration,
        SimulationResult subject, SimulationResult baseline, bool predictLower, int replicates, ulong seed, double alpha)
    {
        double[] subjectSharpness = ProjectedSharpness(Final(subject, DifferenceIndex)), baselineSharpness = ProjectedSharpness(Final(baseline, DifferenceIndex));
        var ratio = PairedComparison.RatioOfMeans(subjectSharpness, baselineSharpness, 1 - alpha).Interval;
        var decision = predictLower ? VerdictRules.AtMost(ratio, 1) : VerdictRules.AtLeast(ratio, 1);
        return LawOutcome.FromDecision(decision, ratio, 1, quantity,
            ReplayScenarios.MonteCarlo(claimId, $"{description}, sharpness √(D² + 4) from the 'difference' observable", subjectConfiguration, replicates, seed, subject.FinalError.Mean),
            ExperimentDesign.MinimumDetectablePairedRatioChange(subjectSharpness, baselineSharpness, alpha));
    }

    /// <summary>Evenly spaced checkpoints: every multiple of <paramref name="spacing"/> up to T, and T itself.</summary>
    public static int[] Checkpoints(int totalSteps, int spacing)
    {
        var steps = new List<int>();
        for (int t = spacing; t < totalSteps; t += spacing) steps.Add(t);
        steps.Add(totalSteps);
        return steps.ToArray();
    }
}
