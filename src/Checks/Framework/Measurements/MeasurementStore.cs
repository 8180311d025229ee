namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// The store of a run, over a <see cref="MeasurementTable"/>, in one of three modes:
/// <list type="bullet">
/// <item><see cref="Caching"/> (a single-process run): computes what is missing and keeps it, so a later stage of a
/// claim computes only the replicates earlier stages did not (stage s + 1 simulates replicates n_s..n_{s+1} − 1).</item>
/// <item><see cref="Gathering"/> (a shard run, <c>check --shard K/N</c>): computes only the units shard K owns
/// (<see cref="ShardAssignment"/>) and answers stand-ins for the rest; the claim's result is thrown away and the table
/// is what the shard file keeps. A replicate it does not own is answered with a copy of a row it computed under the
/// same key (replicate r gets the (r mod m)-th of its m rows; when it owns none of the key's blocks it computes block 0
/// as the source and does not keep it), so a claim sees plausible numbers and goes on to ask for everything it needs;
/// values it does not own are NaN, or, after <see cref="ComputeValueStandIns"/>, computed and not kept.</item>
/// <item><see cref="Serving"/> (a merge): answers from the shards' joined table; a unit no shard holds is computed
/// and counted (<see cref="ComputedReplicates"/>, <see cref="ComputedValues"/>), or, in a merge of a partial set whose
/// owner shard is absent, refused with <see cref="MeasurementUnavailableException"/>.</item>
/// </list>
/// Every mode hands a claim the same bits for a unit it computes or serves: a unit depends only on its key and
/// replicate index, never on the mode, the stage, the thread count or the order of requests.
/// </summary>
public sealed class MeasurementStore : IMeasurementStore
{
    private readonly Lock gate = new();
    private readonly ShardAssignment? gathering;
    private readonly IReadOnlySet<int>? presentShards;
    private readonly int shardCount;
    private readonly MeasurementTable standIns = new();
    private readonly MeasurementTable? known;

    private MeasurementStore(MeasurementTable table, ShardAssignment? gathering, IReadOnlySet<int>? presentShards, int shardCount, MeasurementTable? known = null)
    {
        this.known = known;
        Table = table;
        this.gathering = gathering;
        this.presentShards = presentShards;
        this.shardCount = shardCount;
    }

    /// <summary>A store that computes what is missing and keeps it.</summary>
    public static MeasurementStore Caching() => new(new MeasurementTable(), null, null, 1);

