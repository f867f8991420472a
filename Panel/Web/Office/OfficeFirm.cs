using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Panel.Web.Shared;
using LanguageExt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel.Web.Office;

public static partial class OfficePages
{
    private static void MapFirm(RouteGroupBuilder pages, PanelServer.ServerState state)
    {
        pages.MapGet("/firms/{nip}", (string nip, HttpContext h, int? approved, string? sent, string? result, CancellationToken ct) =>
            WithFirm(h, state, nip, ct, (firm, view, panel) =>
                FirmPage(h, state, panel, view, approved, sent, state.Sent(StaffOf(h).Office, firm, result), ct)));

        pages.MapPost("/firms/{nip}/approve", (string nip, HttpContext h, CancellationToken ct) =>
            WithFirm(h, state, nip, ct, async (firm, view, panel) =>
            {
                var form = await h.Request.ReadFormAsync(ct);
                var months = form["scope"] == "months"
                    ? form["month"].Select(m => Period.Parse(m ?? "")).SelectMany(p => p.SuccessToSeq()).ToSeq()
                    : Seq<Period>();
                if (form["scope"] == "months" && months.IsEmpty)
                    return Results.Redirect(FirmPath(firm) + "?approved=0");
                var office = StaffOf(h).Office;
                var counts = await state.Locked(office, async () =>
                    await panel.Approve(firm, state.Options.Clock.GetUtcNow(), months, ct), ct);
                return Results.Redirect(FirmPath(firm) + "?approved="
                    + counts.Match(c => c.Total, _ => 0).ToString(CultureInfo.InvariantCulture));
            }));

        pages.MapPost("/firms/{nip}/summary", (string nip, HttpContext h, CancellationToken ct) =>
            WithFirm(h, state, nip, ct, async (firm, view, panel) =>
            {
                var form = await h.Request.ReadFormAsync(ct);
                var month = Period.Parse(form["month"].ToString());
                if (state.Options.Messenger is not { } messenger || month.IsFail)
                    return Results.Redirect(FirmPath(firm) + "?sent=none");
                var office = StaffOf(h).Office;
                var log = await state.Options.Store.Messages(office, ct);
                var outcomes = await state.Locked(office, () => messenger.SendSummary(panel, log, firm, month.SuccessToSeq().Head, ct), ct);
                return Results.Redirect(FirmPath(firm) + "?sent=" + (outcomes.Any(o => o.Sent) ? "summary"
                    : outcomes.Any(o => o.Code == "summary.no-channel") ? "summary-no-channel" : "summary-failed")
                    + "&result=" + state.KeepSent(office, firm, month.SuccessToSeq().Head, outcomes));
            }));

        pages.MapPost("/firms/{nip}/activation", (string nip, HttpContext h, CancellationToken ct) =>
            WithFirm(h, state, nip, ct, async (firm, view, panel) =>
            {
                var form = await h.Request.ReadFormAsync(ct);
                var person = form["person"].ToString();
                if (state.Options.Messenger is not { } messenger || view.People.All(p => p.Key != person))
                    return Results.Redirect(FirmPath(firm) + "?sent=none");
                var office = StaffOf(h).Office;
                var log = await state.Options.Store.Messages(office, ct);
                var outcome = await state.Locked(office, () => messenger.SendActivation(panel, log, firm, person, ct), ct);
                return Results.Redirect(FirmPath(firm) + "?sent=" + (outcome.Sent ? "activation" : "activation-failed"));
            }));
    }

    private static string FirmPath(Nip firm) => Home + "/firms/" + firm.Value;

    /// <summary>
    /// A firm of the signed-in staff member's office: each office has a panel of its own, so a
    /// NIP of another office's firm is simply not found there (404).
    /// </summary>
    private static async Task<IResult> WithFirm(HttpContext h, PanelServer.ServerState state, string nip, CancellationToken ct,
        Func<Nip, PanelFirmView, LocalPanel, Task<IResult>> then)
    {
        var t = PageTexts.For(h);
        var parsed = Nip.Create(nip);
        if (parsed.IsFail) return NotFound(h, t, nip);
        var firm = parsed.SuccessToSeq().Head;
        var panel = await state.Panel(StaffOf(h).Office, false, ct);
        var view = await panel.ShowFirm(firm, ct);
        return await view.Match(v => then(firm, v, panel), _ => Task.FromResult(NotFound(h, t, nip)));
    }

