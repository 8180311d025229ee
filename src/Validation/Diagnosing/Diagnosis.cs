namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// What is wrong with an implementation, in its user's terms: the bug class (a name from <see cref="BugClasses"/>),
/// one explanation with the run's numbers, and the other bug classes that reproduce the same trace, if any. When
/// there are others, the run cannot tell them apart and <see cref="Headline"/> names all of them, not one.
/// </summary>
/// <param name="BugClass">The first bug class that reproduces the trace (in the order of the catalog, then the fitted families).</param>
/// <param name="Explanation">What the implementation does, e.g. "syncs one step late: averaged after steps 11, 21, … instead of 10, 20, …".</param>
/// <param name="AlsoConsistentWith">Other bug classes whose mutation reproduces the trace as well (the trace cannot tell them apart).</param>
public sealed record Diagnosis(string BugClass, string Explanation, IReadOnlyList<string> AlsoConsistentWith)
{
    /// <summary>For a fitted bug family, its estimated parameter, e.g. "β ≈ 0.100 from steps 2–30".</summary>
    public string? Estimate { get; init; }

    /// <summary>For a fitted bug family, the estimated value of its parameter (β, λ, τ, c, or the group size).</summary>
    public double? Parameter { get; init; }

    /// <summary>Further lines for the evidence: the replay that confirms the diagnosis, each other candidate's explanation.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>For a precision-level deviation, the --tolerance at which the run conforms.</summary>
    public double? SuggestedTolerance { get; init; }

    /// <summary>True when several bug classes reproduce the trace and the run cannot tell which one it is.</summary>
    public bool Undecided => AlsoConsistentWith.Count > 0;

    /// <summary>Every bug class that reproduces the trace, the preferred one first.</summary>
    public IReadOnlyList<string> Candidates => [BugClass, .. AlsoConsistentWith];

    /// <summary>
    /// The one-line diagnosis: "bug_class: explanation", or, when the trace cannot tell several classes apart,
    /// "one of a, b, c (this run cannot tell them apart): a: explanation".
    /// </summary>
    public string Headline => Undecided
        ? $"one of {string.Join(", ", Candidates)} (this run cannot tell them apart): {BugClass}: {Explanation}"
        : $"{BugClass}: {Explanation}";

    /// <summary>"bug_class: explanation (also consistent with: …)".</summary>
    public string Describe() => AlsoConsistentWith.Count == 0
        ? $"{BugClass}: {Explanation}"
        : $"{BugClass}: {Explanation} (the trace is also consistent with: {string.Join(", ", AlsoConsistentWith)})";
}
