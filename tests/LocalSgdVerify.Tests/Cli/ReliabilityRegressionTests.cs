using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Tests.Reports;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>
/// One regression test per defect a fuzzing campaign found: inputs that ended in an internal error, unguarded
/// memory, output paths that destroyed files, late discovery of an unwritable --out, leftovers of killed runs, and
/// the smaller ones (verdicts outside the schema, invalid UTF-8, $schema types, seeds written 1e3, worker −1).
/// Each asserts bad input is one line with exit 2, nothing on stdout and nothing written.
/// </summary>
public sealed class ReliabilityRegressionTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static void AssertBadInput(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == ExitCodes.BadInput, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal("", run.Output);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, run.Error);
    }

    private string Scenario(Action<JsonObject> change, string name = "scenario.json")
    {
        var root = CliScenarios.Node(CliScenarios.Kink);
        change(root);
        return folder.Write(Guid.NewGuid().ToString("N") + name, root.ToJsonString());
    }

    private const string LeastSquares = """{"family":"least-squares","rows":20,"columns":3,"noise_level":0.1,"data_seed":3,"column_scales":[1,SCALE,1]}""";

    // Defect 1: exit 3 on valid-looking input.

    [Theory]
    [InlineData("1e300")]
    [InlineData("1e-300")]
    [InlineData("1e61")]
    public void ColumnScalesThatBreakTheEigendecompositionAreRefusedByName(string scale)
    {
        string path = Scenario(root => { root["problem"] = JsonNode.Parse(LeastSquares.Replace("SCALE", scale)); root["x0"] = 0; });
        AssertBadInput(CliRun.Of("simulate", "--scenario", path), $"problem.column_scales[1] = {scale} is not allowed: expected a number in [1e-60, 1e60]");
    }

    [Theory]
    [InlineData("1e60")]
    [InlineData("1e-60")]
    public void ColumnScalesAtTheEndsOfTheirRangeAreComputed(string scale)
    {
        string path = Scenario(root =>
        {
            root["problem"] = JsonNode.Parse(LeastSquares.Replace("SCALE", scale));
            root["x0"] = 0;
            root["step_size"] = JsonNode.Parse("""{"kind":"constant","value":1e-130}""");
        });
        CliRun run = CliRun.Of("simulate", "--scenario", path, "--replicates", "4");
        Assert.True(run.ExitCode is ExitCodes.Success or ExitCodes.Finding, $"exit {run.ExitCode}: {run.Error}");
    }

    [Fact]
    public void ALoneSurrogateInTheNameIsRefusedNotAnInternalError()
    {
        string path = folder.Write("surrogate.json", CliScenarios.Kink.Replace("\"small-kink\"", "\"\\ud800\"", StringComparison.Ordinal));
        AssertBadInput(CliRun.Of("simulate", "--scenario", path), "name is not allowed: it escapes a lone surrogate");
    }

    [Fact]
    public void CompareRefusesAReportWithDuplicateClaimIds()
    {
        ReportDocument mixed = SyntheticReports.Mixed();
        ReportDocument duplicated = mixed with { Claims = [.. mixed.Claims, mixed.Claims[0]] };
        string good = folder.Write("good.json", ReportJson.Write(mixed)), bad = folder.Write("duplicated.json", ReportJson.Write(duplicated));
        AssertBadInput(CliRun.Of("compare", good, bad), $"claim id '{mixed.Claims[0].Id}' appears more than once");
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    public void ReplicatesBeyondTheLimitAreRefusedNamingTheUpperBound(string replicates)
    {
        string path = Scenario(root => root["replicates"] = JsonNode.Parse(replicates));
        AssertBadInput(CliRun.Of("simulate", "--scenario", path), $"replicates = {replicates} is not allowed: expected an integer in 1..100000000.");
        AssertBadInput(CliRun.Of("simulate", "--scenario", Scenario(_ => { }), "--replicates", replicates), $"--replicates = {replicates} is not allowed: expected an integer in 1..100000000.");
    }

    // Defect 2: no guard on memory; traces allocated by their declared length.

    [Fact]
    public void ARunThatNeedsMoreMemoryThanTheMachineHasIsRefusedBeforeItAllocates()
    {
        // N·d = 10⁶ · 2048 coordinates per thread: 16 GB each, far beyond any CI machine.
        string path = Scenario(root =>
        {
            root["problem"] = JsonNode.Parse($$"""{"family":"separable-quadratic","curvatures":[{{string.Join(",", Enumerable.Repeat(1, 2048))}}],"multiplicative_noise":0,"additive_noise":1}""");
            root["workers"] = 1_000_000;
        });
        AssertBadInput(CliRun.Of("simulate", "--scenario", path, "--threads", "1"), "than");
        Assert.Contains("this run needs about 98.3 GB of memory", CliRun.Of("simulate", "--scenario", path, "--threads", "1").Error);
    }

    [Fact]
    public void GeneratedWorkerOptimaBeyondTheirLimitAreRefusedBeforeTheyAreDrawn()
    {
        // 10⁶ workers × 300 coordinates = 3·10⁸ optimum entries > 2²⁸: refused while reading, naming the field.
        string path = Scenario(root =>
        {
            root["problem"] = JsonNode.Parse($$"""{"family":"heterogeneous-quadratics","curvatures":[{{string.Join(",", Enumerable.Repeat(1, 300))}}],"noise":1,"spread":1,"data_seed":2}""");
            root["workers"] = 1_000_000;
        });
        AssertBadInput(CliRun.Of("simulate", "--scenario", path), "problem.curvatures = a list of 300 numbers is not allowed: expected at most 268 curvatures for workers = 1000000");
    }

    [Fact]
    public void AnEveryStepScheduleOfABillionStepsIsMeasuredAgainstMaxMemory()
    {
        string path = Scenario(root =>
        {
            root["steps"] = 1_000_000_000;
            root["communication"] = JsonNode.Parse("""{"kind":"every-step"}""");
            root["checkpoints"] = JsonNode.Parse("[1000000000]");
        });
        CliRun run = CliRun.Of("simulate", "--scenario", path, "--max-memory", "8G", "--threads", "1");
        AssertBadInput(run, "this run needs about");
        Assert.Contains("16 GB for the sync steps of T = 1000000000), more than 8.6 GB (--max-memory)", run.Error);
    }

    [Fact]
    public void MaxMemoryBelowASmallRunsNeedRefusesItAndAboveLetsItRun()
    {
        string path = Scenario(_ => { });
        AssertBadInput(CliRun.Of("simulate", "--scenario", path, "--max-memory", "64K"), "(--max-memory)");
        Assert.Equal(ExitCodes.Success, CliRun.Of("simulate", "--scenario", path, "--max-memory", "1G").ExitCode);
    }

    [Fact]
    public void ATraceHeaderDeclaringMillionsOfStepsIsCheckedInBoundedMemory()
    {
        const int steps = 2_000_000;
        string trace = folder.Write("header-only.jsonl", $$$"""{"type":"header","version":1,"workers":1,"steps":{{{steps}}},"schedule":{"kind":"every-step"}}""" + "\n");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = LocalSgdVerify.Validation.Trace.TraceChecker.CheckFile(trace);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Every declared sync is missing and the log never runs: T + 1 mismatches, counted, the first 10,000 kept.
        Assert.Equal(steps + 1L, result.MismatchCount);
        Assert.Equal(steps, result.CountsByCode["missing_sync"]);
        Assert.Equal(LocalSgdVerify.Validation.Trace.TraceCheckResult.MismatchesKept, result.Mismatches.Count);
        Assert.Equal([1, 2, 3], result.Mismatches.Take(3).Select(m => m.Step!.Value));
        // A sentence per declared step alone would be over 300 MB; the walk allocates a few bytes per step.
        Assert.True(allocated < 200_000_000, $"allocated {allocated} bytes for a one-line trace declaring T = {steps}");
    }

    // Defect 3: --out destroyed data.

    [Fact]
    public void AFolderWithAReportMdAmongTheUsersFilesIsNotReplaced()
    {
        string target = folder.NewPath("notes");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "report.md"), "my own report");
        File.WriteAllText(Path.Combine(target, "ideas.txt"), "precious");
        AssertBadInput(CliRun.Of("check", "--claim", "spiridonoff", "--profile", "quick", "--out", target), $"the folder '{target}' is not empty and is not a report folder");
        Assert.Equal("precious", File.ReadAllText(Path.Combine(target, "ideas.txt")));
        Assert.Equal("my own report", File.ReadAllText(Path.Combine(target, "report.md")));
        AssertBadInput(CliRun.Of("report", "--from", folder.Write("r.json", ReportJson.Write(SyntheticReports.Mixed())), "--format", "md", "--out", target), "is not a report folder");
        Assert.Equal("my own report", File.ReadAllText(Path.Combine(target, "report.md")));
    }

    [Fact]
    public void SymbolicLinksAndDeviceNodesAreNeverReplaced()
    {
        string scenario = Scenario(_ => { });
        string real = folder.Write("real.txt", "keep me");
        string link = folder.NewPath("link.txt");
        File.CreateSymbolicLink(link, real);
        AssertBadInput(CliRun.Of("simulate", "--scenario", scenario, "--out", link), "but it is a symbolic link");
        Assert.Equal("keep me", File.ReadAllText(real));
        Assert.Equal(PathKind.SymbolicLink, PathKinds.Of(link));
        if (OperatingSystem.IsLinux())
        {
            AssertBadInput(CliRun.Of("simulate", "--scenario", scenario, "--out", "/dev/null"), "but it is a device node, FIFO or socket");
            Assert.Equal(PathKind.Special, PathKinds.Of("/dev/null"));
        }
        string linkedFolder = folder.NewPath("linked-folder");
        Directory.CreateSymbolicLink(linkedFolder, folder.Path);
        AssertBadInput(CliRun.Of("check", "--claim", "spiridonoff", "--profile", "quick", "--out", linkedFolder), "but it is a symbolic link");
    }

    [Fact]
    public void AReportFolderWrittenBeforeMarkersIsAdoptedAndMarked()
    {
        // As a fresh checkout of reports/reference: report.json alone, written by the tool.
        string target = folder.NewPath("reference");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "report.json"), ReportJson.Write(SyntheticReports.Mixed()));
        CliRun run = CliRun.Of("report", "--from", Path.Combine(target, "report.json"), "--format", "all", "--out", target);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(target, ReportFolderOwnership.MarkerName)));
        Assert.Equal(ReportJson.Write(SyntheticReports.Mixed()), File.ReadAllText(Path.Combine(target, "report.json")));
        // A report.json of something else is not adopted.
        string other = folder.NewPath("other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "report.json"), """{"schema_version":"1","suite":{"name":"SomethingElse"}}""");
        Assert.False(ReportFolderOwnership.IsOwned(Path.GetFullPath(other)));
    }

    // Defect 4: an unwritable --out discovered only after the run.

    [Fact]
    public void AnUnusableOutIsRefusedBeforeTheRun()
    {
        string file = folder.Write("plain.txt", "a file");
        // A folder path under a regular file can never be created: refused at once, no claim is run.
        AssertBadInput(CliRun.Of("check", "--claim", "spiridonoff", "--profile", "quick", "--out", Path.Combine(file, "report")), "is a regular file, not a folder");
        AssertBadInput(CliRun.Of("simulate", "--scenario", Scenario(_ => { }), "--out", Path.Combine(file, "out.txt")), "does not exist");
        if (OperatingSystem.IsLinux())
            // /proc cannot take new files even as root.
            AssertBadInput(CliRun.Of("simulate", "--scenario", Scenario(_ => { }), "--out", "/proc/localsgd-verify-out.txt"), "cannot be written");
    }

    // Defect 5: leftovers of a killed run.

    [Fact]
    public void ADeadWritersTemporariesAreRemovedAtTheNextStartAndALiveOnesKept()
    {
        string target = folder.NewPath("out.txt");
        string full = Path.GetFullPath(target);
        int dead = DeadProcessId();
        string stale = WithProcess(WriterTag.Temporary(full, OutputFile.TemporaryKind), dead);
        string live = WithProcess(WriterTag.Temporary(full, OutputFile.TemporaryKind), 1); // pid 1 always runs
        File.WriteAllText(stale, "half");
        File.WriteAllText(live, "in progress");
        Assert.Equal(ExitCodes.Success, CliRun.Of("simulate", "--scenario", Scenario(_ => { }), "--out", target).ExitCode);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));

        string report = Path.GetFullPath(folder.NewPath("report"));
        string staleFolder = WithProcess(WriterTag.Temporary(report, ReportDirectoryWriter.TemporaryKinds[0]), dead);
        Directory.CreateDirectory(staleFolder);
        ReportDirectoryWriter.Prepare(report);
        Assert.False(Directory.Exists(staleFolder));
    }

    private static string WithProcess(string temporary, int processId) =>
        temporary.Replace($".{Environment.ProcessId}.", $".{processId}.", StringComparison.Ordinal);

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    // Defect 6: the smaller ones.

    [Fact]
    public void ReportRefusesAVerdictOutsideTheSchema()
    {
        ReportDocument mixed = SyntheticReports.Mixed();
        ReportDocument odd = mixed with { Claims = [mixed.Claims[0] with { Verdict = "maybe" }, .. mixed.Claims.Skip(1)] };
        string path = folder.Write("odd.json", ReportJson.Write(odd));
        AssertBadInput(CliRun.Of("report", "--from", path, "--format", "md"), "'maybe' is not a verdict (expected one of pass, fail, inconclusive)");
    }

    [Fact]
    public void BytesThatAreNotUtf8AreRefusedNotReplaced()
    {
        byte[] text = Encoding.UTF8.GetBytes(CliScenarios.Kink);
        int at = CliScenarios.Kink.IndexOf("small-kink", StringComparison.Ordinal);
        string path = Path.Combine(folder.Path, "latin1.json");
        File.WriteAllBytes(path, [.. text[..at], 0xE9, .. text[at..]]);
        AssertBadInput(CliRun.Of("simulate", "--scenario", path), $"is not UTF-8 text (an invalid byte sequence at byte {at + 1}, counted from 1)");
        string report = Path.Combine(folder.Path, "report.json");
        File.WriteAllBytes(report, [0xFF, .. Encoding.UTF8.GetBytes(ReportJson.Write(SyntheticReports.Mixed()))]);
        AssertBadInput(CliRun.Of("report", "--from", report, "--format", "md"), "is not UTF-8 text");
    }

    [Fact]
    public void SchemaMustBeAString()
    {
        AssertBadInput(CliRun.Of("simulate", "--scenario", Scenario(root => root["$schema"] = 5)), "$schema = 5 is not allowed: expected a string.");
        Assert.Equal(ExitCodes.Success, CliRun.Of("simulate", "--scenario", Scenario(root => root["$schema"] = "../docs/scenario.schema.json")).ExitCode);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1000.0")]
    [InlineData("1000")]
    public void SeedsMayBeWrittenLikeAnyInteger(string seed)
    {
        string written = Scenario(_ => { });
        string text = File.ReadAllText(written).Replace("\"seed\":42", $"\"seed\":{seed}", StringComparison.Ordinal);
        Assert.Contains($"\"seed\":{seed}", text);
        File.WriteAllText(written, text);
        CliRun run = CliRun.Of("simulate", "--scenario", written, "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(1000UL, JsonDocument.Parse(run.Output).RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(WithoutSource(CliRun.Of("simulate", "--scenario", Scenario(_ => { }), "--seed", "1000", "--format", "json")), WithoutSource(run));
    }

    // The results without the scenario's file name, which differs between the two runs.
    private static string WithoutSource(CliRun run)
    {
        var root = JsonNode.Parse(run.DeterministicJson())!.AsObject();
        root["scenario"]!.AsObject().Remove("source");
        return root.ToJsonString();
    }

    [Theory]
    [InlineData("1e3.5")]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("1.8446744073709551616e19")]
    public void SeedsThatAreNotIntegersInRangeAreStillRefused(string seed)
    {
        string written = Scenario(_ => { });
        File.WriteAllText(written, File.ReadAllText(written).Replace("\"seed\":42", $"\"seed\":{seed}", StringComparison.Ordinal));
        CliRun run = CliRun.Of("simulate", "--scenario", written);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void ATraceWorkerOfMinusOneIsOutOfRange()
    {
        string trace = folder.Write("trace.jsonl", """
            {"type":"header","version":1,"workers":2,"steps":1,"schedule":{"kind":"every-step"}}
            {"type":"step","step":1,"worker":-1}
            {"type":"step","step":1,"worker":0}
            {"type":"step","step":1,"worker":1}
            {"type":"sync","step":1}
            """);
        CliRun run = CliRun.Of("validate-trace", trace, "--format", "json");
        Assert.Equal(ExitCodes.Finding, run.ExitCode);
        var mismatch = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("mismatches").EnumerateArray());
        Assert.Equal("out_of_range", mismatch.GetProperty("code").GetString());
        Assert.Contains("worker -1 is outside 0..N−1 = 1", mismatch.GetProperty("message").GetString());
    }
}
