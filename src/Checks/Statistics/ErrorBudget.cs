using LocalSgdVerify.Model.Text;
namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Splits the suite's total false-fail rate α (default 1e-4, claims.md §6) across its statistical assertions, so
/// that the probability that any true claim is reported as failing is at most α.
/// </summary>
/// <remarks>
/// <para>Usage: register every assertion up front (<see cref="Register"/>), then read shares. The first read seals
/// the budget — the count m must be fixed before any assertion is evaluated, or the split would depend on the data.</para>
/// <para>Bonferroni (weighted): assertion i gets αᵢ = α · wᵢ / Σⱼ wⱼ (α/m with equal weights), and is evaluated with a
/// confidence interval at level 1 − αᵢ. By the union bound, P(any false fail) ≤ Σ αᵢ = α, whatever the dependence
/// between assertions.</para>
/// <para>Holm (1979), when assertions produce p-values for "the claim holds": sort by pᵢ/wᵢ; at each step reject
/// (fail) the next assertion while pᵢ ≤ α · wᵢ / (sum of weights not yet rejected), and stop at the first that is not
/// rejected. With equal weights the thresholds are α/m, α/(m − 1), …, α. Holm controls the same family-wise rate α
/// and rejects every assertion Bonferroni rejects, and possibly more.</para>
/// </remarks>
public sealed class ErrorBudget
{
    /// <summary>The suite's default total false-fail rate, 1e-4.</summary>
    public const double DefaultTotalFalseFailRate = 1e-4;

    private readonly List<AssertionShare> assertions = [];
    private readonly Dictionary<string, AssertionShare> byName = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool isSealed;

    /// <summary>Creates an empty budget with total false-fail rate α ∈ (0, 1).</summary>
    public ErrorBudget(double totalFalseFailRate = DefaultTotalFalseFailRate)
    {
        Require.OpenUnitInterval(totalFalseFailRate, nameof(totalFalseFailRate));
        TotalFalseFailRate = totalFalseFailRate;
    }

    /// <summary>The total false-fail rate α being split.</summary>
    public double TotalFalseFailRate { get; }

