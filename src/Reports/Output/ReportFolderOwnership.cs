using System.Text;
using System.Text.Json;

namespace LocalSgdVerify.Reports.Output;

/// <summary>
/// Which folders the tool may replace or write report files into: those it made. A report folder carries a marker
/// file (<see cref="MarkerName"/>) that the tool writes with every report; a folder may be written when it is missing,
/// empty, carries the marker, or holds nothing but the files of a report the tool wrote before markers existed (a
/// report.json that reads as a LocalSgdVerify report, with at most report.md, report.html, junit.xml, summary.md,
/// the plots (<see cref="PlotFilePatterns"/>) and the replay scenarios (<see cref="ReplayFilePatterns"/>) beside it, as a committed reference folder does). Anything else, such as a folder of the user's own files that
/// happens to hold a report.md, is refused: writing there would delete or replace what the tool did not create.
/// </summary>
public static class ReportFolderOwnership
{
    /// <summary>The marker's file name inside a report folder.</summary>
    public const string MarkerName = ".localsgd-verify-report";

    /// <summary>The marker's text: what the folder is and what the next write does to it.</summary>
    public const string MarkerText =
        "This folder was written by localsgd-verify as a report folder.\n" +
        "The next report written here replaces the whole folder: keep no other files in it.\n";

    /// <summary>The files of a report folder besides the marker and the plots.</summary>
    public static IReadOnlyList<string> ReportFileNames { get; } = ["report.json", "report.md", "report.html", "junit.xml", "summary.md"];

    /// <summary>The files of the plots folder: each figure's SVG and the CSV of its data.</summary>
    public static IReadOnlyList<string> PlotFilePatterns { get; } = ["plots/*.svg", "plots/*.csv"];

    private static readonly string[] PlotExtensions = [.. PlotFilePatterns.Select(pattern => pattern[pattern.LastIndexOf('.')..])];

    /// <summary>The replay scenarios of the claims' searches: each counterexample and witness as a scenario file.</summary>
    public static IReadOnlyList<string> ReplayFilePatterns { get; } = ["counterexamples/*.json", "witnesses/*.json"];

    /// <summary>
    /// Throws <see cref="OutputTargetException"/> unless the tool may write the report folder <paramref name="full"/>
    /// (a full path; <paramref name="given"/> is how the user wrote it, for the message).
    /// </summary>
    public static void Check(string full, string given, string flag = "--out")
    {
        PathKind kind = PathKinds.Of(full);
        if (kind == PathKind.Missing) return;
        if (kind != PathKind.Folder)
            throw new OutputTargetException($"{flag} = {given} is not allowed: expected a folder for the report, but it is {PathKinds.Describe(kind)}.");
        if (IsOwned(full)) return;
        throw new OutputTargetException(
            $"{flag} = {given} is not allowed: the folder '{full}' is not empty and is not a report folder this tool wrote (it has no {MarkerName} marker), " +
            "and writing the report would replace what is in it. Choose a new or empty folder.");
    }

    /// <summary>True when <paramref name="full"/> is an empty folder, a marked report folder, or a report folder written before markers existed.</summary>
    public static bool IsOwned(string full)
    {
        if (PathKinds.Of(full) != PathKind.Folder) return false;
        string[] entries = Directory.GetFileSystemEntries(full);
        if (entries.Length == 0) return true;
        if (PathKinds.Of(Path.Combine(full, MarkerName)) == PathKind.RegularFile) return true;
        return IsUnmarkedReport(full, entries);
    }

    /// <summary>Writes the marker into <paramref name="folder"/> (a folder being assembled, or one the tool owns).</summary>
    public static void Mark(string folder) =>
        File.WriteAllText(Path.Combine(folder, MarkerName), MarkerText, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    // Only the files a report consists of, each a regular file, and a report.json that is a LocalSgdVerify report.
    private static bool IsUnmarkedReport(string full, string[] entries)
    {
        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            PathKind kind = PathKinds.Of(entry);
            if (name == "plots" && kind == PathKind.Folder)
            {
                if (!Directory.GetFileSystemEntries(entry).All(plot => PlotExtensions.Any(extension => plot.EndsWith(extension, StringComparison.Ordinal)) && PathKinds.Of(plot) == PathKind.RegularFile)) return false;
                continue;
            }
            if (name is "counterexamples" or "witnesses" && kind == PathKind.Folder)
            {
                if (!Directory.GetFileSystemEntries(entry).All(file => file.EndsWith(".json", StringComparison.Ordinal) && PathKinds.Of(file) == PathKind.RegularFile)) return false;
                continue;
            }
            if (!ReportFileNames.Contains(name) || kind != PathKind.RegularFile) return false;
        }
        return IsReportJson(Path.Combine(full, "report.json"));
    }

    private static bool IsReportJson(string path)
    {
        if (PathKinds.Of(path) != PathKind.RegularFile) return false;
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("schema_version", out JsonElement version) && version.ValueKind == JsonValueKind.String
                && root.TryGetProperty("suite", out JsonElement suite) && suite.ValueKind == JsonValueKind.Object
                && suite.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String && name.GetString() == Document.SuiteInfo.ToolName;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
