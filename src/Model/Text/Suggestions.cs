namespace LocalSgdVerify.Model.Text;

/// <summary>
/// "Did you mean ...?" for a mistyped name (a command, a flag, a claim id, a flag's value): the known name nearest to
/// what was typed by edit distance (insertions, deletions, substitutions and swaps of neighbours, ignoring case),
/// offered only when it is close enough to be a plausible typo, so an unrelated word gets no guess.
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

    /// <summary>
    /// The optimal string alignment distance (Damerau–Levenshtein restricted to edits that do not overlap a swap): the
    /// fewest single-character insertions, deletions, substitutions and swaps of two neighbours turning
    /// <paramref name="from"/> into <paramref name="to"/>. A swap ("jsno" for "json") is the commonest typo, so it costs
    /// one edit, not two.
    /// </summary>
    public static int EditDistance(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        // Three rows of the dynamic-programming table: rows[i % 3][j] = distance(from[..i], to[..j]).
        var rows = new int[3][];
        for (int r = 0; r < 3; r++) rows[r] = new int[to.Length + 1];
        for (int j = 0; j <= to.Length; j++) rows[0][j] = j;
        for (int i = 1; i <= from.Length; i++)
        {
            int[] current = rows[i % 3], previous = rows[(i - 1) % 3], beforePrevious = rows[(i + 1) % 3];
            current[0] = i;
            for (int j = 1; j <= to.Length; j++)
            {
                int best = Math.Min(previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1), Math.Min(previous[j] + 1, current[j - 1] + 1));
                if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1]) best = Math.Min(best, beforePrevious[j - 2] + 1);
                current[j] = best;
            }
        }
        return rows[from.Length % 3][to.Length];
    }
}
