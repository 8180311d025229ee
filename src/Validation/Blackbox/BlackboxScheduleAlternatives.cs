using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Validation.Diagnosing;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>
/// When a blackbox scenario fails its statistics, asks which schedule the outputs fit instead: averaging after every
/// step (or gradients all-reduced every step), averaging only after the last step, or no averaging at all (worker 0's
/// model, distributed as one worker's SGD). Each alternative gets the reference the declared schedule got (exact
/// values or a sample of the reference loop) and the same assertions at the same α shares; an alternative whose
/// assertions all pass is consistent with the outputs. On scenarios whose outcome separates schedules (multiplicative
/// noise, the kink) this names an implementation that never averages or averages every step even without sync reports.
/// </summary>
public static class BlackboxScheduleAlternatives
{
    /// <summary>The diagnosis (the consistent alternatives, all named when several are) and one evidence line per alternative.</summary>
    public static (Diagnosis? Diagnosis, IReadOnlyList<string> Evidence) Explain(LocalSgdConfiguration configuration, ulong seed, int referenceRuns,
        Func<BlackboxReference, IReadOnlyList<AssertionResult>> compare)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(compare);
        var evidence = new List<string>();
        var consistent = new List<(string BugClass, string Description)>();
        foreach (var (bugClass, description, alternative) in Alternatives(configuration))
        {
            var assertions = compare(BlackboxReference.For(alternative, seed, referenceRuns));
            bool fits = assertions.All(assertion => assertion.Verdict != Verdict.Fail);
            var failed = assertions.Where(assertion => assertion.Verdict == Verdict.Fail).Select(assertion => ShortName(assertion.Name)).ToArray();
            evidence.Add(fits
                ? $"with {description} the same assertions pass: the outputs are consistent with it"
                : $"with {description} the outputs differ too (in {string.Join(", ", failed)})");
            if (fits) consistent.Add((bugClass, description));
        }
        if (consistent.Count == 0) return (null, evidence);
        var others = consistent.Select(entry => entry.BugClass).Distinct().Where(name => name != consistent[0].BugClass).ToArray();
        string list = string.Join(" or ", consistent.Select(entry => entry.Description));
        return (new Diagnosis(consistent[0].BugClass,
            $"the outputs differ from the declared schedule's but are consistent with {list} (the statistics of the outputs; no sync report was needed)", others), evidence);
    }

    private static IEnumerable<(string BugClass, string Description, LocalSgdConfiguration Configuration)> Alternatives(LocalSgdConfiguration configuration)
    {
        int[] declared = configuration.StaticSyncSteps ?? [];
        int steps = configuration.Steps;
        if (configuration.Workers > 1 && declared.Length < steps)
            yield return (BugClasses.AveragesEveryStep, "averaging after every step", configuration with { Communication = new EveryStep() });
        if (configuration.Workers > 1 && !declared.SequenceEqual([steps]))
            yield return (BugClasses.NeverAverages, "averaging only after the last step", configuration with { Communication = new OneShot() });
        if (configuration.Workers > 1)
            yield return (BugClasses.NeverAverages, "no averaging at all (one worker's SGD)", configuration with { Workers = 1 });
    }

    private static string ShortName(string assertion)
    {
        int colon = assertion.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? assertion : assertion[(colon + 2)..];
    }
}
