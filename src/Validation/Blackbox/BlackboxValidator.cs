using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Statistics;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>What a blackbox scenario showed: its assertions, their combined verdict, the evidence in words, and the error that stopped it, if any.</summary>
public sealed record BlackboxOutcome(IReadOnlyList<AssertionResult> Assertions, Verdict Verdict, IReadOnlyList<string> Evidence, ProtocolError? Error, int Runs);

/// <summary>
/// Blackbox mode: the implementation runs a named problem family with its own noise for R seeds (the scenario's
/// <c>replicates</c>; run r gets seed + r) and reports only its output iterates. The harness compares, each at its
/// share of the run's error budget: the mean output per coordinate and the mean error F(x) − F* with their exact
/// values (separable quadratic: Student t interval must cover them) or with a sample of the reference loop (Welch
/// interval of the difference must cover 0); without exact values also the whole error distribution (two-sample
/// DKWM); and, optionally, the slope of ln E[error] against ln N over several N (linear speed-up: slope −1).
/// A discrepancy is a fail (false-fail rate at most the assertion's share); a mean-error check too weak to detect a
/// 50% change is inconclusive, never a pass.
/// </summary>
public sealed class BlackboxValidator
{
    /// <summary>Size of the reference sample relative to R when there are no exact values.</summary>
    public const int ReferenceSampleFactor = 4;

    /// <summary>Largest relative change of the mean error a passing check must be able to detect (with power 0.8).</summary>
    public const double DetectableRelativeChange = 0.5;

    private readonly ValidationScenario scenario;
    private readonly BlackboxReference reference;
    private readonly string[] names;

    private BlackboxValidator(ValidationScenario scenario, BlackboxReference reference, string[] names)
    {
        this.scenario = scenario;
        this.reference = reference;
        this.names = names;
    }

    /// <summary>The statistical assertions the scenario makes, to be registered in the error budget before any is evaluated.</summary>
    public IReadOnlyList<string> AssertionNames => names;

    /// <summary>Prepares a scenario: computes its reference and names its assertions. Throws <see cref="NotSupportedException"/> when blackbox mode cannot describe it.</summary>
    public static BlackboxValidator Prepare(ValidationScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var configuration = scenario.Scenario.Configuration;
        // Throws NotSupportedException for a family without a blackbox description (§13 of docs/protocol.md).
        _ = ProtocolVocabulary.Problem(configuration.Problem);
        if (configuration.StaticSyncSteps is null)
            throw new NotSupportedException($"schedule {configuration.Communication.Kind} depends on the run's loss; blackbox mode needs a schedule fixed in advance");
        _ = ProtocolVocabulary.OutputName(configuration.Output);
        if (scenario.Scenario.Replicates < 2)
            throw new NotSupportedException("blackbox mode needs at least 2 replicates (seeds) per scenario");
        var reference = BlackboxReference.For(configuration, scenario.Scenario.Seed, ReferenceSampleFactor * scenario.Scenario.Replicates);
        string name = scenario.Name;
        var list = Enumerable.Range(0, configuration.Problem.Dimension).Select(k => $"{name}: mean output x[{Integer(k)}]").ToList();
        list.Add($"{name}: mean error");
        if (!reference.IsExact) list.Add($"{name}: error distribution");
        if (scenario.Speedup is not null) list.Add($"{name}: speed-up slope");
        return new BlackboxValidator(scenario, reference, list.ToArray());
    }

