using System.Text.Json.Nodes;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Reports.Document;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>
/// <c>check --shard</c>, <c>simulate --shard</c> and <c>merge</c> in-process: merged reports equal the single run's in
/// any folder order, bad shard specs and bad shard sets are one message with exit 2 and nothing written, --shard auto
/// reads Slurm, Kubernetes and the CI pair, and a rerun of a shard replaces its own file and nothing else.
/// </summary>
public sealed class ShardCommandTests : IDisposable
{
    // Cheap claims at quick with Monte Carlo blocks (gu.Q1: 120 replicates, four blocks) and exact units (schedule invariance).
    private static readonly string[] Claims = ["--claim", "gu.Q1", "--claim", "identities.schedule-invariance", "--profile", "quick"];

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string PathOf(string name) => Path.Combine(folder.Path, name);

    private static CliRun Check(params string[] args) => CliRun.Of(["check", .. Claims, .. args]);

    private static CliRun WithVariables(Dictionary<string, string> variables, params string[] args) =>
        CliRun.Of(new CliEnvironment(null, ProblemReaderRegistry.Default) { Variable = name => variables.GetValueOrDefault(name) }, args);

    private static string Body(string reportFolder) => ReportJson.Body(ReportJson.ReadFile(Path.Combine(reportFolder, "report.json")));

    [Fact]
    public void ShardsMergedInAnyFolderOrderGiveTheSingleRunsReport()
    {
        Assert.Equal(ExitCodes.Success, Check("--out", PathOf("single")).ExitCode);
        string single = Body(PathOf("single"));
        // Three shards in one folder, and two shards in two folders named in reverse order.
        for (int k = 1; k <= 3; k++) Assert.Equal(ExitCodes.Success, Check("--shard", $"{k}/3", "--out", PathOf("three")).ExitCode);
        for (int k = 1; k <= 2; k++) Assert.Equal(ExitCodes.Success, Check("--shard", $"{k}/2", "--out", PathOf($"two-{k}")).ExitCode);
        var three = CliRun.Of("merge", PathOf("three"), "--out", PathOf("merged-three"));
        var two = CliRun.Of("merge", PathOf("two-2"), PathOf("two-1"), "--out", PathOf("merged-two"));
        Assert.True(three.ExitCode == ExitCodes.Success, three.Error);
        Assert.True(two.ExitCode == ExitCodes.Success, two.Error);
        Assert.Equal(single, Body(PathOf("merged-three")));
        Assert.Equal(single, Body(PathOf("merged-two")));
        // Every unit came from a shard: the merge computed nothing.
        Assert.DoesNotContain("the merge computed", three.Error);
        Assert.Contains("2 claims: 2 pass", two.Output);
    }

    [Fact]
    public void TheFirstLookLeavesTheMergeTheLaterLooksAndAllLooksLeaveItNothing()
    {
        // stich.linear-speedup at quick is decided at its third look (128 of 400 replicates), beyond the first (32).
        string[] claim = ["check", "--claim", "stich.linear-speedup", "--profile", "quick"];
        Assert.Equal(ExitCodes.Success, CliRun.Of([.. claim, "--out", PathOf("single")]).ExitCode);
        string single = Body(PathOf("single"));
        foreach (var (looks, mergeComputes) in new[] { ((string?)null, true), ("1", true), ("all", false) })
        {
            string name = looks ?? "default";
            string[] flag = looks is null ? [] : ["--shard-looks", looks];
            for (int k = 1; k <= 2; k++)
                Assert.Equal(ExitCodes.Success, CliRun.Of([.. claim, "--shard", $"{k}/2", .. flag, "--out", PathOf($"shards-{name}")]).ExitCode);
            var merge = CliRun.Of("merge", PathOf($"shards-{name}"), "--out", PathOf($"merged-{name}"));
            Assert.True(merge.ExitCode == ExitCodes.Success, merge.Error);
            Assert.Equal(single, Body(PathOf($"merged-{name}")));
            if (mergeComputes) Assert.Contains("the shards gathered each claim through look 1; the claims undecided there went on here", merge.Error);
            else Assert.DoesNotContain("the merge computed", merge.Error);
        }
    }

    [Theory]
    [InlineData("0", "--shard", "--shard-looks = 0 is not allowed: expected an integer >= 1 (or all).")]
    [InlineData("first", "--shard", "--shard-looks = first is not allowed: expected an integer >= 1 (or all).")]
    [InlineData("2", null, "--shard-looks = 2 is not allowed without --shard: it says how far a shard gathers each claim's looks.")]
    public void ABadShardLooksIsOneMessageWithExit2AndNothingWritten(string looks, string? shard, string message)
    {
        string output = PathOf("out");
        string[] sharded = shard is null ? [] : [shard, "1/2"];
        var run = Check([.. sharded, "--shard-looks", looks, "--out", output]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(message, run.Error.TrimEnd('\n'));
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("0/3", "the shard index K = 0 must be at least 1")]
    [InlineData("4/3", "the shard index K = 4 is above the shard count N = 3")]
    [InlineData("a/b", "expected K/N")]
    [InlineData("3", "expected K/N")]
    [InlineData("1/0", "the shard count N = 0 must be at least 1")]
    [InlineData("-1/3", "expected K/N")]
    [InlineData("1/3/5", "expected K/N")]
    public void ABadShardSpecIsOneMessageWithExit2AndNothingWritten(string spec, string reason)
    {
        string output = PathOf("out");
        foreach (var run in new[] { Check("--shard", spec, "--out", output), CliRun.Of("simulate", "--scenario", folder.Write("kink.json", CliScenarios.Kink), "--shard", spec, "--out", output) })
        {
            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            string line = Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"--shard = {spec} is not allowed: ", line);
            Assert.Contains(reason, line);
            Assert.Equal("", run.Output);
            Assert.False(Directory.Exists(output));
        }
    }

