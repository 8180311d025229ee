using System.Security.Cryptography;
using System.Text.Json;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>
/// A configuration's identity as a measurement key: the first 16 hex digits of the SHA-256 of its scenario JSON
/// (problem with every parameter, N, T, x0, step size, communication, output, checkpoints, divergence bound, as
/// <see cref="ScenarioWriter.WriteConfigurationFields"/> writes them), after a short readable prefix. Two
/// configurations that run differently write different JSON, so they never share a key.
/// </summary>
public static class ConfigurationFingerprint
{
    /// <summary>"family/N=…/T=…/kind#0123456789abcdef".</summary>
    public static string Of(LocalSgdConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            ScenarioWriter.WriteConfigurationFields(writer, configuration);
            writer.WriteEndObject();
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..16];
        return $"{configuration.Problem.Family}/N={configuration.Workers}/T={configuration.Steps}/{configuration.Communication.Kind}#{hash}";
    }
}
