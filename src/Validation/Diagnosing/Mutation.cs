using LocalSgdVerify.Validation.Oracle;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>One bug class applied to the reference loop, with the sentence that explains it in the user's terms.</summary>
/// <param name="BugClass">A name from <see cref="BugClasses"/>.</param>
/// <param name="Explanation">What the implementation does, with this run's numbers, e.g. "syncs one step late: averaged after steps 11, 21, … instead of 10, 20, …".</param>
/// <param name="Variant">The mutated loop.</param>
public sealed record Mutation(string BugClass, string Explanation, LoopVariant Variant)
{
    /// <summary>For a fitted bug family: its parameter as estimated from the trace, e.g. "β ≈ 0.100 from steps 2–30"; null for the catalog's fixed mutations.</summary>
    public string? Estimate { get; init; }

    /// <summary>For a fitted bug family: the estimated value of its parameter (β, λ, τ, c, or the group size); null otherwise.</summary>
    public double? Parameter { get; init; }
}
