using System.Collections.Immutable;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>How the labelled ticks of a <see cref="TickSet"/> were chosen.</summary>
public enum TickSpacing
{
    /// <summary>Every integer multiple of a step s = m·10^k, m ∈ {1, 2, 5}, inside the range.</summary>
    Step,

    /// <summary>Powers of ten 10^j inside the range with j a multiple of a decade step d ∈ {1, 2, 5, 10, 20, ...}.</summary>
    Decades,

    /// <summary>Values m·10^k, m ∈ {1, 2, 5}, inside the range (log axes spanning about one to three decades).</summary>
    OneTwoFive,
}

/// <summary>Tick positions of one axis, in data units, strictly increasing and inside the axis range.</summary>
/// <param name="Spacing">Rule that produced <paramref name="Major"/>.</param>
/// <param name="Major">Labelled ticks with grid lines.</param>
/// <param name="Minor">Short unlabelled ticks (log axes: 2..9 × 10^k between decades); none on linear axes.</param>
/// <param name="Step">For <see cref="TickSpacing.Step"/> the step s, for <see cref="TickSpacing.Decades"/> the
/// decade step d; 0 for <see cref="TickSpacing.OneTwoFive"/>.</param>
public sealed record TickSet(TickSpacing Spacing, ImmutableArray<double> Major, ImmutableArray<double> Minor, double Step);
