namespace LocalSgdVerify.Model.Algorithm;

/// <summary>
/// Which iterate a run returns (claims.md §1): the last virtual average x̄^T (Spiridonoff, Haddadpour), the
/// Polyak–Ruppert average (1/T) Σ_{t=1..T} x̄^t (Patel–Dieuleveut) or Stich's weighted average
/// Σ w_t x̄^t / Σ w_t with w_t = (a + t)². Averages run over the iterates after each step, t = 1..T.
/// </summary>
public abstract record OutputIterate
{
    /// <summary>The kind used in scenario files.</summary>
    public abstract string Kind { get; }

    /// <summary>Weight w_t of x̄^t (t = 1..T) in the running average, or null for the last average.</summary>
    public abstract double? Weight(int step);

    /// <summary>x̄^T.</summary>
    public static OutputIterate LastAverage { get; } = new LastAverageIterate();

    /// <summary>(1/T) Σ x̄^t.</summary>
    public static OutputIterate PolyakRuppert { get; } = new PolyakRuppertIterate();

    /// <summary>Σ (a+t)² x̄^t / Σ (a+t)² (Stich, ICLR 2019, Thm 2.2).</summary>
    public static OutputIterate StichWeighted(double shift) => new StichWeightedIterate(shift);

    private sealed record LastAverageIterate : OutputIterate
    {
        public override string Kind => "last-average";
        public override double? Weight(int step) => null;
    }

    private sealed record PolyakRuppertIterate : OutputIterate
    {
        public override string Kind => "polyak-ruppert";
        public override double? Weight(int step) => 1.0;
    }

    /// <summary>Stich's (a + t)² weights.</summary>
    public sealed record StichWeightedIterate(double Shift) : OutputIterate
    {
        /// <inheritdoc/>
        public override string Kind => "stich-weighted";

        /// <inheritdoc/>
        public override double? Weight(int step) => (Shift + step) * (Shift + step);
    }
}
