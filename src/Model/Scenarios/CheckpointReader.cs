using System.Text.Json;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads <c>checkpoints</c>, the steps at which the error is recorded: an explicit strictly increasing list in
/// 1..T (T is appended when missing, so the error at T is always reported), or <c>{"count": K, "spacing":
/// "log"|"linear"}</c>. Absent means T alone.
/// </summary>
public static class CheckpointReader
{
    /// <summary>The spacings of the generated form.</summary>
    public static IReadOnlyList<string> Spacings { get; } = ["log", "linear"];

    /// <summary>The field table of the generated form.</summary>
    public static IReadOnlyList<ScenarioField> GeneratedFields { get; } =
    [
        ScenarioField.Needed("count", SchemaShape.Integer(1), "K in 1..T."),
        ScenarioField.Optional("spacing", SchemaShape.Choice(Spacings).WithDefault("log")),
    ];

    /// <summary>The <c>checkpoints</c> field's schema: a list of steps, or the generated form.</summary>
    public static SchemaShape Shape { get; } = SchemaShape.OneOf(SchemaShape.List(SchemaShape.Integer(1)), SchemaShape.Object(GeneratedFields));

    /// <summary>The resolved checkpoints, increasing and ending at T.</summary>
    public static int[] Read(JsonElement? checkpoints, int steps)
    {
        const string path = "checkpoints";
        if (checkpoints is not JsonElement value) return [steps];
        var stepRule = new IntegerRule(1, steps, $"steps = {NumberText.Integer(steps)}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            ScenarioObject generated = ScenarioObject.Of(value, path);
            generated.AllowOnly(ScenarioField.NamesOf(GeneratedFields));
            int count = generated.Integer("count", new IntegerRule(1, steps, $"at most one checkpoint per step, steps = {NumberText.Integer(steps)}"));
            string spacing = generated.Find("spacing") is JsonElement given ? ScenarioValues.Choice(given, generated.PathOf("spacing"), Spacings) : "log";
            return spacing == "log" ? Logarithmic(count, steps) : Linear(count, steps);
        }
        if (value.ValueKind != JsonValueKind.Array)
            throw ScenarioException.NotAllowed(path, value, $"a list of steps in 1..{NumberText.Integer(steps)} or an object {{\"count\": K, \"spacing\": \"log\" | \"linear\"}}");
        int[] list = ScenarioValues.IntegerList(value, path, stepRule);
        for (int i = 1; i < list.Length; i++)
        {
            if (list[i] <= list[i - 1])
                throw ScenarioException.NotAllowed($"{path}[{NumberText.Integer(i)}]", NumberText.Integer(list[i]), $"a step > {NumberText.Integer(list[i - 1])} (the list must be strictly increasing)");
        }
        return list[^1] == steps ? list : [.. list, steps];
    }

    /// <summary>Round half away from zero of T^{i/(K−1)} for i = 0..K−1 (1 to T, geometric), duplicates removed; K = 1 gives T.</summary>
    public static int[] Logarithmic(int count, int steps)
    {
        if (count == 1) return [steps];
        var points = new SortedSet<int>();
        for (int i = 0; i < count; i++)
            points.Add((int)Math.Clamp(Math.Round(Math.Pow(steps, (double)i / (count - 1)), MidpointRounding.AwayFromZero), 1, steps));
        points.Add(steps);
        return points.ToArray();
    }

    /// <summary>Round(T·i/K) for i = 1..K (evenly spaced, ending at T), duplicates removed.</summary>
    public static int[] Linear(int count, int steps)
    {
        var points = new SortedSet<int>();
        for (int i = 1; i <= count; i++)
            points.Add((int)Math.Clamp(Math.Round((double)steps * i / count, MidpointRounding.AwayFromZero), 1, steps));
        points.Add(steps);
        return points.ToArray();
    }
}
