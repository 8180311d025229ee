using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// The configurations a theorem quantifies over (claims.md §4a): an FsCheck generator of configuration records that
/// satisfy the theorem's hypotheses, a shrinker that proposes smaller configurations (toward small N, T, d and round
/// numbers), the hypotheses as a predicate (a shrink candidate outside the space is never tried) and in words.
/// Drawing is deterministic: the same seed and count give the same configurations, and the first k of a larger draw
/// are the draw of k (FsCheck threads one generator state through the samples).
/// </summary>
/// <typeparam name="T">The configuration record.</typeparam>
public sealed class AssumptionSpace<T>
{
    /// <summary>FsCheck's size parameter for every draw: the generators here do not depend on it, but it is fixed so draws are reproducible whatever FsCheck's default.</summary>
    public const int Size = 100;

    private readonly Func<T, IEnumerable<T>> shrinker;

    /// <summary>A space from its generator, shrinker, membership test and hypotheses in words.</summary>
    /// <param name="generator">Draws configurations; it is filtered by <paramref name="admits"/>, so it may propose a few outside the space.</param>
    /// <param name="shrinker">Smaller configurations than the given one, most aggressive first; candidates outside the space are dropped.</param>
    /// <param name="admits">True when a configuration satisfies every hypothesis.</param>
    /// <param name="describe">A configuration in one line of text, for reports.</param>
    /// <param name="hypotheses">The hypotheses in words with their sources.</param>
    public AssumptionSpace(Gen<T> generator, Func<T, IEnumerable<T>> shrinker, Func<T, bool> admits, Func<T, string> describe, IReadOnlyList<Hypothesis> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(shrinker);
        ArgumentNullException.ThrowIfNull(admits);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(hypotheses);
        Admits = admits;
        Describe = describe;
        Hypotheses = hypotheses;
        Generator = generator.Where(admits);
        this.shrinker = shrinker;
    }

    /// <summary>The generator of configurations inside the space.</summary>
    public Gen<T> Generator { get; }

    /// <summary>True when a configuration satisfies every hypothesis of the space.</summary>
    public Func<T, bool> Admits { get; }

    /// <summary>A configuration in one line of text.</summary>
    public Func<T, string> Describe { get; }

    /// <summary>The hypotheses in words, with their sources.</summary>
    public IReadOnlyList<Hypothesis> Hypotheses { get; }

    /// <summary>The generator and shrinker as an FsCheck arbitrary (for properties over the space).</summary>
    public Arbitrary<T> Arbitrary => Arb.From(Generator, Shrink);

    /// <summary><paramref name="count"/> configurations drawn from <paramref name="seed"/>, in order.</summary>
    public IReadOnlyList<T> Draw(ulong seed, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of configurations must be ≥ 0");
        return FsCheck.FSharp.Gen.Sample(new Rnd(seed), Size, count, Generator);
    }

    /// <summary>The shrink candidates of a configuration that lie inside the space, most aggressive first.</summary>
    public IEnumerable<T> Shrink(T configuration) => shrinker(configuration).Where(Admits);

    /// <summary>The same generator and shrinker under other hypotheses (a power test drops one to see the search find its edge).</summary>
    public AssumptionSpace<T> With(Gen<T> generator, Func<T, bool> admits, IReadOnlyList<Hypothesis> hypotheses) =>
        new(generator, shrinker, admits, Describe, hypotheses);
}
