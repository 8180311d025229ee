using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Scenarios;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Running;

/// <summary>Turns an <see cref="OracleOutcome"/> into a scenario result: verdict, one-line summary and evidence.</summary>
public static class OracleResults
{
    /// <summary>The result of an oracle scenario.</summary>
    public static ScenarioResult From(ValidationScenario scenario, OracleRun run, OracleOutcome outcome, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        var observed = outcome.Observed;
        var evidence = new List<string>
        {
            $"N = {Integer(run.Workers)}, T = {Integer(run.Steps)}, d = {Integer(run.Dimension)}, averaging after steps {Diagnosing.StepListText.Describe(run.SyncSteps)}; " +
            $"{Integer(observed.Queries.Count)} of {Integer((long)run.Workers * run.Steps)} gradients asked for; tolerance ρ = {ThreeSignificant(relativeTolerance)}",
        };
        if (observed.SyncReports.Count > 0)
            evidence.Add($"the implementation reported averaging after steps {Diagnosing.StepListText.Describe(observed.SyncReports.Select(s => s.Step).ToArray())}");
        if (observed.Rounds is int rounds && rounds != run.SyncSteps.Length)
            evidence.Add($"the implementation says it made {Integer(rounds)} rounds; the schedule has {Integer(run.SyncSteps.Length)}");
        if (outcome.FirstDivergence is { } divergence) evidence.Add(Capitalize(divergence.Describe()));
        if (outcome.Diagnosis is { } diagnosed)
        {
            evidence.Add("diagnosis: " + diagnosed.Describe());
            evidence.AddRange(diagnosed.Evidence);
        }
        if (observed.Error is { } error) evidence.AddRange(ErrorText.Evidence("the run ended with", error));
        if (observed.StoppedByHarness)
            evidence.Add($"the harness stopped the run at step {Integer(observed.LastStep)}: the implementation's point was so far from the reference that the oracle's gradient there is not finite");

        ScenarioVerdict verdict;
        string summary;
        var diagnosis = outcome.Diagnosis ?? (observed.Error is { } violation ? ProtocolFindings.Diagnose(violation, run.Steps) : null);
        if (diagnosis is { } found)
        {
            verdict = ScenarioVerdict.NonConforming;
            summary = found.Headline;
            if (outcome.Diagnosis is null) evidence.Add("diagnosis: " + found.Describe());
        }
        else if (observed.Error is { } failure)
        {
            verdict = ScenarioVerdict.CouldNotRun;
            summary = ErrorText.Summary(failure);
        }
        else
        {
            verdict = ScenarioVerdict.Conforms;
            summary = $"all {Integer(outcome.QueriesChecked)} points and the output match the reference (largest scaled deviation {ThreeSignificant(outcome.MaximumDeviation)})";
        }
        return new ScenarioResult(scenario.Name, scenario.Scenario.Description, scenario.Scenario.Source, ValidationMode.Oracle, verdict, summary,
            diagnosis, outcome.FirstDivergence, observed.Error, [], evidence, ValidationRunner.Design(scenario, ValidationMode.Oracle, 0),
            outcome.MaximumDeviation, 0);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
