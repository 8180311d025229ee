namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// One checkable prediction of a paper (claims.md §4), with the PEPit skeleton: the problem, the algorithm,
/// the theoretical guarantee and its source; <see cref="Evaluate"/> returns what was measured beside what was
/// predicted, and the verdict compares them with the claim's share of the run's error budget.
/// One file per claim; the catalog finds claims by reflection, so adding one touches no other file.
/// </summary>
public interface IClaim
{
    /// <summary>Stable id, <c>paper.label</c>, e.g. <c>spiridonoff.S2</c>.</summary>
    string Id { get; }

    /// <summary>Short title.</summary>
    string Title { get; }

    /// <summary>Paper, theorem or figure, and the provenance tag of claims.md ([abstract], [derived], ...).</summary>
    string Source { get; }

    /// <summary>The prediction in words.</summary>
    string Statement { get; }

    /// <summary>The assumptions under which the prediction is made (and which the experiment meets).</summary>
    IReadOnlyList<string> Assumptions { get; }

    /// <summary>Exact, statistical, or scaling/ordering.</summary>
    ClaimKind Kind { get; }

    /// <summary>The experiment at a profile: problem, N, T, schedules, replicates, and how many assertions it makes.</summary>
    ClaimDesign Design(Profile profile);

    /// <summary>Runs the experiment and compares measured with predicted.</summary>
    ClaimResult Evaluate(ClaimContext context);
}

/// <summary>How a claim is decided.</summary>
public enum ClaimKind
{
    /// <summary>An identity or closed form, asserted to a relative tolerance (1e-9, or 1e-12 for path identities).</summary>
    Exact,

    /// <summary>A Monte Carlo quantity compared with a predicted value through a confidence interval.</summary>
    Statistical,

    /// <summary>A rate, slope or ordering ([recalled] shapes are only ever checked this way, never as numeric bounds).</summary>
    Scaling,
}

/// <summary>Experiment sizes: <c>quick</c> (whole catalog &lt; 1 min), <c>ci</c> (&lt; 5 min, the default), <c>full</c> (paper scale).</summary>
public enum Profile
{
    /// <summary>Smallest sizes that still decide most claims.</summary>
    Quick,

    /// <summary>The default: the CI budget.</summary>
    Ci,

    /// <summary>Paper scale.</summary>
    Full,
}
