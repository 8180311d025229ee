using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>Writes lists of steps for messages: "10, 20, 30, …, 60" (the first few, then the last).</summary>
public static class StepListText
{
    /// <summary>The list with at most <paramref name="shown"/> leading entries, an ellipsis and the last entry.</summary>
    public static string Describe(IReadOnlyList<int> steps, int shown = 4)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) return "no step";
        if (steps.Count <= shown + 1) return string.Join(", ", steps.Select(step => Integer(step)));
        return string.Join(", ", steps.Take(shown).Select(step => Integer(step))) + ", …, " + Integer(steps[^1]);
    }
}
