using LocalSgdVerify.Benchmarks.Jobs;

/// <summary>BenchmarkDotNet's switcher, or <c>job ...</c> for one timed run of a comparison job (see <see cref="JobRunner"/>).</summary>
public static class BenchProgram
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "job") return JobRunner.Run(args[1..]);
        if (args.Length > 0 && args[0] == "generator") return GeneratorRate.Run(args[1..]);
        if (args.Length > 0 && args[0] == "exact") return ExactTiming.Run(args[1..]);
        if (args.Length > 0 && args[0] == "prototype") return PrototypeRate.Run(args[1..]);
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
