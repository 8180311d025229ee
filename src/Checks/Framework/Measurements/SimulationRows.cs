using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.Statistics;

namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// A Monte Carlo simulation as one row per replicate for a <see cref="IMeasurementStore"/>, and back: for C
/// checkpoints and O observables a replicate's row holds its errors F(output) − F* at the checkpoints, then its O·C
/// observables (observable-major), then its number of rounds.
/// </summary>
public static class SimulationRows
{
    /// <summary>The length of every row of a configuration's simulation: C·(1 + O) + 1.</summary>
    public static int Width(LocalSgdConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Checkpoints.Count * (1 + configuration.Problem.Observables.Count) + 1;
    }

    /// <summary>The rows of a simulation result (every replicate it holds).</summary>
    public static double[][] From(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int checkpoints = result.Errors.Length, observables = result.Observables.Length, replicates = result.RoundsPerReplicate.Length;
        var rows = new double[replicates][];
        for (int r = 0; r < replicates; r++)
        {
            var row = new double[checkpoints * (1 + observables) + 1];
            for (int c = 0; c < checkpoints; c++) row[c] = result.Errors[c][r];
            for (int o = 0; o < observables; o++)
                for (int c = 0; c < checkpoints; c++) row[checkpoints * (1 + o) + c] = result.Observables[o][c][r];
            row[^1] = result.RoundsPerReplicate[r];
            rows[r] = row;
        }
        return rows;
    }

    /// <summary>
    /// The simulation result the rows describe, with its summaries recomputed at <paramref name="confidenceLevel"/>:
    /// the same numbers <see cref="MonteCarloSimulator.Run"/> returns for the same replicates.
    /// </summary>
    public static SimulationResult ToResult(LocalSgdConfiguration configuration, double[][] rows, ulong seed, int threads, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(rows);
        int checkpoints = configuration.Checkpoints.Count, replicates = rows.Length;
        var errors = Column(rows, 0, checkpoints);
        var observables = new double[configuration.Problem.Observables.Count][][];
        var observableStatistics = new Dictionary<string, IReadOnlyList<SampleStatistics>>();
        for (int o = 0; o < observables.Length; o++)
        {
            observables[o] = Column(rows, checkpoints * (1 + o), checkpoints);
            observableStatistics[configuration.Problem.Observables[o].Name] = observables[o].Select(sample => SampleStatistics.Of(sample, confidenceLevel)).ToArray();
        }
        int[] rounds = rows.Select(row => (int)row[^1]).ToArray();
        return new SimulationResult(configuration, new SimulationOptions(replicates, seed, threads, confidenceLevel), configuration.Checkpoints, errors,
            errors.Select(sample => SampleStatistics.Of(sample, confidenceLevel)).ToArray(), observableStatistics, observables,
            configuration.StaticSyncSteps, rounds, "measurement store");
    }

    // values[k][r] = rows[r][offset + k] for k < length.
    private static double[][] Column(double[][] rows, int offset, int length)
    {
        var values = new double[length][];
        for (int k = 0; k < length; k++)
        {
            values[k] = new double[rows.Length];
            for (int r = 0; r < rows.Length; r++) values[k][r] = rows[r][offset + k];
        }
        return values;
    }
}
