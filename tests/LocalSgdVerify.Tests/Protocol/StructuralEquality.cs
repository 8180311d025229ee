using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>
/// Compares two protocol messages field by field, doubles by their bits (so −0 ≠ +0), arrays element-wise and
/// JSON parameters with <see cref="JsonElement.DeepEquals"/>. Returns the path of the first difference, or null.
/// </summary>
internal static class StructuralEquality
{
    internal static string? FirstDifference(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: {Describe(expected)} vs {Describe(actual)}";
        // Sequences compare by content whatever their concrete type (a string[] may come back as a List<string>).
        if (expected is IEnumerable and not string && actual is IEnumerable and not string) return SequenceDifference((IEnumerable)expected, (IEnumerable)actual, path);
        if (expected.GetType() != actual.GetType()) return $"{path}: type {expected.GetType().Name} vs {actual.GetType().Name}";
        switch (expected)
        {
            case double left:
                return BitConverter.DoubleToInt64Bits(left) == BitConverter.DoubleToInt64Bits((double)actual)
                    ? null : $"{path}: {left:R} vs {(double)actual:R}";
            case string or int or long or bool or Enum:
                return expected.Equals(actual) ? null : $"{path}: {expected} vs {actual}";
            case JsonElement left:
                return JsonElement.DeepEquals(left, (JsonElement)actual) ? null : $"{path}: {left.GetRawText()} vs {((JsonElement)actual).GetRawText()}";
        }
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            var difference = FirstDifference(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
            if (difference is not null) return difference;
        }
        return null;
    }

    private static string? SequenceDifference(IEnumerable expected, IEnumerable actual, string path)
    {
        var leftItems = expected.Cast<object?>().ToList();
        var rightItems = actual.Cast<object?>().ToList();
        if (leftItems.Count != rightItems.Count) return $"{path}: {leftItems.Count} items vs {rightItems.Count}";
        for (var index = 0; index < leftItems.Count; index++)
            if (FirstDifference(leftItems[index], rightItems[index], $"{path}[{index}]") is { } difference) return difference;
        return null;
    }

    private static string Describe(object? value) => value is null ? "null" : value.ToString() ?? "?";
}
