using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>What a blackbox scenario showed: its assertions, their combined verdict, the evidence in words, and the error that stopped it, if any.</summary>
public sealed record BlackboxOutcome(IReadOnlyList<AssertionResult> Assertions, Verdict Verdict, IReadOnlyList<string> Evidence, ProtocolError? Error, int Runs)
{
    /// <summary>
    /// What is wrong, when it can be named: the sync reports disagree with the declared schedule (a fail whatever
    /// the statistics say), or the outputs fit another schedule (every-step, final-only or no averaging) instead.
    /// </summary>
    public Diagnosis? Diagnosis { get; init; }
}

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
        var (outputs, reports, error) = await RunManyAsync(session, configuration, 0, cancellationToken).ConfigureAwait(false);
        // A run's sync reports are checked even when a later run failed: they may name what went wrong.
        var (syncDiagnosis, syncEvidence) = BlackboxSyncCheck.Check(OracleRun.From(configuration, scenario.Scenario.Seed, 0), reports);
        if (error is not null)
            return new BlackboxOutcome([], Verdict.Inconclusive, [.. evidence, .. syncEvidence], error, outputs.Count) { Diagnosis = syncDiagnosis };
        int runs = outputs.Count;
        evidence.Add($"{Integer(replicates)} runs with the implementation's own noise, seeds {Integer(SeedOf(0, 0))}..{Integer(SeedOf(0, replicates - 1))}; reference: {reference.Method}");
        evidence.AddRange(syncEvidence);

        double[] errors = outputs.Select(x => configuration.Problem.Error(x)).ToArray();
        var assertions = Compare(reference, outputs, errors, budget).ToList();
        int next = assertions.Count;
        if (scenario.Speedup is { } speedup)
        {
            var (slope, speedupError, speedupRuns) = await SpeedupAsync(session, speedup, errors, budget.ShareOf(names[next]), evidence, cancellationToken).ConfigureAwait(false);
            runs += speedupRuns;
            if (speedupError is not null) return new BlackboxOutcome(assertions, Verdict.Inconclusive, evidence, speedupError, runs) { Diagnosis = syncDiagnosis };
            assertions.Add(slope!);
        }
        foreach (var assertion in assertions)
            evidence.Add($"{assertion.Name}: {assertion.Measured.Name} {SixSignificant(assertion.Measured.Value)}" +
                (assertion.Measured.Low is double low && assertion.Measured.High is double high ? $" [{SixSignificant(low)}, {SixSignificant(high)}]" : "") +
                $", predicted {assertion.Predicted.Description} → {VerdictText.Flagged(assertion.Verdict)}");
        var verdict = ClaimResult.Combine(assertions);
        var diagnosis = syncDiagnosis;
        if (diagnosis is null && verdict == Verdict.Fail)
        {
            // Which schedule do the outputs fit instead? Each alternative is judged with the same assertions.
            var (alternative, alternativeEvidence) = BlackboxScheduleAlternatives.Explain(configuration, scenario.Scenario.Seed,
                ReferenceSampleFactor * replicates, reference => Compare(reference, outputs, errors, budget));
            diagnosis = alternative;
            evidence.AddRange(alternativeEvidence);
        }
        return new BlackboxOutcome(assertions, syncDiagnosis is null ? verdict : Verdict.Fail, evidence, null, runs) { Diagnosis = diagnosis };
    }

    /// <summary>The mean-output, mean-error and (without exact values) error-distribution assertions of the outputs against <paramref name="against"/>.</summary>
    private IReadOnlyList<AssertionResult> Compare(BlackboxReference against, List<double[]> outputs, double[] errors, ErrorBudget budget)
    {
        int dimension = scenario.Scenario.Configuration.Problem.Dimension;
        var assertions = new List<AssertionResult>();
        for (int k = 0; k < dimension; k++)
        {
            double[] coordinate = outputs.Select(x => x[k]).ToArray();
            double alpha = budget.ShareOf(names[k]);
            assertions.Add(against.IsExact
                ? BlackboxAssertions.AgainstExact(names[k], coordinate, against.ExactMeanOutput![k], alpha, "", inconclusiveWhenWeak: false)
                : BlackboxAssertions.AgainstSample(names[k], coordinate, against.Outputs!.Select(x => x[k]).ToArray(), alpha, inconclusiveWhenWeak: false));
        }
        int next = dimension;
        double errorAlpha = budget.ShareOf(names[next]);
        assertions.Add(against.IsExact
            ? BlackboxAssertions.AgainstExact(names[next], errors, against.ExactMeanError!.Value, errorAlpha, "", inconclusiveWhenWeak: true)
            : BlackboxAssertions.AgainstSample(names[next], errors, against.Errors!, errorAlpha, inconclusiveWhenWeak: true));
        next++;
        // The distribution assertion exists when the scenario's own reference has no exact values.
        if (!reference.IsExact && against.Errors is { } referenceErrors)
            assertions.Add(BlackboxAssertions.Distribution(names[next], errors, referenceErrors, budget.ShareOf(names[next])));
        return assertions;
    }

    private async Task<(List<double[]> Outputs, List<(string RunId, IReadOnlyList<SyncEvent> Reports)> Reports, ProtocolError? Error)> RunManyAsync(
        ProtocolSession session, LocalSgdConfiguration configuration, int group, CancellationToken cancellationToken)
    {
        var outputs = new List<double[]>();
        var reports = new List<(string RunId, IReadOnlyList<SyncEvent> Reports)>();
        for (int replicate = 0; replicate < scenario.Scenario.Replicates; replicate++)
        {
            string runId = $"{scenario.Name}/N{Integer(configuration.Workers)}/seed{Integer(SeedOf(group, replicate))}";
            var message = ProtocolVocabulary.BlackboxRunMessage(runId, configuration, SeedOf(group, replicate));
            var outcome = await session.RunBlackboxAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded) return (outputs, reports, outcome.Error);
            outputs.Add(outcome.Value.X);
            reports.Add((runId, outcome.Value.SyncEvents));
        }
        return (outputs, reports, null);
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
                var (outputs, _, error) = await RunManyAsync(session, scaled, index + 1, cancellationToken).ConfigureAwait(false);
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



}
