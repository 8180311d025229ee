namespace LocalSgdVerify.Model.StepSizes;

/// <summary>
/// A step-size (learning-rate) schedule: η_t for the step from x^t to x^{t+1}, t = 0, 1, ... (claims.md §3).
/// Each schedule is a tiny immutable object; composition (e.g. rounding to powers of two) wraps one.
/// </summary>
public interface IStepSizeSchedule
{
    /// <summary>The kind used in scenario files, e.g. <c>inverse-time</c>.</summary>
    string Kind { get; }

    /// <summary>η_t for the 0-based step t.</summary>
    double At(int step);

    /// <summary>Parameters for reports and the validation protocol.</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }
}
