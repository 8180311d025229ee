using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Reports.Document;
using CheckSeriesStyle = LocalSgdVerify.Checks.Framework.SeriesStyle;

namespace LocalSgdVerify.Tests.Reports;

/// <summary>
/// Hand-made report documents (no claim is run): every verdict, figures of each kind the issue names, text with the
/// characters Markdown, HTML and XML treat specially, non-finite numbers; and an FsCheck generator of random ones.
/// </summary>
internal static class SyntheticReports
{
    /// <summary>Text that breaks naive writers: table pipes, Markdown emphasis, HTML tags, quotes, an ampersand, a backtick.</summary>
    public const string Awkward = "a | b *not bold* _x_ <script>alert('x')</script> & \"q\" `c` [link](#) # 5 < 7 > 3";

    public static ReportDocument Mixed() => Document(
    [
        Claim("spiridonoff.S1", "pass", Figures: [ErrorVersusT(), SpeedUp()]),
        Claim("spiridonoff.S2", "fail", Figures: [NTError()]),
        Claim("gu.uv-toy", "inconclusive", Figures: [UvToy()]),
        Claim("identities.exact", "pass", Figures: [], Exact: true),
        Claim("patel.exact-vs-mc", "fail", Figures: [ExactVersusMonteCarlo()], Title: "Awkward " + Awkward),
    ]);

    public static ReportDocument Incomplete() => Document(
        [Claim("spiridonoff.S1", "pass", Figures: [ErrorVersusT()])],
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

    public static Figure ErrorVersusT() => new("error-vs-T", "Error vs T (log–log)", new Axis("T (steps)", true), new Axis("E F(x̄_T) − F*", true),
        [new FigureSeries("every-step", [10, 100, 1000, 10000], [0.1, 0.011, 0.0012, 0.00011], [0.09, 0.01, 0.0011, 0.0001], [0.11, 0.012, 0.0013, 0.00012]),
         new FigureSeries("one-shot", [10, 100, 1000, 10000], [0.2, 0.02, 0.002, 0.0002])],
        [new ReferenceLine("predicted slope -1", -1, 1)]);

    public static Figure SpeedUp() => new("speed up", "Speed-up S(N) per schedule", new Axis("N (workers)", true), new Axis("S(N)", true),
        [new FigureSeries("every-step", [1, 2, 4, 8], [1, 1.9, 3.7, 7.1]), new FigureSeries("one-shot", [1, 2, 4, 8], [1, 1.5, 2.2, 3.0], Style: CheckSeriesStyle.Markers)],
        [new ReferenceLine("ideal S = N", 1, 1)]);

    public static Figure NTError() => new("n-t-error", "N·T·error vs T", new Axis("T (steps)", true), new Axis("N·T·E F"),
        [new FigureSeries("estimate", [100, 1000, 10000], [3.2, 3.5, 3.6], [2.9, 3.2, 3.3], [3.5, 3.8, 3.9])],
        [new ReferenceLine("C = 3.6", 0, 3.6)]);

    public static Figure UvToy() => new("uv", "u² − v² against steps per H", new Axis("steps per round H"), new Axis("u² − v²"),
        [new FigureSeries("measured", [1, 2, 4, 8, 16], [0.01, 0.04, 0.15, 0.62, 2.4], Style: CheckSeriesStyle.Markers),
         new FigureSeries("predicted curve", [1, 2, 4, 8, 16], [0.0098, 0.039, 0.156, 0.62, 2.5], Style: CheckSeriesStyle.Line)],
        [new ReferenceLine("zero (no drift)", 0, 0)]);

    public static Figure ExactVersusMonteCarlo() => new("exact-vs-mc", "Exact vs Monte Carlo " + Awkward, new Axis("t (steps)"), new Axis("E (x̄_t − w*)²", true),
        [new FigureSeries("Monte Carlo", [1, 2, 3, 4, 5], [1.0, 0.52, 0.27, 0.14, double.NaN], [0.9, 0.47, 0.24, 0.12, double.NaN], [1.1, 0.57, 0.3, 0.16, double.NaN], CheckSeriesStyle.Markers),
         new FigureSeries("exact", [1, 2, 3, 4, 5], [1.0, 0.5, 0.25, 0.125, 0.0625], Style: CheckSeriesStyle.Line)],
        []);

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
