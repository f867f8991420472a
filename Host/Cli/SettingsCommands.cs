using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;

namespace KonektoSync.Host.Cli;

public static class SettingsCommands
{
    private sealed record Flag(string Name, string Description, Func<OptionsEntry, bool> Get, Action<OptionsEntry, bool> Set);

    private static readonly Flag[] Flags =
    [
        new("send-error-reports", "Wysyłaj raporty o błędach: send error reports automatically",
            o => o.SendErrorReports, (o, v) => o.SendErrorReports = v),
        new("auto-activation", "Automatycznie wysyłaj wiadomości aktywacyjne: send activation links to new users with an e-mail",
            o => o.AutoActivation, (o, v) => o.AutoActivation = v),
        new("update-basic-data", "Aktualizuj dane podstawowe: overwrite names, e-mails and phones in the panel",
            o => o.UpdateBasicData, (o, v) => o.UpdateBasicData = v),
        new("copy-zus-forward", "Płatnik: Kopiuj składki ZUS z poprzednich miesięcy",
            o => o.CopyZusForward, (o, v) => o.CopyZusForward = v),
        new("match-payers", "Płatnik: Dopasuj i przypisz płatników do firm",
            o => o.MatchPayers, (o, v) => o.MatchPayers = v),
    ];

    /// <summary>on/off (also true/false, yes/no, tak/nie, 1/0), or null for any other text.</summary>
    public static bool? OnOff(string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "tak" or "1" => true,
        "off" or "false" or "no" or "nie" or "0" => false,
        _ => null,
    };

    /// <summary>A row of `settings`: an on/off option, or one with a value.</summary>
    public sealed record Row(string Setting, bool? On, string? Value, string Description);

    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var options = Flags.Select(f => (f, opt: new Option<string?>("--" + f.Name) { Description = f.Description + " (on|off)" })).ToList();
        var cmd = new Command("settings", "Show or change the options of the manual");
        foreach (var (_, opt) in options) cmd.Options.Add(opt);
        var endpoint = new Option<string?>("--reports-endpoint") { Description = EndpointDescription + " (URL, or none)" };
        cmd.Options.Add(endpoint);
        var autoUpdate = Worker.AutoUpdateOptions.AddTo(cmd);
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            var changed = false;
            foreach (var (f, opt) in options)
            {
                if (pr.GetValue(opt) is not { } text) continue;
                var value = OnOff(text);
                if (value is null)
                    return Task.FromResult(c.Out.Fail(Problem.Of("settings.value",
                        $"--{f.Name} {text}: use on or off", f.Name, text)));
                f.Set(cfg.Options, value.Value);
                changed = true;
            }
            if (pr.GetValue(endpoint) is { } url)
            {
                if (SetEndpoint(cfg.Options, url) is { } refused) return Task.FromResult(c.Out.Fail(refused));
                changed = true;
            }
            var auto = autoUpdate.Apply(pr, cfg);
            if (auto.IsLeft) return Task.FromResult(c.Out.Fail(auto.LeftToSeq().Head));
            if (changed || auto.RightToSeq().Head) ConfigStore.Save(c.Dir, cfg);
            var rows = FlagRows(cfg);
            if (c.Out.Json) c.Out.WriteJson(rows);
            else WriteFlags(c.Out, rows);
            return Task.FromResult(Exit.Ok);
        });
        cmd.Subcommands.Add(MessagingSettings.Show(ctx));
        cmd.Subcommands.Add(MessagingSettings.Mail(ctx));
        cmd.Subcommands.Add(MessagingSettings.Sms(ctx));
        cmd.Subcommands.Add(MessagingSettings.Panel(ctx));
        return cmd;
    }

    /// <summary>The rows of `settings`: the manual's options, the error report address and the automatic update.</summary>
    internal static List<Row> FlagRows(AppConfig cfg) =>
        Flags.Select(f => new Row(f.Name, f.Get(cfg.Options), null, f.Description))
            .Append(new Row("reports-endpoint", cfg.Options.ReportsEndpoint is null ? false : null,
                cfg.Options.ReportsEndpoint, EndpointDescription))
            .Concat(Worker.AutoUpdateOptions.Rows(cfg.AutoUpdate)).ToList();

    internal static void WriteFlags(Output output, IEnumerable<Row> rows) =>
        output.Table([Texts.Texts.Get("col.setting"), Texts.Texts.Get("col.value"), Texts.Texts.Get("col.description")],
            rows.Select(r => (IReadOnlyList<string>)[r.Setting,
                r.On is { } on ? Texts.Texts.Get(on ? "word.on" : "word.off") : r.Value ?? "",
                Texts.Texts.Find("option." + r.Setting) ?? r.Description]));

    private const string EndpointDescription = "Where error reports are sent (https); without it they are written to reports/ in the data folder";

    /// <summary>Sets the error report address (none, off or an empty text: no address), or the problem with it.</summary>
    private static Problem? SetEndpoint(OptionsEntry options, string url)
    {
        if (url.Trim().ToLowerInvariant() is "" or "none" or "off" or "brak")
        {
            options.ReportsEndpoint = null;
            return null;
        }
        var parsed = Reports.ReportEndpoint.Parse(url);
        parsed.IfRight(uri => options.ReportsEndpoint = uri.ToString());
        return parsed.LeftToSeq().HeadOrNone().MatchUnsafe(p => p, () => null);
    }

    /// <summary>`config clear`: Wyczyść dane konfiguracyjne — forget all program settings.</summary>
    public static Command BuildConfig(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("config", "The configuration file");
        var clear = new Command("clear", "Forget all program settings and the firms found, to configure again (the panel and the journal stay)");
        clear.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            var loaded = c.LoadConfig();
            string? backup = null;
            if (loaded.IsLeft && loaded.LeftToSeq().Head.Code is "config.invalid" or "config.null")
            {
                // a file that cannot be read is kept beside, never overwritten, and a fresh one written
                backup = ConfigStore.KeepBroken(c.Dir, c.Clock.GetLocalNow());
                loaded = new AppConfig();
            }
            if (!c.TryConfig(loaded, out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            cfg.Programs.Clear();
            ConfigStore.Save(c.Dir, cfg);
            if (backup is not null && !c.Out.Json) c.Out.Line(Texts.Texts.Get("config.backup", c.Dir.ConfigFile, backup));
            using (var state = StateStore.Open(c.Dir.StateDb)) state.ClearFirms();
            if (c.Out.Json) c.Out.WriteJson(new { cleared = true, backup });
            else c.Out.Line(Texts.Texts.Get("config.cleared"));
            return Task.FromResult(Exit.Ok);
        });
        cmd.Subcommands.Add(clear);
        return cmd;
    }
}
