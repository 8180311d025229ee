using System.Globalization;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Exact;

/// <summary>Checks the arguments shared by the moment engines and turns step lists into bitmaps over 0..T.</summary>
internal static class MomentArguments
{
    /// <summary>Checks N, T, x0 and η_t (finite at every step), naming the offending field.</summary>
    public static void Check(int dimension, int workers, IReadOnlyList<double> initialPoint, IStepSizeSchedule stepSize, int totalSteps)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequireAtLeast("steps", totalSteps, 1);
        if (initialPoint.Count != dimension)
            throw new ProblemParameterException("x0", $"a vector of length {initialPoint.Count}", $"a vector of length {dimension} (the problem's dimension)");
        for (int k = 0; k < dimension; k++) ProblemParameterException.RequireFinite($"x0[{k}]", initialPoint[k]);
        for (int t = 0; t < totalSteps; t++)
        {
            double eta = stepSize.At(t);
            if (!double.IsFinite(eta))
                throw new ProblemParameterException("step_size", $"η_{t} = {NumberText.RoundTrip(eta)}", "a schedule giving a finite η_t at every step");
        }
    }

    /// <summary>
    /// A bitmap over 0..T marking the listed steps; the list must be strictly increasing within 1..T.
    /// (T need not be listed: averaging at T leaves x̄^T unchanged, only the per-worker moments differ.)
    /// </summary>
    public static bool[] Bitmap(string field, IReadOnlyList<int> steps, int totalSteps)
    {
        var marked = new bool[totalSteps + 1];
        for (int i = 0; i < steps.Count; i++)
        {
            int step = steps[i];
            if (step < 1 || step > totalSteps)
                throw new ProblemParameterException($"{field}[{i}]", step.ToString(CultureInfo.InvariantCulture), $"a step in 1..{totalSteps}");
            if (i > 0 && step <= steps[i - 1])
                throw new ProblemParameterException($"{field}[{i}]", step.ToString(CultureInfo.InvariantCulture), "a strictly increasing list of steps");
            marked[step] = true;
        }
        return marked;
    }
}
