using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Texts;
using KonektoSync.Load.Panel;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Cli;

/// <summary>`panel`: the office panel (local, embedded): firms, a firm's data, approval, export.</summary>
public static class PanelCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("panel", "The office panel: firms with unapproved data, a firm's data, approval, export");
        cmd.Subcommands.Add(Firms(ctx));
        cmd.Subcommands.Add(Show(ctx));
        cmd.Subcommands.Add(Approve(ctx));
        cmd.Subcommands.Add(Export(ctx));
        cmd.Subcommands.Add(Messages(ctx));
        cmd.Subcommands.Add(Activate(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Connect(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Disconnect(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Status(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Serve(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Office(ctx));
        cmd.Subcommands.Add(PanelServerCommands.Staff(ctx));
        return cmd;
    }

    // The panel server when connected (panel connect), else the local panel.
    private static async Task<IOfficePanel> Open(CliContext c)
    {
        var cfg = c.LoadConfig().IfLeft(new AppConfig());
        var remote = RemotePanel.Open(cfg, c.Dir, cfg.Options.UpdateBasicData)
            .IfLeft(p => throw new PanelUnavailable(p));
        return remote.Case is Load.Remote.HttpPanelSink http
            ? http
            : await LocalPanel.Open(c.Dir.PanelDb, true, c.Clock, SecretKey.PeselKey(c.Dir), c.Cancel);
    }

    private static Command Firms(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("firms", "The panel's firms; '!' marks firms with unapproved data");
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var panel = await Open(c);
            var firms = await panel.ListFirms(ct);
            if (c.Out.Json) { c.Out.WriteJson(firms); return Exit.Ok; }
            c.Out.Table([T("col.unapproved"), T("col.nip"), T("col.name"), T("col.zus"), T("col.taxes"), T("col.people")],
                firms.Select(f => (IReadOnlyList<string>)[f.HasUnapproved ? "!" : "", f.Nip, f.Name,
                    f.Zus.ToString(), (f.Taxes + f.Statements).ToString(), f.People.ToString()]));
            return Exit.Ok;
        });
        return cmd;
    }

    private static Argument<string> NipArg() => new("nip") { Description = "The firm's NIP" };

    private static Command Show(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var nip = NipArg();
        var cmd = new Command("show", "Everything the panel holds of a firm, per data kind and month, approved or not") { nip };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var n = Nip.Create(pr.GetValue(nip));
            if (n.IsFail) return c.Out.Fail(n.FailToSeq().Head);
            var panel = await Open(c);
            var view = await panel.ShowFirm(n.SuccessToSeq().Head, ct);
            return view.Match(v =>
            {
                if (c.Out.Json) { c.Out.WriteJson(v); return Exit.Ok; }
                c.Out.Line($"{v.Nip}  {v.Name}");
                c.Out.Line($"  {v.Address}  {v.Email}  {v.Phone}  ({v.Source})");
                foreach (var p in v.People)
                    c.Out.Line($"  {Texts.Texts.Find("role." + p.Role.ToLowerInvariant()) ?? p.Role}: {p.FirstName} {p.LastName} {p.PeselMasked} {p.Email} {p.Phone}".TrimEnd());
                foreach (var kind in v.Entries.GroupBy(e => e.Kind))
                {
                    c.Out.Line($"== {Texts.Texts.Find("part.kind." + kind.Key) ?? kind.Key}");
                    foreach (var e in kind)
                        c.Out.Line($"  {(e.Approved ? " " : "!")} {e.Period} {e.Subject}: "
                            + string.Join(", ", e.Fields.Select(f => $"{f.Key}={Formats.PanelField(f.Key, f.Value)}")));
                }
                return Exit.Ok;
            }, p => c.Out.Fail(p, Exit.SomeFailed));
        });
        return cmd;
    }

    private static Command Approve(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var nip = NipArg();
        var summary = new Option<bool>("--send-summary") { Description = "Also send the client the summary of the last month" };
        var month = new Option<string[]>("--month") { Description = "Approve only this month (YYYY-MM); may be given more than once", AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("approve", "Approve all unapproved data of a firm (Zatwierdź dane)") { nip, summary, month };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var n = Nip.Create(pr.GetValue(nip));
            if (n.IsFail) return c.Out.Fail(n.FailToSeq().Head);
            var firm = n.SuccessToSeq().Head;
            var months = new List<Period>();
            foreach (var m in pr.GetValue(month) ?? [])
            {
                var parsed = Period.Parse(m);
                if (parsed.IsFail) return c.Out.Fail(parsed.FailToSeq().Head);
                months.Add(parsed.SuccessToSeq().Head);
            }
            var panel = await Open(c);
            var approved = await panel.Approve(firm, c.Clock.GetLocalNow(), months.ToSeq(), ct);
            if (approved.IsLeft) return c.Out.Fail(approved.LeftToSeq().Head, Exit.SomeFailed);
            var counts = approved.RightToSeq().Head;
            var summaryEvents = LanguageExt.Seq<SyncEvent>.Empty;
            if (pr.GetValue(summary))
            {
                var cfg = c.LoadConfig();
                if (cfg.IsLeft) return c.Out.Fail(cfg.LeftToSeq().Head);
                var config = cfg.RightToSeq().Head;
                var last = await LastMonth(panel, firm, ct);
                if (last is { } month)
                {
                    var request = new SyncRequest(month, month, toSet(new[] { DataKind.Zus, DataKind.Taxes, DataKind.Statements }),
                        None, true, true, Manual: true);
                    var messenger = await Messenger.Open(config, c.Dir.PanelDb, c.Clock, ct);
                    summaryEvents = await SyncService.SendSummary(panel, messenger, firm, config.ChannelsOf(firm), request,
                        config.ToOptions(), ct);
                }
            }
            if (c.Out.Json)
                c.Out.WriteJson(new
                {
                    nip = firm.Value, approved = counts,
                    summary = summaryEvents.IsEmpty ? null : summaryEvents.Map(e => new { code = e.Code, message = e.Message }).ToList(),
                });
            else
            {
                c.Out.Line(Texts.Texts.Get("panel.approved", counts.Total, firm.Formatted));
                foreach (var e in summaryEvents) c.Out.Line(Texts.Texts.Of(e));
            }
            return summaryEvents.Exists(e => e.Severity == Severity.Error) ? Exit.SomeFailed : Exit.Ok;
        });
        return cmd;
    }

    private static async Task<Period?> LastMonth(IOfficePanel panel, Nip firm, CancellationToken ct) =>
        (await panel.ShowFirm(firm, ct)).Match(
            v => v.Entries.Select(e => Period.Parse(e.Period).ToOption())
                .Somes().Select(p => (Period?)p).DefaultIfEmpty(null).Max(),
            _ => (Period?)null);

    private static Command Export(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var dir = new Argument<string>("dir") { Description = "Folder for the CSV files" };
        var excel = new Option<bool>("--excel") { Description = "For a spreadsheet: ';' between fields, a UTF-8 BOM, a decimal comma in amounts" };
        var cmd = new Command("export", "Everything in the panel as CSV, in a stable order, without run ids or clock times") { dir, excel };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var folder = Path.GetFullPath(pr.GetValue(dir)!);
            if (File.Exists(folder))
                return c.Out.Fail(Problem.Of("panel.export-not-a-folder",
                    $"{folder} is a file, not a folder: give 'panel export' a new or an existing folder", folder));
            var panel = await Open(c);
            var files = await panel.ExportCsv(folder, pr.GetValue(excel), ct);
            if (c.Out.Json) c.Out.WriteJson(new { folder, files });
            else c.Out.Line(Texts.Texts.Get("panel.exported", folder));
            return Exit.Ok;
        });
        return cmd;
    }

    private static Command Messages(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var firm = new Option<string?>("--firm") { Description = "Only the messages to this firm (its NIP)" };
        var cmd = new Command("messages", "The message log: every summary and activation link sent or tried, with its status and why it failed") { firm };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            string? only = null;
            if (pr.GetValue(firm) is { } text)
            {
                var n = Nip.Create(text);
                if (n.IsFail) return c.Out.Fail(n.FailToSeq().Head);
                only = n.SuccessToSeq().Head.Value;
            }
            var log = await PanelMessages.Open(c.Dir.PanelDb, ct);
            var messages = await log.List(only, ct);
            if (c.Out.Json) { c.Out.WriteJson(messages); return Exit.Ok; }
            c.Out.Table([T("col.time"), T("col.nip"), T("col.message"), T("col.channel"), T("col.recipient"),
                    T("col.status"), T("col.attempt"), T("col.reason")],
                messages.Select(m => (IReadOnlyList<string>)[m.At, m.FirmNip,
                    T("message.kind." + m.Kind) + (m.Period.Length > 0 ? " " + m.Period : ""), m.Channel, m.Recipient,
                    T("message.status." + m.Status), m.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Reason]));
            return Exit.Ok;
        });
        return cmd;
    }

    private static Command Activate(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var nip = NipArg();
        var person = new Option<string>("--person") { Description = "The person's key as 'panel show NIP --json' lists it", Required = true };
        var cmd = new Command("activate", "Send a person of a firm an activation link to the panel by e-mail (when the automatic option is off)") { nip, person };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var n = Nip.Create(pr.GetValue(nip));
            if (n.IsFail) return c.Out.Fail(n.FailToSeq().Head);
            var firm = n.SuccessToSeq().Head;
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            var panel = await Open(c);
            var view = await panel.ShowFirm(firm, ct);
            if (view.IsLeft) return c.Out.Fail(view.LeftToSeq().Head, Exit.SomeFailed);
            var v = view.RightToSeq().Head;
            var key = pr.GetValue(person)!;
            if (v.People.FirstOrDefault(p => p.Key == key) is not { } who)
                return c.Out.Fail(Problem.Of("panel.person.unknown",
                    $"the panel holds no person {key} of firm {firm.Formatted}: see 'konektosync panel show {firm.Value} --json'",
                    key, firm.Formatted, firm.Value), Exit.SomeFailed);
            if (who.Email.Length == 0)
                return c.Out.Fail(Problem.Of("panel.person.no-email",
                    $"{who.FirstName} {who.LastName} has no e-mail address in the panel", $"{who.FirstName} {who.LastName}"),
                    Exit.SomeFailed);
            var messenger = await Messenger.Open(cfg, c.Dir.PanelDb, c.Clock, ct);
            var (sent, e) = await messenger.Activation(firm, v.Name.Length > 0 ? v.Name : firm.Formatted, who.Key,
                $"{who.FirstName} {who.LastName}".Trim(), who.Email, ct);
            if (c.Out.Json) c.Out.WriteJson(new { nip = firm.Value, person = who.Key, sent, code = e.Code, message = e.Message });
            else if (sent) c.Out.Line(Texts.Texts.Of(e));
            else
            {
                c.Out.Error(Texts.Texts.Get("error.prefix") + Texts.Texts.Of(e));
                c.Out.Error(Texts.Texts.Remedy(e));
            }
            return sent ? Exit.Ok : Exit.SomeFailed;
        });
        return cmd;
    }

    private static string T(string key) => Texts.Texts.Get(key);
}
