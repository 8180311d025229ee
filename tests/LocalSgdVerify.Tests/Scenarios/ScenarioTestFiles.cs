using System.Text.Json.Nodes;
using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>Locates the repository's example scenarios and builds scenario JSON for tests.</summary>
internal static class ScenarioTestFiles
{
    /// <summary>The repository's <c>scenarios/</c> folder, found by walking up from the test binaries.</summary>
    public static string ScenariosFolder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "LocalSgdVerify.sln")) && Directory.Exists(Path.Combine(folder.FullName, "scenarios")))
                    return Path.Combine(folder.FullName, "scenarios");
            }
            throw new DirectoryNotFoundException($"no scenarios/ folder above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Every example file name (without folder), sorted.</summary>
    public static IEnumerable<string> ExampleFileNames
        => Directory.GetFiles(ScenariosFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>
    /// A small valid scenario (d = 3, N = 4, T = 1000) that the error tests change one field at a time.
    /// </summary>
    public static JsonObject Base() => JsonNode.Parse("""
        {
          "name": "base",
          "problem": { "family": "separable-quadratic", "curvatures": [1, 2, 3], "multiplicative_noise": 0, "additive_noise": 0.5 },
          "workers": 4,
          "steps": 1000,
          "x0": 1,
          "step_size": { "kind": "inverse-time", "alpha": 3 },
          "communication": { "kind": "constant-period", "period": 10 }
        }
        """)!.AsObject();

    /// <summary>Sets (or, with a null value, removes) the field at a dotted path such as <c>problem.family</c>.</summary>
    public static JsonObject With(this JsonObject scenario, string path, string? valueJson)
    {
        string[] parts = path.Split('.');
        JsonObject parent = scenario;
        foreach (string part in parts[..^1]) parent = parent[part]!.AsObject();
        if (valueJson is null) parent.Remove(parts[^1]);
        else parent[parts[^1]] = JsonNode.Parse(valueJson);
        return scenario;
    }

    /// <summary>Parses a scenario with the default reader.</summary>
    public static Scenario Read(string json) => new ScenarioReader().Read(json);

    /// <summary>Parses a JSON object with the default reader.</summary>
    public static Scenario Read(JsonObject scenario) => Read(scenario.ToJsonString());
}
