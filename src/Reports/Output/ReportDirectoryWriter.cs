using System.Text;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.Reports.Rendering;

namespace LocalSgdVerify.Reports.Output;

/// <summary>What <see cref="ReportDirectoryWriter"/> wrote.</summary>
/// <param name="Directory">The report folder (full path).</param>
/// <param name="Files">The files in it, relative paths with '/' (report.json, report.md, report.html, junit.xml, plots/...); the ownership marker is not listed.</param>
public sealed record ReportWriteResult(string Directory, IReadOnlyList<string> Files);

/// <summary>A report folder that could not be written (an I/O failure while writing).</summary>
public sealed class ReportWriteException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes a whole report folder (report.json, report.md, report.html, junit.xml, plots/*.svg and the ownership marker
/// of <see cref="ReportFolderOwnership"/>) atomically: every file goes into a temporary sibling folder, which is then
/// swapped with the target in one step (Linux renameat2 RENAME_EXCHANGE; elsewhere rename the old folder away, rename
/// the new one in, delete the old). A crash at any point leaves the previous complete report or the new complete one,
/// never a mixture; with the fallback the previous one may, for an instant, sit under a hidden sibling name instead.
/// Only folders the tool owns are replaced; a killed write's temporaries are removed by the next write to the same
/// folder (<see cref="WriterTag"/>).
/// </summary>
public static class ReportDirectoryWriter
{
    /// <summary>The temporary kinds of a folder write: the folder being assembled and the old one on its way out.</summary>
    public static IReadOnlyList<string> TemporaryKinds { get; } = ["writing", "replaced"];

    /// <summary>Renders every format of <paramref name="document"/> and writes them into <paramref name="directory"/> atomically.</summary>
    /// <exception cref="OutputTargetException">The path is not a folder the tool may write (see <see cref="Prepare"/>).</exception>
    /// <exception cref="ReportWriteException">The folder could not be written.</exception>
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
    /// '/' → UTF-8 text without byte-order mark) and the marker, atomically as described on the type.
    /// </summary>
    public static ReportWriteResult WriteFiles(IReadOnlyList<KeyValuePair<string, string>> files, string directory, string flag = "--out")
    {
        string target = Target(directory, flag);
        ReportFolderOwnership.Check(target, directory, flag);
        string parent = Path.GetDirectoryName(target)!;
        string temporary = WriterTag.Temporary(target, TemporaryKinds[0]);
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
            ReportFolderOwnership.Mark(temporary);
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
        RemoveLeftovers(target);
        return new ReportWriteResult(target, files.Select(f => f.Key).ToList());
    }

    /// <summary>
    /// Writes <paramref name="files"/> into the report folder <paramref name="directory"/> one by one, each atomically
    /// (<see cref="OutputFile"/>), leaving its other files in place: for re-rendering one format into a report folder,
    /// or adding files to one. The folder must be one the tool may write (<see cref="ReportFolderOwnership"/>); it is
    /// created if missing and marked as the tool's.
    /// </summary>
    public static ReportWriteResult WriteInto(IReadOnlyList<KeyValuePair<string, string>> files, string directory, string flag = "--out")
    {
        string target = Target(directory, flag);
        ReportFolderOwnership.Check(target, directory, flag);
        try
        {
            Directory.CreateDirectory(target);
            if (PathKinds.Of(Path.Combine(target, ReportFolderOwnership.MarkerName)) != PathKind.RegularFile)
                OutputFile.Write(Path.Combine(target, ReportFolderOwnership.MarkerName), ReportFolderOwnership.MarkerText, flag);
            foreach (var (relative, text) in files)
            {
                string path = Path.Combine(target, CheckedRelative(relative));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                WriterTag.RemoveStale(path, [OutputFile.TemporaryKind]);
                OutputFile.Write(path, text, flag);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ReportWriteException($"the report folder {directory} could not be written: {error.Message}", error);
        }
        return new ReportWriteResult(target, files.Select(f => f.Key).ToList());
    }

    /// <summary>
    /// Checks, before a long run, that <paramref name="directory"/> can take a report (missing, empty or a report
    /// folder the tool wrote; not a file, symbolic link or device; its nearest existing ancestor writable) and removes
    /// the temporaries a killed earlier write left beside it. Returns the full path; throws
    /// <see cref="OutputTargetException"/> naming the folder otherwise, so a bad --out fails at once with nothing written.
    /// </summary>
    public static string Prepare(string directory, string flag = "--out")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string target = Target(directory, flag);
        ReportFolderOwnership.Check(target, directory, flag);
        string existing = NearestExisting(Path.GetDirectoryName(target)!, directory, flag);
        RemoveLeftovers(target);
        OutputFile.ProbeFolder(existing, flag, directory);
        return target;
    }

    private static string Target(string directory, string flag)
    {
        string target = OutputFile.FullPath(directory, flag, "a folder path");
        if (Path.GetDirectoryName(target) is null)
            throw new OutputTargetException($"{flag} = {directory} is not allowed: a report folder cannot be a file-system root.");
        return target;
    }

    // The folder the write will create the missing ones under; a file on the way makes the path unusable.
    private static string NearestExisting(string folder, string given, string flag)
    {
        string? current = folder;
        while (current is not null)
        {
            PathKind kind = PathKinds.Of(current);
            if (kind == PathKind.Folder || (kind == PathKind.SymbolicLink && Directory.Exists(current))) return current;
            if (kind != PathKind.Missing)
                throw new OutputTargetException($"{flag} = {given} is not allowed: '{current}' on its path is {PathKinds.Describe(kind)}, not a folder.");
            current = Path.GetDirectoryName(current);
        }
        throw new OutputTargetException($"{flag} = {given} is not allowed: no folder on its path exists.");
    }

    private static string CheckedRelative(string relative)
    {
        string[] parts = relative.Split('/');
        if (relative.Length == 0 || Path.IsPathRooted(relative) || parts.Any(p => p is "" or "." or ".." || p.Contains('\\')))
            throw new ArgumentException($"report file name '{relative}' must be a relative path of plain names separated by '/'", nameof(relative));
        return Path.Combine(parts);
    }

    // Temporaries of killed writes to this folder: tagged ones whose writer is gone, and folders of the untagged
    // form older versions used (".NAME.writing-GUID", ".NAME.replaced-GUID") once they are ten minutes old.
    private static void RemoveLeftovers(string target)
    {
        WriterTag.RemoveStale(target, TemporaryKinds);
        string parent = Path.GetDirectoryName(target)!, name = Path.GetFileName(target);
        if (!Directory.Exists(parent)) return;
        try
        {
            foreach (string folder in Directory.EnumerateDirectories(parent, $".{name}.*"))
            {
                string leaf = Path.GetFileName(folder);
                bool untagged = leaf.StartsWith($".{name}.writing-", StringComparison.Ordinal) || leaf.StartsWith($".{name}.replaced-", StringComparison.Ordinal);
                if (untagged && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10)) TryDelete(folder);
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
