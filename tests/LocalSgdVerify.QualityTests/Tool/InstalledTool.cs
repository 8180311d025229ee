using System.Diagnostics;
using System.Text;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Tool;

/// <summary>
/// The tool as a user gets it: src/Cli packed (from the build the tests already ran), installed with
/// <c>dotnet tool install --tool-path</c> from a local package folder, and run from a folder outside the checkout.
/// NuGet reads only that folder (a nuget.config that clears every other source) and a package cache of its own, so
/// the install needs no network and can never pick up a stale package of the same version from the user's cache.
/// </summary>
public sealed class InstalledTool : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    // Backstops for a hung child, not speed limits: each step normally takes seconds.
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("localsgd-tool-");

    /// <summary>Packs and installs the tool; a failing step throws with the command and its output.</summary>
    public InstalledTool()
    {
        string packages = Folder("packages"), tools = Folder("tools");
        WorkingFolder = Folder("work");
        string dotnet = DotnetHost();
        Require(Execute(dotnet, ["pack", RepositoryPaths.Of("src", "Cli", "LocalSgdVerify.Cli.csproj"), "-c", Configuration, "--no-build", "-o", packages], root.FullName));
        string config = Path.Combine(root.FullName, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        Require(Execute(dotnet, ["tool", "install", "LocalSgdVerify", "--tool-path", tools, "--configfile", config], root.FullName,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Folder("nuget-cache") }));
        Command = Path.Combine(tools, OperatingSystem.IsWindows() ? "localsgd-verify.exe" : "localsgd-verify");
    }

    /// <summary>The installed command (the tool path's shim).</summary>
    public string Command { get; }

    /// <summary>The folder the tool runs in: empty, outside the repository.</summary>
    public string WorkingFolder { get; }

    /// <summary>Runs the installed command in <see cref="WorkingFolder"/>.</summary>
    public ProcessOutcome Run(params string[] arguments) => Execute(Command, arguments, WorkingFolder);

    /// <inheritdoc/>
    public void Dispose()
    {
        try { root.Delete(recursive: true); }
        catch (IOException) { /* a temporary folder left behind is harmless */ }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(root.FullName, name)).FullName;

    // The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void Require(ProcessOutcome outcome)
    {
        if (outcome.ExitCode != 0) throw new InvalidOperationException($"{outcome.Describe()} failed; the tool could not be packed or installed.");
    }

    private static ProcessOutcome Execute(string program, IReadOnlyList<string> arguments, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        // The tool's shim finds the runtime through DOTNET_ROOT when it is not in a default location.
        if (Path.IsPathRooted(DotnetHost())) start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost());
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (error) error.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessOutcome(program, arguments, folder, -1, output.ToString(), error + $"\n(killed after {StepLimit.TotalMinutes} minutes)");
        }
        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessOutcome(program, arguments, folder, process.ExitCode, output.ToString(), error.ToString());
    }
}

/// <summary>What one command printed and how it ended.</summary>
public sealed record ProcessOutcome(string Program, IReadOnlyList<string> Arguments, string Folder, int ExitCode, string Output, string Error)
{
    /// <summary>The command, its folder, exit code and both streams, for a failure message.</summary>
    public string Describe() =>
        $"`{Program} {string.Join(' ', Arguments)}` in {Folder} (exit {ExitCode})\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
