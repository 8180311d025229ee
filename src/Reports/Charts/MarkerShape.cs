namespace LocalSgdVerify.Reports.Charts;

/// <summary>Marker drawn at a data point. Shapes differ so series stay apart in grey-scale print too.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle.</summary>
    Circle,

    /// <summary>Filled square.</summary>
    Square,

    /// <summary>Filled upward triangle.</summary>
    Triangle,

    /// <summary>Filled diamond.</summary>
    Diamond,

    /// <summary>Diagonal cross (stroke only).</summary>
    Cross,
}
