using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The cells of a summary row, shared by Markdown, HTML, the job summary and JUnit: the claim's title, the measured
/// quantity by name with its interval (the level is stated once per report, <see cref="IntervalLevels"/>), the margin,
/// or for an exact claim its tolerance (a margin of 9.99e-13 under a tolerance of 1e-12 says nothing a reader needs),
/// and the flag of a claim whose assertions cannot discriminate.
/// </summary>
public static class SummaryText
{
    /// <summary>"speed-up slope of log S(N) vs log N: 0.9341 [0.8095, 1.059]": the name, the value and its interval, without the level.</summary>
    public static string Measured(Quantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        string value = ReportText.Quantity(quantity with { Level = null });
        return string.IsNullOrWhiteSpace(quantity.Name) ? value : $"{quantity.Name}: {value}";
    }

    /// <summary>
    /// The tolerance of an exact claim's headline, or null: a claim of kind exact whose measured value has no interval
    /// and whose prediction is a value with a band [low, high] around it is a tolerance check, and the tolerance is the
    /// band's larger half-width (0 for bit-for-bit equality).
    /// </summary>
    public static double? Tolerance(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Kind == "exact" ? Tolerance(claim.Measured, claim.Predicted) : null;
    }

    /// <summary>The tolerance of one exact comparison (see <see cref="Tolerance(ClaimReport)"/>), or null.</summary>
    public static double? Tolerance(Quantity measured, Prediction predicted)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(predicted);
        if (measured.Low is not null || measured.High is not null) return null;
        if (predicted is not { Value: double value, High: double high } || high < value) return null;
        double low = predicted.Low ?? value;
        return low > value ? null : Math.Max(high - value, value - low);
    }

    /// <summary>
    /// The margin cell: the signed margin ("+0.04722"), or for a tolerance check "within tolerance 1e-12" / "outside
    /// tolerance 1e-12" ("exact match" / "not an exact match" when the tolerance is 0).
    /// </summary>
    public static string Margin(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Tolerance(claim) is double tolerance ? ToleranceWords(tolerance, claim.Margin) : ReportText.Margin(claim.Margin);
    }

    /// <summary>An assertion's margin cell, with the same tolerance wording when its claim is exact.</summary>
    public static string Margin(ClaimReport claim, AssertionResult assertion)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(assertion);
        return claim.Kind == "exact" && Tolerance(assertion.Measured, assertion.Predicted) is double tolerance
            ? ToleranceWords(tolerance, assertion.Margin)
            : ReportText.Margin(assertion.Margin);
    }

    private static string ToleranceWords(double tolerance, double margin) => tolerance == 0
        ? margin >= 0 ? "exact match" : "not an exact match"
        : $"{(margin >= 0 ? "within" : "outside")} tolerance {ReportText.Number(tolerance)}";

    /// <summary>"⚑ cannot discriminate: why" for a claim that declares it, else null.</summary>
    public static string? DiscriminationFlag(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return string.IsNullOrWhiteSpace(claim.CannotDiscriminate) ? null : $"⚑ cannot discriminate: {claim.CannotDiscriminate}";
    }

    /// <summary>
    /// The one sentence that states the intervals' confidence level for a summary table: intervals are two-sided at
    /// each claim's share of the α budget; one level, or the range of levels, with a pointer to the claim sections.
    /// Null when no headline has an interval.
    /// </summary>
    public static string? IntervalLevels(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var levels = document.Claims.Where(c => c.Measured.Low is not null || c.Measured.High is not null)
            .Select(c => c.Measured.Level).OfType<double>().Distinct().Order().ToList();
        if (levels.Count == 0) return null;
        string which = levels.Count == 1
            ? $"level {ReportText.Level(levels[0])}"
            : $"levels from {ReportText.Level(levels[0])} to {ReportText.Level(levels[^1])}";
        return $"Measured intervals are confidence intervals at {which}: each is its claim's share of the α budget {ReportText.Number(document.Run.Alpha)} " +
               "(Bonferroni over assertions, spent over sequential looks), so that all verdicts hold together; each claim's section gives its level.";
    }

    /// <summary>
    /// The measured-versus-predicted sentence of a claim, for a CI failure message or a job summary: "Measured speed-up
    /// slope of log S(N) vs log N = 0.9341 [0.8095, 1.059] at level 1 − 2.805e-7; predicted ≈ 1 (linear speed-up),
    /// accepted ≥ 0.8; margin +0.009505.", then the first assertion that did not pass, when one did not.
    /// </summary>
    public static string Sentence(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string name = string.IsNullOrWhiteSpace(claim.Measured.Name) ? "" : claim.Measured.Name + " = ";
        string text = $"Measured {name}{ReportText.Quantity(claim.Measured)}; predicted {ReportText.Prediction(claim.Predicted)}; {MarginClause(Margin(claim))}.";
        var failing = claim.Assertions.FirstOrDefault(a => a.Verdict != Verdict.Pass);
        if (failing is not null && claim.Verdict != "pass")
            text += $" First assertion not passed ({ReportText.VerdictWord(VerdictText.Name(failing.Verdict))}): {failing.Name}: measured {ReportText.Quantity(failing.Measured)}, predicted {ReportText.Prediction(failing.Predicted)}, {MarginClause(Margin(claim, failing))}.";
        return text;
    }

    private static string MarginClause(string margin) => char.IsAsciiLetter(margin[0]) ? margin : "margin " + margin;
}
