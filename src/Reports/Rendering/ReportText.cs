using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The words and numbers every format prints the same way: numbers to 4 significant digits in the invariant
/// culture, a measured quantity with its interval and confidence, a prediction, a verdict label. Markdown, HTML and
/// JUnit all call these, so a value reads identically in each.
/// </summary>
public static class ReportText
{
    /// <summary>
    /// A number to 4 significant digits: plain for 10⁻³ ≤ |x| &lt; 10⁵ (trailing zeros dropped), otherwise
    /// scientific ("2.381e-6"); "NaN", "∞", "-∞" for the non-finite values.
    /// </summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-3 || magnitude >= 1e5)
        {
            string text = value.ToString("0.###e+0", CultureInfo.InvariantCulture);
            return text.Replace("e+", "e", StringComparison.Ordinal);
        }
        // Round to 4 significant digits first, then print without trailing zeros.
        int digits = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(magnitude)));
        double rounded = Math.Round(value, Math.Min(digits, 15), MidpointRounding.AwayFromZero);
        return rounded.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>A master seed in decimal.</summary>
    public static string Seed(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The machine line of the header: the machine's description, the thread count and the total wall time. Like the
    /// date it comes from the environment block, the only part of a report that differs between identical runs.
    /// </summary>
    public static string Machine(RunEnvironment environment)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(environment.Machine)) parts.Add(environment.Machine);
        if (environment.Threads > 0) parts.Add($"{Integer(environment.Threads)} thread{(environment.Threads == 1 ? "" : "s")}");
        if (environment.WallSeconds.Count > 0) parts.Add($"{Number(environment.WallSeconds.Values.Sum())} s of claim time");
        return parts.Count == 0 ? "(not recorded)" : string.Join(", ", parts);
    }

    /// <summary>"1 claim", "2 claims": a count with its noun, plural unless the count is one.</summary>
    public static string Count(long count, string noun) => $"{Integer(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>The header's completeness cell: "yes", or "no: 2 claims not finished".</summary>
    public static string Completeness(RunInfo run) => run.Complete ? "yes" : $"no: {Count(run.NotFinished.Count, "claim")} not finished";

    /// <summary>
    /// A confidence level: "95%" for ordinary levels, "1 − 2.381e-6" when the level is within 10⁻³ of 1 (Bonferroni
    /// shares of a small α, where a percentage would print as 100%).
    /// </summary>
    public static string Level(double level)
    {
        double complement = 1 - level;
        return complement > 0 && complement < 1e-3 ? $"1 − {Number(complement)}" : Number(level * 100) + "%";
    }

    /// <summary>"value unit [low, high] (level)": the estimate, then its interval when it has one.</summary>
    public static string Quantity(Quantity quantity)
    {
        string value = Number(quantity.Value) + (string.IsNullOrEmpty(quantity.Unit) ? "" : " " + quantity.Unit);
        string? interval = Interval(quantity);
        return interval is null ? value : $"{value} {interval}";
    }

    /// <summary>"[low, high] at level 95%" when the quantity has both ends, "≥ low" / "≤ high" for one end, else null.</summary>
    public static string? Interval(Quantity quantity)
    {
        string level = quantity.Level is { } l ? $" at level {Level(l)}" : "";
        return (quantity.Low, quantity.High) switch
        {
            ({ } low, { } high) => $"[{Number(low)}, {Number(high)}]{level}",
            ({ } low, null) => $"[{Number(low)}, ∞){level}",
            (null, { } high) => $"(-∞, {Number(high)}]{level}",
            _ => null,
        };
    }

    /// <summary>The prediction's words (they already carry its numbers).</summary>
    public static string Prediction(Prediction prediction) => string.IsNullOrWhiteSpace(prediction.Description)
        ? prediction switch
        {
            { Value: { } value } => Number(value),
            { Low: { } low, High: { } high } => $"[{Number(low)}, {Number(high)}]",
            _ => "(none)",
        }
        : prediction.Description;

    /// <summary>A signed margin; positive is room to spare.</summary>
    public static string Margin(double margin) => margin > 0 ? "+" + Number(margin) : Number(margin);

    /// <summary>
    /// A replicates-needed fraction f in two significant digits: a percentage below 1 ("31 %", "4.2 %", "&lt; 0.01 %"),
    /// a multiple from 1 on ("2.3×").
    /// </summary>
    public static string Fraction(double fraction)
    {
        if (!double.IsFinite(fraction)) return Number(fraction) + "×";
        if (fraction >= 1) return (fraction >= 1e5 ? Number(fraction) : TwoDigits(fraction)) + "×";
        double percent = fraction * 100;
        return percent < 0.01 ? "< 0.01 %" : TwoDigits(percent) + " %";
    }

    /// <summary>"≈ 31 %", "≈ 2.3×", or "&lt; 0.01 %" (a bound already, so without "≈").</summary>
    public static string Approximately(double fraction)
    {
        string text = Fraction(fraction);
        return text.StartsWith('<') ? text : "≈ " + text;
    }

    /// <summary>A count with thousands separators, "16,000" (invariant culture).</summary>
    public static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with its noun, singular for one and with thousands separators: "1 replicate row", "12,000 replicate rows".</summary>
    public static string CountThousands(long count, string noun) => $"{Thousands(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>
    /// A claim's replicates needed in one cell: "≈ 31 % of 1,500", "≈ 2.3 × 1,500" (only the fraction when the design
    /// records no replicates), "n/a" when no assertion is covered.
    /// </summary>
    public static string ReplicatesNeededShort(ClaimReplicatesNeeded needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        if (needed.Fraction is not double fraction) return "n/a";
        if (needed.Replicates <= 0) return Approximately(fraction);
        return fraction >= 1 ? $"{Approximately(fraction).TrimEnd('×')} × {Thousands(needed.Replicates)}" : $"{Approximately(fraction)} of {Thousands(needed.Replicates)}";
    }

    /// <summary>
    /// A claim's replicates needed in words: the fraction of the design's replicates, the implied replicate and sample
    /// counts, the assertion that sets it and how many assertions with intervals were not covered; or why not applicable.
    /// </summary>
    public static string ReplicatesNeededLong(ClaimReplicatesNeeded needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        if (needed.Fraction is not double fraction) return $"not applicable: {needed.NotApplicable}";
        var text = new System.Text.StringBuilder($"{Approximately(fraction)}");
        if (needed.Replicates > 0) text.Append($" of {Thousands(needed.Replicates)} replicates");
        var counts = new List<string>();
        if (needed.ImpliedReplicates is long replicates) counts.Add($"≈ {Thousands(replicates)} replicates");
        if (needed.ImpliedSamples is long samples) counts.Add($"≈ {Thousands(samples)} of {Thousands(needed.SamplesUsed)} samples");
        if (counts.Count > 0) text.Append($" ({string.Join("; ", counts)})");
        text.Append($", set by: {needed.DecidingAssertion}");
        if (needed.AssertionsNotCovered > 0)
            text.Append($"; {Count(needed.AssertionsNotCovered, "assertion")} with an interval not covered (see its reason)");
        return text.ToString();
    }

    /// <summary>
    /// A claim's replicates used in one cell: "128 of 1,500" (used of the profile's maximum), "1,500 of 1,500", "—"
    /// when the claim runs no replicates; the design's count alone for a report that did not record them.
    /// </summary>
    public static string ReplicatesUsedShort(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.ReplicatesUsed is not int used || claim.ReplicatesMaximum is not int maximum) return Thousands(claim.Design.Replicates);
        return maximum == 0 ? "—" : $"{Thousands(used)} of {Thousands(maximum)}";
    }

    /// <summary>
    /// A claim's replicates used in words: "128 of at most 1,500 per experiment: decided before the maximum (sequential
    /// stopping)", "1,500, the maximum", "none (no Monte Carlo)".
    /// </summary>
    public static string ReplicatesUsedLong(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.ReplicatesUsed is not int used || claim.ReplicatesMaximum is not int maximum) return $"{Thousands(claim.Design.Replicates)} (not recorded separately)";
        if (maximum == 0) return "none (no Monte Carlo)";
        return used < maximum
            ? $"{Thousands(used)} of at most {Thousands(maximum)} per experiment: decided before the maximum (sequential stopping)"
            : $"{Thousands(used)}, the maximum";
    }

    /// <summary>An assertion's replicates needed in one cell: "≈ 31 %", "≈ 2.3×", "n/a (exact)" or "n/a".</summary>
    public static string ReplicatesNeededShort(ReplicatesNeeded needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        return needed.Fraction is double fraction ? $"{Approximately(fraction)}" : needed.IsExact() ? "n/a (exact)" : "n/a";
    }

    /// <summary>
    /// An assertion's replicates needed in words: "≈ 31 % (≤ bound: h = 0.03, D = 0.054)" or "not applicable: why".
    /// </summary>
    public static string ReplicatesNeededLong(ReplicatesNeeded needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        return needed is { Fraction: double fraction, Rule: string rule, HalfWidth: double halfWidth, Distance: double distance }
            ? $"{Approximately(fraction)} ({ReplicatesNeeded.Describe(rule)}: h = {Number(halfWidth)}, D = {Number(distance)})"
            : $"not applicable: {needed.NotApplicable}";
    }

    private static string TwoDigits(double value)
    {
        int digits = Math.Max(0, 1 - (int)Math.Floor(Math.Log10(value)));
        return Math.Round(value, Math.Min(digits, 15), MidpointRounding.AwayFromZero).ToString("0.###############", CultureInfo.InvariantCulture);
    }

    /// <summary>Upper-case verdict word: PASS, FAIL, INCONCLUSIVE (or NOT FINISHED).</summary>
    public static string VerdictWord(string verdict) => verdict switch
    {
        "pass" => "PASS",
        "fail" => "FAIL",
        "inconclusive" => "INCONCLUSIVE",
        NotFinishedVerdict => "NOT FINISHED",
        _ => verdict.ToUpperInvariant(),
    };

    /// <summary>A symbol for the verdict that reads without colour: ✅ pass, ❌ fail, ⚠️ inconclusive, ⏸️ not finished.</summary>
    public static string VerdictSymbol(string verdict) => verdict switch
    {
        "pass" => "✅",
        "fail" => "❌",
        "inconclusive" => "⚠️",
        _ => "⏸️",
    };

    /// <summary>
    /// A symbol for the verdict from the plain-text ranges every common font has (✓ pass, ✗ fail, ⚠ inconclusive,
    /// ■ not finished), for the HTML page: colour emoji need an emoji font, which CI machines often lack.
    /// </summary>
    public static string VerdictMark(string verdict) => verdict switch
    {
        "pass" => "✓",
        "fail" => "✗",
        "inconclusive" => "⚠",
        _ => "■",
    };

    /// <summary>The pseudo-verdict of a claim the run stopped before finishing.</summary>
    public const string NotFinishedVerdict = "not_finished";

    /// <summary>"ci", "1e-4 in total, Bonferroni-split over 42 assertions (2.381e-6 each)".</summary>
    public static string AlphaBudget(RunInfo run) => run.TotalAssertions > 0
        ? $"{Number(run.Alpha)} in total, Bonferroni-split over {Integer(run.TotalAssertions)} statistical assertions ({Number(run.AlphaPerAssertion)} each)"
        : $"{Number(run.Alpha)} in total (no statistical assertions)";

    /// <summary>A list of integers, "1, 2, 4".</summary>
    public static string Integers(IEnumerable<int> values) => string.Join(", ", values.Select(v => Integer(v)));

    /// <summary>"12 claims: 9 pass, 1 fail, 2 inconclusive" (+ ", 3 not finished").</summary>
    public static string Counts(ReportDocument document)
    {
        var counts = document.Summary;
        string text = $"{Count(document.Claims.Count + document.Run.NotFinished.Count, "claim")}: {Integer(counts.Pass)} pass, {Integer(counts.Fail)} fail, {Integer(counts.Inconclusive)} inconclusive";
        return document.Run.NotFinished.Count > 0 ? text + $", {Integer(document.Run.NotFinished.Count)} not finished" : text;
    }

    /// <summary>The overall outcome in one word: FAIL if any claim failed, else INCOMPLETE, INCONCLUSIVE or PASS.</summary>
    public static string Outcome(ReportDocument document) =>
        document.Summary.Fail > 0 ? "FAIL"
        : !document.Run.Complete ? "INCOMPLETE"
        : document.Summary.Inconclusive > 0 ? "INCONCLUSIVE"
        : "PASS";

    /// <summary>The sentence shown at the top of every format when the run was stopped early.</summary>
    public static string IncompleteNotice(RunInfo run) => run.NotFinished.Count == 0
        ? "Incomplete run: the run was stopped before it finished. Rerun to complete the report."
        : $"Incomplete run: stopped before {Integer(run.NotFinished.Count)} claim{(run.NotFinished.Count == 1 ? "" : "s")} finished ({string.Join(", ", run.NotFinished)}). Their verdicts are missing; rerun to complete the report.";

    /// <summary>The design's schedules, horizons and workers in one line each, for the experiment-design block.</summary>
    public static IReadOnlyList<(string Name, string Value)> DesignRows(ClaimReport claim)
    {
        var design = claim.Design;
        var rows = new List<(string, string)>
        {
            ("Problem", design.Problem),
            ("Workers N", design.Workers.Count == 0 ? "(none)" : Integers(design.Workers)),
            ("Horizons T", design.Horizons.Count == 0 ? "(none)" : Integers(design.Horizons)),
            ("Schedules", design.Schedules.Count == 0 ? "(none)" : string.Join(", ", design.Schedules)),
            ("Replicates (maximum)", Integer(design.Replicates)),
            ("Replicates used", ReplicatesUsedLong(claim)),
            ("Statistical assertions", design.Assertions == 0 ? "0 (exact or deterministic)" : $"{Integer(design.Assertions)}, each at α = {Number(claim.AlphaPerAssertion)}"),
            ("Samples used", Integer(claim.SamplesUsed)),
            ("Replicates needed", ReplicatesNeededLong(claim.ReplicatesNeeded)),
        };
        if (!string.IsNullOrWhiteSpace(design.Notes)) rows.Add(("Notes", design.Notes));
        return rows;
    }
}
