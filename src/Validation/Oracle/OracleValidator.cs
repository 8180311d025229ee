using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// What one oracle-mode run of an implementation showed: its trace, the reference's, the first divergence (if any),
/// the largest scaled deviation seen up to it, and the diagnosis when the run did not conform.
/// </summary>
/// <param name="Run">The run.</param>
/// <param name="Reference">The reference loop's trace under the same noise.</param>
/// <param name="Observed">What the implementation did.</param>
/// <param name="FirstDivergence">The first point (or output, or sync report) that left the reference, or null.</param>
/// <param name="MaximumDeviation">The largest scaled deviation |x − x_ref|∞ / max(1, |x_ref|∞) up to the first divergence.</param>
/// <param name="QueriesChecked">Queries compared with the reference before the first divergence.</param>
/// <param name="Diagnosis">What is wrong, when the run diverged or broke the query order.</param>
public sealed record OracleOutcome(
    OracleRun Run, LoopTrace Reference, ObservedTrace Observed, Divergence? FirstDivergence, double MaximumDeviation, int QueriesChecked,
    Diagnosing.Diagnosis? Diagnosis);

/// <summary>
/// Drives one oracle-mode run: answers every query with the problem oracle's gradient at the queried point x, with the
/// noise of (replicate, named worker, step − 1), after comparing x with the reference worker iterate x_i^{s−1}
/// (<see cref="PointTolerance"/>). The first divergence decides the verdict; the harness keeps answering until the
/// run ends so that the diagnosis sees the whole trace, and stops the run only when the implementation's point is so
/// far off that the oracle's gradient is no longer finite.
/// </summary>
public static class OracleValidator
{
    /// <summary>Runs <paramref name="message"/> (the wire form of <paramref name="run"/>) on a session that completed its handshake.</summary>
    public static async Task<OracleOutcome> RunAsync(ProtocolSession session, OracleRun run, RunMessage message, double relativeTolerance,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(message);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        var observed = new ObservedTrace();
        IGradientOracle oracle = run.Problem.CreateOracle(run.Seed);
        Divergence? divergence = null;
        double maximumDeviation = 0;
        int checkedQueries = 0;

        double[] Answer(GradientQuery query)
        {
            observed.Queries.Add(query);
            if (divergence is null && reference.TryGetPoint(query.Step, query.Worker, out var expected))
            {
                double deviation = PointTolerance.Deviation(query.Point, expected, out int coordinate);
                if (deviation > relativeTolerance)
                    divergence = new Divergence(DivergenceKind.Query, query.Step, query.Worker, coordinate, expected[coordinate], query.Point[coordinate], deviation);
                else
                {
                    maximumDeviation = Math.Max(maximumDeviation, deviation);
                    checkedQueries++;
                }
            }
            var gradient = new double[run.Dimension];
            oracle.StochasticGradient(query.Point, new NoiseAddress(run.Replicate, query.Worker, query.Step - 1), gradient);
            foreach (double value in gradient)
                if (!double.IsFinite(value)) throw new RunStopped();
            return gradient;
        }

        try
        {
            var outcome = await session.RunOracleAsync(message, Answer, observed.SyncReports.Add, cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                observed.Result = outcome.Value.X;
                observed.Rounds = outcome.Value.Rounds;
            }
            else
            {
                observed.Error = outcome.Error;
            }
        }
        catch (RunStopped)
        {
            // The session terminated the implementation; the trace so far is what the diagnosis works with.
            observed.StoppedByHarness = true;
        }

        divergence ??= OutputDivergence(reference, observed, relativeTolerance) ?? SyncReportDivergence(run, observed);
        Diagnosing.Diagnosis? diagnosis = divergence is not null || observed.Error is QueryOrderViolation or UnexpectedMessage { Violation: ProtocolViolation.ResultBeforeRunComplete }
            ? Diagnosing.Diagnoser.Diagnose(run, observed, divergence, relativeTolerance)
            : null;
        return new OracleOutcome(run, reference, observed, divergence, maximumDeviation, checkedQueries, diagnosis);
    }

    private static Divergence? OutputDivergence(LoopTrace reference, ObservedTrace observed, double relativeTolerance)
    {
        if (observed.Result is not { } result || reference.Output is not { } expected) return null;
        double deviation = PointTolerance.Deviation(result, expected, out int coordinate);
        return deviation <= relativeTolerance ? null
            : new Divergence(DivergenceKind.Output, observed.LastStep, null, coordinate, expected[coordinate], result[coordinate], deviation);
    }

    private static Divergence? SyncReportDivergence(OracleRun run, ObservedTrace observed)
    {
        if (observed.SyncReports.Count == 0) return null;
        var reported = observed.SyncReports.Select(sync => sync.Step).ToArray();
        int[] expected = observed.Complete ? run.SyncSteps : run.SyncSteps.Take(reported.Length).ToArray();
        for (int index = 0; index < Math.Max(reported.Length, expected.Length); index++)
        {
            double wanted = index < expected.Length ? expected[index] : double.NaN;
            double got = index < reported.Length ? reported[index] : double.NaN;
            if (!wanted.Equals(got))
                return new Divergence(DivergenceKind.SyncReport, (int)(double.IsNaN(wanted) ? got : wanted), null, 0, wanted, got, double.NaN);
        }
        return null;
    }

    private sealed class RunStopped : Exception;
}
