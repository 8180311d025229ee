using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.TestSupport;

/// <summary>FsCheck generators of valid communication schedules (every family) for property tests.</summary>
public static class ScheduleGenerators
{
    /// <summary>A schedule of any static family with parameters valid for horizon <paramref name="totalSteps"/>.</summary>
    public static Gen<ICommunicationSchedule> AnyStatic(int totalSteps) =>
        from family in Gen.Choose(0, 11)
        from a in Gen.Choose(1, Math.Max(1, totalSteps))
        from b in Gen.Choose(1, 20)
        from c in Gen.Choose(0, 30)
        select Make(family, a, b, c, totalSteps);

    /// <summary>
    /// A hierarchical schedule valid for <paramref name="workers"/> workers: one to three levels whose group sizes are a
    /// chain of divisors of N (1 and N included), distinct periods up to a quarter of the horizon (so group averagings
    /// happen), and a warm-up of up to a fifth of it.
    /// </summary>
    public static Gen<ICommunicationSchedule> Hierarchical(int totalSteps, int workers) =>
        from levelCount in Gen.Choose(1, 3)
        from divisorPicks in Gen.ArrayOf(Gen.Choose(0, 1000), levelCount)
        from periodPicks in Gen.ArrayOf(Gen.Choose(1, Math.Max(1, totalSteps / 4)), levelCount)
        from warmup in Gen.Choose(0, totalSteps / 5)
        select (ICommunicationSchedule)new HierarchicalSchedule(Levels(workers, divisorPicks, periodPicks), warmup);

    // Divisors picked at random, kept while each divides the next; a period already taken moves to the next free one.
    private static AveragingLevel[] Levels(int workers, int[] divisorPicks, int[] periodPicks)
    {
        var divisors = Enumerable.Range(1, workers).Where(g => workers % g == 0).ToArray();
        var sizes = divisorPicks.Select(pick => divisors[pick % divisors.Length]).Distinct().Order().ToList();
        var chain = new List<int> { sizes[0] };
        foreach (int size in sizes.Skip(1))
            if (size % chain[^1] == 0) chain.Add(size);
        var periods = new HashSet<int>();
        return chain.Select((size, l) =>
        {
            int period = periodPicks[l];
            while (!periods.Add(period)) period++;
            return new AveragingLevel(size, period);
        }).ToArray();
    }

    private static ICommunicationSchedule Make(int family, int a, int b, int c, int totalSteps) => family switch
    {
        0 => new EveryStep(),
        1 => new OneShot(),
        2 => new ConstantPeriod(a),
        3 => new ConstantRounds(a),
        4 => new IncreasingIntervals(RoundCount.Fixed(Math.Min(a, 64))),
        5 => new IncreasingIntervals(RoundCount.PowerOfWorkers(c / 20.0)),
        6 => new StichPeriod(),
        7 => new HaddadpourPeriod(b / 5.0),
        8 => new AdaLupaLinear(b, Math.Min(a, 50)),
        9 => new QuadraticSynchronizationRule(b, 0.05 * (c + 1), c),
        10 => new GrowingPhases(b, c / 10.0),
        _ => new ExplicitSchedule(RandomSubsetEndingAt(totalSteps, a, b)),
    };

    private static int[] RandomSubsetEndingAt(int totalSteps, int a, int b)
    {
        var steps = new SortedSet<int> { totalSteps };
        for (int s = a % totalSteps; s > 0 && s < totalSteps; s += b) steps.Add(s);
        return steps.ToArray();
    }

    /// <summary>A decaying step-size schedule so QSR's rounds vary.</summary>
    public static IStepSizeSchedule DecayingStepSize => new InverseTimeStepSize(1.0, 10.0);
}
