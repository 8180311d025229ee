using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Reports.Document;
using static LocalSgdVerify.Reports.Rendering.ReportText;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>One row of an exploration table: which case, the configuration, measured, bound, ratio, verdict and the file that replays it.</summary>
public sealed record ExplorationRow(string Role, string Configuration, string Quantity, string Measured, string Bound, string Ratio, string Verdict, string Replay);

/// <summary>
/// How every format writes a claim's exploration (report.json <c>exploration</c>): a summary line (kind, law,
/// configurations, verdict counts, worst ratio) and one row per case (worst, counterexample, witnesses) with the
/// measured value, the bound, the ratio and the scenario file that replays it.
/// </summary>
public static class ExplorationText
{
    /// <summary>"For all: the law held at 120 of 120 explored configurations; worst ratio measured/bound 0.31." and the law.</summary>
    public static string Summary(ExplorationReport exploration)
    {
        ArgumentNullException.ThrowIfNull(exploration);
        var v = exploration.Verdicts;
        string counts = $"{Count(exploration.Configurations, "configuration")} explored ({Integer(v.Pass)} pass, {Integer(v.Fail)} fail, {Integer(v.Inconclusive)} inconclusive)";
        string worst = exploration.Worst is { } w ? $"; largest ratio measured/bound {Number(w.Ratio)}" : "";
        string kind = exploration.Kind == ExplorationReport.ForAllKind
            ? exploration.Counterexample is null ? "For all: no counterexample" : "For all: counterexample found"
            : exploration.Witnesses.Count > 0 ? $"Exists: {Integer(exploration.Witnesses.Count)} witness{(exploration.Witnesses.Count == 1 ? "" : "es")} found" : "Exists: no witness found";
        return $"{kind}; {counts}{worst}. Law: {exploration.Law}.";
    }

    /// <summary>The cases of an exploration as rows, with the replay file of each written case (the worst case has none unless it is also written).</summary>
    public static IReadOnlyList<ExplorationRow> Rows(ClaimReport claim, IReadOnlyList<ScenarioFile> files)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Exploration is not { } exploration) return [];
        var rows = new List<ExplorationRow>();
        if (exploration.Worst is { } worst) rows.Add(Row("largest ratio", worst, null));
        if (exploration.Counterexample is { } counterexample) rows.Add(Row(Shrunk("counterexample", counterexample), counterexample, ScenarioFiles.PathOf(files, counterexample)));
        foreach (var witness in exploration.Witnesses)
            rows.Add(Row(Shrunk(witness.Group is null ? "witness" : $"witness ({witness.Group})", witness), witness, ScenarioFiles.PathOf(files, witness)));
        return rows;
    }

    /// <summary>A row in one line of text, for plain-text formats.</summary>
    public static string Line(ExplorationRow row) =>
        $"{row.Role}: {row.Configuration}: {row.Quantity} = {row.Measured} vs bound {row.Bound} (ratio {row.Ratio}, {row.Verdict}); {row.Replay}";

    private static string Shrunk(string role, ExploredCase exploredCase) =>
        $"{role}, {Count(exploredCase.ShrinkSteps, "shrink step")}";

    private static ExplorationRow Row(string role, ExploredCase exploredCase, string? path)
    {
        string replay = path is null
            ? $"{exploredCase.ReplayQuantity} = {Number(exploredCase.ReplayValue)}"
            : $"replay {path}: {exploredCase.ReplayQuantity} = {Number(exploredCase.ReplayValue)}";
        if (!string.IsNullOrWhiteSpace(exploredCase.Note)) replay += $" ({exploredCase.Note})";
        return new ExplorationRow(role, exploredCase.Description, exploredCase.Quantity, Number(exploredCase.Measured), Number(exploredCase.Bound),
            Number(exploredCase.Ratio), exploredCase.Verdict, replay);
    }

    private static string Integer(long value) => LocalSgdVerify.Model.Text.NumberText.Integer(value);
}
