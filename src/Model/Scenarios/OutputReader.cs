using System.Text.Json;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios.Schema;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads and writes the <c>output</c> field: the returned iterate (claims.md §1). Either a kind as a string
/// (<c>"polyak-ruppert"</c>) or an object <c>{"kind": "stich-weighted", "shift": a}</c>; Stich's shift defaults
/// to the a of a <c>stich</c> step size.
/// </summary>
public static class OutputReader
{
    /// <summary>The kinds a scenario may name.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["last-average", "polyak-ruppert", "stich-weighted"];

    /// <summary>The <c>output</c> field's schema: a kind as a string, or an object whose only other field is Stich's <c>shift</c>.</summary>
    public static SchemaShape Shape { get; } = SchemaShape.OneOf(
        SchemaShape.Choice(KindNames),
        SchemaShape.Object([ScenarioField.Needed("kind", SchemaShape.Choice(["last-average", "polyak-ruppert"]))]),
        SchemaShape.Tagged("kind", "stich-weighted", "Stich's weighted average of the averaged iterates.",
            [ScenarioField.Optional("shift", SchemaShape.Number(NumberRule.NonNegative), "a in the weights (a + t)^2, >= 0 (default: the a of a stich step size).")]));

    /// <summary>Reads <c>output</c> (absent means <c>last-average</c>).</summary>
    public static OutputIterate Read(JsonElement? output, IStepSizeSchedule stepSize)
    {
        const string path = "output";
        if (output is not JsonElement value) return OutputIterate.LastAverage;
        string kind;
        ScenarioObject? fields = null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            fields = ScenarioObject.Of(value, path);
            kind = fields.Choice("kind", KindNames);
            fields.AllowOnly(kind == "stich-weighted" ? ["kind", "shift"] : ["kind"]);
        }
        else
        {
            kind = ScenarioValues.Choice(value, path, KindNames);
        }

        switch (kind)
        {
            case "last-average": return OutputIterate.LastAverage;
            case "polyak-ruppert": return OutputIterate.PolyakRuppert;
        }
        IStepSizeSchedule inner = stepSize is PowerOfTwoRoundedStepSize rounded ? rounded.Inner : stepSize;
        if (fields?.Find("shift") is JsonElement shift)
            return OutputIterate.StichWeighted(ScenarioValues.Number(shift, "output.shift", NumberRule.NonNegative));
        if (inner is StichStepSize stich) return OutputIterate.StichWeighted(stich.Shift);
        throw ScenarioException.Missing("output.shift",
            "a finite number >= 0 (give {\"kind\": \"stich-weighted\", \"shift\": a}; it defaults to a only with a stich step size)");
    }

    /// <summary>Writes <c>"output": ...</c>.</summary>
    public static void Write(Utf8JsonWriter writer, OutputIterate output)
    {
        if (output is OutputIterate.StichWeightedIterate stich)
        {
            writer.WriteStartObject("output");
            writer.WriteString("kind", stich.Kind);
            writer.WriteNumber("shift", stich.Shift);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("output", output.Kind);
        }
    }
}
