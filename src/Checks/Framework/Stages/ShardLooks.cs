using System.Globalization;

namespace LocalSgdVerify.Checks.Framework.Stages;

/// <summary>
/// How far a shard gathers each claim's staged plan (<see cref="StagePlan"/>): through its first K looks, or all of
/// them. What the shards leave out, the merge computes (the merged report is the same bits either way); the choice
/// only moves work between the shards, which run in parallel, and the merge, which runs alone.
/// </summary>
/// <remarks>
/// Why it matters: a single run stops a claim at the first look that decides it, usually the first (1/16 of the
/// profile's replicates), but a shard cannot know whether the whole sample decides there, since it holds only its own
/// blocks. Gathering every look makes the shards compute every experiment up to the profile's maximum, about 16 times
/// the replicates the single run computes; gathering the first look makes them compute what the single run computes
/// for decided claims, and leaves the later looks of undecided claims to the merge.
/// </remarks>
public sealed record ShardLooks
{
    private ShardLooks(int through) => Through = through;

    /// <summary>Every look of every claim: the merge computes nothing for claims whose requests do not depend on outcomes.</summary>
    public static ShardLooks All { get; } = new(int.MaxValue);

    /// <summary>The first look only: the shards compute what a claim decided at its first look needs.</summary>
    public static ShardLooks First { get; } = new(1);

    /// <summary>The number of looks gathered (int.MaxValue for all).</summary>
    public int Through { get; }

    /// <summary>The first <paramref name="looks"/> looks (at least 1).</summary>
    public static ShardLooks FirstLooks(int looks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(looks, 1);
        return looks == int.MaxValue ? All : new(looks);
    }

    /// <summary>The looks of <paramref name="plan"/> a shard gathers, in order.</summary>
    public IEnumerable<ClaimStage> Of(IReadOnlyList<ClaimStage> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Take(Through);
    }

    /// <summary>"all" or the number of looks, as the --shard-looks flag takes it.</summary>
    public override string ToString() => Through == int.MaxValue ? "all" : Through.ToString(CultureInfo.InvariantCulture);
}
