using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Trace;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>
/// validate-trace under a hierarchical schedule: a sync line's <c>group_size</c> (N when absent) must be the size the
/// declared levels give its step.
/// </summary>
public sealed class HierarchicalTraceTests
{
    // N = 4, T = 12, warm-up 1, groups of 2 every 2 steps, all 4 every 6: syncs after 1 (warm-up, all), 2, 4 (pairs),
    // 6 (all: the larger level subsumes the pairs), 8, 10 (pairs) and 12 (final, all).
    private const string Header = """{"type":"header","version":1,"workers":4,"steps":12,"schedule":{"kind":"hierarchical","levels":[{"group_size":2,"period":2},{"group_size":4,"period":6}],"warmup_steps":1}}""";

    private static readonly Dictionary<int, int?> Declared = new() { [1] = null, [2] = 2, [4] = 2, [6] = 4, [8] = 2, [10] = 2, [12] = null };

    /// <summary>One step line per step and a sync line per entry of <paramref name="syncs"/> (a null group size writes no field).</summary>
    private static string Trace(IReadOnlyDictionary<int, int?> syncs, string header = Header, int steps = 12)
    {
        var text = new StringBuilder(header).Append('\n');
        for (int step = 1; step <= steps; step++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"step\",\"step\":{step},\"loss\":0.5}}\n");
            if (!syncs.TryGetValue(step, out int? size)) continue;
            text.Append(size is int g
                ? string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"sync\",\"step\":{step},\"group_size\":{g}}}\n")
                : string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"sync\",\"step\":{step}}}\n"));
        }
        return text.ToString();
    }

    private static TraceCheckResult Check(string trace) => TraceChecker.Check(new StringReader(trace), "trace.jsonl");

    private static Dictionary<int, int?> With(int step, int? size) => new(Declared) { [step] = size };

    [Fact]
    public void SyncsWithinTheDeclaredGroupsConform()
    {
        var result = Check(Trace(Declared));
        Assert.True(result.Conforms, string.Join("\n", result.Mismatches));
        Assert.Equal([1, 2, 4, 6, 8, 10, 12], result.Header.SyncSteps);
    }

    [Fact]
    public void GlobalSyncsAtGroupStepsAreWrongGroupSizes()
    {
        var everySyncGlobal = Declared.ToDictionary(pair => pair.Key, _ => (int?)null);
        var result = Check(Trace(everySyncGlobal));
        Assert.All(result.Mismatches, m => Assert.Equal(TraceMismatchCodes.WrongGroupSize, m.Code));
        Assert.Equal([2, 4, 8, 10], result.Mismatches.Select(m => m.Step!.Value));
        Assert.Equal("line 5: the sync after step 2 averaged all N = 4 workers (the line has no group_size); " +
            "levels[0] (group_size 2, period 2) declares within groups of 2 workers", result.Mismatches[0].Message);
    }

    [Theory]
    [InlineData(6, 2, "levels[1] (group_size 4, period 6) declares all N = 4 workers")]
    [InlineData(12, 2, "the final averaging declares all N = 4 workers")]
    [InlineData(1, 1, "the warm-up (steps 1..1) declares all N = 4 workers")]
    [InlineData(4, 1, "levels[0] (group_size 2, period 2) declares within groups of 2 workers")]
    [InlineData(8, 4, "levels[0] (group_size 2, period 2) declares within groups of 2 workers")]
    public void AGroupOfAnotherSizeThanDeclaredIsNamedWithItsLevel(int step, int logged, string reason)
    {
        var mismatch = Assert.Single(Check(Trace(With(step, logged))).Mismatches);
        Assert.Equal((TraceMismatchCodes.WrongGroupSize, step), (mismatch.Code, mismatch.Step!.Value));
        Assert.Contains(reason, mismatch.Message);
    }

    [Fact]
    public void AGroupSizeOfAFlatScheduleMustBeN()
    {
        const string flat = """{"type":"header","version":1,"workers":4,"steps":12,"schedule":{"kind":"constant-period","period":6}}""";
        var result = Check(Trace(new Dictionary<int, int?> { [6] = 2, [12] = 4 }, flat));
        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal((TraceMismatchCodes.WrongGroupSize, 6), (mismatch.Code, mismatch.Step!.Value));
        Assert.Contains("averaged within groups of 2 workers; the schedule declares all N = 4 workers", mismatch.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(8)]
    public void AGroupSizeThatDoesNotDivideNIsOutOfRange(int logged)
    {
        var mismatch = Assert.Single(Check(Trace(With(2, logged))).Mismatches);
        Assert.Equal((TraceMismatchCodes.OutOfRange, 2), (mismatch.Code, mismatch.Step!.Value));
        Assert.Contains($"group_size {logged} of the sync after step 2 is not a divisor of N = 4", mismatch.Message);
    }

    [Fact]
    public void AGroupSizeThatIsNotAnIntegerIsBadInput()
    {
        string trace = Trace(Declared).Replace("\"group_size\":2}", "\"group_size\":\"pairs\"}");
        var error = Assert.Throws<TraceFormatException>(() => Check(trace));
        Assert.Contains("field \"group_size\" must be an integer, got pairs", error.Message);
    }

    [Fact]
    public void OneSyncLoggedWithOtherGroupsIsExactlyOneMismatchAtItsStep()
    {
        // Over random hierarchical schedules: the trace whose sync lines carry the schedule's group sizes conforms, and
        // changing one sync's group size to another divisor of N gives one wrong_group_size at that step, nothing else.
        var cases = from workers in Gen.Elements(2, 4, 6, 8, 12)
                    from steps in Gen.Choose(4, 60)
                    from schedule in ScheduleGenerators.Hierarchical(steps, workers)
                    from pick in Gen.Choose(0, 1000)
                    from otherPick in Gen.Choose(1, 1000)
                    select (workers, steps, schedule: (HierarchicalSchedule)schedule, pick, otherPick);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var context = new ScheduleContext(c.steps, c.workers, new ConstantStepSize(1));
            var sizes = SyncSteps.Of(c.schedule, context).ToDictionary(step => step, step => (int?)c.schedule.GroupSizeAfter(step, context));
            string header = HeaderOf(c.workers, c.steps, c.schedule);
            bool honestConforms = Check(Trace(sizes, header, c.steps)).Conforms;

            int step = sizes.Keys.Order().ElementAt(c.pick % sizes.Count);
            var divisors = Enumerable.Range(1, c.workers).Where(g => c.workers % g == 0 && g != sizes[step]).ToArray();
            var planted = new Dictionary<int, int?>(sizes) { [step] = divisors[c.otherPick % divisors.Length] };
            var mismatches = Check(Trace(planted, header, c.steps)).Mismatches;
            bool one = mismatches.Count == 1 && mismatches[0].Code == TraceMismatchCodes.WrongGroupSize && mismatches[0].Step == step;
            return (honestConforms && one).Label($"N={c.workers} T={c.steps} {header} planted group_size {planted[step]} at {step}: {string.Join(" | ", mismatches)}");
        }).Check(TestSeeds.Properties(100));
    }

    private static string HeaderOf(int workers, int steps, HierarchicalSchedule schedule) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"header\",\"version\":1,\"workers\":{workers},\"steps\":{steps},\"schedule\":{{\"kind\":\"hierarchical\",\"levels\":[") +
        string.Join(",", schedule.Levels.Select(level => string.Create(CultureInfo.InvariantCulture, $"{{\"group_size\":{level.GroupSize},\"period\":{level.Period}}}"))) +
        string.Create(CultureInfo.InvariantCulture, $"],\"warmup_steps\":{schedule.WarmupSteps}}}}}");
}