    /// <summary>Runs the scenario on a session that completed its handshake; the budget must hold <see cref="AssertionNames"/>.</summary>
    public async Task<BlackboxOutcome> RunAsync(ProtocolSession session, ErrorBudget budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(budget);
        var configuration = scenario.Scenario.Configuration;
        int replicates = scenario.Scenario.Replicates;
        var evidence = new List<string>();
        var (outputs, error) = await RunManyAsync(session, configuration, 0, cancellationToken).ConfigureAwait(false);
        if (error is not null) return new BlackboxOutcome([], Verdict.Inconclusive, evidence, error, outputs.Count);
        int runs = outputs.Count;
        evidence.Add($"{Integer(replicates)} runs with the implementation's own noise, seeds {Integer(SeedOf(0, 0))}..{Integer(SeedOf(0, replicates - 1))}; reference: {reference.Method}");

        var assertions = new List<AssertionResult>();
        double[] errors = outputs.Select(x => configuration.Problem.Error(x)).ToArray();
        for (int k = 0; k < configuration.Problem.Dimension; k++)
        {
            double[] coordinate = outputs.Select(x => x[k]).ToArray();
            double alpha = budget.ShareOf(names[k]);
            assertions.Add(reference.IsExact
                ? AgainstExact(names[k], coordinate, reference.ExactMeanOutput![k], alpha, "", inconclusiveWhenWeak: false)
                : AgainstSample(names[k], coordinate, reference.Outputs!.Select(x => x[k]).ToArray(), alpha, inconclusiveWhenWeak: false));
        }
        int next = configuration.Problem.Dimension;
        double errorAlpha = budget.ShareOf(names[next]);
        assertions.Add(reference.IsExact
            ? AgainstExact(names[next], errors, reference.ExactMeanError!.Value, errorAlpha, "", inconclusiveWhenWeak: true)
            : AgainstSample(names[next], errors, reference.Errors!, errorAlpha, inconclusiveWhenWeak: true));
        next++;
        if (!reference.IsExact)
        {
            assertions.Add(Distribution(names[next], errors, reference.Errors!, budget.ShareOf(names[next])));
            next++;
        }
        if (scenario.Speedup is { } speedup)
        {
            var (slope, speedupError, speedupRuns) = await SpeedupAsync(session, speedup, errors, budget.ShareOf(names[next]), evidence, cancellationToken).ConfigureAwait(false);
            runs += speedupRuns;
            if (speedupError is not null) return new BlackboxOutcome(assertions, Verdict.Inconclusive, evidence, speedupError, runs);
            assertions.Add(slope!);
        }
        foreach (var assertion in assertions)
            evidence.Add($"{assertion.Name}: {assertion.Measured.Name} {SixSignificant(assertion.Measured.Value)}" +
                (assertion.Measured.Low is double low && assertion.Measured.High is double high ? $" [{SixSignificant(low)}, {SixSignificant(high)}]" : "") +
                $", predicted {assertion.Predicted.Description} → {VerdictText.Flagged(assertion.Verdict)}");
        return new BlackboxOutcome(assertions, ClaimResult.Combine(assertions), evidence, null, runs);
    }

