using System.Globalization;
using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing.Families;

/// <summary>
/// Every step size scaled by a constant c (y = x − c·η·g): the mean update is r̄^s = c·ḡ^s, so c is the least-squares
/// slope Σ r̄·ḡ / Σ ḡ·ḡ over all recorded steps. A negative c is a flipped gradient, which has its own class.
/// </summary>
public static class StepScaleFamily
{
    /// <summary>The fitted mutation, if the fit is a positive factor other than 1.</summary>
    public static IEnumerable<Mutation> Fit(OracleRun run, IReadOnlyList<StepRecord> records)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(records);
        double scale = LeastSquares.Slope(records.SelectMany(record => record.MeanGradient.Zip(record.MeanUpdate)));
        if (!(scale > 0) || !double.IsFinite(scale) || Math.Abs(scale - 1) < 1e-12) yield break;
        string estimate = ParameterText.Estimate("c", scale, records.Select(record => record.Step).ToArray());
        yield return new Mutation(BugClasses.StepSizeScaled,
            $"{estimate}: every step size is multiplied by c{Known(scale, run.Workers)} (step s uses c·η_s)",
            LoopVariant.Reference(run) with { StepScale = scale }) { Estimate = estimate, Parameter = scale };
    }

    /// <summary>Names the factor when it is one real code reaches for by mistake: N or 1/N (a linear scaling rule applied where it does not belong).</summary>
    private static string Known(double scale, int workers)
    {
        string n = workers.ToString(CultureInfo.InvariantCulture);
        if (workers > 1 && Math.Abs(scale - workers) <= 1e-6 * workers) return $", which equals N = {n} (e.g. a linear scaling rule applied to the local step size)";
        if (workers > 1 && Math.Abs(scale * workers - 1) <= 1e-6) return $", which equals 1/N = 1/{n} (e.g. a gradient divided by the world size once too often)";
        return "";
    }
}
