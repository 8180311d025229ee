namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>
/// What is wrong with an implementation, in its user's terms: the bug class (a name from <see cref="BugClasses"/>),
/// one explanation with the run's numbers, and the other bug classes that reproduce the same trace, if any.
/// </summary>
/// <param name="BugClass">The preferred bug class.</param>
/// <param name="Explanation">What the implementation does, e.g. "syncs one step late: averaged after steps 11, 21, … instead of 10, 20, …".</param>
/// <param name="AlsoConsistentWith">Other bug classes whose mutation reproduces the trace as well (the trace cannot tell them apart).</param>
public sealed record Diagnosis(string BugClass, string Explanation, IReadOnlyList<string> AlsoConsistentWith)
{
    /// <summary>"bug_class: explanation (also consistent with: …)".</summary>
    public string Describe() => AlsoConsistentWith.Count == 0
        ? $"{BugClass}: {Explanation}"
        : $"{BugClass}: {Explanation} (the trace is also consistent with: {string.Join(", ", AlsoConsistentWith)})";
}
