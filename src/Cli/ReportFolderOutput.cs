using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;

namespace LocalSgdVerify.Cli;

/// <summary>
/// The report folder of <c>check</c> and <c>validate</c> (--out): report.json, report.md, report.html, junit.xml,
/// plots/*.svg and the tool's marker, replaced atomically by <see cref="ReportDirectoryWriter"/>. The target is
/// checked before the run (a folder the tool owns, writable), so a bad --out fails at once with nothing written. An
/// incomplete run's document already carries run.complete = false and the claims not finished, which every format shows.
/// </summary>
public static class ReportFolderOutput
{
    /// <summary>Throws <see cref="CommandLineException"/> when <paramref name="folder"/> cannot take a report (checked before the run); removes a killed run's temporaries.</summary>
    public static void CheckTarget(string folder)
    {
        try { ReportDirectoryWriter.Prepare(folder); }
        catch (OutputTargetException bad) { throw new CommandLineException(bad.Message); }
    }

    /// <summary>
    /// Writes the report folder <paramref name="folder"/> (created if missing, replaced if it holds a report) and says
    /// where on <paramref name="error"/>; false, after one message on <paramref name="error"/>, when it could not be written.
    /// </summary>
    public static bool TryWrite(ReportDocument document, string folder, TextWriter error)
    {
        try
        {
            ReportDirectoryWriter.Write(document, folder);
            error.WriteLine($"report written to {Path.GetFullPath(folder)}");
            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ReportWriteException or OutputTargetException)
        {
            error.WriteLine(failure is ReportWriteException or OutputTargetException ? failure.Message : $"--out = {folder} could not be written: {failure.Message}");
            return false;
        }
    }
}
