using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Model.Communication;

/// <summary>One level of a hierarchical schedule: contiguous groups of <paramref name="GroupSize"/> workers average every <paramref name="Period"/> steps.</summary>
/// <param name="GroupSize">g ≥ 1; worker i belongs to group ⌊i/g⌋ (workers 0..g−1, g..2g−1, …).</param>
/// <param name="Period">p ≥ 1; the level fires after every step s with s mod p = 0.</param>
public sealed record AveragingLevel(int GroupSize, int Period);

/// <summary>
/// Hierarchical averaging (PyTorch's <c>HierarchicalModelAverager</c> with the post-local-SGD warm-up of
/// <c>post_localSGD_hook</c>; Lin et al., "Don't use large mini-batches, use local SGD", ICLR 2020, §2 "hierarchical
/// local SGD"). Levels ℓ = 1..L with group sizes g_1 &lt; g_2 &lt; … (each divides the next and N) and periods p_ℓ;
/// warm-up W. After step s (1-based):
/// <list type="bullet">
/// <item>s ≤ W: all N workers average (the warm-up all-reduces every step, as DDP's gradient all-reduce does);</item>
/// <item>W &lt; s &lt; T: the levels whose period divides s fire, and the workers average within the contiguous groups
/// of the largest firing group size (nested groups make the larger average subsume the smaller); no level fires:
/// no averaging;</item>
/// <item>s = T: all N workers average (the final averaging, as for every schedule).</item>
/// </list>
/// I is the set of steps with some averaging; <see cref="GroupSizeAfter"/> gives the group size of each. One level
/// with g = N is the constant period p after a warm-up; g = 1 never averages before T.
/// </summary>
public sealed class HierarchicalSchedule : FixedSyncSchedule
{
    private readonly AveragingLevel[] levels;

    /// <summary>Builds the schedule; the levels must have strictly increasing group sizes, each dividing the next, and distinct periods.</summary>
    public HierarchicalSchedule(IReadOnlyList<AveragingLevel> levels, int warmupSteps = 0)
    {
        if (levels.Count == 0)
            throw new ProblemParameterException("communication.levels", "[]", "a non-empty list of levels {\"group_size\": g, \"period\": p}");
        for (int l = 0; l < levels.Count; l++)
        {
            ProblemParameterException.RequireAtLeast($"communication.levels[{l}].group_size", levels[l].GroupSize, 1);
            ProblemParameterException.RequireAtLeast($"communication.levels[{l}].period", levels[l].Period, 1);
            if (l == 0) continue;
            if (levels[l].GroupSize <= levels[l - 1].GroupSize || levels[l].GroupSize % levels[l - 1].GroupSize != 0)
                throw new ProblemParameterException($"communication.levels[{l}].group_size", NumberText.Integer(levels[l].GroupSize),
                    $"a multiple of the previous level's group size {NumberText.Integer(levels[l - 1].GroupSize)} larger than it (levels go from the smallest groups to the largest, each group a union of groups of the level below)");
            for (int other = 0; other < l; other++)
                if (levels[other].Period == levels[l].Period)
                    throw new ProblemParameterException($"communication.levels[{l}].period", NumberText.Integer(levels[l].Period),
                        $"a period no other level has (levels[{other}] has it too; the larger group would always subsume the smaller)");
        }
        ProblemParameterException.RequireAtLeast("communication.warmup_steps", warmupSteps, 0);
        this.levels = levels.ToArray();
        WarmupSteps = warmupSteps;
    }

    /// <summary>The levels, smallest groups first.</summary>
    public IReadOnlyList<AveragingLevel> Levels => levels;

    /// <summary>W: all workers average after each of steps 1..W.</summary>
    public int WarmupSteps { get; }

    /// <inheritdoc/>
    public override string Kind => "hierarchical";

    /// <summary>
    /// <c>warmup_steps</c>, and <c>group_size_ℓ</c>, <c>period_ℓ</c> for ℓ = 1..L (flat numbers for reports and the protocol's
    /// informative parameters; scenario files spell the levels as a list).
    /// </summary>
    public override IReadOnlyDictionary<string, double> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, double> { ["warmup_steps"] = WarmupSteps };
            for (int l = 0; l < levels.Length; l++)
            {
                parameters[$"group_size_{l + 1}"] = levels[l].GroupSize;
                parameters[$"period_{l + 1}"] = levels[l].Period;
            }
            return parameters;
        }
    }

    /// <summary>The first level whose group size does not divide N, or null when every one does.</summary>
    public int? LevelNotDividing(int workers) => Array.FindIndex(levels, level => workers % level.GroupSize != 0) is int index and >= 0 ? index : null;

    /// <summary>
    /// The size of the contiguous groups that average after step <paramref name="step"/> (N for all workers), or 0 when
    /// no averaging follows it. Throws <see cref="ScheduleException"/> when a level's group size does not divide N.
    /// </summary>
    public int GroupSizeAfter(int step, ScheduleContext context)
    {
        RequireDividing(context.Workers);
        if (step < 1 || step > context.TotalSteps) return 0;
        if (step <= WarmupSteps || step == context.TotalSteps) return context.Workers;
        int size = 0;
        foreach (var level in levels)
            if (step % level.Period == 0) size = Math.Max(size, level.GroupSize);
        return size;
    }

    /// <inheritdoc/>
    protected override IEnumerable<int> Compute(ScheduleContext context)
    {
        RequireDividing(context.Workers);
        for (int step = 1; step <= context.TotalSteps; step++)
            if (GroupSizeAfter(step, context) > 0) yield return step;
    }

    private void RequireDividing(int workers)
    {
        if (LevelNotDividing(workers) is int l)
            throw new ScheduleException(Kind, $"has levels[{l}].group_size = {NumberText.Integer(levels[l].GroupSize)}, which does not divide N = {NumberText.Integer(workers)} (the groups are contiguous blocks of equal size)");
    }
}