    /// <summary>Number of registered assertions m.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return assertions.Count;
            }
        }
    }

    /// <summary>True once a share has been read (or <see cref="Seal"/> called): no more assertions can be registered.</summary>
    public bool IsSealed
    {
        get
        {
            lock (gate)
            {
                return isSealed;
            }
        }
    }

    /// <summary>The registered assertions in registration order.</summary>
    public IReadOnlyList<AssertionShare> Assertions
    {
        get
        {
            lock (gate)
            {
                return assertions.ToArray();
            }
        }
    }

    /// <summary>
    /// Bonferroni share α/m of a total rate α split equally over m assertions. The confidence level of each
    /// assertion's interval is then 1 − α/m.
    /// </summary>
    public static double Split(double totalFalseFailRate, int assertionCount)
    {
        Require.OpenUnitInterval(totalFalseFailRate, nameof(totalFalseFailRate));
        if (assertionCount < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(assertionCount), assertionCount, $"assertionCount must be at least 1, got {assertionCount}.");
        }
        return totalFalseFailRate / assertionCount;
    }

    /// <summary>Bonferroni decisions: pᵢ ≤ α/m rejects (fails) assertion i.</summary>
    public static IReadOnlyList<bool> Bonferroni(IReadOnlyList<double> pValues, double totalFalseFailRate)
    {
        CheckPValues(pValues);
        double share = Split(totalFalseFailRate, pValues.Count);
        return pValues.Select(pValue => pValue <= share).ToArray();
    }

    /// <summary>
    /// Holm's step-down decisions with equal weights: with p₍₁₎ ≤ … ≤ p₍ₘ₎ (ties in input order), reject
    /// p₍ⱼ₎ for j = 1, 2, … while p₍ⱼ₎ ≤ α/(m − j + 1); stop at the first failure. Returns, per input position,
    /// whether that assertion is rejected.
    /// </summary>
    public static IReadOnlyList<bool> Holm(IReadOnlyList<double> pValues, double totalFalseFailRate)
    {
        CheckPValues(pValues);
        Require.OpenUnitInterval(totalFalseFailRate, nameof(totalFalseFailRate));
        var steps = HolmCore(pValues.Select(pValue => (pValue, 1.0)).ToArray(), totalFalseFailRate);
        bool[] rejected = new bool[pValues.Count];
        foreach (var step in steps)
        {
            rejected[step.Index] = step.Rejected;
        }
        return rejected;
    }

    /// <summary>
    /// Registers an assertion with a weight (default 1); its share will be α · weight / Σ weights. Names must be
    /// unique. Throws once the budget is sealed.
    /// </summary>
    public AssertionShare Register(string name, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Require.Positive(weight, nameof(weight));
        lock (gate)
        {
            if (isSealed)
            {
                throw new InvalidOperationException(
                    $"Cannot register assertion '{name}': the error budget is sealed because a share was already read; " +
                    "register every assertion before evaluating any.");
            }
            if (byName.ContainsKey(name))
            {
                throw new ArgumentException($"An assertion named '{name}' is already registered; names must be unique.", nameof(name));
            }
            var share = new AssertionShare(this, name, weight, assertions.Count);
            assertions.Add(share);
            byName.Add(name, share);
            return share;
        }
    }

    /// <summary>
    /// Registers <paramref name="count"/> assertions of weight 1, named "<paramref name="name"/> #1", "#2", … (none when
    /// the count is 0): the statistical assertions of one claim, counted from its design before anything runs.
    /// </summary>
    public IReadOnlyList<AssertionShare> RegisterEach(string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(1, count).Select(index => Register($"{name} #{index}")).ToArray();
    }

    /// <summary>Fixes the set of assertions; later registrations throw. Needs at least one assertion.</summary>
    public void Seal()
    {
        lock (gate)
        {
            if (assertions.Count == 0)
            {
                throw new InvalidOperationException("An error budget needs at least one registered assertion before it is used.");
            }
            isSealed = true;
        }
    }

    /// <summary>The share of a registered assertion by name (seals the budget).</summary>
    public double ShareOf(string name)
    {
        lock (gate)
        {
            if (!byName.TryGetValue(name, out var share))
            {
                throw new ArgumentException($"No assertion named '{name}' is registered in this error budget.", nameof(name));
            }
            return ShareOf(share);
        }
    }

    /// <summary>
    /// Weighted Holm step-down over all registered assertions (seals the budget). Every registered name needs a
    /// p-value for "the claim holds"; returns one decision per assertion, in the order Holm examined them.
    /// </summary>
    public IReadOnlyList<HolmDecision> Holm(IReadOnlyDictionary<string, double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        AssertionShare[] registered;
        lock (gate)
        {
            Seal();
            registered = assertions.ToArray();
        }
        foreach (string name in pValues.Keys)
        {
            if (!registered.Any(share => share.Name == name))
            {
                throw new ArgumentException($"p-value given for '{name}', which is not a registered assertion.", nameof(pValues));
            }
        }
        var entries = registered.Select(share =>
        {
            if (!pValues.TryGetValue(share.Name, out double pValue))
            {
                throw new ArgumentException(
                    $"No p-value for registered assertion '{share.Name}'; Holm needs all {registered.Length} of them.", nameof(pValues));
            }
            CheckPValue(pValue, share.Name);
            return (pValue, share.Weight);
        }).ToArray();
        return HolmCore(entries, TotalFalseFailRate)
            .Select(step => new HolmDecision(
                registered[step.Index].Name, entries[step.Index].pValue, entries[step.Index].Weight, step.Threshold, step.Rejected, step.Step))
            .ToArray();
    }

    internal double ShareOf(AssertionShare share)
    {
        lock (gate)
        {
            Seal();
            // Summed exactly as Holm sums it, so Holm's first threshold equals this share bit for bit.
            double totalWeight = CompensatedSum.Sum(assertions.Select(registered => registered.Weight).ToArray());
            return TotalFalseFailRate * share.Weight / totalWeight;
        }
    }

    /// <summary>Weighted Holm on (p, w) pairs; returns, in examination order, each input index with its threshold and decision.</summary>
    private static (int Index, double Threshold, bool Rejected, int Step)[] HolmCore((double PValue, double Weight)[] entries, double total)
    {
        // Order by p/w; ties keep input order so the outcome is deterministic.
        int[] order = Enumerable.Range(0, entries.Length)
            .OrderBy(index => entries[index].PValue / entries[index].Weight)
            .ThenBy(index => index)
            .ToArray();
        // Subtracting rejected weights can only lower this (rounding is monotone), so every Holm threshold is at
        // least the Bonferroni share α·w/Σw and Holm rejects a superset of what Bonferroni rejects.
        double remainingWeight = CompensatedSum.Sum(entries.Select(entry => entry.Weight).ToArray());

        var steps = new (int Index, double Threshold, bool Rejected, int Step)[entries.Length];
        bool stopped = false;
        for (int step = 0; step < order.Length; step++)
        {
            var entry = entries[order[step]];
            double threshold = total * entry.Weight / remainingWeight;
            bool rejected = !stopped && entry.PValue <= threshold;
            if (rejected)
            {
                remainingWeight -= entry.Weight;
            }
            else
            {
                stopped = true;
            }
            steps[step] = (order[step], threshold, rejected, step + 1);
        }
        return steps;
    }

    private static void CheckPValues(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (pValues.Count == 0)
        {
            throw new ArgumentException("At least one p-value is needed.", nameof(pValues));
        }
        for (int index = 0; index < pValues.Count; index++)
        {
            CheckPValue(pValues[index], $"pValues[{index}]");
        }
    }

    private static void CheckPValue(double pValue, string name)
    {
        if (!(pValue >= 0 && pValue <= 1))
        {
            throw new ArgumentOutOfRangeException(name, pValue, $"The p-value of {name} must lie in [0, 1], got {NumberText.RoundTrip(pValue)}.");
        }
    }
}

