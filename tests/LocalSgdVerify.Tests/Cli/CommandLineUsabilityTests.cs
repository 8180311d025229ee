using System.Text.Json;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Cli;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>
/// Forgiving input: claim ids and flag values ignore case; unknown commands, flags, values and claims get one line with
/// the nearest known name and exit 2; <c>help</c> works as a command; counts in console output agree with their nouns.
/// </summary>
public sealed class CommandLineUsabilityTests
{
    private const string Cheap = "identities.schedule-invariance";

    [Theory]
    [InlineData(new[] { "chek" }, "Unrecognized command or argument 'chek'. Did you mean 'check'?")]
    [InlineData(new[] { "Check" }, "Did you mean 'check'?")]
    [InlineData(new[] { "check", "--profil", "quick" }, "Unrecognized command or argument '--profil'. Did you mean '--profile'?")]
    [InlineData(new[] { "check", "--no-reprot" }, "Did you mean '--no-report'?")]
    [InlineData(new[] { "list", "--colour", "never" }, "Did you mean '--color'?")]
    [InlineData(new[] { "check", "--profile", "quik" }, "--profile = quik is not allowed: expected one of quick, ci, full. Did you mean 'quick'?")]
    [InlineData(new[] { "list", "--format", "jsno" }, "Did you mean 'json'?")]
    [InlineData(new[] { "validate", "--impl", "python3 adapters/python/local_sgd.py", "--mode", "blackbx" }, "Did you mean 'blackbox'?")]
    [InlineData(new[] { "check", "--claim", "identities.schedule-invariants" }, "--claim identities.schedule-invariants is not in the catalog. Did you mean 'identities.schedule-invariance'?")]
    [InlineData(new[] { "check", "--claim", "spiridonof" }, "Did you mean 'spiridonoff'?")]
    [InlineData(new[] { "help", "chek" }, "help: 'chek' is not a command. Did you mean 'check'?")]
    public void UnknownNamesGetTheNearestKnownOneInOneLineAndExit2(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void AnUnrelatedWordGetsNoGuessAndTheValueOfAnUnknownFlagIsNotAComplaintOfItsOwn()
    {
        var unrelated = CliRun.Of("xyzzy");
        Assert.Equal(ExitCodes.BadInput, unrelated.ExitCode);
        Assert.Equal("Unrecognized command or argument 'xyzzy'. Run 'localsgd-verify help' for usage.", unrelated.Error.TrimEnd('\n'));
        var flag = CliRun.Of("check", "--profil", "quick");
        Assert.DoesNotContain("'quick'", flag.Error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'localsgd-verify help check' for usage.", flag.Error.TrimEnd('\n'), StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimIdsAndFlagValuesIgnoreCase()
    {
        var run = CliRun.Of("check", "--claim", Cheap.ToUpperInvariant(), "--profile", "QUICK", "--format", "Json", "--no-report");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(Cheap, document.RootElement.GetProperty("claims")[0].GetProperty("id").GetString());
        Assert.Equal("quick", document.RootElement.GetProperty("run").GetProperty("profile").GetString());
        Assert.Equal(ClaimCatalog.Select(["spiridonoff"]), ClaimCatalog.Select(["SPIRIDONOFF"]));
        Assert.Equal(ClaimCatalog.Select(["gu.G1"]), ClaimCatalog.Select(["GU.g1"]));
    }

    [Theory]
    [InlineData(new[] { "help" }, new[] { "--help" })]
    [InlineData(new[] { "help", "check" }, new[] { "check", "--help" })]
    [InlineData(new[] { "help", "CHECK" }, new[] { "check", "--help" })]
    [InlineData(new[] { "help", "validate-trace" }, new[] { "validate-trace", "--help" })]
    public void HelpAsACommandPrintsWhatHelpAsAFlagPrints(string[] help, string[] flag)
    {
        var asCommand = CliRun.Of(help);
        var asFlag = CliRun.Of(flag);
        Assert.Equal(ExitCodes.Success, asCommand.ExitCode);
        Assert.Equal(asFlag.Output, asCommand.Output);
        Assert.Contains("Usage:", asCommand.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommandIsListedInHelpWithTheColorFlag()
    {
        string help = CliRun.Of("help").Output;
        foreach (var definition in Program.Commands) Assert.Contains($"  {definition.Name}", help, StringComparison.Ordinal);
        Assert.Contains("--color", CliRun.Of("help", "check").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsAgreeWithTheirNouns()
    {
        Assert.EndsWith($"{ClaimCatalog.All.Count} claims. Run them with: localsgd-verify check [--claim ID ...] [--profile quick|ci|full]",
            CliRun.Of("list").Output.TrimEnd('\n'), StringComparison.Ordinal);
        var one = CliRun.Of("check", "--claim", Cheap, "--profile", "quick", "--no-report");
        Assert.StartsWith("1 claim: 1 pass", one.Output.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", one.Output + one.Error, StringComparison.Ordinal);
    }
}
