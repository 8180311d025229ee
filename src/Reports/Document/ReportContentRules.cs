using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Reports.Document;

/// <summary>
/// What a report must satisfy beyond its JSON shape before anything renders or compares it: every claim's verdict
/// is one of the schema's words (pass, fail, inconclusive: a renderer must never show another), and claim ids are
/// unique (compare pairs claims by id). A report breaking either was not written by this tool or was edited.
/// </summary>
public static class ReportContentRules
{
    /// <summary>The verdict words of report.json (docs/report.schema.json, $defs.verdict).</summary>
    public static IReadOnlyList<string> Verdicts { get; } = [.. Enum.GetValues<Verdict>().Select(VerdictText.Name).Distinct()];

    /// <summary>Throws <see cref="ReportFormatException"/> naming <paramref name="source"/>, the claim and the rule it breaks.</summary>
    public static void Check(ReportDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < document.Claims.Count; index++)
        {
            ClaimReport claim = document.Claims[index];
            if (!Verdicts.Contains(claim.Verdict))
                throw new ReportFormatException($"{source} is not a valid LocalSgdVerify report at $.claims[{index}].verdict: '{claim.Verdict}' is not a verdict (expected one of {string.Join(", ", Verdicts)}).");
            if (!seen.Add(claim.Id))
                throw new ReportFormatException($"{source} is not a valid LocalSgdVerify report at $.claims[{index}].id: claim id '{claim.Id}' appears more than once (each claim is reported once).");
        }
    }
}
