using KonektoSync.Load.Panel;
using KonektoSync.Panel.Web.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KonektoSync.Panel.Web.Office;

public static partial class OfficePages
{
    private static void MapFirms(RouteGroupBuilder pages, PanelServer.ServerState state) =>
        pages.MapGet("", async (HttpContext h, string? q, CancellationToken ct) =>
        {
            var t = PageTexts.For(h);
            var office = StaffOf(h).Office;
            var panel = await state.Panel(office, false, ct);
            var firms = await panel.ListFirms(ct);
            var marks = await panel.FirmMarks(ct);
            var lastRun = RunReports.Read(await state.Options.Store.Runs(office, ct)).LastOrDefault();
            var query = (q ?? "").Trim();
            var digits = new string(query.Where(char.IsAsciiDigit).ToArray());
            var shown = firms.Where(f => query.Length == 0
                || f.Name.Contains(query, StringComparison.CurrentCultureIgnoreCase)
                || (digits.Length > 0 && digits.Length == query.Count(c => c != '-' && c != ' ') && f.Nip.Contains(digits, StringComparison.Ordinal)))
                .ToList();
            var rows = shown.Select(f =>
            {
                var m = marks.GetValueOrDefault(f.Nip);
                var errors = lastRun?.Events.Count(e => e.Firm == f.Nip && e.Severity == "error") ?? 0;
                return Markup.Of($"""
                    <tr id="firm-{f.Nip}" data-test="firm-row" data-nip="{f.Nip}">
                    <td><a href="{Home}/firms/{f.Nip}" data-test="firm-link">{(f.Name.Length > 0 ? f.Name : f.Nip)}</a></td>
                    <td>{NipText(f.Nip)}</td>
                    <td>
                    {(f.HasUnapproved
                        ? Markup.Of($"""<span class="mark unapproved" data-test="mark-unapproved">{t["mark.unapproved"]}</span>""")
                        : Markup.Of($"""<span class="mark ok" data-test="mark-approved">{t["mark.approved"]}</span>"""))}
                    {Markup.When(errors > 0, Markup.Of($"""<span class="mark error" data-test="mark-errors">{t["mark.errors", errors]}</span>"""))}
                    {(m is null ? Markup.Empty : m.SummarySent
                        ? Markup.Of($"""<span class="mark ok" data-test="mark-summary-sent">{t["mark.summary-sent", m.LastPeriod]}</span>""")
                        : Markup.Of($"""<span class="mark none" data-test="mark-summary-not-sent">{t["mark.summary-not-sent", m.LastPeriod]}</span>"""))}
                    </td>
                    <td data-test="payers">{t["mark.payers", f.People, m?.ZusPayers ?? 0]}</td>
                    </tr>
                    """);
            });
            var body = Markup.Of($"""
                <form method="get" action="{Home}" class="search" role="search">
                {WebPage.Field("q", t["firms.search"], type: "search", value: query, required: false)}
                <p><button type="submit" id="search" data-test="search">{t["firms.search.submit"]}</button></p>
                </form>
                {(lastRun is null ? WebPage.Notice("info", t["firms.no-runs"])
                    : Markup.Of($"""<p class="muted">{t["firms.last-run", lastRun.Run, lastRun.EndedAt is { } at ? WebTime.Show(at, t) : "", t["outcome." + Outcome(lastRun.Outcome)]]}</p>"""))}
                {(shown.Count == 0 ? WebPage.Notice("info", firms.Count == 0 ? t["firms.none"] : t["firms.no-match"])
                    : Markup.Of($"""
                        <table id="firms" data-test="firms">
                        <caption class="muted">{t["firms.count", shown.Count, firms.Count]}</caption>
                        <thead><tr><th scope="col">{t["col.firm"]}</th><th scope="col">NIP</th><th scope="col">{t["col.marks"]}</th><th scope="col">{t["col.payers"]}</th></tr></thead>
                        <tbody>{Markup.Join(rows)}</tbody>
                        </table>
                        """))}
                """);
            return WebPage.Render(h, t, t["firms.title"], body, Nav(h, t));
        });

    /// <summary>The outcomes the sync reports (ok, some-failed, failed, cancelled); anything else reads as failed.</summary>
    internal static string Outcome(string outcome) => outcome is "ok" or "some-failed" or "failed" or "cancelled" ? outcome : "failed";

    /// <summary>A NIP as written on documents: 123-456-78-90.</summary>
    internal static string NipText(string nip) =>
        nip.Length == 10 && nip.All(char.IsAsciiDigit) ? $"{nip[..3]}-{nip[3..6]}-{nip[6..8]}-{nip[8..]}" : nip;
}
