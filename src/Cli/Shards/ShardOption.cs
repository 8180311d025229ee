using System.Globalization;
using LocalSgdVerify.Checks.Framework.Measurements;

namespace LocalSgdVerify.Cli.Shards;

/// <summary>
/// The <c>--shard K/N</c> flag of <c>check</c> and <c>simulate</c> (1 ≤ K ≤ N), or <c>--shard auto</c>, which reads
/// K and N from the job engine's environment, in this order:
/// <list type="bullet">
/// <item>Slurm job arrays: K = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP + 1 (step 1 when
/// unset), N = SLURM_ARRAY_TASK_COUNT; so <c>--array=0-3</c>, <c>1-4</c> and <c>0-6:2</c> all give shards 1..4 of 4.</item>
/// <item>Kubernetes Indexed Jobs: K = JOB_COMPLETION_INDEX + 1 (the index is 0-based), N from <c>--shard-count</c>
/// (the Job's completions), which the Job's environment does not carry.</item>
/// <item>Anything else, e.g. a CI matrix: K = LOCALSGD_SHARD_INDEX (1-based) and N = LOCALSGD_SHARD_COUNT.</item>
/// </list>
/// A bad value is one message naming the flag or variable, the value, and what is allowed.
/// </summary>
public static class ShardOption
{
    /// <summary>The shard index (1-based) of a CI matrix or any other launcher.</summary>
    public const string IndexVariable = "LOCALSGD_SHARD_INDEX";

    /// <summary>The shard count of a CI matrix or any other launcher.</summary>
    public const string CountVariable = "LOCALSGD_SHARD_COUNT";

    private const string Expected = "expected K/N with whole numbers 1 ≤ K ≤ N (e.g. 2/4), or auto";

    /// <summary>
    /// The shard, or null when <paramref name="text"/> (the --shard value) is null. <paramref name="countText"/> is
    /// --shard-count; <paramref name="environment"/> reads a variable (null when unset).
    /// </summary>
    public static ShardAssignment? Parse(string? text, string? countText, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int? count = FlagValues.Integer("--shard-count", countText, 1);
        if (text is null)
        {
            if (count is not null) throw new CommandLineException($"--shard-count = {countText} is not allowed without --shard auto: it gives N for a Kubernetes Indexed Job.");
            return null;
        }
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return FromEnvironment(count, environment);
        if (count is not null) throw new CommandLineException($"--shard-count = {countText} is not allowed with --shard {text}: N is already given; --shard-count goes with --shard auto.");
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryWhole(parts[0], out int index) || !TryWhole(parts[1], out int total))
            throw new CommandLineException($"--shard = {text} is not allowed: {Expected}.");
        return Assignment(index, total, $"--shard = {text}");
    }

    private static ShardAssignment FromEnvironment(int? count, Func<string, string?> environment)
    {
        if (environment("SLURM_ARRAY_TASK_ID") is string task)
        {
            int id = Variable("SLURM_ARRAY_TASK_ID", task, 0);
            int minimum = Variable("SLURM_ARRAY_TASK_MIN", environment("SLURM_ARRAY_TASK_MIN"), 0);
            int total = Variable("SLURM_ARRAY_TASK_COUNT", environment("SLURM_ARRAY_TASK_COUNT"), 1);
            int step = environment("SLURM_ARRAY_TASK_STEP") is string stepText ? Variable("SLURM_ARRAY_TASK_STEP", stepText, 1) : 1;
            if (count is int given && given != total)
                throw new CommandLineException($"--shard-count = {given} is not allowed here: the Slurm array has SLURM_ARRAY_TASK_COUNT = {total} tasks.");
            if ((id - minimum) % step != 0 || id < minimum || (id - minimum) / step >= total)
                throw new CommandLineException($"--shard auto: SLURM_ARRAY_TASK_ID = {id} is not one of {total} evenly spaced indices from SLURM_ARRAY_TASK_MIN = {minimum} with step {step}; submit the array as a range such as --array=0-{total - 1}.");
            return Assignment((id - minimum) / step + 1, total, $"--shard auto (SLURM_ARRAY_TASK_ID = {id})");
        }
        if (environment("JOB_COMPLETION_INDEX") is string completion)
        {
            int index = Variable("JOB_COMPLETION_INDEX", completion, 0);
            if (count is not int total)
                throw new CommandLineException($"--shard auto: JOB_COMPLETION_INDEX = {index} (a Kubernetes Indexed Job) needs --shard-count N, the Job's completions.");
            return Assignment(index + 1, total, $"--shard auto (JOB_COMPLETION_INDEX = {index}, --shard-count = {total})");
        }
        if (environment(IndexVariable) is string indexText)
        {
            int index = Variable(IndexVariable, indexText, 1);
            int total = count ?? Variable(CountVariable, environment(CountVariable), 1);
            return Assignment(index, total, $"--shard auto ({IndexVariable} = {index}, N = {total})");
        }
        throw new CommandLineException($"--shard auto found no shard in the environment: expected SLURM_ARRAY_TASK_ID (a Slurm array), JOB_COMPLETION_INDEX with --shard-count (a Kubernetes Indexed Job), or {IndexVariable} and {CountVariable}; or give --shard K/N.");
    }

    private static ShardAssignment Assignment(int index, int total, string source)
    {
        if (total < 1) throw new CommandLineException($"{source} is not allowed: the shard count N = {total} must be at least 1; {Expected}.");
        if (index < 1) throw new CommandLineException($"{source} is not allowed: the shard index K = {index} must be at least 1; {Expected}.");
        if (index > total) throw new CommandLineException($"{source} is not allowed: the shard index K = {index} is above the shard count N = {total}; {Expected}.");
        return new ShardAssignment(index, total);
    }

    private static int Variable(string name, string? text, int minimum)
    {
        if (text is null) throw new CommandLineException($"--shard auto: {name} is not set; it is needed with the other variables found.");
        if (TryWhole(text, out int value) && value >= minimum) return value;
        throw new CommandLineException($"--shard auto: {name} = {text} is not allowed: expected a whole number ≥ {minimum}.");
    }

    private static bool TryWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