    private static IResult NotFound(HttpContext h, PageLanguage t, string nip) =>
        WebPage.Render(h, t, t["firm.unknown.title"], WebPage.Notice("error", t["firm.unknown", nip]), Nav(h, t), 404);

    private static async Task<IResult> FirmPage(HttpContext h, PanelServer.ServerState state, LocalPanel panel, PanelFirmView v,
        int? approved, string? sent, SentSummary? result, CancellationToken ct)
    {
        var t = PageTexts.For(h);
        var office = StaffOf(h).Office;
        var messages = await (await state.Options.Store.Messages(office, ct)).List(v.Nip, ct);
        var summaries = await panel.SummariesSent(v.Nip, ct);
        var unapproved = v.Entries.Where(e => !e.Approved).ToList();
        var months = v.Entries.Select(e => e.Period).Distinct().OrderDescending(StringComparer.Ordinal).ToList();
        var notice = Markup.Join(new[]
        {
            approved is { } n ? WebPage.Notice("ok", t["firm.approved", n]) : Markup.Empty,
            sent switch
            {
                "summary" => WebPage.Notice("ok", t["firm.sent.summary"]),
                "activation" => WebPage.Notice("ok", t["firm.sent.activation"]),
                "summary-failed" or "activation-failed" => WebPage.Notice("error", t["firm.sent.failed"]),
                "none" => WebPage.Notice("error", t["firm.sent.none"]),
                "summary-no-channel" => WebPage.Notice("error", t["firm.sent.no-channel", v.Nip]),
                _ => Markup.Empty,
            },
            SentLines(t, state.Options.Messenger, result),
        });
        var body = Markup.Of($"""
            {notice}
            <p>{(unapproved.Count > 0
                ? Markup.Of($"""<span class="mark unapproved" data-test="mark-unapproved">{t["mark.unapproved"]}: {unapproved.Count}</span>""")
                : Markup.Of($"""<span class="mark ok" data-test="mark-approved">{t["mark.approved"]}</span>"""))}</p>
            <h2 id="basic">{t["firm.basic"]}</h2>
            <dl class="basic">
            <dt>NIP</dt><dd data-test="nip">{NipText(v.Nip)}</dd>
            <dt>{t["firm.address"]}</dt><dd>{v.Address}</dd>
            <dt>{t["firm.email"]}</dt><dd>{v.Email}</dd>
            <dt>{t["firm.phone"]}</dt><dd>{v.Phone}</dd>
            <dt>{t["firm.source"]}</dt><dd>{v.Source}</dd>
            </dl>
            <h2 id="changes">{t["firm.changes"]}</h2>
            {Changes(h, t, v, unapproved)}
            <h2 id="payments">{t["firm.payments"]}</h2>
            {Markup.Join(months.Select(m => Payments(t, v, m)))}
            <h2 id="statements">{t["firm.statements"]}</h2>
            {Statements(t, v)}
            <h2 id="people">{t["firm.people"]}</h2>
            {People(h, t, v, messages)}
            <h2 id="summary">{t["firm.summary"]}</h2>
            {SummaryForm(h, t, v, months, summaries)}
            <h2 id="messages">{t["firm.messages"]}</h2>
            {Messages(t, messages)}
            """);
        return WebPage.Render(h, t, v.Name.Length > 0 ? v.Name : NipText(v.Nip), body, Nav(h, t));
    }

