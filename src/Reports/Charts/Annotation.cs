namespace LocalSgdVerify.Reports.Charts;

/// <summary>A short text pinned to the data point (X, Y), drawn beside a small ring. An annotation whose point lies
/// outside the plotted range is left out with a note.</summary>
/// <param name="Text">The text, e.g. "H = 1 (synchronous)".</param>
/// <param name="X">Horizontal data coordinate of the point.</param>
/// <param name="Y">Vertical data coordinate of the point.</param>
public sealed record Annotation(string Text, double X, double Y);
