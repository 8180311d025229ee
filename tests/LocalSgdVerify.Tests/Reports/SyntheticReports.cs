using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// Hand-made report documents (no claim is run): every verdict, figures of each kind the issue names, text with the
/// characters Markdown, HTML and XML treat specially, non-finite numbers; and an FsCheck generator of random ones.
/// </summary>
internal static class SyntheticReports
{
    public static ReportDocument Mixed() => Document(
    [
        Claim("spiridonoff.S1", "pass", Figures: [SyntheticFigures.ErrorVersusT(), SyntheticFigures.SpeedUp()]),
        Claim("spiridonoff.S2", "fail", Figures: [SyntheticFigures.NTError()]),
        Claim("gu.uv-toy", "inconclusive", Figures: [SyntheticFigures.UvToy()]),
        Claim("identities.exact", "pass", Figures: [], Exact: true),
        Claim("patel.exact-vs-mc", "fail", Figures: [SyntheticFigures.ExactVersusMonteCarlo()], Title: "Awkward " + SyntheticFigures.Awkward),
    ]);

    public static ReportDocument Incomplete() => Document(
        [Claim("spiridonoff.S1", "pass", Figures: [SyntheticFigures.ErrorVersusT()])],
        notFinished: ["spiridonoff.S2", "gu.uv-toy"]);

    public static ReportDocument Document(IReadOnlyList<ClaimReport> claims, IReadOnlyList<string>? notFinished = null, ulong seed = 42,
        string date = "2026-11-21T09:30:00Z", string machine = "test machine, 2 cores")
    {
        notFinished ??= [];
        var counts = new VerdictCounts(claims.Count(c => c.Verdict == "pass"), claims.Count(c => c.Verdict == "fail"), claims.Count(c => c.Verdict == "inconclusive"));
        int assertions = claims.Sum(c => c.Design.Assertions);
        var wall = claims.Select((c, i) => (c.Id, Seconds: 0.25 * (i + 1))).ToDictionary(p => p.Id, p => p.Seconds);
        return new ReportDocument(ReportDocument.CurrentSchemaVersion, new SuiteInfo("LocalSgdVerify", "0.1.0"),
            new RunInfo("check", "ci", seed, 1e-4, assertions, assertions > 0 ? 1e-4 / assertions : 1e-4, notFinished.Count == 0, notFinished),
            new RunEnvironment(date, machine, 2, wall), counts, claims);
    }

    public static ClaimReport Claim(string id, string verdict, IReadOnlyList<Figure> Figures, bool Exact = false, string? Title = null)
    {
        var parsed = verdict switch { "pass" => Verdict.Pass, "fail" => Verdict.Fail, _ => Verdict.Inconclusive };
        double margin = verdict switch { "pass" => 0.125, "fail" => -0.5, _ => double.NegativeInfinity };
        var assertions = new List<AssertionResult>
        {
            new($"{id} slope", parsed, new Quantity("slope", -0.98, "", -1.02, -0.94, 1 - 2.5e-6), new Prediction("-1 (O(1/T))", -1), margin,
                "least-squares slope, t interval", 2.5e-6, 0.06, Note: "normal residuals assumed"),
            new($"{id} level", Verdict.Pass, new Quantity("N·T·E F", 3.5, "", 3.1, 3.9, 0.95), new Prediction("≤ 4", null, null, 4), 0.1, "mean, t interval", 2.5e-6),
        };
        if (Exact) assertions = [Assertions.ExactlyEqual("path value", 1 + 1e-15, 1, 1e-12)];
        return new ClaimReport(id, Title ?? $"Claim {id}", "Spiridonoff et al. (2021), Theorem 1 [abstract]",
            "E F(x̄_T) = O(1/(N·T)) with one communication per round", ["F is μ-strongly convex", "noise variance σ² bounded"],
            Exact ? "exact" : "statistical",
            new ClaimDesign("kink function, σ = 8", [1, 2, 4], [100, 1000], ["every-step", "one-shot"], 256, Exact ? 0 : 2, Exact ? null : "common random numbers"),
            verdict, new Quantity("slope", -0.98, "", -1.02, -0.94, 1 - 2.5e-6), new Prediction("-1", -1), margin, 2.5e-6, assertions,
            [$"evidence for {id}: the fitted slope is -0.98 [-1.02, -0.94]", "the detectable discrepancy is 0.06 in slope"],
            Figures, 12345);
    }

    /// <summary>Text drawn from letters, digits, spaces and every special character the writers escape, plus a few non-ASCII ones.</summary>
    public static Gen<string> Text =>
        Gen.ArrayOf(Gen.Elements("a", "Z", "7", " ", "|", "*", "_", "<", ">", "&", "\"", "'", "`", "[", "]", "#", "\\", "~", "!", "x̄", "σ²", "→", "\n", "\u0001", "é"))
            .Select(parts => string.Concat(parts));

    /// <summary>A finite or special double from an integer code (no default double generator: it yields NaN/∞ uncontrolled).</summary>
    public static Gen<double> Number =>
        Gen.Choose(-2000, 2000).Select(code => code switch
        {
            -2000 => double.NaN,
            -1999 => double.PositiveInfinity,
            -1998 => double.NegativeInfinity,
            _ => code / 37.0,
        });

    public static Gen<Quantity> QuantityGen =>
        from name in Text
        from value in Number
        from width in Gen.Choose(0, 50)
        from hasInterval in Gen.Elements(true, false)
        select hasInterval ? new Quantity(name, value, "", value - width / 10.0, value + width / 10.0, 0.95) : new Quantity(name, value);

    public static Gen<Figure> FigureGen =>
        from name in Text
        from title in Text
        from logX in Gen.Elements(true, false)
        from logY in Gen.Elements(true, false)
        from count in Gen.Choose(0, 6)
        from ys in Gen.ArrayOf(Number, count)
        from band in Gen.Elements(true, false)
        select new Figure(name, title, new Axis("x " + name, logX), new Axis("y", logY),
            [new FigureSeries(name, Enumerable.Range(1, count).Select(i => (double)i).ToArray(), ys,
                band ? ys.Select(y => y - 1).ToArray() : null, band ? ys.Select(y => y + 1).ToArray() : null)],
            [new ReferenceLine(title, -1, 2)]);

    /// <summary>A random claim; <see cref="DocumentGen"/> renumbers the ids.</summary>
    public static Gen<ClaimReport> ClaimGen(int index) =>
        from title in Text
        from statement in Text
        from verdict in Gen.Elements("pass", "fail", "inconclusive")
        from measured in QuantityGen
        from margin in Number
        from evidence in Gen.ListOf(Text)
        from figures in Gen.ListOf(FigureGen).Select(list => list.Take(3).ToList())
        select Claim($"paper{index % 3}.claim-{index}", verdict, figures) with
        {
            Title = title,
            Statement = statement,
            Measured = measured,
            Margin = margin,
            Evidence = evidence.Take(4).ToList(),
        };

    public static Gen<ReportDocument> DocumentGen =>
        from drawn in Gen.ListOf(ClaimGen(0))
        from stopped in Gen.Choose(0, 2)
        from seed in Gen.Choose(0, int.MaxValue)
        let claims = drawn.Take(5).Select((claim, index) => claim with { Id = $"paper{index % 3}.claim-{index}" })
        select Document(claims.ToList(), Enumerable.Range(0, stopped).Select(i => $"late.claim-{i}").ToList(), (ulong)seed * 7919UL);
}
