using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// The path x̄^1..x̄^T of the virtual average in one replicate of the reference Local SGD loop: what the path identities
/// compare, step by step, against another path, and how they plot the gap.
/// </summary>
internal static class AveragePath
{
    /// <summary>Runs replicate <paramref name="replicate"/> of the configuration under <paramref name="seed"/> and records x̄ after every step.</summary>
    public static List<double[]> Of(LocalSgdConfiguration configuration, ulong seed, int replicate)
    {
        var recorder = new Recorder();
        ReferenceLocalSgd.Run(configuration, seed, replicate, recorder);
        return recorder.Averages;
    }

    /// <summary>The largest gap at each step t = 1..T as a line, floored at 1e-18 so that exact zeros show on a log axis.</summary>
    public static FigureSeries GapSeries(string name, double[] gapByStep) =>
        new(name, Enumerable.Range(1, gapByStep.Length).Select(t => (double)t).ToArray(), gapByStep.Select(g => Math.Max(g, 1e-18)).ToArray(), Style: SeriesStyle.Line);

    private sealed class Recorder : IRunObserver
    {
        public List<double[]> Averages { get; } = [];

        public void OnStepCompleted(int step, ReadOnlySpan<double> virtualAverage, ReadOnlySpan<double> workers) => Averages.Add(virtualAverage.ToArray());
    }
}