/// <summary>
/// One assertion's part of an <see cref="ErrorBudget"/>. Reading <see cref="FalseFailRate"/> seals the budget.
/// </summary>
public sealed class AssertionShare
{
    private readonly ErrorBudget budget;

    internal AssertionShare(ErrorBudget budget, string name, double weight, int index)
    {
        this.budget = budget;
        Name = name;
        Weight = weight;
        Index = index;
    }

    /// <summary>The assertion's unique name.</summary>
    public string Name { get; }

    /// <summary>Its weight wᵢ in the split.</summary>
    public double Weight { get; }

    /// <summary>Registration position (0-based).</summary>
    public int Index { get; }

    /// <summary>αᵢ = α · wᵢ / Σⱼ wⱼ: the probability this assertion may fail when its claim is true.</summary>
    public double FalseFailRate => budget.ShareOf(this);

    /// <summary>1 − αᵢ: the confidence level at which this assertion's interval must be built.</summary>
    public double ConfidenceLevel => 1 - FalseFailRate;
}

/// <summary>One step of Holm's procedure.</summary>
/// <param name="Name">Assertion name.</param>
/// <param name="PValue">Its p-value for "the claim holds".</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Threshold">α · w / (weight not yet rejected) at the step it was examined.</param>
/// <param name="Rejected">True when the claim is rejected (the assertion fails) with family-wise error ≤ α.</param>
/// <param name="Step">1-based position in Holm's order (by p/w).</param>
public sealed record HolmDecision(string Name, double PValue, double Weight, double Threshold, bool Rejected, int Step);
