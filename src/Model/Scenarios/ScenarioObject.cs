using System.Text.Json;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// One JSON object of a scenario with its path (<c>""</c> for the top level, <c>communication</c>, ...): typed
/// access to its fields, defaults for optional ones, and a check that every field is known. Duplicate fields are
/// refused, since JSON readers disagree on which one wins.
/// </summary>
public sealed class ScenarioObject
{
    private readonly Dictionary<string, JsonElement> fields;

    private ScenarioObject(string path, Dictionary<string, JsonElement> fields)
    {
        Path = path;
        this.fields = fields;
    }

    /// <summary>Dotted path of this object; empty for the top level.</summary>
    public string Path { get; }

    /// <summary>How messages name this object: its path, or "the top level".</summary>
    public string Name => Path.Length == 0 ? "the top level" : Path;

    /// <summary>Wraps <paramref name="element"/>, which must be a JSON object without duplicate fields.</summary>
    public static ScenarioObject Of(JsonElement element, string path, string allowed = "an object")
    {
        if (element.ValueKind != JsonValueKind.Object) throw ScenarioException.NotAllowed(path.Length == 0 ? "(top level)" : path, element, allowed);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
                throw new ScenarioException(Join(path, property.Name), $"duplicate field '{property.Name}' in {(path.Length == 0 ? "the top level" : path)}; each field may appear once.");
        }
        return new ScenarioObject(path, fields);
    }

    /// <summary>The path of a child field.</summary>
    public string PathOf(string field) => Join(Path, field);

    /// <summary>Throws for the first field not in <paramref name="known"/>, listing the known ones and the nearest match.</summary>
    public void AllowOnly(IReadOnlyCollection<string> known)
    {
        foreach (string name in fields.Keys)
        {
            if (known.Contains(name)) continue;
            string? nearest = Spelling.Nearest(name, known);
            string hint = nearest is null ? "" : $" (did you mean '{nearest}'?)";
            throw new ScenarioException(PathOf(name), $"unknown field '{name}' in {Name}{hint}; known fields: {string.Join(", ", known)}.");
        }
    }

    /// <summary>True when the field is present (null counts as present and is then refused by the reader).</summary>
    public bool Has(string field) => fields.ContainsKey(field);

    /// <summary>The field's value, or null when absent.</summary>
    public JsonElement? Find(string field) => fields.TryGetValue(field, out JsonElement value) ? value : null;

    /// <summary>The field's value; throws "is missing" with <paramref name="allowed"/> when absent.</summary>
    public JsonElement Require(string field, string allowed)
        => fields.TryGetValue(field, out JsonElement value) ? value : throw ScenarioException.Missing(PathOf(field), allowed);

    /// <summary>A required number.</summary>
    public double Number(string field, NumberRule rule) => ScenarioValues.Number(Require(field, rule.Description), PathOf(field), rule);

    /// <summary>An optional number with its default.</summary>
    public double Number(string field, NumberRule rule, double defaultValue)
        => Find(field) is JsonElement value ? ScenarioValues.Number(value, PathOf(field), rule) : defaultValue;

    /// <summary>A required integer.</summary>
    public int Integer(string field, IntegerRule rule) => ScenarioValues.Integer(Require(field, rule.Description), PathOf(field), rule);

    /// <summary>An optional integer with its default.</summary>
    public int Integer(string field, IntegerRule rule, int defaultValue)
        => Find(field) is JsonElement value ? ScenarioValues.Integer(value, PathOf(field), rule) : defaultValue;

    /// <summary>A required string from a fixed list.</summary>
    public string Choice(string field, IReadOnlyCollection<string> allowed)
        => ScenarioValues.Choice(Require(field, "one of " + string.Join(", ", allowed)), PathOf(field), allowed);

    /// <summary>A required non-empty string.</summary>
    public string Text(string field) => ScenarioValues.Text(Require(field, "a non-empty string"), PathOf(field), allowEmpty: false);

    /// <summary>An optional string.</summary>
    public string Text(string field, string defaultValue)
        => Find(field) is JsonElement value ? ScenarioValues.Text(value, PathOf(field), allowEmpty: true) : defaultValue;

    /// <summary>An optional boolean.</summary>
    public bool Boolean(string field, bool defaultValue)
        => Find(field) is JsonElement value ? ScenarioValues.Boolean(value, PathOf(field)) : defaultValue;

    /// <summary>A required list of numbers.</summary>
    public double[] NumberList(string field, NumberRule rule, int? length = null, string? lengthNote = null)
        => ScenarioValues.NumberList(Require(field, "a non-empty list of numbers"), PathOf(field), rule, length, lengthNote);

    /// <summary>A required list of integers.</summary>
    public int[] IntegerList(string field, IntegerRule rule)
        => ScenarioValues.IntegerList(Require(field, $"a non-empty list of integers, each {rule.Description}"), PathOf(field), rule);

    /// <summary>A required nested object.</summary>
    public ScenarioObject Object(string field, string allowed = "an object")
        => Of(Require(field, allowed), PathOf(field), allowed);

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";
}

/// <summary>Finds the known name nearest to a misspelt one, for "did you mean" hints.</summary>
internal static class Spelling
{
    /// <summary>The known name within edit distance 2 of <paramref name="name"/> (the closest, first on ties), or null.</summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in known)
        {
            int distance = Distance(name, candidate);
            if (distance < bestDistance) { best = candidate; bestDistance = distance; }
        }
        return best;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions
    // ("peroid" is one transposition from "period").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
