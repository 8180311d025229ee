using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model.Text;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The plain table of a check run: id, verdict, measured, predicted, margin, replicates used of the profile's maximum
/// and replicates needed (the share of the replicates used at which the verdict would first have been reached, see
/// <see cref="ClaimReplicatesNeeded"/>),
/// one line per claim, then a summary.
/// Verdicts are written so they stand out without colour: <c>pass</c>, <c>FAIL</c>, <c>inconclusive</c>.
/// </summary>
public static class CheckTableWriter
{
    /// <summary>The table text.</summary>
    public static string Write(ReportDocument document)
    {
        var rows = document.Claims.Select(c => new[]
        {
            c.Id, Show(c.Verdict), Measured(c.Measured), c.Predicted.Description, NumberText.Compact(c.Margin), ReportText.ReplicatesUsedShort(c),
            ReportText.ReplicatesNeededShort(c.ReplicatesNeeded),
        }).ToList();
        string[] header = ["id", "verdict", "measured", "predicted", "margin", "replicates used", "replicates needed"];
        int[] widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        var run = document.Run;
        var summary = document.Summary;
        text.AppendLine();
        text.AppendLine($"{document.Claims.Count} claims: {summary.Pass} pass, {summary.Fail} fail, {summary.Inconclusive} inconclusive " +
            $"(profile {run.Profile}, seed {run.MasterSeed}, α = {NumberText.Compact(run.Alpha)} split over {run.TotalAssertions} statistical assertions, {NumberText.Compact(run.AlphaPerAssertion)} each)");
        if (!run.Complete) text.AppendLine($"INCOMPLETE: not finished: {string.Join(", ", run.NotFinished)}");
        var scenarios = ScenarioFiles.For(document);
        foreach (var claim in document.Claims.Where(c => c.Exploration is not null))
        {
            text.AppendLine($"{claim.Id}: {ExplorationText.Summary(claim.Exploration!)}");
            foreach (var row in ExplorationText.Rows(claim, scenarios))
                text.AppendLine($"  {ExplorationText.Line(row)}");
        }
        return text.ToString();
    }

    /// <summary>pass / FAIL / inconclusive.</summary>
    public static string Show(string verdict) => verdict switch { "fail" => "FAIL", _ => verdict };

    private static string Measured(Quantity quantity)
    {
        string value = NumberText.Compact(quantity.Value) + (string.IsNullOrEmpty(quantity.Unit) ? "" : " " + quantity.Unit);
        return quantity.Low is double low && quantity.High is double high ? $"{value} [{NumberText.Compact(low)}, {NumberText.Compact(high)}]" : value;
    }
}
