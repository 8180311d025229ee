using System.Globalization;
using LocalSgdVerify.Validation.Oracle;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Hierarchical averaging: the workers form groups (nodes) that average among themselves at the declared sync steps,
/// or after steps where nothing is declared (a DDP subgroup that all-reduces gradients every step), and all workers
/// average together only at some of them. After a step s &lt; T the points every worker queries at s + 1 show it
/// directly: one common point after a global average, one point per group after a node-local one.
/// The groups must be the same at every local sync, of equal size and at least two workers each (a single worker
/// left alone is <see cref="BugClasses.WorkerLeftOutOfAverage"/>). Whether the final averaging after T is global is
/// not visible in the queries; both readings are replayed and the output decides.
/// </summary>
public static class HierarchicalFamily
{
    /// <summary>The fitted mutations, if some sync step shows a consistent partition into groups.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, ObservedTrace observed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observed);
        int n = run.Workers;
        if (n < 4) yield break;
        var points = new Dictionary<(int Step, int Worker), double[]>();
        foreach (var query in observed.Queries) points.TryAdd((query.Step, query.Worker), query.Point);
        int[]? groups = null;
        var global = new List<int>();
        var local = new List<int>();
        var declared = new HashSet<int>(run.SyncSteps);
        for (int step = 1; step < run.Steps; step++)
        {
            var row = Enumerable.Range(0, n).Select(worker => points.GetValueOrDefault((step + 1, worker))).ToArray();
            if (row.Any(point => point is null)) continue;
            int[] classes = Partition(row!, relativeTolerance);
            int count = classes.Max() + 1;
            if (!declared.Contains(step))
            {
                // Between declared averagings the workers' points differ; groups that agree there averaged anyway (a DDP
                // subgroup all-reducing gradients every step, as post_localSGD_hook does after its warm-up). All points
                // equal is no evidence: a noise-free problem keeps the workers together without any averaging.
                if (count == 1 || count == n) continue;
                if (groups is not null && !classes.SequenceEqual(groups)) yield break;
                groups = classes;
                local.Add(step);
                continue;
            }
            if (count == 1)
            {
                global.Add(step);
                continue;
            }
            if (groups is not null && !classes.SequenceEqual(groups)) yield break;
            groups = classes;
            local.Add(step);
        }
        if (groups is null) yield break;
        int groupCount = groups.Max() + 1;
        int size = n / groupCount;
        if (size < 2 || Enumerable.Range(0, groupCount).Any(group => groups.Count(member => member == group) != size)) yield break;
        string groupText = string.Join(", ", Enumerable.Range(0, groupCount)
            .Select(group => "{" + string.Join(", ", Enumerable.Range(0, n).Where(worker => groups[worker] == group).Select(value => Integer(value))) + "}"));
        string globalText = global.Count == 0 ? "never before the last step" : $"only after step{(global.Count == 1 ? "" : "s")} {StepListText.Describe(global)}";
        string estimate = $"groups of {Integer(size)}: {groupText}, from the points after step{(local.Count == 1 ? "" : "s")} {StepListText.Describe(local)}";
        var reference = LoopVariant.Reference(run);
        int[] syncSteps = run.SyncSteps.Union(local).Order().ToArray();
        string extra = local.Any(step => !declared.Contains(step)) ? " (also after steps where none is declared)" : "";
        yield return new Mutation(BugClasses.HierarchicalAveraging,
            $"{estimate}: the workers average within their group at the sync steps{extra}, and all workers together {globalText} and after the last step {Integer(run.Steps)}",
            reference with { SyncSteps = syncSteps, Groups = groups, GlobalSyncSteps = [.. global, run.Steps] }) { Estimate = estimate, Parameter = size };
        yield return new Mutation(BugClasses.HierarchicalAveraging,
            $"{estimate}: the workers average within their group at the sync steps{extra}, and all workers together {globalText}; the last averaging is within the groups too",
            reference with { SyncSteps = syncSteps, Groups = groups, GlobalSyncSteps = [.. global] }) { Estimate = estimate, Parameter = size };
    }

    /// <summary>Class index per worker: workers whose points agree within the tolerance share a class, numbered by their first member.</summary>
    private static int[] Partition(double[][] row, double relativeTolerance)
    {
        var classes = new int[row.Length];
        var representatives = new List<double[]>();
        for (int worker = 0; worker < row.Length; worker++)
        {
            int found = representatives.FindIndex(point => PointTolerance.Within(row[worker], point, relativeTolerance));
            if (found < 0)
            {
                representatives.Add(row[worker]);
                found = representatives.Count - 1;
            }
            classes[worker] = found;
        }
        return classes;
    }

}
