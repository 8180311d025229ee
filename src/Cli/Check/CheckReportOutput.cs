using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;

namespace LocalSgdVerify.Cli.Check;

/// <summary>
/// Where a check run's report goes: the whole report folder (report.json, report.md, report.html, junit.xml,
/// plots/*.svg), replaced atomically by <see cref="ReportDirectoryWriter"/>. An incomplete run's document already
/// carries run.complete = false and the claims not finished, which every format shows.
/// </summary>
public static class CheckReportOutput
{
    /// <summary>Throws <see cref="CommandLineException"/> when <paramref name="directory"/> cannot take a report (checked before the run).</summary>
    public static void CheckTarget(string directory)
    {
        try { ReportDirectoryWriter.CheckTarget(directory); }
        catch (ReportWriteException bad) { throw new CommandLineException(bad.Message); }
    }

    /// <summary>Writes the report folder <paramref name="directory"/> (created if missing, replaced if it holds a report).</summary>
    public static void Write(ReportDocument document, string directory) => ReportDirectoryWriter.Write(document, directory);
}
