using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// Validates one implementation on a list of scenarios. One protocol session serves all scenarios while it stays
/// healthy (an implementation may be slow to start, e.g. one that imports PyTorch). A protocol violation inside a run
/// (a second result, a message after the result, a sync after the last step) is a finding about the run that caused
/// it — also when it is only read at the start of the next run or after shutdown — and a fresh session serves the
/// next scenario; a scenario whose run was cut short by another run's stray message is run again. An implementation
/// that cannot be driven at all (it crashed, hung, wrote something that is not the protocol, failed the handshake) is
/// not started again: the remaining scenarios are reported as not run.
/// </summary>
public static class ValidationRunner
{
    /// <summary>Runs every scenario in <paramref name="options"/>' mode against <paramref name="target"/>.</summary>
    /// <exception cref="NotSupportedException">A scenario cannot be sent in the mode (the caller's input error).</exception>
    public static async Task<ValidationRun> RunAsync(ImplementationTarget target, IReadOnlyList<ValidationScenario> scenarios, ValidationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var prepared = ScenarioPreparation.Prepare(scenarios, options.Mode);
        var budget = new ErrorBudget(options.Alpha);
        foreach (var scenario in prepared)
            foreach (string name in scenario.Blackbox?.AssertionNames ?? [])
                budget.Register(name);

        var results = new List<ScenarioResult>();
        ProtocolSession? session = null;
        ImplementationHello? hello = null;
        ProtocolError? fatal = null;
        string? fatalScenario = null;
        int? lastInSession = null;
        var sessionOptions = new SessionOptions { MessageTimeout = options.MessageTimeout, Log = options.Log };
        try
        {
            foreach (var scenario in prepared)
            {
                var clock = Stopwatch.StartNew();
                ScenarioResult result;
                if (fatal is not null)
                {
                    result = NotRun(scenario.Scenario, options.Mode, fatal, $"not run: the implementation could not be run in scenario {fatalScenario}");
                    results.Add(Report(result with { WallSeconds = clock.Elapsed.TotalSeconds }, options));
                    continue;
                }
                for (int attempt = 0; ; attempt++)
                {
                    if (session is null || session.State != SessionState.Ready)
                    {
                        if (session is not null) await CloseAsync(session).ConfigureAwait(false);
                        lastInSession = null;
                        (session, var startError) = await StartAsync(target, sessionOptions, cancellationToken).ConfigureAwait(false);
                        if (startError is not null)
                        {
                            fatal = startError;
                            fatalScenario = scenario.Scenario.Name;
                            result = NotRun(scenario.Scenario, options.Mode, startError, null);
                            break;
                        }
                        hello ??= session!.Implementation;
                    }
                    result = options.Mode == ValidationMode.Oracle
                        ? await OracleScenarioAsync(session!, scenario.Scenario, options, cancellationToken).ConfigureAwait(false)
                        : await BlackboxScenarioAsync(session!, scenario, budget, cancellationToken).ConfigureAwait(false);
                    // A stray message of the previous scenario's last run, read at the start of this one: a finding
                    // about that scenario; this one is run again on a fresh session.
                    if (result.Error is MessageAfterResult stray && lastInSession is int previous && !BelongsTo(stray.RunId, scenario.Scenario)
                        && BelongsTo(stray.RunId, results[previous]) && attempt == 0)
                    {
                        results[previous] = Report(WithFinding(results[previous], stray), options);
                        continue;
                    }
                    if (result.Verdict == ScenarioVerdict.CouldNotRun && session!.State == SessionState.Failed && result.Error is { } error
                        && ProtocolFindings.EndsValidation(error))
                    {
                        fatal = error;
                        fatalScenario = scenario.Scenario.Name;
                    }
                    break;
                }
                results.Add(Report(result with { WallSeconds = clock.Elapsed.TotalSeconds }, options));
                if (session is not null) lastInSession = results.Count - 1;
            }
        }
        finally
        {
            if (session is not null)
            {
                // What the implementation writes after the last result is read only after shutdown: a finding about
                // the last run of this session.
                var ending = await CloseAsync(session).ConfigureAwait(false);
                if (ending is UnexpectedMessage { Violation: ProtocolViolation.MessageAfterShutdown } late && lastInSession is int last
                    && results[last].Verdict is not ScenarioVerdict.CouldNotRun)
                    results[last] = Report(WithFinding(results[last], late), options);
            }
        }
        return new ValidationRun(target.Description, hello, options, results, budget.Count);
    }

