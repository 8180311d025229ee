using System.Text;
using System.Text.Json;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>One replayable scenario of a report: a claim's counterexample or witness and the file it is written to.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Role">"counterexample" or "witness".</param>
/// <param name="Case">The explored case.</param>
/// <param name="RelativePath">counterexamples/&lt;claim-id&gt;.json, witnesses/&lt;claim-id&gt;.json, then witnesses/&lt;claim-id&gt;-2.json, ... for further groups.</param>
public sealed record ScenarioFile(ClaimReport Claim, string Role, ExploredCase Case, string RelativePath);

/// <summary>
/// Names and writes the scenario files of a report: each claim's shrunk counterexample as
/// counterexamples/&lt;claim-id&gt;.json and its witnesses as witnesses/&lt;claim-id&gt;.json (a second or later group's
/// witness adds "-2", "-3", ...). Each file is the case's scenario object as scenario JSON, which <c>simulate</c> (or
/// <c>simulate --exact</c>) replays to the value the report records beside it. A pure function of the document.
/// </summary>
public static class ScenarioFiles
{
    /// <summary>The folder of counterexamples.</summary>
    public const string CounterexampleFolder = "counterexamples";

    /// <summary>The folder of witnesses.</summary>
    public const string WitnessFolder = "witnesses";

    /// <summary>Every counterexample and witness of the document, in claim order.</summary>
    public static IReadOnlyList<ScenarioFile> For(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Claims.SelectMany(ForClaim).ToList();
    }

    /// <summary>The scenario files of one claim (named as in a whole report: they depend on the claim alone).</summary>
    public static IReadOnlyList<ScenarioFile> ForClaim(ClaimReport claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var files = new List<ScenarioFile>();
        if (claim.Exploration is not { } exploration) return files;
        if (exploration.Counterexample is { } counterexample)
            files.Add(new ScenarioFile(claim, "counterexample", counterexample, $"{CounterexampleFolder}/{claim.Id}.json"));
        for (int i = 0; i < exploration.Witnesses.Count; i++)
            files.Add(new ScenarioFile(claim, "witness", exploration.Witnesses[i], $"{WitnessFolder}/{claim.Id}{(i == 0 ? "" : "-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}.json"));
        return files;
    }

    /// <summary>The file's text: the scenario object indented as scenario JSON, with a trailing newline.</summary>
    public static string Text(ScenarioFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ScenarioWriter.Options)) file.Case.Scenario.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>The path of a case's file, or null when it has none (the worst case of an exploration is not written).</summary>
    public static string? PathOf(IReadOnlyList<ScenarioFile> files, ExploredCase exploredCase) =>
        files.FirstOrDefault(f => ReferenceEquals(f.Case, exploredCase))?.RelativePath;
}
