namespace LocalSgdVerify.Model.Communication;

/// <summary>A communication schedule that does not produce a strictly increasing set of steps ending at T.</summary>
public sealed class ScheduleException(string kind, string problem)
    : InvalidOperationException($"communication schedule '{kind}' {problem}; a schedule must give strictly increasing sync steps in 1..T that end at T.")
{
    /// <summary>The schedule's kind.</summary>
    public string Kind { get; } = kind;
}
