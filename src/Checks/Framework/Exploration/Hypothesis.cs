namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// One hypothesis of a theorem, as an assumption space states it next to its generator: what every explored
/// configuration satisfies, and where the hypothesis comes from (a claims.md section and its provenance tag).
/// </summary>
/// <param name="Statement">The hypothesis in words, with its numbers ("2α a_k ≥ 3 for every k").</param>
/// <param name="Source">Its source: "claims.md §4a, asymptotic constant [derived]".</param>
public sealed record Hypothesis(string Statement, string Source)
{
    /// <summary>"statement (source)", as claims print their assumptions.</summary>
    public override string ToString() => $"{Statement} ({Source})";
}
