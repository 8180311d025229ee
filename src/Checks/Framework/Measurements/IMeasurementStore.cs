namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// Where a claim's costly, deterministic work goes: Monte Carlo replicates and exact computations, each a unit of work
/// under a key. Claims ask their <see cref="ClaimContext"/>, which asks the run's store; everything else a claim does
/// (statistics, verdicts, text, figures) is a pure function of the units' values. One mechanism therefore serves
/// sequential stopping (later stages reuse the replicates earlier ones computed), sharded runs (a shard computes the
/// units it owns, a merge serves them) and exploration of assumption spaces (configurations are units).
/// </summary>
/// <remarks>
/// A unit's values depend only on its key and the compute function's inputs, never on the store, the thread count
/// or the order of requests, so any store gives the same bits. Keys are (claim id, kind, label, seed); a key, count
/// and width must not depend on measured values.
/// </remarks>
public interface IMeasurementStore
{
    /// <summary>
    /// Per-replicate values of replicates 0..count − 1: <c>values[r]</c> is replicate r's row (its length may differ
    /// between replicates, e.g. a run's own sync steps). <paramref name="compute"/>(first, n) returns the rows of
    /// replicates first..first + n − 1; a store may call it for any contiguous range and assembles ranges in order.
    /// </summary>
    double[][] Replicates(string key, int count, Func<int, int, double[][]> compute);

    /// <summary>Deterministic values with no replicates (the exact engine, costly closed forms).</summary>
    double[] Values(string key, Func<double[]> compute);

    /// <summary>
    /// How many value requests this store has answered with a stand-in instead of the unit's values (a shard's NaN
    /// for a unit another shard owns); 0 for a store that always answers with the values. An evaluation during which
    /// it grew saw something other than its measurements.
    /// </summary>
    long StandInsAnswered => 0;
}
