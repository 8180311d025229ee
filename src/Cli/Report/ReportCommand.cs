using System.CommandLine;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Cli.Report;

/// <summary>
/// <c>localsgd-verify report --from report.json --format md|html|junit|summary|all [--out DIR]</c>: re-renders a stored run
/// from its report.json alone. Without --out the rendered file goes to stdout; with --out DIR it is written into DIR
/// (created if needed) as report.md (with its plots), report.html, junit.xml or summary.md, each file atomically;
/// <c>all</c> rewrites the whole report folder (needs --out). Exit codes: 0 done, 2 bad input (missing or invalid
/// report, wrong schema_version, unknown format, unusable --out): one message on stderr, nothing written.
/// </summary>
public sealed class ReportCommand : ICommandDefinition
{
    /// <summary>The values of <c>--format</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["md", "html", "junit", "summary", "all"];

    /// <inheritdoc/>
    public string Name => "report";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var fromOption = new Option<string>("--from") { Description = "The stored report.json to render.", Required = true, HelpName = "FILE" };
        var formatOption = new Option<string>("--format") { Description = "md (report.md and plots), html (report.html), junit (junit.xml), summary (summary.md: compact Markdown for a CI job summary, no images), or all (the whole report folder; needs --out).", Required = true, HelpName = "md|html|junit|summary|all" };
        var outOption = new Option<string?>("--out") { Description = "Write into this folder (created if missing) instead of stdout.", HelpName = "DIR" };
        var command = new Command(Name, "Re-render a stored report (report.json) as Markdown, HTML, JUnit or a CI job summary.") { fromOption, formatOption, outOption };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            string format;
            try
            {
                format = FlagValues.Choice("--format", parseResult.GetValue(formatOption), Formats, "md");
            }
            catch (CommandLineException bad)
            {
                error.WriteLine(bad.Message);
                return ExitCodes.BadInput;
            }
            return Execute(parseResult.GetValue(fromOption)!, format, parseResult.GetValue(outOption), output, error);
        });
        return command;
    }

    /// <summary>Runs a parsed request; the writers stand for stdout and stderr.</summary>
    public static int Execute(string from, string format, string? outDirectory, TextWriter output, TextWriter error)
    {
        ReportDocument document;
        try
        {
            document = ReportJson.ReadFile(from);
            if (format == "all" && outDirectory is null)
                throw new CommandLineException("--format = all is not allowed without --out: it writes a whole report folder (give --out DIR).");
            if (outDirectory is not null) ReportDirectoryWriter.Prepare(outDirectory);
        }
        catch (Exception bad) when (bad is ReportFormatException or CommandLineException or OutputTargetException)
        {
            error.WriteLine(bad.Message);
            return ExitCodes.BadInput;
        }

        try
        {
            if (format == "all")
            {
                ReportWriteResult written = ReportDirectoryWriter.Write(document, outDirectory!);
                output.WriteLine($"wrote {LocalSgdVerify.Reports.Rendering.ReportText.Count(written.Files.Count, "file")} to {written.Directory}");
                return ExitCodes.Success;
            }
            ReportFormat kind = format switch { "md" => ReportFormat.Markdown, "html" => ReportFormat.Html, "summary" => ReportFormat.Summary, _ => ReportFormat.JUnit };
            string text = ReportRenderer.Render(document, kind);
            if (outDirectory is null)
            {
                output.Write(text);
                return ExitCodes.Success;
            }
            var files = new List<KeyValuePair<string, string>> { new(ReportRenderer.FileName(kind), text) };
            if (kind == ReportFormat.Markdown) files.AddRange(ReportRenderer.RenderPlots(document));
            ReportWriteResult into = ReportDirectoryWriter.WriteInto(files, outDirectory);
            output.WriteLine($"wrote {string.Join(", ", files.Select(f => f.Key))} to {into.Directory}");
            return ExitCodes.Success;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ReportWriteException or OutputTargetException)
        {
            error.WriteLine(failure is ReportWriteException or OutputTargetException ? failure.Message : $"--out = {outDirectory} could not be written: {failure.Message}");
            return ExitCodes.BadInput;
        }
    }
}