    private async Task<(List<double[]> Outputs, ProtocolError? Error)> RunManyAsync(ProtocolSession session, LocalSgdConfiguration configuration, int group,
        CancellationToken cancellationToken)
    {
        var outputs = new List<double[]>();
        for (int replicate = 0; replicate < scenario.Scenario.Replicates; replicate++)
        {
            string runId = $"{scenario.Name}/N{Integer(configuration.Workers)}/seed{Integer(SeedOf(group, replicate))}";
            var message = ProtocolVocabulary.BlackboxRunMessage(runId, configuration, SeedOf(group, replicate));
            var outcome = await session.RunBlackboxAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded) return (outputs, outcome.Error);
            outputs.Add(outcome.Value.X);
        }
        return (outputs, null);
    }

    /// <summary>Seed of run r in group g (group 0: the scenario's own N; group g ≥ 1: the g-th N of the speed-up check): seed + g·R + r, kept non-negative.</summary>
    private long SeedOf(int group, int replicate) =>
        (long)((scenario.Scenario.Seed + (ulong)group * (ulong)scenario.Scenario.Replicates + (ulong)replicate) & long.MaxValue);

    private async Task<(AssertionResult? Slope, ProtocolError? Error, int Runs)> SpeedupAsync(ProtocolSession session, SpeedupCheck speedup,
        double[] ownErrors, double alpha, List<string> evidence, CancellationToken cancellationToken)
    {
        var configuration = scenario.Scenario.Configuration;
        var means = new List<(int Workers, double Mean, double StandardError)>();
        int runs = 0;
        for (int index = 0; index < speedup.Workers.Count; index++)
        {
            int workers = speedup.Workers[index];
            double[] errors;
            if (workers == configuration.Workers)
            {
                errors = ownErrors;
            }
            else
            {
                var scaled = configuration with { Workers = workers };
                var (outputs, error) = await RunManyAsync(session, scaled, index + 1, cancellationToken).ConfigureAwait(false);
                runs += outputs.Count;
                if (error is not null) return (null, error, runs);
                errors = outputs.Select(x => scaled.Problem.Error(x)).ToArray();
            }
            var summary = SampleSummary.Of(errors);
            means.Add((workers, summary.Mean, summary.StandardError));
        }

        double meanLog = means.Average(m => Math.Log(m.Workers));
        double spread = means.Sum(m => Math.Pow(Math.Log(m.Workers) - meanLog, 2));
        double slope = 0, variance = 0;
        foreach (var (workers, mean, standardError) in means)
        {
            double weight = (Math.Log(workers) - meanLog) / spread;
            slope += weight * Math.Log(mean);
            double logError = standardError / mean;
            variance += weight * weight * logError * logError;
        }
        double critical = CriticalValues.Normal(alpha / 2);
        double halfWidth = critical * Math.Sqrt(variance);
        var interval = new Interval(slope - halfWidth, slope + halfWidth, slope, 1 - alpha, "least squares on ln N with delta-method errors",
            $"approximately normal log mean errors (delta method), {Integer(scenario.Scenario.Replicates)} runs per N, independent across N");
        var decision = VerdictRules.SlopeEquals(interval, speedup.Slope, speedup.Tolerance);
        evidence.Add("speed-up: mean error " + string.Join(", ", means.Select(m => $"{SixSignificant(m.Mean)} at N = {Integer(m.Workers)}")));
        if (ExactSlope(configuration, speedup.Workers) is double exact)
            evidence.Add($"speed-up: the exact mean errors give slope {SixSignificant(exact)}");
        var assertion = new AssertionResult(names[^1], decision.Verdict,
            new Quantity("slope of ln E[error] against ln N", slope, "", interval.Low, interval.High, interval.Level),
            new Prediction($"{SixSignificant(speedup.Slope)} ± {SixSignificant(speedup.Tolerance)}", speedup.Slope, speedup.Slope - speedup.Tolerance, speedup.Slope + speedup.Tolerance),
            decision.Margin, interval.Method, alpha, critical * Math.Sqrt(variance) + CriticalValues.Normal(1 - ExperimentDesign.DefaultPower) * Math.Sqrt(variance));
        return (assertion, null, runs);
    }

    private static double? ExactSlope(LocalSgdConfiguration configuration, IReadOnlyList<int> workerCounts)
    {
        var points = new List<(double X, double Y)>();
        foreach (int workers in workerCounts)
        {
            if (ExactEngine.TryCompute(configuration with { Workers = workers, Checkpoints = [configuration.Steps] }) is not { } exact) return null;
            points.Add((Math.Log(workers), Math.Log(exact.OutputErrors[^1])));
        }
        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        return points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
    }

    private static AssertionResult AgainstExact(string name, double[] values, double exact, double alpha, string unit, bool inconclusiveWhenWeak)
    {
        var summary = SampleSummary.Of(values);
        var interval = MeanIntervals.StudentT(summary, 1 - alpha);
        double detectable = ExperimentDesign.MinimumDetectableDifference(summary, alpha);
        var verdict = !interval.Contains(exact) ? Verdict.Fail
            : inconclusiveWhenWeak && detectable > DetectableRelativeChange * Math.Abs(exact) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new AssertionResult(name, verdict,
            new Quantity("sample mean", summary.Mean, unit, interval.Low, interval.High, interval.Level),
            new Prediction($"exact {SixSignificant(exact)}", exact),
            Math.Min(exact - interval.Low, interval.High - exact), $"Student t ({interval.Assumption})", alpha, detectable,
            inconclusiveWhenWeak ? $"inconclusive when the detectable discrepancy exceeds {SixSignificant(DetectableRelativeChange * 100)}% of the exact value" : null);
    }

    private static AssertionResult AgainstSample(string name, double[] values, double[] referenceValues, double alpha, bool inconclusiveWhenWeak)
    {
        var interval = TwoSampleTests.WelchDifference(values, referenceValues, 1 - alpha);
        var mine = SampleSummary.Of(values);
        var theirs = SampleSummary.Of(referenceValues);
        double detectable = ExperimentDesign.Multiplier(alpha) * Math.Sqrt(mine.Variance / mine.Count + theirs.Variance / theirs.Count);
        var verdict = !interval.Contains(0) ? Verdict.Fail
            : inconclusiveWhenWeak && detectable > DetectableRelativeChange * Math.Abs(theirs.Mean) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new AssertionResult(name, verdict,
            new Quantity("difference of means (implementation − reference)", interval.Estimate, "", interval.Low, interval.High, interval.Level),
            new Prediction($"0 (reference mean {SixSignificant(theirs.Mean)})", 0),
            Math.Min(-interval.Low, interval.High), $"Welch ({interval.Assumption})", alpha, detectable,
            inconclusiveWhenWeak ? $"inconclusive when the detectable discrepancy exceeds {SixSignificant(DetectableRelativeChange * 100)}% of the reference mean" : null);
    }

    private static AssertionResult Distribution(string name, double[] values, double[] referenceValues, double alpha)
    {
        var (distance, threshold) = TwoSampleTests.DkwmDistance(values, referenceValues, alpha);
        return new AssertionResult(name, distance > threshold ? Verdict.Fail : Verdict.Pass,
            new Quantity("sup |F_implementation − F_reference| of the errors", distance),
            new Prediction($"at most {SixSignificant(threshold)} (two DKWM bands)", High: threshold),
            threshold - distance, $"two-sample DKWM (distribution-free), n = {Integer(values.Length)} and {Integer(referenceValues.Length)}", alpha, threshold);
    }
}
