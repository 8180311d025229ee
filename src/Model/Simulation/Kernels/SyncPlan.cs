using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Which replicates of a block average after each step: the one place the blocked kernels read the communication
/// schedule. A static schedule's sync steps (<see cref="LocalSgdConfiguration.StaticSyncSteps"/>) are shared by every
/// replicate. A run-dependent one (ADA-LUPA's loss rule) gets one planner per replicate, asked exactly as
/// <see cref="ReferenceLocalSgd"/> asks it: at step 0 with F(x0) − F*, then after each of the replicate's syncs before T
/// with F(x̄) − F* of the x̄ it just averaged to, so every replicate makes the reference loop's rounds. A hierarchical
/// schedule (static) also says the size of the contiguous groups each averaging is within.
/// </summary>
internal sealed class SyncPlan
{
    private readonly LocalSgdConfiguration configuration;
    private readonly bool[]? staticAfter;     // staticAfter[s]: every replicate averages after step s
    private readonly int[] staticSteps = [];
    private readonly int[]? groupSizeAfter;   // groupSizeAfter[s]: the group size of the averaging after step s (hierarchical schedules)
    private ISyncPlanner[] planners = [];
    private int[] next = [], rounds = [];
    private List<int>[] made = [];
    private int count, earliest;

    /// <summary>Reads the schedule of <paramref name="configuration"/>; a static one once, here.</summary>
    public SyncPlan(LocalSgdConfiguration configuration)
    {
        this.configuration = configuration;
        if (configuration.StaticSyncSteps is not int[] steps) return;
        staticAfter = new bool[configuration.Steps + 1];
        foreach (int step in steps) staticAfter[step] = true;
        staticSteps = steps;
        if (configuration.Communication is not HierarchicalSchedule hierarchical) return;
        var context = configuration.ScheduleContext;
        groupSizeAfter = new int[configuration.Steps + 1];
        foreach (int step in steps) groupSizeAfter[step] = hierarchical.GroupSizeAfter(step, context);
    }

    /// <summary>True when every replicate averages after the same steps.</summary>
    public bool IsStatic => staticAfter is not null;

    /// <summary>Starts replicates 0 .. <paramref name="replicates"/> − 1 of a block at x0 (a run-dependent schedule plans each replicate's first round).</summary>
    public void Start(int replicates)
    {
        count = replicates;
        if (IsStatic) return;
        var c = configuration;
        if (next.Length < replicates)
        {
            planners = new ISyncPlanner[replicates];
            next = new int[replicates];
            rounds = new int[replicates];
            made = Enumerable.Range(0, replicates).Select(_ => new List<int>()).ToArray();
        }
        double initialError = c.Problem.Error(c.InitialPoint.ToArray());
        for (int r = 0; r < replicates; r++)
        {
            planners[r] = c.Communication.Start(c.ScheduleContext);
            next[r] = SyncSteps.Next(c.Communication.Kind, planners[r], 0, initialError, c.Steps);
            rounds[r] = 0;
            made[r].Clear();
        }
        Advance();
    }

    /// <summary>True when some replicate averages after <paramref name="step"/> (1-based).</summary>
    public bool AnyAfter(int step) => staticAfter is bool[] after ? after[step] : step == earliest;

    /// <summary>
    /// The size g &lt; N of the contiguous groups every replicate averages within after <paramref name="step"/>, or 0
    /// when the averaging (if any) is over all workers.
    /// </summary>
    public int GroupSizeAfter(int step) => groupSizeAfter is int[] sizes && sizes[step] < configuration.Workers ? sizes[step] : 0;

    /// <summary>True when every replicate of the block averages after <paramref name="step"/>.</summary>
    public bool AllAfter(int step) => staticAfter is bool[] after && after[step];

    /// <summary>True when replicate <paramref name="replicate"/> (of the block) averages after <paramref name="step"/>.</summary>
    public bool After(int replicate, int step) => staticAfter is bool[] after ? after[step] : next[replicate] == step;

    /// <summary>
    /// Replicate <paramref name="replicate"/> averaged to <paramref name="average"/> after <paramref name="step"/>; a
    /// run-dependent schedule counts the round and, before T, plans the next one from F(x̄) − F*.
    /// </summary>
    public void Averaged(int replicate, int step, ReadOnlySpan<double> average)
    {
        if (IsStatic) return;
        rounds[replicate]++;
        made[replicate].Add(step);
        if (step < configuration.Steps)
            next[replicate] = SyncSteps.Next(configuration.Communication.Kind, planners[replicate], step, configuration.Problem.Error(average), configuration.Steps);
    }

    /// <summary>Called after the syncs of a step: finds the next step at which some replicate averages.</summary>
    public void Advance()
    {
        if (IsStatic) return;
        int soonest = int.MaxValue;
        for (int r = 0; r < count; r++) soonest = Math.Min(soonest, next[r]);
        earliest = soonest;
    }

    /// <summary>The rounds replicate <paramref name="replicate"/> has made.</summary>
    public int Rounds(int replicate) => IsStatic ? staticSteps.Length : rounds[replicate];

    /// <summary>The steps after which replicate <paramref name="replicate"/> averaged.</summary>
    public IReadOnlyList<int> Steps(int replicate) => IsStatic ? staticSteps : made[replicate];
}