    /// <summary>True when run <paramref name="runId"/> is one of the scenario's runs (oracle: its name; blackbox: name/N…/seed…).</summary>
    private static bool BelongsTo(string runId, ValidationScenario scenario) =>
        runId == scenario.Name || runId.StartsWith(scenario.Name + "/", StringComparison.Ordinal);

    private static bool BelongsTo(string runId, ScenarioResult result) =>
        runId == result.Name || runId.StartsWith(result.Name + "/", StringComparison.Ordinal);

    /// <summary>The result of a scenario whose run broke the protocol after its result: non-conforming, with the violation as its diagnosis.</summary>
    private static ScenarioResult WithFinding(ScenarioResult result, ProtocolError violation)
    {
        var diagnosis = ProtocolFindings.Diagnose(violation, result.Design.Horizons[0])!;
        var evidence = new List<string>(result.Evidence) { "diagnosis: " + diagnosis.Describe() };
        evidence.AddRange(ErrorText.Evidence("the session ended with", violation));
        if (result.Verdict == ScenarioVerdict.NonConforming && result.Diagnosis is not null)
        {
            // The run was already wrong; the protocol violation is one more finding about it.
            evidence.Add("besides: " + diagnosis.Headline);
            return result with { Evidence = evidence };
        }
        return result with
        {
            Verdict = ScenarioVerdict.NonConforming,
            Summary = diagnosis.Headline,
            Diagnosis = diagnosis,
            Error = violation,
            Evidence = evidence,
        };
    }

    private static ScenarioResult Report(ScenarioResult result, ValidationOptions options)
    {
        options.Progress?.Invoke(result);
        return result;
    }

    private static async Task<(ProtocolSession? Session, ProtocolError? Error)> StartAsync(ImplementationTarget target, SessionOptions options,
        CancellationToken cancellationToken)
    {
        MessageTransport transport;
        try
        {
            transport = target.Open();
        }
        catch (ProtocolException start)
        {
            return (null, start.Error);
        }
        var session = new ProtocolSession(transport, options);
        var hello = await session.HandshakeAsync(cancellationToken).ConfigureAwait(false);
        if (hello.Succeeded) return (session, null);
        await session.DisposeAsync().ConfigureAwait(false);
        return (null, hello.Error);
    }

