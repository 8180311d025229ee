using LocalSgdVerify.Validation.Blackbox;
using LocalSgdVerify.Validation.Scenarios;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// Checks, before any implementation is started, that every scenario can be sent in the chosen mode (a mistake in a
/// scenario is the user's input error, exit code 2, not the implementation's), and prepares the blackbox references.
/// </summary>
public static class ScenarioPreparation
{
    /// <summary>Throws <see cref="NotSupportedException"/> naming the scenario and the reason when it cannot run in <paramref name="mode"/>.</summary>
    public static IReadOnlyList<PreparedScenario> Prepare(IReadOnlyList<ValidationScenario> scenarios, ValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var prepared = new List<PreparedScenario>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            if (!names.Add(scenario.Name))
                throw new NotSupportedException($"two scenarios are named \"{scenario.Name}\"; scenario names must be unique in one validation");
            try
            {
                if (mode == ValidationMode.Oracle)
                {
                    _ = ProtocolVocabulary.OutputName(scenario.Scenario.Configuration.Output);
                    prepared.Add(new PreparedScenario(scenario, null));
                }
                else
                {
                    prepared.Add(new PreparedScenario(scenario, BlackboxValidator.Prepare(scenario)));
                }
            }
            catch (NotSupportedException reason)
            {
                throw new NotSupportedException($"scenario {scenario.Name}{(scenario.Scenario.Source is { } source ? $" ({source})" : "")} cannot run in {ModeName(mode)} mode: {reason.Message}", reason);
            }
        }
        return prepared;
    }

    /// <summary>oracle or blackbox.</summary>
    public static string ModeName(ValidationMode mode) => mode == ValidationMode.Oracle ? "oracle" : "blackbox";
}

/// <summary>A scenario checked for its mode; blackbox scenarios carry their prepared validator (reference and assertion names).</summary>
public sealed record PreparedScenario(ValidationScenario Scenario, BlackboxValidator? Blackbox);
