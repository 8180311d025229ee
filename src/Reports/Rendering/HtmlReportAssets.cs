namespace LocalSgdVerify.Reports.Rendering;

/// <summary>
/// The style sheet and script inlined into report.html. Nothing is loaded from anywhere: no fonts, images, scripts
/// or style sheets from the network, so the page renders the same offline, as a CI artifact or from a mail.
/// </summary>
public static class HtmlReportAssets
{
    /// <summary>The page's CSS: system fonts, a readable measure, verdict colours that are also spelled out in words.</summary>
    public const string Style = """
        :root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --inconclusive: #9a6700; --not-finished: #57606a; --rule: #d0d7de; --shade: #f6f8fa; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 90rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #ffffff; }
        h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.1rem; margin: 0 0 0.5rem; }
        h4 { font-size: 0.95rem; margin: 1rem 0 0.4rem; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: var(--shade); padding: 0.05em 0.3em; border-radius: 4px; }
        table { border-collapse: collapse; margin: 0.25rem 0 0.75rem; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
        td.number { white-space: nowrap; }
        td.margin { min-width: 6em; }
        table.summary { font-size: 0.93em; }
        th { background: var(--shade); font-weight: 600; }
        .table-scroll { overflow-x: auto; max-width: 100%; }
        .counts { font-size: 1.1rem; font-weight: 600; }
        .incomplete { border: 2px solid var(--not-finished); background: #eaeef2; padding: 0.6rem 0.9rem; border-radius: 6px; font-weight: 600; }
        .verdict { display: inline-block; min-width: 7.5em; padding: 0.05em 0.5em; border-radius: 1em; color: #ffffff; font-size: 0.85em; font-weight: 700; text-align: center; white-space: nowrap; }
        .verdict-pass { background: var(--pass); }
        .verdict-fail { background: var(--fail); }
        .verdict-inconclusive { background: var(--inconclusive); }
        .verdict-not_finished { background: var(--not-finished); }
        .filter { position: sticky; top: 0; z-index: 1; background: #ffffffee; padding: 0.5rem 0; border-bottom: 1px solid var(--rule); display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: center; }
        .filter label { cursor: pointer; white-space: nowrap; }
        .filter .shown { color: #57606a; font-size: 0.9em; }
        .claim { border: 1px solid var(--rule); border-left: 6px solid var(--not-finished); border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
        .claim[data-verdict="pass"] { border-left-color: var(--pass); }
        .claim[data-verdict="fail"] { border-left-color: var(--fail); }
        .claim[data-verdict="inconclusive"] { border-left-color: var(--inconclusive); }
        .meta { color: #57606a; margin: 0 0 0.5rem; }
        .headline { background: var(--shade); padding: 0.4rem 0.7rem; border-radius: 6px; }
        .plots { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure.plot { margin: 0; max-width: 600px; width: 100%; }
        figure.plot svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; background: #ffffff; }
        figcaption { font-size: 0.88em; color: #3d444d; margin-top: 0.3rem; }
        .plot-problem { color: var(--fail); font-weight: 600; }
        .claim-title { color: #3d444d; font-size: 0.9em; }
        .levels { color: #3d444d; font-size: 0.9em; }
        .no-discrimination { color: var(--inconclusive); font-size: 0.9em; }
        .plot-data { font-size: 0.88em; }
        footer { margin-top: 2.5rem; color: #57606a; font-size: 0.85em; }
        @media print { .filter { display: none; } .claim { break-inside: avoid; } }
        """;

    /// <summary>
    /// The verdict filter: one checkbox per verdict shows or hides the summary rows and claim sections carrying that
    /// data-verdict, and a counter says how many claim sections are shown. The filter bar is hidden until the script
    /// runs (without JavaScript every claim is simply shown); when set up, the script marks
    /// &lt;body data-report-ready="true"&gt; so a browser test can tell it ran. A link ending in
    /// <c>#show=fail,inconclusive</c> opens the page with only those verdicts ticked (e.g. from a CI summary).
    /// </summary>
    public const string Script = """
        (function () {
          "use strict";
          var filter = document.getElementById("verdict-filter");
          var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
          var items = Array.prototype.slice.call(document.querySelectorAll("[data-verdict]"));
          var counter = document.getElementById("shown-count");
          function apply() {
            var shown = {};
            boxes.forEach(function (box) { shown[box.getAttribute("data-filter")] = box.checked; });
            var visible = 0, total = 0;
            items.forEach(function (item) {
              var show = shown[item.getAttribute("data-verdict")] !== false;
              item.hidden = !show;
              if (item.classList.contains("claim")) { total += 1; if (show) { visible += 1; } }
            });
            if (counter) { counter.textContent = "showing " + visible + " of " + total + " claim sections"; }
          }
          var requested = /^#show=([a-z_,]*)$/.exec(window.location.hash);
          if (requested) {
            var wanted = requested[1].split(",");
            boxes.forEach(function (box) { box.checked = wanted.indexOf(box.getAttribute("data-filter")) >= 0; });
          }
          boxes.forEach(function (box) { box.addEventListener("change", apply); });
          if (filter) { filter.hidden = false; }
          apply();
          document.body.setAttribute("data-report-ready", "true");
        })();
        """;
}
