namespace LocalSgdVerify.Model.Scenarios.ProblemReaders;

/// <summary>The problem families a scenario may name, one <see cref="IProblemReader"/> each.</summary>
public sealed class ProblemReaderRegistry
{
    private readonly SortedDictionary<string, IProblemReader> readers = new(StringComparer.Ordinal);

    /// <summary>A registry of the given readers; two readers of one family are an error.</summary>
    public ProblemReaderRegistry(IEnumerable<IProblemReader> readers)
    {
        foreach (IProblemReader reader in readers)
        {
            if (!this.readers.TryAdd(reader.Family, reader))
                throw new ArgumentException($"two problem readers for family '{reader.Family}'", nameof(readers));
        }
    }

    /// <summary>
    /// Every family the suite ships. To add one: write a reader next to the others and list it here.
    /// </summary>
    public static ProblemReaderRegistry Default { get; } = new(
    [
        new SeparableQuadraticReader(),
        new KinkFunctionReader(),
        new SmoothFunctionReader(),
        new DenseQuadraticReader(),
        new LeastSquaresReader(),
        new LogisticRegressionReader(),
        new HeterogeneousQuadraticsReader(),
        new LabelNoiseUvToyReader(),
    ]);

    /// <summary>The family names, sorted.</summary>
    public IReadOnlyCollection<string> Families => readers.Keys;

    /// <summary>All readers, sorted by family.</summary>
    public IEnumerable<IProblemReader> Readers => readers.Values;

    /// <summary>The reader of a family, or null.</summary>
    public IProblemReader? Find(string family) => readers.GetValueOrDefault(family);

    /// <summary>A registry with these readers added (for tests and for families defined outside the model).</summary>
    public ProblemReaderRegistry With(params IProblemReader[] more) => new(readers.Values.Concat(more));
}