    [Fact]
    public void ShardAutoReadsSlurmKubernetesAndTheCiPair()
    {
        string[] cheap = ["check", "--claim", "identities.single-worker-is-sgd", "--profile", "quick", "--shard", "auto"];
        // Slurm --array=4-8:2 has tasks 4, 6, 8: task 6 is shard 2 of 3.
        var slurm = WithVariables(new() { ["SLURM_ARRAY_TASK_ID"] = "6", ["SLURM_ARRAY_TASK_MIN"] = "4", ["SLURM_ARRAY_TASK_STEP"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "3" },
            [.. cheap, "--out", PathOf("slurm")]);
        Assert.True(slurm.ExitCode == ExitCodes.Success, slurm.Error);
        Assert.True(File.Exists(Path.Combine(PathOf("slurm"), "shard-0002-of-0003.lsgd-shard")));
        // A Kubernetes Indexed Job's index is 0-based and its count comes from --shard-count.
        var kubernetes = WithVariables(new() { ["JOB_COMPLETION_INDEX"] = "3" }, [.. cheap, "--shard-count", "4", "--out", PathOf("kubernetes")]);
        Assert.True(kubernetes.ExitCode == ExitCodes.Success, kubernetes.Error);
        Assert.True(File.Exists(Path.Combine(PathOf("kubernetes"), "shard-0004-of-0004.lsgd-shard")));
        var matrix = WithVariables(new() { ["LOCALSGD_SHARD_INDEX"] = "1", ["LOCALSGD_SHARD_COUNT"] = "2" }, [.. cheap, "--out", PathOf("matrix")]);
        Assert.True(matrix.ExitCode == ExitCodes.Success, matrix.Error);
        Assert.True(File.Exists(Path.Combine(PathOf("matrix"), "shard-0001-of-0002.lsgd-shard")));

        var noCount = WithVariables(new() { ["JOB_COMPLETION_INDEX"] = "0" }, [.. cheap, "--out", PathOf("none")]);
        Assert.Equal(ExitCodes.BadInput, noCount.ExitCode);
        Assert.Contains("needs --shard-count N", noCount.Error);
        var nothing = WithVariables([], [.. cheap, "--out", PathOf("none")]);
        Assert.Equal(ExitCodes.BadInput, nothing.ExitCode);
        Assert.StartsWith("--shard auto found no shard in the environment", nothing.Error);
        var irregular = WithVariables(new() { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_COUNT"] = "3" }, [.. cheap, "--out", PathOf("none")]);
        Assert.Equal(ExitCodes.BadInput, irregular.ExitCode);
        Assert.Contains("SLURM_ARRAY_TASK_ID = 5 is not one of 3", irregular.Error);
        Assert.False(Directory.Exists(PathOf("none")));
    }

    [Fact]
    public void MissingDuplicatedAndForeignShardsAreOneMessageWithExit2()
    {
        for (int k = 1; k <= 3; k++) Assert.Equal(ExitCodes.Success, Check("--shard", $"{k}/3", "--out", PathOf("set")).ExitCode);
        Assert.Equal(ExitCodes.Success, Check("--shard", "2/3", "--seed", "7", "--out", PathOf("foreign")).ExitCode);
        Directory.CreateDirectory(PathOf("copy"));
        File.Copy(Path.Combine(PathOf("set"), ShardFile.FileName(2, 3)), Path.Combine(PathOf("copy"), ShardFile.FileName(2, 3)));
        File.Move(Path.Combine(PathOf("set"), ShardFile.FileName(3, 3)), Path.Combine(folder.Path, "aside.bin"));

        var missing = CliRun.Of("merge", PathOf("set"), "--out", PathOf("report"));
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("missing shards: 3 of 3 (found 1, 2)", missing.Error);
        var duplicated = CliRun.Of("merge", PathOf("set"), PathOf("copy"), "--out", PathOf("report"));
        Assert.Equal(ExitCodes.BadInput, duplicated.ExitCode);
        Assert.Contains($"duplicated shards: shard 2 of 3 in {Path.Combine(PathOf("set"), ShardFile.FileName(2, 3))} and {Path.Combine(PathOf("copy"), ShardFile.FileName(2, 3))}", duplicated.Error);
        var foreign = CliRun.Of("merge", PathOf("set"), PathOf("foreign"), "--out", PathOf("report"));
        Assert.Equal(ExitCodes.BadInput, foreign.ExitCode);
        Assert.Contains($"{Path.Combine(PathOf("foreign"), ShardFile.FileName(2, 3))} differs in seed (7 vs 1)", foreign.Error);
        var noFolder = CliRun.Of("merge", PathOf("nowhere"), "--out", PathOf("report"));
        Assert.Equal(ExitCodes.BadInput, noFolder.ExitCode);
        Assert.Contains("does not exist", noFolder.Error);
        foreach (var run in new[] { missing, duplicated, foreign, noFolder }) Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(PathOf("report")));
    }

    [Fact]
    public void APartialMergeAskedForIsMarkedIncompleteAndListsTheClaimsItCouldNotFinish()
    {
        for (int k = 1; k <= 2; k++) Assert.Equal(ExitCodes.Success, Check("--shard", $"{k}/3", "--out", PathOf("set")).ExitCode);
        var run = CliRun.Of("merge", PathOf("set"), "--partial", "--out", PathOf("report"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("partial merge: shards 3 are missing", run.Error);
        var report = ReportJson.ReadFile(Path.Combine(PathOf("report"), "report.json"));
        Assert.False(report.Run.Complete);
        // gu.Q1's blocks are spread over all three shards, so it cannot be finished without shard 3.
        Assert.Contains("gu.Q1", report.Run.NotFinished);
        Assert.Equal(ExitCodes.Finding, CliRun.Of("merge", PathOf("set"), "--partial", "--strict", "--out", PathOf("report")).ExitCode);
    }

    [Fact]
    public void ARerunOfAShardReplacesItsOwnFileAndNothingElse()
    {
        for (int k = 1; k <= 3; k++) Assert.Equal(ExitCodes.Success, Check("--shard", $"{k}/3", "--out", PathOf("set")).ExitCode);
        string user = folder.Write(Path.Combine("set", "notes.txt"), "the user's own file");
        var before = Directory.GetFiles(PathOf("set")).ToDictionary(path => path, path => (File.ReadAllBytes(path), File.GetLastWriteTimeUtc(path)));
        string own = Path.Combine(PathOf("set"), ShardFile.FileName(2, 3));
        File.SetLastWriteTimeUtc(own, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(ExitCodes.Success, Check("--shard", "2/3", "--out", PathOf("set")).ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(own) > new DateTime(2000, 1, 2, 0, 0, 0, DateTimeKind.Utc), "the rerun did not replace its own file");
        foreach (var (path, (bytes, time)) in before.Where(entry => entry.Key != own))
        {
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Equal(time, File.GetLastWriteTimeUtc(path));
        }
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(PathOf("set")).Order());
        Assert.Equal("the user's own file", File.ReadAllText(user));
    }

    [Fact]
    public void AFileTheToolDidNotWriteUnderAShardsNameIsNeverReplaced()
    {
        Directory.CreateDirectory(PathOf("set"));
        string name = Path.Combine(PathOf("set"), ShardFile.FileName(1, 2));
        File.WriteAllText(name, "not a shard");
        var run = Check("--shard", "1/2", "--out", PathOf("set"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("exists and is not a shard file this tool wrote", run.Error);
        Assert.Equal("not a shard", File.ReadAllText(name));
    }

    [Fact]
    public void SimulateShardsMergeIntoWhatSimulatePrints()
    {
        string scenario = folder.Write("kink.json", CliScenarios.Kink.Replace("\"replicates\": 64", "\"replicates\": 150", StringComparison.Ordinal));
        var single = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        Assert.Equal(ExitCodes.Success, single.ExitCode);
        for (int k = 3; k >= 1; k--)
            Assert.Equal(ExitCodes.Success, CliRun.Of("simulate", "--scenario", scenario, "--shard", $"{k}/3", "--out", PathOf("shards")).ExitCode);
        var merged = CliRun.Of("merge", PathOf("shards"), "--format", "json");
        Assert.True(merged.ExitCode == ExitCodes.Success, merged.Error);
        Assert.Equal(single.DeterministicJson(), WithoutTiming(merged.Output));
    }

    [Fact]
    public void MergedSimulateShardsReportTheLowestDivergenceAsTheSingleRunDoes()
    {
        string scenario = folder.Write("diverging.json", CliScenarios.Diverging);
        var single = CliRun.Of("simulate", "--scenario", scenario, "--format", "json");
        Assert.Equal(ExitCodes.Finding, single.ExitCode);
        for (int k = 1; k <= 2; k++)
            Assert.Equal(ExitCodes.Success, CliRun.Of("simulate", "--scenario", scenario, "--shard", $"{k}/2", "--out", PathOf("shards")).ExitCode);
        var merged = CliRun.Of("merge", PathOf("shards"), "--format", "json");
        Assert.Equal(ExitCodes.Finding, merged.ExitCode);
        Assert.Equal(single.Output, merged.Output);
        Assert.Equal(single.Error.Trim(), merged.Error.Trim().Split('\n')[^1]);
    }

    private static string WithoutTiming(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root.Remove("timing");
        return root.ToJsonString();
    }
}
