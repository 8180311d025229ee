using System.Text;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Reports.Output;

/// <summary>What <see cref="ReportDirectoryWriter"/> wrote.</summary>
/// <param name="Directory">The report folder (full path).</param>
/// <param name="Files">The files in it, relative paths with '/' (report.json, report.md, report.html, junit.xml, plots/...).</param>
public sealed record ReportWriteResult(string Directory, IReadOnlyList<string> Files);

/// <summary>A report folder that cannot be written (the path is a file, or a folder that is not a report folder).</summary>
public sealed class ReportWriteException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes a whole report folder (report.json, report.md, report.html, junit.xml, plots/*.svg) atomically: every file
/// goes into a temporary sibling folder, which is then swapped with the target in one step (Linux renameat2
/// RENAME_EXCHANGE; elsewhere rename the old folder away, rename the new one in, delete the old). A crash at any
/// point leaves the previous complete report or the new complete one, never a mixture; with the fallback the
/// previous one may, for an instant, sit under a hidden sibling name instead. Leftovers of crashed writes are
/// removed by the next write.
/// </summary>
public static class ReportDirectoryWriter
{
    /// <summary>The files a report folder may hold; a non-empty folder with none of them is not replaced.</summary>
    public static IReadOnlyList<string> ReportFileNames { get; } = ["report.json", "report.md", "report.html", "junit.xml"];

    /// <summary>Renders every format of <paramref name="document"/> and writes them into <paramref name="directory"/> atomically.</summary>
    /// <exception cref="ReportWriteException">The path is a file, a folder holding something other than a report, or cannot be written.</exception>
    public static ReportWriteResult Write(ReportDocument document, string directory) => Write(document, directory, null);

    /// <summary>
    /// As <see cref="Write(ReportDocument, string)"/>, but when <paramref name="notFinished"/> is given the report is
    /// first marked incomplete (run.complete = false) with those claim ids added to run.not_finished, so every
    /// format shows what was not finished (use it when a run is interrupted).
    /// </summary>
    public static ReportWriteResult Write(ReportDocument document, string directory, IReadOnlyCollection<string>? notFinished)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (notFinished is not null) document = document.MarkIncomplete(notFinished);
        return WriteFiles(ReportRenderer.RenderAll(document), directory);
    }

    /// <summary>
    /// Replaces <paramref name="directory"/> by a folder holding exactly <paramref name="files"/> (relative path with
    /// '/' → UTF-8 text without byte-order mark), atomically as described on the type.
    /// </summary>
    public static ReportWriteResult WriteFiles(IReadOnlyList<KeyValuePair<string, string>> files, string directory)
    {
        string target = FullPath(directory);
        CheckReplaceable(target, directory);
        string parent = Path.GetDirectoryName(target) ?? throw new ReportWriteException($"--out = {directory} is not allowed: a report folder cannot be a file-system root.");
        string name = Path.GetFileName(target);
        string temporary = Path.Combine(parent, $".{name}.writing-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(temporary);
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach (var (relative, text) in files)
            {
                string path = Path.Combine(temporary, CheckedRelative(relative));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, encoding);
            }
            DirectorySwap.Replace(temporary, target);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ReportWriteException($"the report folder {directory} could not be written: {error.Message}", error);
        }
        finally
        {
            TryDelete(temporary);
        }
        RemoveLeftovers(parent, name);
        return new ReportWriteResult(target, files.Select(f => f.Key).ToList());
    }

    /// <summary>
    /// Throws <see cref="ReportWriteException"/> unless <paramref name="directory"/> can take a report (missing, empty, or
    /// a report folder; not a file). Call it before a long run so a bad --out fails at once, with nothing written.
    /// </summary>
    public static void CheckTarget(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        CheckReplaceable(FullPath(directory), directory);
    }

    private static string FullPath(string directory)
    {
        try { return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)); }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ReportWriteException($"--out = {directory} is not allowed: expected a folder path ({error.Message}).");
        }
    }

    // Replacing a folder deletes what was in it: only ever replace a missing folder, an empty one, or a report.
    private static void CheckReplaceable(string target, string given)
    {
        if (File.Exists(target))
            throw new ReportWriteException($"--out = {given} is not allowed: expected a folder for the report, but it is a file.");
        if (!Directory.Exists(target)) return;
        if (!Directory.EnumerateFileSystemEntries(target).Any()) return;
        if (ReportFileNames.Any(file => File.Exists(Path.Combine(target, file)))) return;
        throw new ReportWriteException(
            $"--out = {given} is not allowed: the folder exists and is not a report folder (it has none of {string.Join(", ", ReportFileNames)}), and writing the report would replace everything in it. Choose a new or empty folder.");
    }

    private static string CheckedRelative(string relative)
    {
        string[] parts = relative.Split('/');
        if (relative.Length == 0 || Path.IsPathRooted(relative) || parts.Any(p => p is "" or "." or ".." || p.Contains('\\')))
            throw new ArgumentException($"report file name '{relative}' must be a relative path of plain names separated by '/'", nameof(relative));
        return Path.Combine(parts);
    }

    // Folders a crashed write left behind (older than ten minutes, so a concurrent writer's folder is not touched).
    private static void RemoveLeftovers(string parent, string name)
    {
        try
        {
            foreach (string folder in Directory.EnumerateDirectories(parent, $".{name}.*"))
            {
                string leaf = Path.GetFileName(folder);
                bool ours = leaf.StartsWith($".{name}.writing-", StringComparison.Ordinal) || leaf.StartsWith($".{name}.replaced-", StringComparison.Ordinal);
                if (ours && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10)) TryDelete(folder);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Leftovers are harmless; the report itself is complete.
        }
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be deleted now is removed by a later write.
        }
    }
}
