using System.Globalization;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Protocol;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>
/// Blackbox mode's check of communication: the implementation's <c>sync</c> reports against the declared schedule I.
/// Reports are optional, so a session that reports nothing leaves the schedule to the statistics; but once some run
/// of a scenario reports, every run must report exactly I, in order, with every worker taking part. A mismatch is
/// described as what it is — late, early, missing, extra, none at all, partial, out of order — and named by the
/// schedule mutation of <see cref="MutationCatalog"/> that produces the reported steps, if one does.
/// </summary>
public static class BlackboxSyncCheck
{
    /// <summary>The diagnosis of the reports (null when they agree or there are none) and the evidence line.</summary>
    public static (Diagnosis? Diagnosis, IReadOnlyList<string> Evidence) Check(OracleRun run, IReadOnlyList<(string RunId, IReadOnlyList<SyncEvent> Reports)> runs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return (null, []);
        if (runs.All(entry => entry.Reports.Count == 0))
            return (null, ["the implementation sent no sync reports, so its schedule is judged by the statistics alone"]);
        var mismatched = runs.Where(entry => !Agrees(entry.Reports, run)).ToList();
        if (mismatched.Count == 0)
            return (null, [$"every run reported averaging after exactly the declared steps {StepListText.Describe(run.SyncSteps)}"]);

        var (runId, reports) = mismatched[0];
        int[] reported = reports.Select(sync => sync.Step).ToArray();
        string what = Describe(reports, run);
        string share = $"{Integer(mismatched.Count)} of {Integer(runs.Count)} runs report averaging that differs from the declared schedule";
        var named = MutationCatalog.For(run)
            .Where(mutation => IsScheduleOnly(mutation, run) && mutation.Variant.SyncSteps.SequenceEqual(reported) && reports.All(sync => AllWorkers(sync, run.Workers)))
            .ToList();
        var evidence = new List<string> { $"{share}; first, run {runId}: {what}" };
        if (named.Count == 0)
            return (new Diagnosis(BugClasses.SyncReportsDisagree, $"{share}: {what}", []), evidence);
        var others = named.Select(mutation => mutation.BugClass).Distinct().Where(name => name != named[0].BugClass).ToArray();
        return (new Diagnosis(named[0].BugClass, $"{named[0].Explanation} (the sync reports of {share.Replace(" report averaging that differs from the declared schedule", "", StringComparison.Ordinal)}; first, run {runId})", others), evidence);
    }

    /// <summary>What is wrong with one run's reports, in words.</summary>
    public static string Describe(IReadOnlyList<SyncEvent> reports, OracleRun run)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(run);
        int[] reported = reports.Select(sync => sync.Step).ToArray();
        int[] declared = run.SyncSteps;
        if (reported.Length == 0) return $"none at all: no averaging reported, where the schedule averages after steps {StepListText.Describe(declared)}";
        var parts = new List<string>();
        if (!reported.Zip(reported.Skip(1)).All(pair => pair.First < pair.Second)) parts.Add($"out of order or repeated: {StepListText.Describe(reported)}");
        else if (reported.Length == declared.Length && reported.Zip(declared).All(pair => pair.First == pair.Second + 1))
            parts.Add($"every averaging one step late: after steps {StepListText.Describe(reported)} instead of {StepListText.Describe(declared)}");
        else if (reported.Length == declared.Length && reported.Zip(declared).All(pair => pair.First == pair.Second - 1))
            parts.Add($"every averaging one step early: after steps {StepListText.Describe(reported)} instead of {StepListText.Describe(declared)}");
        else
        {
            int[] missing = declared.Except(reported).ToArray(), extra = reported.Except(declared).Distinct().ToArray();
            if (missing.Length > 0) parts.Add($"missing after step{(missing.Length == 1 ? "" : "s")} {StepListText.Describe(missing)}");
            if (extra.Length > 0) parts.Add($"extra after step{(extra.Length == 1 ? "" : "s")} {StepListText.Describe(extra)}");
        }
        foreach (var partial in reports.Where(sync => !AllWorkers(sync, run.Workers)).Take(1))
            parts.Add($"only workers {string.Join(", ", partial.Workers!.Distinct().Order().Select(value => Integer(value)))} of {Integer(run.Workers)} took part in the averaging after step {Integer(partial.Step)}");
        return string.Join("; ", parts);
    }

    private static bool Agrees(IReadOnlyList<SyncEvent> reports, OracleRun run) =>
        reports.Select(sync => sync.Step).SequenceEqual(run.SyncSteps) && reports.All(sync => AllWorkers(sync, run.Workers));

    private static bool AllWorkers(SyncEvent sync, int workers) => sync.Workers is null || sync.Workers.Distinct().Count() == workers;

    /// <summary>True for a mutation that changes only the sync steps (the schedule bugs), the only ones reports can name.</summary>
    private static bool IsScheduleOnly(Mutation mutation, OracleRun run)
    {
        var reference = LoopVariant.Reference(run);
        return mutation.Variant with { SyncSteps = reference.SyncSteps } == reference;
    }

}
