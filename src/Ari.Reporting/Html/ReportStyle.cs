namespace Ari.Reporting.Html;

/// <summary>The report's CSS, inlined in the page.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --panel: #f5f7fa; --accent: #b8430f; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
        header { padding: 28px 40px 18px; border-bottom: 1px solid var(--line); background: var(--panel); }
        header h1 { margin: 0 0 4px; font-size: 24px; }
        header p { margin: 0; color: var(--muted); }
        nav { padding: 8px 40px; border-bottom: 1px solid var(--line); font-size: 14px; position: sticky; top: 0; background: #fff; z-index: 2; }
        nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
        main { padding: 0 40px 40px; max-width: 1700px; }
        section { margin-top: 32px; }
        h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-bottom: 14px; }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
        .card b { display: block; font-size: 22px; }
        .card span { color: var(--muted); font-size: 13px; }
        .row { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
        table { border-collapse: collapse; font-size: 14px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: var(--panel); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.kv th { width: 220px; font-weight: 600; }
        table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
        table.sortable th[aria-sort="ascending"]::after { content: " \25B2"; font-size: 10px; }
        table.sortable th[aria-sort="descending"]::after { content: " \25BC"; font-size: 10px; }
        .bar { display: inline-block; height: 10px; background: var(--accent); vertical-align: middle; margin-right: 6px; border-radius: 2px; }
        figure { margin: 0 0 18px; }
        figure img { width: 100%; max-width: 1610px; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        .design svg { max-height: 520px; width: auto; height: auto; }
        .scroll { max-height: 420px; overflow: auto; border: 1px solid var(--line); }
        .scroll thead th { position: sticky; top: 0; z-index: 1; }
        tr[data-peak] { cursor: pointer; }
        tr[data-peak]:hover td { background: #fbeee6; }
        tr.selected td { background: #f6d9c8; }
        td.nested { color: var(--muted); }
        #viewer-readout { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 14px; margin: 6px 0; min-height: 1.4em; }
        .methods { max-width: 900px; }
        .note { background: #fff6e5; border: 1px solid #f0d9a8; border-radius: 6px; padding: 8px 12px; }
        code, .mono { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 13px; }
        .hash { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12px; color: var(--muted); }
        #viewer-box { position: relative; width: 100%; max-width: 1200px; height: 480px; background: #000; border-radius: 4px; overflow: hidden; }
        #viewer-canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
        .controls { margin: 8px 0; }
        .controls label { margin-right: 16px; }
        #viewer-status { color: var(--muted); }
        footer { padding: 18px 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); }
        """;
}
