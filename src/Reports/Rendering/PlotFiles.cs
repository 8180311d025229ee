using System.Text;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Reports.Document;

namespace LocalSgdVerify.Reports.Rendering;

/// <summary>One figure of a report and the file it is saved to, relative to the report folder.</summary>
/// <param name="Claim">The claim the figure belongs to.</param>
/// <param name="Figure">The figure's data.</param>
/// <param name="RelativePath">"plots/&lt;claim-id&gt;-&lt;figure-name&gt;.svg", sanitised and unique within the report.</param>
/// <param name="ElementId">An HTML id, unique in the page, also used as the inline SVG's id prefix.</param>
public sealed record PlotFile(ClaimReport Claim, Figure Figure, string RelativePath, string ElementId);

/// <summary>
/// Names the plot files of a report: plots/&lt;claim-id&gt;-&lt;figure-name&gt;.svg with every character outside
/// [a-z0-9.-] replaced by '-' (lower case, runs collapsed), so names are portable and safe in a URL; a clash (two
/// names that sanitise alike, or differ only in case) gets "-2", "-3", ... in document order. A pure function of the
/// document, so every format links the same names.
/// </summary>
public static class PlotFiles
{
    /// <summary>The folder, relative to the report folder, that holds the plots.</summary>
    public const string Folder = "plots";

    /// <summary>Every figure of every claim, in document order, with its file name.</summary>
    public static IReadOnlyList<PlotFile> For(ReportDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<PlotFile>();
        int counter = 0;
        foreach (ClaimReport claim in document.Claims)
        {
            foreach (Figure figure in claim.Figures)
            {
                string stem = Sanitise(claim.Id) + "-" + Sanitise(figure.Name);
                string name = stem;
                for (int suffix = 2; !used.Add(name); suffix++) name = stem + "-" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                counter++;
                files.Add(new PlotFile(claim, figure, $"{Folder}/{name}.svg", "figure-" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return files;
    }

    /// <summary>The CSV beside a figure's SVG (its data, <see cref="FigureCsv"/>): the same name with .csv.</summary>
    public static string CsvPath(PlotFile plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.RelativePath[..^".svg".Length] + ".csv";
    }

    /// <summary>Lower case, [a-z0-9.-] kept, everything else '-', runs of '-' collapsed, no leading or trailing '-' or '.'; "figure" if nothing is left.</summary>
    public static string Sanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            char kept = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' ? c : '-';
            if (kept == '-' && builder.Length > 0 && builder[^1] == '-') continue;
            builder.Append(kept);
        }
        string result = builder.ToString().Trim('-', '.');
        return result.Length == 0 ? "figure" : result;
    }
}
