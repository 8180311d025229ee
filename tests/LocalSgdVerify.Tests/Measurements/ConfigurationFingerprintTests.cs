using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>A configuration's measurement key is the same for equal configurations and differs when anything that changes the run differs.</summary>
public sealed class ConfigurationFingerprintTests
{
    private static LocalSgdConfiguration Configuration(double noise = 0.5, int workers = 4, int steps = 100, double scale = 3, int period = 5, double start = 1) =>
        new(new SeparableQuadratic([1.0, 2.0, 3.0], 1, noise), workers, steps, [start, start, start], new InverseTimeStepSize(scale, 1), new ConstantPeriod(period));

    [Fact]
    public void EqualConfigurationsShareTheirFingerprint() =>
        Assert.Equal(ConfigurationFingerprint.Of(Configuration()), ConfigurationFingerprint.Of(Configuration()));

    [Fact]
    public void EveryParameterThatChangesTheRunChangesTheFingerprint()
    {
        string reference = ConfigurationFingerprint.Of(Configuration());
        var variants = new[]
        {
            Configuration(noise: 0.6), Configuration(workers: 5), Configuration(steps: 101), Configuration(scale: 2.5),
            Configuration(period: 6), Configuration(start: 0.9),
        };
        var fingerprints = variants.Select(ConfigurationFingerprint.Of).ToList();
        Assert.DoesNotContain(reference, fingerprints);
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
    }

    [Fact]
    public void TheFingerprintStartsWithAReadableDescription() =>
        Assert.StartsWith("separable-quadratic/N=4/T=100/constant-period#", ConfigurationFingerprint.Of(Configuration()));
}
