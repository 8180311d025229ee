using System.Text.Json;
using System.Text.Json.Nodes;
using LocalSgdVerify.Cli;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;

namespace LocalSgdVerify.Tests.Cli;

/// <summary>What one in-process run of the tool produced.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the tool with captured stdout and stderr.</summary>
    public static CliRun Of(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = CommandLineApplication.Run(args, output, error, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the tool without an exact engine.</summary>
    public static CliRun Of(params string[] args) => Of(new CliEnvironment(null, ProblemReaderRegistry.Default), args);

    /// <summary>The JSON output with the non-deterministic <c>timing</c> field removed.</summary>
    public string DeterministicJson()
    {
        JsonObject root = JsonNode.Parse(Output)!.AsObject();
        root.Remove("timing");
        return root.ToJsonString();
    }
}

/// <summary>A temporary folder for scenario and output files, deleted after the test class.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates an empty folder under the system temp folder.</summary>
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "localsgd-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Writes a file into the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A path in the folder that does not exist yet.</summary>
    public string NewPath(string name) => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + "-" + name);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Small scenarios that run in well under a second.</summary>
internal static class CliScenarios
{
    /// <summary>The kink function, N = 4, T = 100, 64 replicates, three log-spaced checkpoints.</summary>
    public const string Kink = """
        {
          "name": "small-kink",
          "description": "a small kink scenario for the command-line tests",
          "problem": { "family": "kink", "noise": 8 },
          "workers": 4,
          "steps": 100,
          "x0": 2,
          "step_size": { "kind": "capped-inverse-time", "alpha": 2, "beta": 1, "cap": 0.5 },
          "communication": { "kind": "constant-period", "period": 25 },
          "checkpoints": { "count": 3, "spacing": "log" },
          "replicates": 64,
          "seed": 42
        }
        """;

    /// <summary>
    /// x_{t+1} = (1 − η·a) x_t = −4 x_t without noise (a = 1, η = 5, x0 = 1), so |x_t| = 4^t first exceeds the
    /// bound 10^6 at t = 10 (4^9 = 262144, 4^10 = 1048576) in every replicate; the lowest is replicate 0.
    /// </summary>
    public const string Diverging = """
        {
          "name": "diverging",
          "problem": { "family": "separable-quadratic", "curvatures": [1], "multiplicative_noise": 0, "additive_noise": 0 },
          "workers": 2,
          "steps": 50,
          "x0": 1,
          "step_size": { "kind": "constant", "value": 5 },
          "communication": { "kind": "every-step" },
          "divergence_bound": 1e6,
          "replicates": 20
        }
        """;

    /// <summary>Scalar quadratic a = 2 with additive noise σ = 1 and synchronous averaging: exact moments are elementary.</summary>
    public const string ScalarAdditive = """
        {
          "name": "scalar-additive",
          "problem": { "family": "separable-quadratic", "curvatures": [2], "multiplicative_noise": 0, "additive_noise": 1 },
          "workers": 4,
          "steps": 60,
          "x0": 1,
          "step_size": { "kind": "constant", "value": 0.1 },
          "communication": { "kind": "every-step" },
          "checkpoints": [10, 30, 60],
          "replicates": 400,
          "seed": 7
        }
        """;

    /// <summary>The loss-driven ADA-LUPA rule, whose sync steps differ between replicates.</summary>
    public const string RunDependent = """
        {
          "name": "run-dependent",
          "problem": { "family": "kink", "noise": 8 },
          "workers": 4,
          "steps": 200,
          "x0": 2,
          "step_size": { "kind": "capped-inverse-time", "alpha": 2, "cap": 0.5 },
          "communication": { "kind": "ada-lupa-loss", "initial_period": 5 },
          "replicates": 32
        }
        """;

    /// <summary>Reads a scenario's JSON text as a node so a test can change one field.</summary>
    public static JsonObject Node(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
}
