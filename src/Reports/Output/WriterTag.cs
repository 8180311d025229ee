using System.Diagnostics;
using System.Globalization;

namespace LocalSgdVerify.Reports.Output;

/// <summary>
/// Names of the temporaries a write leaves beside its target while it runs (<c>.NAME.KIND.PID.GUID@HOST</c>, e.g.
/// <c>.report.json.tmp.4711.3f2a…@build-7</c>), and their removal once the writer is gone. A temporary is stale when
/// it was made on this machine by a process that no longer runs (killed with SIGKILL, say); a live writer's
/// temporaries, another machine's (on a shared file system) and names the tool did not make are never touched.
/// </summary>
public static class WriterTag
{
    private static readonly string Host = SafeHost();

    /// <summary>A fresh temporary name beside <paramref name="target"/> (a full path) for a write of the given kind ("tmp", "writing", "replaced").</summary>
    public static string Temporary(string target, string kind)
    {
        string parent = Path.GetDirectoryName(target)!;
        return Path.Combine(parent, $"{Prefix(target, kind)}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}@{Host}");
    }

    /// <summary>
    /// Removes the stale temporaries of <paramref name="target"/> (files and folders of every kind in
    /// <paramref name="kinds"/>); returns how many were removed. Failures are ignored: a leftover is harmless.
    /// </summary>
    public static int RemoveStale(string target, IReadOnlyList<string> kinds)
    {
        string? parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent)) return 0;
        int removed = 0;
        try
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(parent, $".{Path.GetFileName(target)}.*"))
            {
                string leaf = Path.GetFileName(entry);
                if (!kinds.Any(kind => IsStale(leaf, Prefix(target, kind)))) continue;
                if (Delete(entry)) removed++;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The folder cannot be listed: nothing to clean that this writer could clean.
        }
        return removed;
    }

    private static string Prefix(string target, string kind) => $".{Path.GetFileName(target)}.{kind}.";

    // ".NAME.KIND.PID.GUID@HOST": stale when HOST is this machine and no process PID runs here.
    private static bool IsStale(string leaf, string prefix)
    {
        if (!leaf.StartsWith(prefix, StringComparison.Ordinal)) return false;
        string rest = leaf[prefix.Length..];
        int at = rest.LastIndexOf('@'), dot = rest.IndexOf('.');
        if (at < 0 || dot < 0 || dot > at || rest[(at + 1)..] != Host) return false;
        if (!int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int processId)) return false;
        return processId != Environment.ProcessId && !Runs(processId);
    }

    private static bool Runs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            return false;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return true; // cannot tell: keep it
        }
    }

    private static bool Delete(string entry)
    {
        try
        {
            if (Directory.Exists(entry) && PathKinds.Of(entry) == PathKind.Folder) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The machine's name as it may appear in a file name: letters, digits, '-' and '_' (others become '_').
    private static string SafeHost()
    {
        string name;
        try { name = Environment.MachineName; }
        catch (InvalidOperationException) { name = "localhost"; }
        var characters = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        return characters.Length == 0 ? "localhost" : new string(characters);
    }
}
