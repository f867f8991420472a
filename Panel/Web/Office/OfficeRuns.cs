using KonektoSync.Panel.Web.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KonektoSync.Panel.Web.Office;

public static partial class OfficePages
{
    /// <summary>The runs the office's syncs reported, newest first, with their events and remedies as the log command shows them.</summary>
    private static void MapRuns(RouteGroupBuilder pages, PanelServer.ServerState state) =>
        pages.MapGet("/runs", async (HttpContext h, CancellationToken ct) =>
        {
            var t = PageTexts.For(h);
            var runs = RunReports.Read(await state.Options.Store.Runs(StaffOf(h).Office, ct)).Reverse().ToList();
            var body = runs.Count == 0 ? WebPage.Notice("info", t["firms.no-runs"]) : Markup.Join(runs.Select(r =>
            {
                var events = r.Events.Select(e => Markup.Of($"""
                    <tr data-test="run-event" data-severity="{e.Severity}"><td><span class="mark {(e.Severity == "error" ? "error" : e.Severity == "warning" ? "warn" : "none")}">{t["severity." + Severity(e.Severity)]}</span></td><td>{(e.Firm is null ? "" : NipText(e.Firm))}</td><td>{(string.IsNullOrEmpty(e.Text) ? e.Message : e.Text)}<br><span class="muted">{e.Code}</span></td><td>{e.Remedy ?? ""}</td></tr>
                    """));
                return Markup.Of($"""
                    <section data-test="run" id="run-{r.Run}">
                    <h2>{t["runs.run", r.Run]}</h2>
                    <p>{t["runs.summary", r.EndedAt is { } at ? WebTime.Show(at, t) : "", t["outcome." + Outcome(r.Outcome)], r.GroupsLoaded, r.GroupsFailed, r.FactsSent, r.FactsUnchanged]}</p>
                    {(r.Events.Count == 0 ? Markup.Of($"<p>{t["runs.no-events"]}</p>") : Markup.Of($"""
                        <table><thead><tr><th scope="col">{t["col.severity"]}</th><th scope="col">NIP</th><th scope="col">{t["col.event"]}</th><th scope="col">{t["col.remedy"]}</th></tr></thead>
                        <tbody>{Markup.Join(events)}</tbody></table>
                        """))}
                    </section>
                    """);
            }));
            return WebPage.Render(h, t, t["runs.title"], body, Nav(h, t));
        });

    private static string Severity(string severity) => severity is "error" or "warning" ? severity : "info";
}
