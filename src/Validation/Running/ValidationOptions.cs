using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Validation.Oracle;
using LocalSgdVerify.Validation.Scenarios;

namespace LocalSgdVerify.Validation.Running;

/// <summary>How <see cref="ValidationRunner"/> drives an implementation.</summary>
public sealed record ValidationOptions
{
    /// <summary>Oracle (default) or blackbox.</summary>
    public ValidationMode Mode { get; init; } = ValidationMode.Oracle;

    /// <summary>ρ of <see cref="PointTolerance"/>; default 1e-9 (float32 implementations need about 1e-5).</summary>
    public double RelativeTolerance { get; init; } = PointTolerance.DefaultRelativeTolerance;

    /// <summary>Longest wait for any one message from the implementation; default 30 s.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total false-fail rate of the blackbox assertions, split over all of them; default 1e-4.</summary>
    public double Alpha { get; init; } = ErrorBudget.DefaultTotalFalseFailRate;

    /// <summary>Receives the implementation's <c>log</c> messages.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives each scenario's result as soon as it is known.</summary>
    public Action<ScenarioResult>? Progress { get; init; }
}
