namespace LocalSgdVerify.Model.Scenarios.Schema;

/// <summary>
/// One field of a scenario object as its reader declares it: the name, the shape of its value, whether it is required
/// and what it means. The readers' field tables are the one source of the field names they accept and of
/// docs/scenario.schema.json (<see cref="ScenarioSchema"/>); context-dependent ranges (a period at most T, x0 of length
/// d) are the reader's to check and are left to the descriptions.
/// </summary>
/// <param name="Name">The JSON field name.</param>
/// <param name="Shape">What its value may be.</param>
/// <param name="Description">One sentence for the schema (symbols as in claims.md, ASCII only).</param>
/// <param name="Required">True when the reader refuses a scenario without it.</param>
public sealed record ScenarioField(string Name, SchemaShape Shape, string? Description = null, bool Required = false)
{
    /// <summary>A required field.</summary>
    public static ScenarioField Needed(string name, SchemaShape shape, string? description = null) => new(name, shape, description, Required: true);

    /// <summary>An optional field.</summary>
    public static ScenarioField Optional(string name, SchemaShape shape, string? description = null) => new(name, shape, description);

    /// <summary>The names of <paramref name="fields"/>, in order.</summary>
    public static IReadOnlyList<string> NamesOf(IEnumerable<ScenarioField> fields) => fields.Select(field => field.Name).ToArray();
}

/// <summary>
/// A rule across the fields of one object, for the schema: exactly one of the <paramref name="Alternatives"/> holds,
/// each alternative being fields that must all be present and fields that must then be absent.
/// </summary>
/// <param name="Alternatives">The alternatives, each (required fields, excluded fields).</param>
public sealed record FieldRule(IReadOnlyList<(IReadOnlyList<string> Present, IReadOnlyList<string> Absent)> Alternatives)
{
    /// <summary>Exactly one of the fields is given.</summary>
    public static FieldRule ExactlyOneOf(params string[] fields) => new(fields.Select(field => ((IReadOnlyList<string>)[field], (IReadOnlyList<string>)[])).ToArray());
}
