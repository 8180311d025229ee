using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Reports.Output;

namespace LocalSgdVerify.Cli.Shards;

/// <summary>
/// Where a shard run's file goes: <c>--out DIR</c> (created when missing) gets <c>shard-K-of-N.lsgd-shard</c>, written
/// to a temporary file beside it (named by <see cref="WriterTag"/>, so a killed run's leftover is removed by the next) and renamed over it, so a reader never sees half a file and a rerun of shard K
/// replaces its own file and nothing else. Several shards may share one folder. A file of that name that the tool did
/// not write (no shard header), or a link, is never replaced.
/// </summary>
public static class ShardFileOutput
{
    /// <summary>Throws <see cref="CommandLineException"/> when the shard file of <paramref name="shard"/> cannot go into <paramref name="folder"/> (checked before the run).</summary>
    public static string CheckTarget(string folder, ShardAssignment shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        string full;
        try { full = Path.GetFullPath(folder); }
        catch (Exception bad) when (bad is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CommandLineException($"--out = {folder} is not allowed: expected a folder path for the shard file ({bad.Message}).");
        }
        if (File.Exists(full)) throw new CommandLineException($"--out = {folder} is not allowed: a shard run writes its file into a folder, but this is a file.");
        string target = Path.Combine(full, ShardFile.FileName(shard.Index, shard.Count));
        var existing = new FileInfo(target);
        PathKind kind = PathKinds.Of(target);
        if (kind is not (PathKind.Missing or PathKind.RegularFile))
            throw new CommandLineException($"--out = {folder} is not allowed: {target} is {PathKinds.Describe(kind)}, not a shard file this tool wrote; move it away.");
        if (existing.Exists)
        {
            bool ours;
            try { using var stream = existing.OpenRead(); ours = ShardFile.StartsWithHeader(stream); }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException) { ours = false; }
            if (!ours) throw new CommandLineException($"--out = {folder} is not allowed: {target} exists and is not a shard file this tool wrote; move it away.");
        }
        return target;
    }

    /// <summary>Writes <paramref name="shard"/> into <paramref name="folder"/> atomically and returns its path.</summary>
    public static string Write(string folder, ShardFile shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        string target = CheckTarget(folder, new ShardAssignment(shard.Index, shard.Identity.ShardCount));
        string directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        WriterTag.RemoveStale(target, [OutputFile.TemporaryKind]);
        string temporary = WriterTag.Temporary(target, OutputFile.TemporaryKind);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                shard.Write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return target;
    }
}
