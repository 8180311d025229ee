using System.Text;

namespace LocalSgdVerify.Reports.Output;

/// <summary>
/// One output file (simulate --out, a file inside a report folder): checked before the run, written all at once.
/// The path must name a regular file or nothing yet, in an existing folder the tool can write in; a symbolic link,
/// a device node (/dev/null), a FIFO or a folder is refused, so the tool never replaces what it did not create.
/// The text goes to a temporary beside the target (<see cref="WriterTag"/>), which is then renamed over it: a
/// reader never sees half a file, a failed run leaves the target untouched, and a killed run's temporary is removed
/// by the next write to the same target.
/// </summary>
public static class OutputFile
{
    /// <summary>The temporary kind of a file write (<c>.NAME.tmp.PID.GUID@HOST</c>).</summary>
    public const string TemporaryKind = "tmp";

    /// <summary>
    /// Checks <paramref name="path"/> before a run and removes its stale temporaries; returns the full path.
    /// Throws <see cref="OutputTargetException"/> naming <paramref name="flag"/> when the tool may not or cannot write there.
    /// </summary>
    public static string Prepare(string path, string flag)
    {
        string full = Check(path, flag);
        WriterTag.RemoveStale(full, [TemporaryKind]);
        ProbeFolder(Path.GetDirectoryName(full)!, flag, path);
        return full;
    }

    /// <summary>Throws <see cref="OutputTargetException"/> unless <paramref name="path"/> names a regular file or nothing, in an existing folder.</summary>
    public static string Check(string path, string flag)
    {
        string full = FullPath(path, flag, "a file path");
        PathKind kind = PathKinds.Of(full);
        if (kind is not (PathKind.Missing or PathKind.RegularFile))
            throw new OutputTargetException($"{flag} = {path} is not allowed: expected a regular file path, but it is {PathKinds.Describe(kind)} (the tool only writes regular files it can replace).");
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new OutputTargetException($"{flag} = {path} is not allowed: expected a file in an existing folder, but '{folder}' does not exist.");
        return full;
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically, checking the target again first.</summary>
    public static void Write(string path, string text, string flag = "--out")
    {
        string full = Check(path, flag);
        string temporary = WriterTag.Temporary(full, TemporaryKind);
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The full path, or an <see cref="OutputTargetException"/> when <paramref name="path"/> is not a usable path.</summary>
    public static string FullPath(string path, string flag, string expected)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(path) || path.Contains('\0')) throw new ArgumentException("the path is empty or contains a NUL character");
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputTargetException($"{flag} = {path} is not allowed: expected {expected} ({error.Message}).");
        }
    }

    /// <summary>
    /// Proves the tool can create and remove an entry in <paramref name="folder"/> (the temporary and the rename
    /// need both) by doing so, so an unwritable output fails before the run rather than after it.
    /// </summary>
    public static void ProbeFolder(string folder, string flag, string given)
    {
        string probe = WriterTag.Temporary(Path.Combine(folder, "localsgd-verify-probe"), TemporaryKind);
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputTargetException($"{flag} = {given} is not allowed: the folder '{folder}' cannot be written ({error.Message}).", error);
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }
}
