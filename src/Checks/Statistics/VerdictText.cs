namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// The words of a <see cref="Verdict"/>, in one place for every writer: report.json and the formats derived from it,
/// tables, progress lines and validation messages.
/// </summary>
public static class VerdictText
{
    /// <summary>"pass", "fail" or "inconclusive": the verdict as report.json records it.</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        _ => "inconclusive",
    };

    /// <summary>"pass", "FAIL" or "inconclusive": the name with a failure in capitals, so it stands out in plain text without colour.</summary>
    public static string Flagged(Verdict verdict) => verdict == Verdict.Fail ? Name(verdict).ToUpperInvariant() : Name(verdict);
}
