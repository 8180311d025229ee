using System.CommandLine;
using System.Text.Json;
using LocalSgdVerify.Checks.Framework;

namespace LocalSgdVerify.Cli.Check;

/// <summary><c>localsgd-verify list [--format table|json]</c>: the claim catalog (id, kind, title, source).</summary>
public sealed class ListCommand : ICommandDefinition
{
    /// <inheritdoc/>
    public string Name => "list";

    /// <inheritdoc/>
    public Command Create(CliEnvironment environment)
    {
        var formatOption = new Option<string?>("--format") { Description = "table (default) or json.", HelpName = "table|json" };
        var command = new Command(Name, "List the claims the suite checks.") { formatOption };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output, error = parseResult.InvocationConfiguration.Error;
            string format;
            try { format = FlagValues.Choice("--format", parseResult.GetValue(formatOption), ["table", "json"], "table"); }
            catch (CommandLineException bad) { error.WriteLine(bad.Message); return ExitCodes.BadInput; }
            var claims = ClaimCatalog.All;
            if (format == "json")
            {
                var rows = claims.Select(c => new { id = c.Id, kind = c.Kind.ToString().ToLowerInvariant(), title = c.Title, source = c.Source, statement = c.Statement });
                output.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return ExitCodes.Success;
            }
            int idWidth = claims.Max(c => c.Id.Length), kindWidth = claims.Max(c => c.Kind.ToString().Length);
            output.WriteLine($"{"id".PadRight(idWidth)}  {"kind".PadRight(kindWidth)}  title");
            foreach (var claim in claims)
            {
                output.WriteLine($"{claim.Id.PadRight(idWidth)}  {claim.Kind.ToString().ToLowerInvariant().PadRight(kindWidth)}  {claim.Title}");
                output.WriteLine($"{"".PadRight(idWidth)}  {"".PadRight(kindWidth)}  source: {claim.Source}");
            }
            output.WriteLine($"{LocalSgdVerify.Reports.Rendering.ReportText.Count(claims.Count, "claim")}. Run them with: localsgd-verify check [--claim ID ...] [--profile quick|ci|full]");
            return ExitCodes.Success;
        });
        return command;
    }
}
