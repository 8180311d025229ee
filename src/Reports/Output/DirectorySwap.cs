using System.Runtime.InteropServices;

namespace LocalSgdVerify.Reports.Output;

/// <summary>
/// Puts a finished folder in place of another. On Linux the two are exchanged in one system call
/// (renameat2 with RENAME_EXCHANGE, Linux ≥ 3.15 on ext4, btrfs, tmpfs, xfs, overlayfs, ...), so the target path always names
/// a complete folder; where that is unavailable, the old folder is renamed away, the new one renamed in, and the old
/// one deleted.
/// </summary>
public static partial class DirectorySwap
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint Exchange = 2; // RENAME_EXCHANGE

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>, replacing (and deleting) any folder there.</summary>
    public static void Replace(string source, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(source, target);
            return;
        }
        if (TryExchange(source, target))
        {
            // source now holds the old report; the caller deletes it.
            return;
        }
        string replaced = WriterTag.Temporary(Path.GetFullPath(target), ReportDirectoryWriter.TemporaryKinds[1]);
        Directory.Move(target, replaced);
        try
        {
            Directory.Move(source, target);
        }
        catch
        {
            Directory.Move(replaced, target);
            throw;
        }
        ReportDirectoryWriter.TryDelete(replaced);
    }

    /// <summary>Exchanges two existing paths atomically; false when the platform or file system cannot.</summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(CurrentDirectory, first, CurrentDirectory, second, Exchange) == 0;
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
