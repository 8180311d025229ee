namespace LocalSgdVerify.Model.Text;

/// <summary>
/// "Did you mean ...?" for a mistyped name (a command, a flag, a claim id, a flag's value): the known name nearest to
/// what was typed by edit distance (Levenshtein: insertions, deletions and substitutions, ignoring case), offered only
/// when it is close enough to be a plausible typo, so an unrelated word gets no guess.
/// </summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/>, or null when none is within
    /// max(1, ⌊length/3⌋) edits (about one typo per three characters); ties go to the earlier candidate.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        int allowed = Math.Max(1, typed.Length / 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = EditDistance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    /// <summary>" Did you mean 'check'?" (with its leading space) or "" when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is string closest ? $" Did you mean '{closest}'?" : "";

    /// <summary>The Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static int EditDistance(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        // One row of the dynamic-programming table at a time: previous[j] = distance(from[..i-1], to[..j]).
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (int j = 0; j <= to.Length; j++) previous[j] = j;
        for (int i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= to.Length; j++)
            {
                int substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[to.Length];
    }
}