    /// <summary>Shuts the session down and releases it; returns the error of a shutdown the implementation broke (output after shutdown), if any.</summary>
    private static async Task<ProtocolError?> CloseAsync(ProtocolSession session)
    {
        try
        {
            if (session.State is not SessionState.Ready)
            {
                if (session.State is SessionState.Failed) await session.ShutdownAsync().ConfigureAwait(false);
                return null;
            }
            var ending = await session.ShutdownAsync().ConfigureAwait(false);
            return ending.Succeeded ? null : ending.Error;
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<ScenarioResult> OracleScenarioAsync(ProtocolSession session, ValidationScenario scenario, ValidationOptions options,
        CancellationToken cancellationToken)
    {
        var configuration = scenario.Scenario.Configuration;
        var run = OracleRun.From(configuration, scenario.Scenario.Seed, scenario.Replicate);
        var message = ProtocolVocabulary.OracleRunMessage(RunId(scenario), run, configuration.Communication);
        var outcome = await OracleValidator.RunAsync(session, run, message, options.RelativeTolerance, cancellationToken).ConfigureAwait(false);
        return OracleResults.From(scenario, run, outcome, options.RelativeTolerance);
    }

    private static async Task<ScenarioResult> BlackboxScenarioAsync(ProtocolSession session, PreparedScenario scenario, ErrorBudget budget,
        CancellationToken cancellationToken)
    {
        var outcome = await scenario.Blackbox!.RunAsync(session, budget, cancellationToken).ConfigureAwait(false);
        var source = scenario.Scenario;
        var design = Design(source, ValidationMode.Blackbox, scenario.Blackbox.AssertionNames.Count);
        if (outcome.Error is { } error)
        {
            var evidence = outcome.Evidence.Concat(ErrorText.Evidence($"after {Integer(outcome.Runs)} complete runs, the run ended with", error)).ToList();
            if ((ProtocolFindings.Diagnose(error, source.Scenario.Configuration.Steps) ?? outcome.Diagnosis) is { } finding)
                return new ScenarioResult(source.Name, source.Scenario.Description, source.Scenario.Source, ValidationMode.Blackbox, ScenarioVerdict.NonConforming,
                    finding.Headline, finding, null, error, outcome.Assertions, evidence, design, null, 0);
            return new ScenarioResult(source.Name, source.Scenario.Description, source.Scenario.Source, ValidationMode.Blackbox, ScenarioVerdict.CouldNotRun,
                $"{ErrorText.Summary(error)} (after {Integer(outcome.Runs)} complete runs)", null, null, error, outcome.Assertions, evidence, design, null, 0);
        }
        var verdict = outcome.Verdict switch
        {
            Verdict.Pass => ScenarioVerdict.Conforms,
            Verdict.Fail => ScenarioVerdict.NonConforming,
            _ => ScenarioVerdict.Inconclusive,
        };
        var failed = outcome.Assertions.Where(a => a.Verdict == Verdict.Fail).Select(a => a.Name[(source.Name.Length + 2)..]).ToArray();
        string differs = failed.Length == 0 ? "" : $"; differs from the reference in: {string.Join(", ", failed)} (over {Integer(outcome.Runs)} runs)";
        string summary = verdict switch
        {
            ScenarioVerdict.Conforms => $"no discrepancy in {Integer(outcome.Assertions.Count)} statistical assertions over {Integer(outcome.Runs)} runs",
            ScenarioVerdict.NonConforming when outcome.Diagnosis is { } diagnosis => diagnosis.Headline + differs,
            ScenarioVerdict.NonConforming => $"differs from the reference in: {string.Join(", ", failed)} (over {Integer(outcome.Runs)} runs)",
            _ => $"inconclusive: too few runs to detect a {Integer((long)(100 * Blackbox.BlackboxValidator.DetectableRelativeChange))}% change of the mean error",
        };
        var evidenceLines = outcome.Diagnosis is { } named ? outcome.Evidence.Append("diagnosis: " + named.Describe()).ToList() : outcome.Evidence;
        return new ScenarioResult(source.Name, source.Scenario.Description, source.Scenario.Source, ValidationMode.Blackbox, verdict, summary,
            outcome.Diagnosis, null, null, outcome.Assertions, evidenceLines, design, null, 0);
    }

    private static ScenarioResult NotRun(ValidationScenario scenario, ValidationMode mode, ProtocolError error, string? because) =>
        new(scenario.Name, scenario.Scenario.Description, scenario.Scenario.Source, mode, ScenarioVerdict.CouldNotRun,
            because is null ? ErrorText.Summary(error) : $"{because} ({error.Code})",
            null, null, error, [], because is null ? ErrorText.Evidence("the run ended with", error) : [because], Design(scenario, mode, 0), null, 0)
        {
            Skipped = because is not null,
        };

    /// <summary>The design of a scenario in report form: problem, N, T, schedule, runs, assertions.</summary>
    internal static ClaimDesign Design(ValidationScenario scenario, ValidationMode mode, int assertions)
    {
        var configuration = scenario.Scenario.Configuration;
        var workers = new List<int> { configuration.Workers };
        // The scenario's own N first (tables show it), then the other N of a speed-up check.
        if (mode == ValidationMode.Blackbox && scenario.Speedup is { } speedup) workers.AddRange(speedup.Workers.Where(n => n != configuration.Workers));
        return new ClaimDesign(configuration.Problem.Family, workers, [configuration.Steps], [configuration.Communication.Kind],
            mode == ValidationMode.Oracle ? 1 : scenario.Scenario.Replicates, assertions,
            mode == ValidationMode.Oracle ? $"oracle mode, seed {scenario.Scenario.Seed.ToString(CultureInfo.InvariantCulture)}, replicate {Integer(scenario.Replicate)}" : "blackbox mode");
    }

    private static string RunId(ValidationScenario scenario) => scenario.Name;
}
