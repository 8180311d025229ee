using System.Globalization;
using System.Text;
using LocalSgdVerify.Validation.Trace;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>validate-trace: a training log against its declared schedule, one planted mismatch at a time.</summary>
public sealed class TraceCheckerTests
{
    private const string Header = """{"type":"header","version":1,"workers":2,"steps":30,"schedule":{"kind":"constant-period","period":10}}""";

    /// <summary>A trace of N = 2, T = 30 with one step line per worker and step, and the given sync lines.</summary>
    private static string Trace(IEnumerable<int> syncs, Func<int, int, string?>? stepLine = null, string header = Header, int steps = 30)
    {
        var text = new StringBuilder(header).Append('\n');
        var syncSet = syncs.ToHashSet();
        for (int step = 1; step <= steps; step++)
        {
            for (int worker = 0; worker < 2; worker++)
            {
                string? line = stepLine is null ? Step(step, worker) : stepLine(step, worker);
                if (line is not null) text.Append(line).Append('\n');
            }
            if (syncSet.Contains(step)) text.Append($"{{\"type\":\"sync\",\"step\":{step}}}\n");
        }
        return text.ToString();
    }

    private static string Step(int step, int worker, string loss = "0.5") =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"step\",\"step\":{step},\"worker\":{worker},\"loss\":{loss}}}");

    private static TraceCheckResult Check(string trace) => TraceChecker.Check(new StringReader(trace), "trace.jsonl");

    [Fact]
    public void MatchingTraceHasNoMismatch()
    {
        var result = Check(Trace([10, 20, 30]));
        Assert.True(result.Conforms, string.Join("\n", result.Mismatches));
        Assert.Equal([10, 20, 30], result.Header.SyncSteps);
        Assert.Equal((60L, 3L), (result.StepLines, result.SyncLines));
    }

    [Fact]
    public void EverySyncOneStepLateIsOneShiftNamedOnTheFirstSync()
    {
        var result = Check(Trace([11, 21, 30]));
        Assert.Equal([TraceMismatchCodes.ShiftedSync, TraceMismatchCodes.ShiftedSync], result.Mismatches.Select(m => m.Code));
        Assert.Equal(10, result.Mismatches[0].Step);
        Assert.Contains("every sync of the trace is one step late: 11, 21 instead of 10, 20", result.Mismatches[0].Message);
        Assert.Equal(1 + 22 + 1, result.Mismatches[0].Line); // header, 11 steps × 2 workers, then the sync line
    }

    [Fact]
    public void CommonOffsetOfThreeStepsEarlyIsNamed()
    {
        var result = Check(Trace([7, 17, 27]));
        Assert.All(result.Mismatches, m => Assert.Equal(TraceMismatchCodes.ShiftedSync, m.Code));
        Assert.Contains("3 steps early", result.Mismatches[0].Message);
    }

    [Fact]
    public void MissingFinalAveragingAndAnExtraSyncAreReportedWhereTheyShow()
    {
        var result = Check(Trace([10, 13, 20]));
        Assert.Equal([TraceMismatchCodes.ExtraSync, TraceMismatchCodes.MissingSync], result.Mismatches.Select(m => m.Code));
        Assert.Equal(13, result.Mismatches[0].Step);
        Assert.Contains("the final averaging is missing", result.Mismatches[1].Message);
    }

    [Fact]
    public void DuplicateAndOutOfOrderSyncs()
    {
        string trace = Trace([10, 20, 30]).Replace("{\"type\":\"sync\",\"step\":20}", "{\"type\":\"sync\",\"step\":20}\n{\"type\":\"sync\",\"step\":20}");
        Assert.Equal([TraceMismatchCodes.DuplicateSync], Check(trace).Mismatches.Select(m => m.Code));

        // The sync after step 10 written after worker 0 already logged step 11.
        var lines = Trace([20, 30]).Split('\n').ToList();
        int at = lines.IndexOf(Step(11, 0));
        lines.Insert(at + 1, "{\"type\":\"sync\",\"step\":10}");
        var result = Check(string.Join('\n', lines));
        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(TraceMismatchCodes.SyncOutOfOrder, mismatch.Code);
        Assert.Contains("after worker 0 reached step 11", mismatch.Message);
    }

    [Fact]
    public void MissingRepeatedAndOutOfRangeSteps()
    {
        var result = Check(Trace([10, 20, 30], (step, worker) => step == 15 && worker == 1 ? null : Step(step, worker)));
        var missing = Assert.Single(result.Mismatches);
        Assert.Equal((TraceMismatchCodes.MissingSteps, 16, 1), (missing.Code, missing.Step!.Value, missing.Worker!.Value));
        Assert.Contains("step 15 of worker 1 missing", missing.Message);

        var repeated = Check(Trace([10, 20, 30], (step, worker) => step == 5 && worker == 0 ? Step(5, 0) + "\n" + Step(4, 0) : Step(step, worker)));
        Assert.Equal([TraceMismatchCodes.NonMonotoneStep], repeated.Mismatches.Select(m => m.Code));

        var outside = Check(Trace([10, 20, 30], (step, worker) => step == 30 && worker == 1 ? Step(30, 1) + "\n" + Step(31, 1) + "\n" + "{\"type\":\"step\",\"step\":3,\"worker\":7}" : Step(step, worker)));
        Assert.Equal([TraceMismatchCodes.OutOfRange, TraceMismatchCodes.OutOfRange], outside.Mismatches.Select(m => m.Code));
    }

    [Fact]
    public void NaNLossWrittenByPythonIsANonFiniteLossNotABrokenFile()
    {
        var result = Check(Trace([10, 20, 30], (step, worker) => Step(step, worker, step == 7 && worker == 0 ? "NaN" : step == 8 && worker == 1 ? "-Infinity" : "0.5")));
        Assert.Equal([TraceMismatchCodes.NonFiniteLoss, TraceMismatchCodes.NonFiniteLoss], result.Mismatches.Select(m => m.Code));
        Assert.Equal((7, 0), (result.Mismatches[0].Step!.Value, result.Mismatches[0].Worker!.Value));
        Assert.Contains("is NaN", result.Mismatches[0].Message);
    }

    [Fact]
    public void RunEndingEarlyIsIncompleteAndLosesItsFinalSync()
    {
        var result = Check(Trace([10, 20], steps: 25));
        Assert.Equal([TraceMismatchCodes.MissingSync, TraceMismatchCodes.RunIncomplete, TraceMismatchCodes.RunIncomplete], result.Mismatches.Select(m => m.Code));
        Assert.Contains("worker 0 ends at step 25 of T = 30", result.Mismatches[1].Message);
    }

    [Fact]
    public void StepLinesWithoutWorkersStandForAllWorkersAndOtherTypesAreIgnored()
    {
        var text = new StringBuilder("""{"type":"header","version":1,"workers":4,"steps":6,"schedule":{"kind":"explicit","steps":[2,6]}}""").Append('\n');
        for (int step = 1; step <= 6; step++)
        {
            text.Append($"{{\"type\":\"step\",\"step\":{step},\"loss\":1}}\n");
            if (step is 2 or 6) text.Append($"{{\"type\":\"sync\",\"step\":{step}}}\n");
            if (step == 3) text.Append("{\"type\":\"eval\",\"accuracy\":0.9}\n\n");
        }
        var result = Check(text.ToString());
        Assert.True(result.Conforms, string.Join("\n", result.Mismatches));
        Assert.Equal(1, result.IgnoredLines);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("{\"type\":\"step\",\"step\":1}", "the first line of a trace must be the header")]
    [InlineData("not json", "line 1 is not JSON")]
    [InlineData("{\"type\":\"header\",\"version\":1,\"workers\":2,\"steps\":30,\"schedule\":{\"kind\":\"constant-period\",\"peroid\":10}}", "peroid")]
    [InlineData("{\"type\":\"header\",\"version\":2,\"workers\":2,\"steps\":30,\"schedule\":{\"kind\":\"one-shot\"}}", "header.version")]
    [InlineData("{\"type\":\"header\",\"version\":1,\"workers\":2,\"steps\":30,\"schedule\":{\"kind\":\"ada-lupa-loss\",\"initial_period\":2}}", "declare the steps")]
    [InlineData("{\"type\":\"header\",\"version\":1,\"workers\":0,\"steps\":30,\"schedule\":{\"kind\":\"one-shot\"}}", "header.workers")]
    public void UnreadableTraceIsBadInputNamingTheProblem(string firstLine, string expected)
    {
        var error = Assert.Throws<TraceFormatException>(() => Check(firstLine));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void LineThatIsNotJsonInTheMiddleNamesItsLine()
    {
        var error = Assert.Throws<TraceFormatException>(() => Check(Header + "\n" + Step(1, 0) + "\nepoch 1 done\n"));
        Assert.Contains("line 3 is not JSON", error.Message);
    }
}
