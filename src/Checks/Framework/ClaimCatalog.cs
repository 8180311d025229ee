using System.Reflection;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// Every claim of the suite, found by reflection over this assembly (each public, non-abstract IClaim with a
/// parameterless constructor), ordered by id. A new claim is one new file.
/// </summary>
public static class ClaimCatalog
{
    private static readonly Lazy<IReadOnlyList<IClaim>> Claims = new(() => typeof(ClaimCatalog).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: false, IsPublic: true } && typeof(IClaim).IsAssignableFrom(type)
            && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
        .Select(type => (IClaim)Activator.CreateInstance(type)!)
        .OrderBy(claim => claim.Id, StringComparer.Ordinal)
        .ToList());

    /// <summary>All claims, by id.</summary>
    public static IReadOnlyList<IClaim> All => Claims.Value;

    /// <summary>
    /// The claims selected by ids; an id may name a paper prefix (<c>spiridonoff</c> selects every
    /// <c>spiridonoff.*</c>), ignoring case. Unknown ids throw with the nearest known id (if one is close) and the list of known ones.
    /// </summary>
    public static IReadOnlyList<IClaim> Select(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return All;
        var selected = new List<IClaim>();
        foreach (string id in ids)
        {
            // Ids are matched ignoring case: "Spiridonoff.s1" and "GU" select what "spiridonoff.S1" and "gu" do.
            var matches = All.Where(c => c.Id.Equals(id, StringComparison.OrdinalIgnoreCase) || c.Id.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                var names = All.Select(c => c.Id).Concat(All.Select(c => c.Id.Split('.')[0]).Distinct());
                throw new ArgumentException($"--claim {id} is not in the catalog.{Suggestions.DidYouMean(id, names)} Known claims: {string.Join(", ", All.Select(c => c.Id))}");
            }
            selected.AddRange(matches.Where(m => !selected.Contains(m)));
        }
        return selected.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
