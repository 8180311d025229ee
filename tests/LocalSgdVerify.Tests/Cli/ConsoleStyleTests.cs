using LocalSgdVerify.Cli;
using LocalSgdVerify.Cli.Check;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using Xunit;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>
/// Colour: on a terminal unless NO_COLOR (non-empty) or TERM=dumb; never when piped; --color always|never overrides
/// both. The terminal and the environment are injected, so nothing depends on how the tests are run.
/// </summary>
public sealed class ConsoleStyleTests
{
    private const string Cheap = "identities.schedule-invariance";
    private const string GreenPass = "\u001b[32mpass\u001b[0m";

    private static CliEnvironment Environment(bool terminal, params (string Name, string Value)[] variables) =>
        new(null, ProblemReaderRegistry.Default)
        {
            IsTerminal = _ => terminal,
            Variable = name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault(),
        };

    [Theory]
    [InlineData(true, null, null, null, true)]
    [InlineData(false, null, null, null, false)]
    [InlineData(true, "1", null, null, false)]
    [InlineData(true, "", null, null, true)] // an empty NO_COLOR counts as unset (no-color.org)
    [InlineData(true, null, "dumb", null, false)]
    [InlineData(true, "1", null, "always", true)]
    [InlineData(false, null, null, "always", true)]
    [InlineData(true, null, null, "never", false)]
    [InlineData(true, null, null, "NEVER", false)]
    [InlineData(true, null, null, "auto", true)]
    public void TheDecisionFollowsTheFlagThenTheEnvironmentThenTheTerminal(bool terminal, string? noColor, string? term, string? flag, bool coloured)
    {
        var variables = new List<(string, string)>();
        if (noColor is not null) variables.Add(("NO_COLOR", noColor));
        if (term is not null) variables.Add(("TERM", term));
        var style = ConsoleStyle.Resolve(flag, Environment(terminal, [.. variables]), TextWriter.Null, TextWriter.Null);
        Assert.Equal(new ConsoleStyle(coloured, coloured), style);
    }

    [Fact]
    public void CheckColoursTheVerdictOnATerminalAndNotWhenPipedOrWithNoColor()
    {
        string[] args = ["check", "--claim", Cheap, "--profile", "quick", "--no-report"];
        Assert.Contains(GreenPass, CliRun.Of(Environment(terminal: true), args).Output);
        Assert.DoesNotContain("\u001b[", CliRun.Of(Environment(terminal: false), args).Output);
        Assert.DoesNotContain("\u001b[", CliRun.Of(Environment(terminal: true, ("NO_COLOR", "1")), args).Output);
        Assert.Contains(GreenPass, CliRun.Of(Environment(terminal: false), [.. args, "--color", "always"]).Output);
        // The progress lines on stderr follow the same decision.
        Assert.Contains($": {GreenPass} in ", CliRun.Of(Environment(terminal: false), ["--color", "always", .. args]).Error);
        Assert.DoesNotContain("\u001b[", CliRun.Of(Environment(terminal: true), [.. args, "--color", "never"]).Error);
    }

    [Fact]
    public void ABadColorValueIsOneLineWithASuggestionAndExit2()
    {
        var run = CliRun.Of(Environment(terminal: true), "list", "--color", "allways");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("--color = allways is not allowed: expected one of auto, always, never. Did you mean 'always'?", run.Error.TrimEnd('\n'));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void ProgressLinesColourTheOutcomeOnlyWhenAsked()
    {
        var claims = LocalSgdVerify.Checks.Framework.ClaimCatalog.Select([Cheap]);
        using var plain = new StringWriter();
        CheckProgress.RunWithLines(claims, plain, reporter => { reporter.Done(Cheap, "FAIL"); return 0; });
        Assert.StartsWith($"[1/1] {Cheap}: FAIL in ", plain.ToString(), StringComparison.Ordinal);
        using var painted = new StringWriter();
        CheckProgress.RunWithLines(claims, painted, reporter => { reporter.Done(Cheap, "FAIL"); return 0; }, ConsoleStyle.Verdict);
        Assert.StartsWith($"[1/1] {Cheap}: \u001b[1;31mFAIL\u001b[0m in ", painted.ToString(), StringComparison.Ordinal);
    }
}
