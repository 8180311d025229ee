using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Cli.Check;

/// <summary>Where a check run's report goes: report.json, written atomically, until the full writers land.</summary>
public static class CheckReportOutput
{
    /// <summary>Writes the report into <paramref name="directory"/> (created if missing).</summary>
    public static void Write(ReportDocument document, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, "report.json"), ReportJson.Write(document));
    }
}
