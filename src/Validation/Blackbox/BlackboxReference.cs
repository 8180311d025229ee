using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>
/// What a correct implementation's outputs look like in blackbox mode: exact values where the model has them (the
/// separable quadratic: E F(output) − F* by the moment recursion of claims.md §5, and E[output] by the mean recursion
/// m ← (1 − η_t a_k) m, which averaging preserves and multiplicative noise leaves unchanged), otherwise a sample of
/// the reference loop under the harness's own noise.
/// </summary>
public sealed class BlackboxReference
{
    private BlackboxReference(double? exactMeanError, double[]? exactMeanOutput, double[][]? outputs, double[]? errors, string method)
    {
        ExactMeanError = exactMeanError;
        ExactMeanOutput = exactMeanOutput;
        Outputs = outputs;
        Errors = errors;
        Method = method;
    }

    /// <summary>E[F(output)] − F*, when known exactly.</summary>
    public double? ExactMeanError { get; }

    /// <summary>E[output] per coordinate, when known exactly.</summary>
    public double[]? ExactMeanOutput { get; }

    /// <summary>The reference sample's outputs (one row per replicate), when there is no exact value.</summary>
    public double[][]? Outputs { get; }

    /// <summary>The reference sample's errors F(output) − F*, when there is no exact value.</summary>
    public double[]? Errors { get; }

    /// <summary>How the reference was obtained, for reports.</summary>
    public string Method { get; }

    /// <summary>True when the reference values are exact.</summary>
    public bool IsExact => ExactMeanError is not null;

    /// <summary>The reference of <paramref name="configuration"/>: exact when possible, otherwise <paramref name="replicates"/> runs of the reference loop with <paramref name="seed"/>.</summary>
    public static BlackboxReference For(LocalSgdConfiguration configuration, ulong seed, int replicates)
    {
        var atEnd = configuration with { Checkpoints = [configuration.Steps] };
        if (configuration.Problem is SeparableQuadratic separable && ExactEngine.TryCompute(atEnd) is { } exact)
            return new BlackboxReference(exact.OutputErrors[^1], MeanOutput(separable, atEnd), null, null, exact.Method + " and the mean recursion");

        var loop = new ReferenceLocalSgd(atEnd, seed);
        var outcome = ReplicateOutcome.For(atEnd);
        var outputs = new double[replicates][];
        var errors = new double[replicates];
        for (int replicate = 0; replicate < replicates; replicate++)
        {
            loop.RunInto(replicate, outcome);
            outputs[replicate] = (double[])outcome.Output.Clone();
            errors[replicate] = outcome.Errors[^1];
        }
        return new BlackboxReference(null, null, outputs, errors,
            $"{replicates.ToString(System.Globalization.CultureInfo.InvariantCulture)} runs of the reference loop under the harness's noise");
    }

    private static double[] MeanOutput(SeparableQuadratic problem, LocalSgdConfiguration configuration)
    {
        int d = problem.Dimension;
        var mean = configuration.InitialPoint.ToArray();
        var weighted = new double[d];
        double weightTotal = 0;
        for (int t = 0; t < configuration.Steps; t++)
        {
            double eta = configuration.StepSize.At(t);
            for (int k = 0; k < d; k++) mean[k] *= 1 - eta * problem.Curvatures[k];
            if (configuration.Output.Weight(t + 1) is double weight)
            {
                for (int k = 0; k < d; k++) weighted[k] += weight * mean[k];
                weightTotal += weight;
            }
        }
        if (weightTotal == 0) return mean;
        for (int k = 0; k < d; k++) weighted[k] /= weightTotal;
        return weighted;
    }
}
