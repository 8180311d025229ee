using System.Diagnostics;

namespace LocalSgdVerify.QualityTests.Reports;

/// <summary>What one headless Chromium run printed.</summary>
internal sealed record BrowserRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs Debian's <c>chromium</c> headless on a file:// page, offline (no network features, no first-run or sync),
/// with a throw-away profile, and kills it (with its child processes) after the time limit.
/// </summary>
internal static class HeadlessChromium
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>The browser: LOCALSGD_CHROMIUM if set, else /usr/bin/chromium, else chromium on PATH; null when none exists.</summary>
    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("LOCALSGD_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs the browser with the common offline flags plus <paramref name="arguments"/> on <paramref name="url"/>.</summary>
    public static BrowserRun Run(string browser, string url, params string[] arguments)
    {
        string profile = Path.Combine(Path.GetTempPath(), "localsgd-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        })
            start.ArgumentList.Add(flag);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(url);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{browser} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeLimit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"{browser} did not finish within {TimeLimit.TotalSeconds} s on {url}; it was killed. stderr so far:\n{error.Result}");
            }
            process.WaitForExit();
            return new BrowserRun(process.ExitCode, output.Result, error.Result);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The lines of a browser log that report page problems: console messages (Chromium logs every console call as ":CONSOLE") and uncaught errors.</summary>
    public static IReadOnlyList<string> PageProblems(string log) =>
        log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal)).ToList();
}
