using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// A configuration the hierarchical identity is checked at: the separable quadratic with its step size η_t = α/(t + β),
/// N, T and a hierarchical schedule (levels of contiguous groups whose sizes divide each other and N, distinct periods,
/// a warm-up W of all-worker averages).
/// </summary>
/// <param name="Quadratic">The quadratic's setting (problem, start, step size).</param>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
/// <param name="Levels">The levels, smallest groups first.</param>
/// <param name="Warmup">W.</param>
public sealed record HierarchicalConfiguration(QuadraticSetting Quadratic, int Workers, int Steps, IReadOnlyList<AveragingLevel> Levels, int Warmup)
{
    /// <summary>Warm-ups drawn.</summary>
    public static IReadOnlyList<int> WarmupGrid { get; } = [0, 1, 5, 20, 100];

    /// <summary>Largest period drawn.</summary>
    public const int MaximumPeriod = 50;

    /// <summary>
    /// N ∈ 2..64, one to three levels whose group sizes form a divisor chain of N (g_1 &lt; g_2 &lt; g_3, each dividing the
    /// next and N; g = 1 is a level that never averages, g = N one that averages all workers), periods 1..50, W from
    /// <see cref="WarmupGrid"/>, T ≤ 400, the quadratic passed through <paramref name="quadratic"/> (c = 0 for the identity).
    /// </summary>
    public static Gen<HierarchicalConfiguration> Generator(Func<QuadraticSetting, QuadraticSetting> quadratic) =>
        from setting in QuadraticSetting.Generator
        from workers in Gen.Choose(2, 64)
        from chain in Gen.Elements<int[]>(DivisorChains(workers, 3))
        from periods in Gen.ArrayOf(Gen.Choose(1, MaximumPeriod), chain.Length)
        from warmup in Gen.Elements<int>(WarmupGrid)
        from steps in Gen.Elements<int>(IdentityConfiguration.StepsGrid)
        select new HierarchicalConfiguration(quadratic(setting), workers, steps, chain.Select((g, l) => new AveragingLevel(g, periods[l])).ToArray(), warmup);

    /// <summary>Every strictly increasing chain g_1 &lt; … &lt; g_L (L ≤ <paramref name="maximumLength"/>) of divisors of N, each dividing the next.</summary>
    public static IReadOnlyList<int[]> DivisorChains(int workers, int maximumLength)
    {
        var divisors = Enumerable.Range(1, workers).Where(g => workers % g == 0).ToArray();
        var chains = new List<int[]>();
        void Extend(List<int> chain)
        {
            chains.Add(chain.ToArray());
            if (chain.Count == maximumLength) return;
            foreach (int g in divisors.Where(g => g > chain[^1] && g % chain[^1] == 0))
            {
                chain.Add(g);
                Extend(chain);
                chain.RemoveAt(chain.Count - 1);
            }
        }
        foreach (int g in divisors) Extend([g]);
        return chains;
    }

    /// <summary>True when the levels are a valid hierarchical schedule for N: sizes a divisor chain of N, periods ≥ 1 and distinct, W ≥ 0.</summary>
    public bool IsValid =>
        Levels.Count >= 1 && Warmup >= 0 && Steps >= 1
        && Levels.All(level => level.Period >= 1 && level.GroupSize >= 1 && Workers % level.GroupSize == 0)
        && Levels.Zip(Levels.Skip(1), (a, b) => b.GroupSize > a.GroupSize && b.GroupSize % a.GroupSize == 0).All(x => x)
        && Levels.Select(level => level.Period).Distinct().Count() == Levels.Count;

    /// <summary>The schedule.</summary>
    public HierarchicalSchedule Schedule => new(Levels, Warmup);

    /// <summary>The Local SGD configuration under <paramref name="schedule"/> (the hierarchical one by default) with the given checkpoints.</summary>
    public LocalSgdConfiguration Configuration(ICommunicationSchedule? schedule = null, int[]? checkpoints = null) =>
        new(Quadratic.Problem, Workers, Steps, Quadratic.StartPoint, Quadratic.StepSize, schedule ?? Schedule, checkpoints: checkpoints);

    /// <summary>
    /// Smaller configurations: one level fewer, W toward 0, N toward the largest group size (a multiple of it, so the
    /// groups still divide N), T toward 20, periods toward 1, then the quadratic's setting.
    /// </summary>
    public IEnumerable<HierarchicalConfiguration> Shrink()
    {
        for (int l = 0; l < Levels.Count && Levels.Count > 1; l++)
            yield return this with { Levels = Levels.Where((_, i) => i != l).ToArray() };
        foreach (int w in SpaceParts.Toward(Warmup, 0)) yield return this with { Warmup = w };
        int top = Levels[^1].GroupSize;
        foreach (int n in SpaceParts.Toward(Workers, Math.Max(2, top)).Where(n => n % top == 0)) yield return this with { Workers = n };
        foreach (double t in SpaceParts.Toward(Steps, 20, IdentityConfiguration.StepsGrid.Select(s => (double)s).ToArray())) yield return this with { Steps = (int)t };
        for (int l = 0; l < Levels.Count; l++)
            foreach (int p in SpaceParts.Toward(Levels[l].Period, 1))
                yield return this with { Levels = Levels.Select((level, i) => i == l ? level with { Period = p } : level).ToArray() };
        foreach (var setting in Quadratic.Shrink()) yield return this with { Quadratic = setting };
    }

    /// <summary>"[(2, 3), (8, 20)] after W = 10".</summary>
    public string ScheduleText =>
        "hierarchical [" + string.Join(", ", Levels.Select(level => $"({Integer(level.GroupSize)}, {Integer(level.Period)})")) + "]" +
        (Warmup > 0 ? $" after W = {Integer(Warmup)}" : "");

    /// <summary>"separable quadratic a = (1, 2), c = 0, …, N = 8, T = 200, hierarchical [(2, 3), (8, 20)] after W = 5".</summary>
    public override string ToString() => $"separable quadratic {Quadratic}, N = {Integer(Workers)}, T = {Integer(Steps)}, {ScheduleText}";
}
