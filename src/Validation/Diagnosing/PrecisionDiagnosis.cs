using LocalSgdVerify.Validation.Oracle;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// Recognises deviations at the level of floating-point rounding: when no bug class reproduces a trace, but every
/// queried point and the output stay within <see cref="Ceiling"/> (relative) of the reference, the implementation
/// computes the right thing in another precision or order. Its size decides the name: comparable to the reference
/// loop replayed in float32 (within a factor <see cref="Float32Band"/> either way) is
/// <see cref="BugClasses.Float32Arithmetic"/>; smaller is <see cref="BugClasses.PrecisionLevelDeviation"/> (another
/// summation order, fused multiply–adds). The diagnosis names the tolerance at which the run would conform.
/// </summary>
public static class PrecisionDiagnosis
{
    /// <summary>Largest scaled deviation still read as rounding (float32 accumulates about 1e-7 per step; half precision is far above).</summary>
    public const double Ceiling = 1e-4;

    /// <summary>How far (as a factor) the deviation may be from the float32 replay's and still be called float32.</summary>
    public const double Float32Band = 30;

    /// <summary>The precision diagnosis of a trace, or null when its deviations are larger than rounding (or within the tolerance).</summary>
    public static Diagnosis? Diagnose(OracleRun run, ObservedTrace observed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observed);
        var reference = VariantLoop.Run(run, LoopVariant.Reference(run));
        double deviation = LargestDeviation(reference, observed, out int compared);
        if (compared == 0 || !(deviation > relativeTolerance) || deviation > Ceiling) return null;
        var single = VariantLoop.Run(run, LoopVariant.Reference(run) with { Float32 = true });
        double singleDeviation = LargestDeviation(reference, Observe(single, observed), out _);
        double suggested = SuggestedTolerance(deviation);
        string size = ThreeSignificant(deviation), singleSize = ThreeSignificant(singleDeviation), tolerance = ThreeSignificant(suggested);
        string common = $"every queried point{(observed.Result is null ? "" : " and the output")} lies within {size} (relative) of the reference, and no bug class reproduces the deviations";
        string advice = $"with --tolerance {tolerance} this run conforms";
        bool float32 = singleDeviation > 0 && deviation <= Float32Band * singleDeviation && deviation >= singleDeviation / Float32Band;
        if (float32)
            return new Diagnosis(BugClasses.Float32Arithmetic,
                $"{common}: rounding of float32 arithmetic (the reference replayed in float32 deviates by up to {singleSize} on this run); {advice}", [])
            {
                SuggestedTolerance = suggested,
            };
        if (deviation > Float32Band * singleDeviation && singleDeviation > 0) return null;
        return new Diagnosis(BugClasses.PrecisionLevelDeviation,
            $"{common}: rounding below float32's (the reference replayed in float32 deviates by up to {singleSize}), as from another summation order or fused multiply–adds; {advice}", [])
        {
            SuggestedTolerance = suggested,
        };
    }

    /// <summary>The smallest power of ten at or above the deviation: the --tolerance that accepts it.</summary>
    public static double SuggestedTolerance(double deviation)
    {
        double power = Math.Pow(10, Math.Ceiling(Math.Log10(deviation)));
        return power < deviation ? power * 10 : power;
    }

    private static double LargestDeviation(LoopTrace reference, ObservedTrace observed, out int compared)
    {
        double largest = 0;
        compared = 0;
        foreach (var query in observed.Queries)
        {
            if (!reference.TryGetPoint(query.Step, query.Worker, out var expected) || expected.Length != query.Point.Length) continue;
            largest = Math.Max(largest, PointTolerance.Deviation(query.Point, expected, out _));
            compared++;
        }
        if (observed.Result is { } result && reference.Output is { } output && output.Length == result.Length)
        {
            largest = Math.Max(largest, PointTolerance.Deviation(result, output, out _));
            compared++;
        }
        return largest;
    }

    /// <summary>The float32 replay's points at the (step, worker) pairs the implementation queried, and its output.</summary>
    private static ObservedTrace Observe(LoopTrace trace, ObservedTrace observed)
    {
        var replay = new ObservedTrace { Result = observed.Result is null ? null : trace.Output };
        foreach (var query in observed.Queries)
            if (trace.TryGetPoint(query.Step, query.Worker, out var point)) replay.Queries.Add(query with { Point = point });
        return replay;
    }

}
