using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Cli.Simulate;

/// <summary>
/// Progress of a long simulate run on stderr: a first line with the estimated work (<see cref="RunCost"/>), then
/// every <see cref="Interval"/> a line with the replicates finished, the time so far and, once some have finished,
/// the estimated time left ("simulate: 120/1000 replicates (12 %), 35 s elapsed, about 4 min 16 s left"). Runs
/// estimated at fewer than <see cref="LongRunOperations"/> coordinate updates (a second or so) print nothing.
/// </summary>
public sealed class SimulateProgress : IDisposable
{
    /// <summary>Work above which a run counts as long.</summary>
    public const double LongRunOperations = 1e9;

    /// <summary>Time between progress lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly TextWriter error;
    private readonly int replicates;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Timer? timer;
    private int finished;

    private SimulateProgress(TextWriter error, int replicates, bool shown)
    {
        this.error = error;
        this.replicates = replicates;
        if (shown) timer = new Timer(_ => Report(), null, Interval, Interval);
    }

    /// <summary>Starts the display for a run of <paramref name="cost"/>; silent for short runs.</summary>
    public static SimulateProgress Start(TextWriter error, RunCost cost, LocalSgdConfiguration configuration, int replicates, int threads)
    {
        bool shown = cost.Operations >= LongRunOperations;
        if (shown)
        {
            // A priori time: the run makes R·N·T stochastic gradients; their rate is measured here on the problem itself.
            double gradients = (double)replicates * configuration.Workers * configuration.Steps;
            double rate = GradientsPerSecond(configuration) * Math.Min(threads > 0 ? threads : Environment.ProcessorCount, replicates);
            error.WriteLine($"simulate: a long run, about {cost.Operations.ToString("0.0e0", CultureInfo.InvariantCulture)} coordinate updates (R·N·T·d) " +
                $"and up to {RunCost.Size(cost.Bytes)} of memory; estimated time about {Duration(TimeSpan.FromSeconds(Math.Min(gradients / rate, TimeSpan.MaxValue.TotalSeconds / 2)))} " +
                $"(R·N·T = {gradients.ToString("0.0e0", CultureInfo.InvariantCulture)} gradients at the {rate.ToString("0.0e0", CultureInfo.InvariantCulture)} per second measured now); " +
                $"progress every {Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, Ctrl-C stops it.");
        }
        return new SimulateProgress(error, replicates, shown);
    }

    // Stochastic gradients per second on one thread, measured for about 50 ms at the initial point.
    private static double GradientsPerSecond(LocalSgdConfiguration configuration)
    {
        var oracle = configuration.Problem.CreateOracle(0);
        var gradient = new double[configuration.Problem.Dimension];
        double[] point = [.. configuration.InitialPoint];
        var watch = Stopwatch.StartNew();
        long calls = 0;
        while (watch.ElapsedMilliseconds < 50)
        {
            for (int i = 0; i < 16; i++) oracle.StochasticGradient(point, new NoiseAddress(0, 0, (int)(calls++ % int.MaxValue)), gradient);
        }
        return calls / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
    }

    /// <summary>Counts finished replicates (called from the simulator's threads).</summary>
    public void Finished(int count) => Interlocked.Add(ref finished, count);

    /// <summary>The progress line for <paramref name="done"/> of <paramref name="total"/> replicates after <paramref name="elapsed"/>.</summary>
    public static string Line(int done, int total, TimeSpan elapsed)
    {
        string share = (100.0 * done / total).ToString("0", CultureInfo.InvariantCulture);
        string left = done == 0
            ? "time left unknown until the first replicates finish"
            : $"about {Duration(TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - done) / done))} left";
        return $"simulate: {done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)} replicates ({share} %), {Duration(elapsed)} elapsed, {left}";
    }

    /// <summary>"4 min 16 s", "2 h 5 min", "12 s".</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => $"{Math.Floor(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s",
        < 3600 => $"{Math.Floor(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min {span.Seconds.ToString(CultureInfo.InvariantCulture)} s",
        < 86400 * 2 => $"{Math.Floor(span.TotalHours).ToString(CultureInfo.InvariantCulture)} h {span.Minutes.ToString(CultureInfo.InvariantCulture)} min",
        < 86400 * 365 * 2 => $"{Math.Floor(span.TotalDays).ToString(CultureInfo.InvariantCulture)} days",
        _ => $"{Math.Floor(span.TotalDays / 365.25).ToString(CultureInfo.InvariantCulture)} years",
    };

    private void Report()
    {
        lock (error) error.WriteLine(Line(Volatile.Read(ref finished), replicates, clock.Elapsed));
    }

    /// <inheritdoc/>
    public void Dispose() => timer?.Dispose();
}