    /// <summary>
    /// A store that computes only what <paramref name="shard"/> owns and answers stand-ins for the rest.
    /// <paramref name="known"/>, when given, holds units this process already computed for the same run (several shard
    /// counts gathered in one process, as a test does): an owned unit found there is taken instead of computed again,
    /// which gives the same bits, because a unit depends only on its key and replicate.
    /// </summary>
    public static MeasurementStore Gathering(ShardAssignment shard, MeasurementTable? known = null)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new(new MeasurementTable(), shard, null, shard.Count, known);
    }

    /// <summary>
    /// A store that serves <paramref name="table"/> (the shards' units). With <paramref name="presentShards"/> (a merge
    /// of a partial set of <paramref name="shardCount"/> shards), a missing unit whose owner is not among them is
    /// refused; otherwise a missing unit is computed and counted.
    /// </summary>
    public static MeasurementStore Serving(MeasurementTable table, int shardCount = 1, IReadOnlySet<int>? presentShards = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return new(table, null, presentShards, shardCount);
    }

    /// <summary>The units held: computed here or served.</summary>
    public MeasurementTable Table { get; }

    /// <summary>Replicate rows this store computed (in a merge: rows no shard held).</summary>
    public long ComputedReplicates { get; private set; }

    /// <summary>Value units this store computed (in a merge: units no shard held).</summary>
    public int ComputedValues { get; private set; }

    /// <inheritdoc/>
    public long StandInsAnswered { get; private set; }

    /// <summary>
    /// Gathering only: rows computed (and not kept) as the source of stand-ins for a key whose requested replicates
    /// this shard owns none of; work another shard also does.
    /// </summary>
    public long StandInRowsComputed { get; private set; }

    /// <summary>
    /// Gathering only: answer a value unit this shard does not own with its computed value (not kept) instead of NaN,
    /// for a claim that cannot go on with NaN (it then asks for everything, at the price of computing others' values).
    /// </summary>
    public bool ComputeValueStandIns { get; set; }

    /// <inheritdoc/>
    public double[][] Replicates(string key, int count, Func<int, int, double[][]> compute)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            // First compute every run of missing replicates this store computes, then assemble (a gathering store's
            // stand-ins are copies of the rows it computed).
            int replicate = 0;
            while (replicate < count)
            {
                if (Table.Row(key, replicate) is not null || !Computes(key, replicate)) { replicate++; continue; }
                if (known?.Row(key, replicate) is { } knownRow)
                {
                    Table.SetRows(key, replicate, [knownRow]);
                    replicate++;
                    continue;
                }
                int first = replicate;
                while (replicate < count && Table.Row(key, replicate) is null && known?.Row(key, replicate) is null && Computes(key, replicate)) replicate++;
                var rows = compute(first, replicate - first);
                MeasurementShape.Require(key, rows, replicate - first);
                Table.SetRows(key, first, rows);
                ComputedReplicates += rows.Length;
            }
            var result = new double[count][];
            double[][]? sources = null;
            for (int index = 0; index < count; index++)
            {
                if (Table.Row(key, index) is { } row) { result[index] = row; continue; }
                sources ??= StandInSources(key, count, compute);
                result[index] = sources[index % sources.Length];
            }
            return result;
        }
    }

    /// <inheritdoc/>
    public double[] Values(string key, Func<double[]> compute)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        lock (gate)
        {
            if (Table.Values(key) is { } held) return held;
            if (known?.Values(key) is { } knownValues && (gathering is null || gathering.OwnsValues(key)))
            {
                Table.SetValues(key, knownValues);
                return knownValues;
            }
            if (gathering is not null && !gathering.OwnsValues(key))
            {
                if (!ComputeValueStandIns)
                {
                    StandInsAnswered++;
                    return [double.NaN];
                }
                if (standIns.Values(key) is { } standIn) return standIn;
                var computedStandIn = compute();
                ArgumentNullException.ThrowIfNull(computedStandIn, nameof(compute));
                standIns.SetValues(key, computedStandIn);
                return computedStandIn;
            }
            int owner = ShardAssignment.OwnerOfValues(key, shardCount);
            if (presentShards is not null && !presentShards.Contains(owner))
                throw new MeasurementUnavailableException(key, owner);
            var computed = compute();
            ArgumentNullException.ThrowIfNull(computed, nameof(compute));
            Table.SetValues(key, computed);
            ComputedValues++;
            return computed;
        }
    }

    // Whether this store computes a missing replicate: a gathering store only in its own blocks; a serving store of a
    // partial set refuses one whose owner is absent; otherwise yes.
    private bool Computes(string key, int replicate)
    {
        int block = MeasurementBlocks.Of(replicate);
        if (gathering is not null) return gathering.OwnsBlock(key, block);
        if (presentShards is not null)
        {
            int owner = ShardAssignment.OwnerOfBlock(key, block, shardCount);
            if (!presentShards.Contains(owner)) throw new MeasurementUnavailableException(key, owner);
        }
        return true;
    }

    // The rows a gathering store copies into the replicates it does not own: the rows it computed under the key, in
    // replicate order, or, when it owns none below count, block 0 computed for the purpose and kept apart.
    private double[][] StandInSources(string key, int count, Func<int, int, double[][]> compute)
    {
        var owned = Enumerable.Range(0, count).Select(index => Table.Row(key, index)).OfType<double[]>().ToArray();
        if (owned.Length > 0) return owned;
        int size = Math.Min(count, MeasurementBlocks.Size);
        if (standIns.Row(key, size - 1) is null)
        {
            var fromKnown = Enumerable.Range(0, size).Select(index => known?.Row(key, index)).ToArray();
            bool reuse = fromKnown.All(row => row is not null);
            var rows = reuse ? fromKnown.Select(row => row!).ToArray() : compute(0, size);
            if (!reuse) StandInRowsComputed += rows.Length;
            MeasurementShape.Require(key, rows, size);
            standIns.SetRows(key, 0, rows);
        }
        return Enumerable.Range(0, size).Select(index => standIns.Row(key, index)!).ToArray();
    }
}

/// <summary>A merge of a partial set asked for a unit whose owner shard is not in the set.</summary>
public sealed class MeasurementUnavailableException(string key, int owner)
    : Exception($"measurement '{key}' belongs to shard {owner}, which is not in the merged set")
{
    /// <summary>The unit's key.</summary>
    public string Key { get; } = key;

    /// <summary>The absent shard that owns it.</summary>
    public int Owner { get; } = owner;
}