    private static Markup Changes(HttpContext h, PageLanguage t, PanelFirmView v, List<PanelEntry> unapproved)
    {
        if (unapproved.Count == 0) return Markup.Of($"""<p data-test="no-changes">{t["firm.changes.none"]}</p>""");
        var months = unapproved.Select(e => e.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = unapproved.Select(e => Markup.Of($"""
            <tr data-test="change"><td>{e.Period}</td><td>{t["kind." + e.Kind]}</td><td>{e.Subject}</td><td class="amount">{Amount(t, e)}</td></tr>
            """));
        var boxes = months.Select(m => Markup.Of($"""
            <label class="check"><input type="checkbox" name="month" value="{m}" id="approve-month-{m}" data-test="approve-month"> {m}</label>
            """));
        return Markup.Of($"""
            <p>{t["firm.changes.intro"]}</p>
            <table id="changes-table"><thead><tr><th scope="col">{t["col.month"]}</th><th scope="col">{t["col.kind"]}</th><th scope="col">{t["col.item"]}</th><th scope="col" class="amount">{t["col.amount"]}</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody></table>
            {WebPage.Form(h, FirmPath(Nip.Create(v.Nip).SuccessToSeq().Head) + "/approve", Markup.Of($"""
                <fieldset><legend>{t["firm.approve.months"]}</legend>{Markup.Join(boxes)}</fieldset>
                <p><button type="submit" name="scope" value="all" id="approve-all" data-test="approve-all">{t["firm.approve.all"]}</button>
                <button type="submit" name="scope" value="months" class="secondary" id="approve-months" data-test="approve-months">{t["firm.approve.chosen"]}</button></p>
                """), id: "approve-form")}
            """);
    }

    private static string Field(PanelEntry e, string name) =>
        e.Fields.FirstOrDefault(f => f.Key == name).Value ?? "";

    private static string Amount(PageLanguage t, PanelEntry e) =>
        Money(t, Field(e, e.Kind == "zus" ? "total_due" : e.Kind == "taxes" ? "amount" : e.Table == "tax_book" ? "income" : "closing_dt"));

    private static string Money(PageLanguage t, string stored) =>
        decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? PanelFormats.Amount(amount, t.Culture) : stored;

    private static string Due(PageLanguage t, PanelEntry e) =>
        DateOnly.TryParseExact(Field(e, "due_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? PanelFormats.Date(d, t.Culture) : "";

    /// <summary>
    /// A month's ZUS and taxes: each payer and tax the firm has in any month, with its amount, due
    /// date and status: filed, copied (from the payer's latest earlier filed month, rule 6) or no
    /// data (and why).
    /// </summary>
    private static Markup Payments(PageLanguage t, PanelFirmView v, string month)
    {
        var zus = v.Entries.Where(e => e.Kind == "zus").ToList();
        var taxes = v.Entries.Where(e => e.Kind == "taxes").ToList();
        var rows = new List<Markup>();
        foreach (var payer in zus.Select(e => e.Subject).Distinct().Order(StringComparer.Ordinal))
        {
            var e = zus.FirstOrDefault(x => x.Subject == payer && x.Period == month);
            if (e is null)
            {
                var first = zus.Where(x => x.Subject == payer).Min(x => x.Period)!;
                rows.Add(NoData(t, "ZUS · " + payer, string.CompareOrdinal(month, first) < 0 ? t["status.no-data.before-first"] : t["status.no-data.zus"]));
                continue;
            }
            var status = Field(e, "origin") == "Copied"
                ? t["status.copied", zus.Where(x => x.Subject == payer && Field(x, "origin") == "Filed" && string.CompareOrdinal(x.Period, month) < 0)
                    .Select(x => x.Period).DefaultIfEmpty(t["status.copied.earlier"]).Max(StringComparer.Ordinal)!]
                : t["status.filed"];
            rows.Add(Row(t, "ZUS · " + payer, e, status));
        }
        foreach (var tax in taxes.Select(e => e.Subject).Distinct().Order(StringComparer.Ordinal))
        {
            var e = taxes.FirstOrDefault(x => x.Subject == tax && x.Period == month);
            rows.Add(e is null ? NoData(t, tax, t["status.no-data.tax"]) : Row(t, tax, e, t["status.filed"]));
        }
        if (rows.Count == 0) return Markup.Empty;
        return Markup.Of($"""
            <h3 id="month-{month}">{month}</h3>
            <table data-test="payments" data-month="{month}"><thead><tr><th scope="col">{t["col.item"]}</th><th scope="col" class="amount">{t["col.amount"]}</th><th scope="col">{t["col.due"]}</th><th scope="col">{t["col.status"]}</th><th scope="col">{t["col.approval"]}</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody></table>
            """);
    }

    private static Markup Row(PageLanguage t, string item, PanelEntry e, string status) => Markup.Of($"""
        <tr><td>{item}</td><td class="amount" data-test="amount">{Amount(t, e)}</td><td data-test="due">{Due(t, e)}</td><td>{status}</td><td>{Approval(t, e)}</td></tr>
        """);

    private static Markup NoData(PageLanguage t, string item, string why) => Markup.Of($"""
        <tr class="no-data"><td>{item}</td><td class="amount">–</td><td></td><td data-test="no-data">{t["status.no-data", why]}</td><td></td></tr>
        """);

    private static Markup Approval(PageLanguage t, PanelEntry e) => e.Approved
        ? Markup.Of($"""<span class="mark ok">{t["mark.approved"]}</span>""")
        : Markup.Of($"""<span class="mark unapproved" data-test="entry-unapproved">{t["mark.unapproved"]}</span>""");

    private static Markup Statements(PageLanguage t, PanelFirmView v)
    {
        var statements = v.Entries.Where(e => e.Kind == "statements").OrderByDescending(e => e.Period, StringComparer.Ordinal).ToList();
        if (statements.Count == 0) return Markup.Of($"<p>{t["firm.statements.none"]}</p>");
        var balance = statements.Where(e => e.Table == "trial_balance").Select(e => Markup.Of($"""
            <tr><td>{e.Period}</td><td>{e.Subject}</td><td>{Field(e, "name")}</td><td class="amount">{Money(t, Field(e, "closing_dt"))}</td><td class="amount">{Money(t, Field(e, "closing_ct"))}</td><td>{Approval(t, e)}</td></tr>
            """)).ToList();
        var book = statements.Where(e => e.Table == "tax_book").Select(e => Markup.Of($"""
            <tr><td>{e.Period}</td><td class="amount">{Money(t, Field(e, "revenue"))}</td><td class="amount">{Money(t, Field(e, "costs"))}</td><td class="amount">{Money(t, Field(e, "income"))}</td><td class="amount">{Money(t, Field(e, "income_ytd"))}</td><td>{Approval(t, e)}</td></tr>
            """)).ToList();
        return Markup.Of($"""
            {Markup.When(balance.Count > 0, Markup.Of($"""
                <h3>{t["firm.trial-balance"]}</h3>
                <table data-test="trial-balance"><thead><tr><th scope="col">{t["col.month"]}</th><th scope="col">{t["col.account"]}</th><th scope="col">{t["col.name"]}</th><th scope="col" class="amount">{t["col.closing-dt"]}</th><th scope="col" class="amount">{t["col.closing-ct"]}</th><th scope="col">{t["col.approval"]}</th></tr></thead>
                <tbody>{Markup.Join(balance)}</tbody></table>
                """))}
            {Markup.When(book.Count > 0, Markup.Of($"""
                <h3>{t["firm.tax-book"]}</h3>
                <table data-test="tax-book"><thead><tr><th scope="col">{t["col.month"]}</th><th scope="col" class="amount">{t["col.revenue"]}</th><th scope="col" class="amount">{t["col.costs"]}</th><th scope="col" class="amount">{t["col.income"]}</th><th scope="col" class="amount">{t["col.income-ytd"]}</th><th scope="col">{t["col.approval"]}</th></tr></thead>
                <tbody>{Markup.Join(book)}</tbody></table>
                """))}
            """);
    }

    private static Markup People(HttpContext h, PageLanguage t, PanelFirmView v, IReadOnlyList<MessageRecord> messages)
    {
        if (v.People.Count == 0) return Markup.Of($"<p>{t["firm.people.none"]}</p>");
        var firm = Nip.Create(v.Nip).SuccessToSeq().Head;
        var rows = v.People.Select((p, i) =>
        {
            var activations = messages.Where(m => m.Kind == "activation" && m.PersonKey == p.Key).ToList();
            var state = activations.Count == 0 ? Markup.Empty
                : activations.Any(m => m.Status == PanelMessages.Sent)
                    ? Markup.Of($"""<span class="mark ok" data-test="activation-sent">{t["firm.activation.sent"]}</span> """)
                    : Markup.Of($"""<span class="mark error" data-test="activation-failed">{t["firm.activation.failed"]}</span> """);
            var action = p.Email.Length == 0 ? Markup.Of($"""<span class="muted">{t["firm.activation.no-email"]}</span>""")
                : WebPage.Form(h, FirmPath(firm) + "/activation", Markup.Of($"""
                    <input type="hidden" name="person" value="{p.Key}">
                    <button type="submit" class="secondary" id="activate-{i}" data-test="send-activation">{t["firm.activation.send"]}</button>
                    """), css: "inline");
            return Markup.Of($"""
                <tr data-test="person"><td>{p.FirstName} {p.LastName}</td><td>{p.Role}</td><td data-test="pesel">{p.PeselMasked}</td><td>{p.Nip}</td><td>{p.Email}</td><td>{p.Phone}</td><td>{state}{action}</td></tr>
                """);
        });
        return Markup.Of($"""
            <table id="people-table"><thead><tr><th scope="col">{t["col.person"]}</th><th scope="col">{t["col.role"]}</th><th scope="col">PESEL</th><th scope="col">NIP</th><th scope="col">{t["firm.email"]}</th><th scope="col">{t["firm.phone"]}</th><th scope="col">{t["col.activation"]}</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody></table>
            """);
    }

    private static Markup SummaryForm(HttpContext h, PageLanguage t, PanelFirmView v, List<string> months,
        IReadOnlyList<(string Period, string Channels, string SentAt)> summaries)
    {
        var sent = summaries.Count == 0 ? Markup.Of($"""<p data-test="summary-none">{t["firm.summary.none"]}</p>""")
            : Markup.Of($"""<ul data-test="summaries">{Markup.Join(summaries.Select(s => Markup.Of($"<li>{t["firm.summary.sent", s.Period, s.Channels, s.SentAt]}</li>")))}</ul>""");
        if (months.Count == 0) return sent;
        var options = months.Select((m, i) => Markup.Of($"""<option value="{m}"{(i == 0 ? Markup.Of($" selected") : Markup.Empty)}>{m}</option>"""));
        return Markup.Of($"""
            {sent}
            {WebPage.Form(h, FirmPath(Nip.Create(v.Nip).SuccessToSeq().Head) + "/summary", Markup.Of($"""
                <p class="field"><label for="summary-month">{t["firm.summary.month"]}</label> <select id="summary-month" name="month">{Markup.Join(options)}</select></p>
                <p><button type="submit" id="send-summary" data-test="send-summary">{t["firm.summary.send"]}</button></p>
                """), id: "summary-form")}
            """);
    }

    /// <summary>What became of the summary just sent, a line per channel in the page's language (not the server's).</summary>
    private static Markup SentLines(PageLanguage t, IPanelMessenger? messenger, SentSummary? result) =>
        messenger is null || result is null || result.Outcomes.Count == 0 ? Markup.Empty
            : Markup.Of($"""<ul data-test="send-result">{Markup.Join(result.Outcomes.Select(o => Markup.Of(
                $"""<li data-status="{o.Status}">{messenger.Describe(result.Firm, result.Month, o, t.Culture)}</li>""")))}</ul>""");

    private static Markup Messages(PageLanguage t, IReadOnlyList<MessageRecord> messages)
    {
        if (messages.Count == 0) return Markup.Of($"""<p data-test="messages-none">{t["firm.messages.none"]}</p>""");
        var rows = messages.Select(m => Markup.Of($"""
            <tr data-test="message" data-status="{m.Status}"><td>{m.At}</td><td>{t["message.kind." + (m.Kind == "summary" ? "summary" : "activation")]} {m.Period}</td><td>{m.Channel}</td><td>{m.Recipient}</td><td>{(m.Status == PanelMessages.Sent
                ? Markup.Of($"""<span class="mark ok">{t["message.status.sent"]}</span>""")
                : Markup.Of($"""<span class="mark error">{t["message.status.failed"]}</span>"""))}</td><td>{m.Attempt}</td><td>{m.Reason}</td></tr>
            """));
        return Markup.Of($"""
            <table id="messages-table"><thead><tr><th scope="col">{t["col.time"]}</th><th scope="col">{t["col.message"]}</th><th scope="col">{t["col.channel"]}</th><th scope="col">{t["col.recipient"]}</th><th scope="col">{t["col.status"]}</th><th scope="col">{t["col.attempt"]}</th><th scope="col">{t["col.reason"]}</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody></table>
            """);
    }
}
