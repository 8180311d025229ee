namespace LocalSgdVerify.Validation.Trace;

/// <summary>
/// The mismatches of one trace in bounded memory: every one is counted (per code), the first
/// <see cref="Kept"/> in line order are kept. A log that misses every sync of T = 10⁹ steps thus yields its counts
/// and its first mismatches, not 10⁹ sentences.
/// </summary>
internal sealed class MismatchList
{
    /// <summary>Mismatches kept (and listed by --format json).</summary>
    public const int Kept = 10_000;

    // The kept ones, largest (line, order) on top, so a better one can replace it.
    private readonly PriorityQueue<TraceMismatch, (long Line, long Order)> kept = new(Comparer<(long Line, long Order)>.Create((a, b) => b.CompareTo(a)));
    private readonly Dictionary<string, long> counts = [];
    private long order;

    /// <summary>Every mismatch added.</summary>
    public long Count { get; private set; }

    /// <summary>Counts the mismatch and keeps it when it is among the first <see cref="Kept"/>; the sentence is only made then.</summary>
    public void Add(string code, long line, int? step, int? worker, Func<string> message)
    {
        Count++;
        counts[code] = counts.GetValueOrDefault(code) + 1;
        var key = (line, order++);
        if (kept.Count == Kept)
        {
            kept.TryPeek(out _, out var worst);
            if (key.CompareTo(worst) > 0) return;
            kept.Dequeue();
        }
        kept.Enqueue(new TraceMismatch(code, line, step, worker, message()), key);
    }

    /// <summary>The kept mismatches in line order (ties in the order they were found).</summary>
    public IReadOnlyList<TraceMismatch> InLineOrder() =>
        kept.UnorderedItems.OrderBy(item => item.Priority).Select(item => item.Element).ToArray();

    /// <summary>
    /// True when a mismatch at <paramref name="line"/> added now would be kept; when false the caller may count it
    /// with <see cref="CountOnly"/> instead and skip making its sentence.
    /// </summary>
    public bool Keeps(long line)
    {
        if (kept.Count < Kept) return true;
        kept.TryPeek(out _, out var worst);
        return (line, order).CompareTo(worst) < 0;
    }

    /// <summary>Counts a mismatch that <see cref="Keeps"/> said would not be kept.</summary>
    public void CountOnly(string code)
    {
        Count++;
        counts[code] = counts.GetValueOrDefault(code) + 1;
        order++;
    }

    /// <summary>Mismatches per code, in the order the codes first occurred.</summary>
    public IReadOnlyDictionary<string, long> CountsByCode => counts;
}
