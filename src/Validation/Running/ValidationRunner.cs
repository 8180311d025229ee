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
/// healthy (an implementation may be slow to start, e.g. one that imports PyTorch); a session that failed in a
/// scenario the implementation got wrong is replaced for the next scenario, while an implementation that could not be
/// run (it crashed, hung, broke the protocol) is not started again: the remaining scenarios are reported as not run.
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
                }
                else
                {
                    if (session is null || session.State != SessionState.Ready)
                    {
                        if (session is not null) await CloseAsync(session).ConfigureAwait(false);
                        (session, var startError) = await StartAsync(target, sessionOptions, cancellationToken).ConfigureAwait(false);
                        if (startError is not null)
                        {
                            fatal = startError;
                            fatalScenario = scenario.Scenario.Name;
                            results.Add(Report(NotRun(scenario.Scenario, options.Mode, startError, null), options));
                            continue;
                        }
                        hello ??= session!.Implementation;
                    }
                    result = options.Mode == ValidationMode.Oracle
                        ? await OracleScenarioAsync(session!, scenario.Scenario, options, cancellationToken).ConfigureAwait(false)
                        : await BlackboxScenarioAsync(session!, scenario, budget, cancellationToken).ConfigureAwait(false);
                    if (result.Verdict == ScenarioVerdict.CouldNotRun && session!.State == SessionState.Failed)
                    {
                        fatal = result.Error;
                        fatalScenario = scenario.Scenario.Name;
                    }
                }
                results.Add(Report(result with { WallSeconds = clock.Elapsed.TotalSeconds }, options));
            }
        }
        finally
        {
            if (session is not null) await CloseAsync(session).ConfigureAwait(false);
        }
        return new ValidationRun(target.Description, hello, options, results, budget.Count);
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

    private static async Task CloseAsync(ProtocolSession session)
    {
        try
        {
            if (session.State is SessionState.Ready or SessionState.Failed) await session.ShutdownAsync().ConfigureAwait(false);
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
            return new ScenarioResult(source.Name, source.Scenario.Description, source.Scenario.Source, ValidationMode.Blackbox, ScenarioVerdict.CouldNotRun,
                $"could not run ({error.Code}) after {Integer(outcome.Runs)} runs: {error.Message}", null, null, error, outcome.Assertions, outcome.Evidence, design, null, 0);
        var verdict = outcome.Verdict switch
        {
            Verdict.Pass => ScenarioVerdict.Conforms,
            Verdict.Fail => ScenarioVerdict.NonConforming,
            _ => ScenarioVerdict.Inconclusive,
        };
        var failed = outcome.Assertions.Where(a => a.Verdict == Verdict.Fail).Select(a => a.Name[(source.Name.Length + 2)..]).ToArray();
        string summary = verdict switch
        {
            ScenarioVerdict.Conforms => $"no discrepancy in {Integer(outcome.Assertions.Count)} statistical assertions over {Integer(outcome.Runs)} runs",
            ScenarioVerdict.NonConforming => $"differs from the reference in: {string.Join(", ", failed)} (over {Integer(outcome.Runs)} runs)",
            _ => $"inconclusive: too few runs to detect a {Integer((long)(100 * Blackbox.BlackboxValidator.DetectableRelativeChange))}% change of the mean error",
        };
        return new ScenarioResult(source.Name, source.Scenario.Description, source.Scenario.Source, ValidationMode.Blackbox, verdict, summary,
            null, null, null, outcome.Assertions, outcome.Evidence, design, null, 0);
    }

    private static ScenarioResult NotRun(ValidationScenario scenario, ValidationMode mode, ProtocolError error, string? because) =>
        new(scenario.Name, scenario.Scenario.Description, scenario.Scenario.Source, mode, ScenarioVerdict.CouldNotRun,
            because is null ? $"could not run ({error.Code}): {error.Message}" : $"{because} ({error.Code})",
            null, null, error, [], because is null ? [error.Message] : [because, error.Message], Design(scenario, mode, 0), null, 0);

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
