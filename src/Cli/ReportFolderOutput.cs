using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Output;

namespace LocalSgdVerify.Cli;

/// <summary>
/// The report folder of <c>check</c> and <c>validate</c> (--out): report.json, report.md, report.html, junit.xml and
/// plots/*.svg, replaced atomically by <see cref="ReportDirectoryWriter"/>. The target is checked before the run, so
/// a bad --out fails at once with nothing written. An incomplete run's document already carries run.complete = false
/// and the claims not finished, which every format shows.
/// </summary>
public static class ReportFolderOutput
{
    /// <summary>Throws <see cref="CommandLineException"/> when <paramref name="folder"/> cannot take a report (checked before the run).</summary>
    public static void CheckTarget(string folder)
    {
        string full;
        try { full = Path.GetFullPath(folder); }
        catch (Exception bad) when (bad is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CommandLineException($"--out = {folder} is not allowed: expected a folder path ({bad.Message}).");
        }
        if (File.Exists(full)) throw new CommandLineException($"--out = {folder} is not allowed: expected a folder, but it is a file.");
        try { ReportDirectoryWriter.CheckTarget(folder); }
        catch (ReportWriteException bad) { throw new CommandLineException(bad.Message); }
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
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ReportWriteException)
        {
            error.WriteLine(failure is ReportWriteException ? failure.Message : $"--out = {folder} could not be written: {failure.Message}");
            return false;
        }
    }
}
