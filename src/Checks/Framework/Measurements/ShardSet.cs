namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// The shard files a merge was given, checked: one run identity, indices 1..N each exactly once (or, for a partial
/// merge asked for explicitly, a subset), and their units joined into one table. Every problem is a
/// <see cref="ShardSetException"/> naming the files or indices concerned.
/// </summary>
public sealed class ShardSet
{
    private ShardSet(RunIdentity identity, IReadOnlyList<(string Path, ShardFile File)> shards, MeasurementTable table)
    {
        Identity = identity;
        Shards = shards;
        Table = table;
    }

    /// <summary>The run every shard belongs to.</summary>
    public RunIdentity Identity { get; }

    /// <summary>The shard files in index order.</summary>
    public IReadOnlyList<(string Path, ShardFile File)> Shards { get; }

    /// <summary>Every shard's units, joined.</summary>
    public MeasurementTable Table { get; }

    /// <summary>The indices present.</summary>
    public IReadOnlySet<int> Present => Shards.Select(shard => shard.File.Index).ToHashSet();

    /// <summary>True when every index 1..N is present.</summary>
    public bool Complete => Present.Count == Identity.ShardCount;

    /// <summary>The indices 1..N not present.</summary>
    public IReadOnlyList<int> Missing => Enumerable.Range(1, Identity.ShardCount).Where(index => !Present.Contains(index)).ToArray();

    /// <summary>
    /// Reads every shard file (<see cref="ShardFile.Extension"/>) directly inside each folder (a folder may also be a
    /// single shard file) and checks the set; <paramref name="allowPartial"/> accepts missing indices.
    /// </summary>
    public static ShardSet Load(IReadOnlyList<string> folders, bool allowPartial)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0) throw new ShardSetException("no shard folder given: name the folders the shards wrote into (merge SHARD_DIR... --out DIR)");
        var paths = new List<string>();
        foreach (string folder in folders)
        {
            if (File.Exists(folder) && folder.EndsWith(ShardFile.Extension, StringComparison.Ordinal)) { paths.Add(Path.GetFullPath(folder)); continue; }
            if (!Directory.Exists(folder)) throw new ShardSetException($"shard folder {folder} does not exist");
            var found = Directory.GetFiles(folder, "*" + ShardFile.Extension).Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0) throw new ShardSetException($"shard folder {folder} holds no shard file (*{ShardFile.Extension})");
            paths.AddRange(found.Select(Path.GetFullPath));
        }
        var shards = new List<(string, ShardFile)>();
        foreach (string path in paths.Distinct(StringComparer.Ordinal))
        {
            try
            {
                using var stream = File.OpenRead(path);
                shards.Add((path, ShardFile.Read(stream, path)));
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                throw new ShardSetException($"shard file {path} could not be read: {unreadable.Message}");
            }
            catch (ShardFileException damaged)
            {
                throw new ShardSetException(damaged.Message);
            }
        }
        return Check(shards, allowPartial);
    }

    /// <summary>Checks shards already read (see <see cref="Load"/>).</summary>
    public static ShardSet Check(IReadOnlyList<(string Path, ShardFile File)> shards, bool allowPartial)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0) throw new ShardSetException("no shard file given");

        // The run is the identity most files share (the first such file's on a tie); the others are foreign.
        var groups = shards.GroupBy(shard => shard.File.Identity, IdentityComparer.Instance).ToList();
        var run = groups.OrderByDescending(group => group.Count()).First();
        var reference = run.First();
        var foreign = shards.Where(shard => !shard.File.Identity.SameRun(reference.File.Identity)).ToList();
        if (foreign.Count > 0)
        {
            var lines = foreign.Select(shard => $"{shard.Path} differs in {string.Join(", ", shard.File.Identity.Differences(reference.File.Identity))}");
            throw new ShardSetException($"shard files from different runs (compared with {reference.Path}): {string.Join("; ", lines)}");
        }

        var duplicated = shards.GroupBy(shard => shard.File.Index).Where(group => group.Count() > 1).OrderBy(group => group.Key).ToList();
        if (duplicated.Count > 0)
            throw new ShardSetException("duplicated shards: " + string.Join("; ", duplicated.Select(group =>
                $"shard {group.Key} of {reference.File.Identity.ShardCount} in {string.Join(" and ", group.Select(shard => shard.Path))}")));

        var ordered = shards.OrderBy(shard => shard.File.Index).ToList();
        var table = new MeasurementTable();
        foreach (var (path, file) in ordered)
        {
            try { table.Add(file.Table); }
            catch (MeasurementConflictException conflict) { throw new ShardSetException($"{path}: {conflict.Message}"); }
        }
        var set = new ShardSet(reference.File.Identity, ordered, table);
        if (!set.Complete && !allowPartial)
            throw new ShardSetException($"missing shards: {string.Join(", ", set.Missing)} of {set.Identity.ShardCount} " +
                $"(found {string.Join(", ", ordered.Select(shard => shard.File.Index))}); rerun them, or merge with --partial for an incomplete report");
        return set;
    }

    private sealed class IdentityComparer : IEqualityComparer<RunIdentity>
    {
        public static IdentityComparer Instance { get; } = new();

        public bool Equals(RunIdentity? x, RunIdentity? y) => x is not null && y is not null && x.SameRun(y);

        public int GetHashCode(RunIdentity obj) => string.Join("\n", obj.Fields.Select(field => field.Value)).GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>A set of shard files that cannot be merged: unreadable, foreign, duplicated or missing shards.</summary>
public sealed class ShardSetException(string message) : Exception(message);
