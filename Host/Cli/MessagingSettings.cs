using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `settings mail`, `settings sms`, `settings panel` and `settings show`: where summaries and
/// activation links are sent from. A password or a token is kept only as a protected reference
/// (env:VARIABLE), never in plain text, and never shown.
/// </summary>
public static class MessagingSettings
{
    public static Command Mail(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var host = new Option<string?>("--host") { Description = "The SMTP server's host name" };
        var port = new Option<int?>("--port") { Description = "The SMTP server's port (587 with starttls, 465 with ssl, 25 with none)" };
        var tls = new Option<string?>("--tls") { Description = "none, starttls or ssl" };
        var user = new Option<string?>("--user") { Description = "The login at the SMTP server (none: no login)" };
        var passwordEnv = new Option<string?>("--password-env") { Description = "Take the SMTP password from this environment variable" };
        var from = new Option<string?>("--from") { Description = "The sender's address, e.g. biuro@example.pl" };
        var off = new Option<bool>("--off") { Description = "Forget the mail settings: no summaries by e-mail" };
        var cmd = new Command("mail", "The mail server summaries and activation links are sent through (SMTP)")
            { host, port, tls, user, passwordEnv, from, off };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            if (pr.GetValue(off)) cfg.Mail = null;
            else
            {
                var entry = cfg.Mail ?? new MailEntry();
                if (pr.GetValue(host) is { } h) entry.Host = h.Trim();
                if (pr.GetValue(tls) is { } t) entry.Tls = t.Trim().ToLowerInvariant();
                if (pr.GetValue(port) is { } p) entry.Port = p;
                else if (cfg.Mail is null) entry.Port = MailSettings.DefaultPort(entry.Tls);
                if (pr.GetValue(user) is { } u) entry.User = u.Trim().Length == 0 ? null : u.Trim();
                if (pr.GetValue(passwordEnv) is { } env) entry.Password = "env:" + env.Trim();
                if (pr.GetValue(from) is { } f) entry.From = f.Trim();
                var valid = MailSettings.Of(entry);
                if (valid.IsLeft) return Task.FromResult(c.Out.Fail(valid.LeftToSeq().Head));
                cfg.Mail = entry;
            }
            ConfigStore.Save(c.Dir, cfg);
            return Task.FromResult(Shown(c, cfg));
        });
        return cmd;
    }

    public static Command Sms(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var template = new Option<string?>("--url-template") { Description = "The gateway's address with {phone} and {text}, e.g. https://sms.example.pl/send?to={phone}&text={text}" };
        var tokenEnv = new Option<string?>("--token-env") { Description = "Take the gateway's token (sent as a Bearer header) from this environment variable" };
        var method = new Option<string?>("--method") { Description = "GET (default) or POST (the template's query is sent as a form)" };
        var off = new Option<bool>("--off") { Description = "Forget the SMS gateway: no summaries by SMS" };
        var cmd = new Command("sms", "The HTTP gateway summaries are sent through by SMS") { template, tokenEnv, method, off };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            if (pr.GetValue(off)) cfg.Sms = null;
            else
            {
                var entry = cfg.Sms ?? new SmsEntry();
                if (pr.GetValue(template) is { } t) entry.UrlTemplate = t.Trim();
                if (pr.GetValue(tokenEnv) is { } env) entry.Token = "env:" + env.Trim();
                if (pr.GetValue(method) is { } m) entry.Method = m.Trim().ToUpperInvariant();
                var valid = SmsSettings.Of(entry);
                if (valid.IsLeft) return Task.FromResult(c.Out.Fail(valid.LeftToSeq().Head));
                cfg.Sms = entry;
            }
            ConfigStore.Save(c.Dir, cfg);
            return Task.FromResult(Shown(c, cfg));
        });
        return cmd;
    }

    public static Command Panel(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var url = new Option<string?>("--url") { Description = "The panel's address for clients, e.g. https://panel.example.pl (in summaries and activation links)" };
        var off = new Option<bool>("--off") { Description = "Forget the panel's address" };
        var cmd = new Command("panel", "The panel's address that messages to clients link to") { url, off };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            if (pr.GetValue(off)) cfg.PanelUrl = null;
            else if (pr.GetValue(url) is { } u)
            {
                var trimmed = u.Trim().TrimEnd('/');
                if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                    return Task.FromResult(c.Out.Fail(Problem.Of("settings.panel-url",
                        $"--url {u}: give the panel's full address, http:// or https://", u)));
                cfg.PanelUrl = trimmed;
            }
            ConfigStore.Save(c.Dir, cfg);
            return Task.FromResult(Shown(c, cfg));
        });
        return cmd;
    }

    public static Command Show(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("show", "All settings: the options, the mail server, the SMS gateway and the panel's address (no password or token)");
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            return Task.FromResult(Shown(c, cfg, withFlags: true));
        });
        return cmd;
    }

    /// <summary>`firms channels`: a client's channels (SMS, e-mail) that summaries go through (rule 11).</summary>
    public static Command Channels(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var nips = new Argument<string[]>("nip") { Arity = ArgumentArity.ZeroOrMore, Description = "NIPs of the firms (none: list the firms with a channel set)" };
        var sms = new Option<string?>("--sms") { Description = "Summaries by SMS to the firm's phone (on|off)" };
        var email = new Option<string?>("--email") { Description = "Summaries by e-mail to the firm's address (on|off)" };
        var cmd = new Command("channels", "The client's channels summaries are sent through: SMS, e-mail") { nips, sms, email };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            var firms = new List<Nip>();
            foreach (var raw in pr.GetValue(nips) ?? [])
            {
                var n = Nip.Create(raw);
                if (n.IsFail) return Task.FromResult(c.Out.Fail(n.FailToSeq().Head));
                firms.Add(n.SuccessToSeq().Head);
            }
            var smsOn = OnOff(pr.GetValue(sms), "sms");
            var emailOn = OnOff(pr.GetValue(email), "email");
            foreach (var bad in new[] { smsOn, emailOn }.Where(x => x.IsLeft))
                return Task.FromResult(c.Out.Fail(bad.LeftToSeq().Head));
            var (s, e) = (smsOn.RightToSeq().Head, emailOn.RightToSeq().Head);
            if (s.IsSome || e.IsSome)
            {
                foreach (var firm in firms)
                {
                    var entry = cfg.Channels.TryGetValue(firm.Value, out var had) ? had : new ChannelEntry();
                    entry.Sms = s.IfNone(entry.Sms);
                    entry.Email = e.IfNone(entry.Email);
                    cfg.Channels[firm.Value] = entry;
                }
                ConfigStore.Save(c.Dir, cfg);
            }
            var shown = (firms.Count > 0 ? firms.Select(f => f.Value) : cfg.Channels.Keys)
                .Distinct().Order(StringComparer.Ordinal)
                .Select(n => new ChannelsShown(n, cfg.Channels.TryGetValue(n, out var x) && x.Sms,
                    cfg.Channels.TryGetValue(n, out var y) && y.Email))
                .ToList();
            if (c.Out.Json) c.Out.WriteJson(shown);
            else c.Out.Table([T("col.nip"), "SMS", "e-mail"],
                shown.Select(x => (IReadOnlyList<string>)[x.Nip, T(x.Sms ? "word.on" : "word.off"), T(x.Email ? "word.on" : "word.off")]));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    public sealed record ChannelsShown(string Nip, bool Sms, bool Email);

    private static LanguageExt.Either<Problem, LanguageExt.Option<bool>> OnOff(string? text, string name) =>
        text?.Trim().ToLowerInvariant() switch
        {
            null => LanguageExt.Option<bool>.None,
            "on" or "true" or "yes" or "tak" or "1" => LanguageExt.Option<bool>.Some(true),
            "off" or "false" or "no" or "nie" or "0" => LanguageExt.Option<bool>.Some(false),
            _ => Problem.Of("settings.value", $"--{name} {text}: use on or off", name, text),
        };

    /// <summary>What is shown of the messaging settings: never a password or a token, only whether one is set.</summary>
    public sealed record MailShown(string Host, int Port, string Tls, string? User, bool PasswordSet, string From);

    public sealed record SmsShown(string UrlTemplate, string Method, bool TokenSet);

    private static int Shown(CliContext c, AppConfig cfg, bool withFlags = false)
    {
        var mail = cfg.Mail is { } m ? new MailShown(m.Host, m.Port, m.Tls, m.User, m.Password is not null, m.From) : null;
        var sms = cfg.Sms is { } s ? new SmsShown(s.UrlTemplate, s.Method, s.Token is not null) : null;
        if (c.Out.Json)
        {
            if (withFlags) c.Out.WriteJson(new { options = SettingsCommands.FlagRows(cfg), mail, sms, panelUrl = cfg.PanelUrl });
            else c.Out.WriteJson(new { mail, sms, panelUrl = cfg.PanelUrl });
            return Exit.Ok;
        }
        if (withFlags) SettingsCommands.WriteFlags(c.Out, SettingsCommands.FlagRows(cfg));
        var none = T("word.not-set");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "mail", mail is null ? none
                : $"{mail.Host}:{mail.Port} ({mail.Tls}), {T("settings.mail.from")} {mail.From}"
                    + (mail.User is null ? "" : $", {T("settings.mail.user")} {mail.User}")
                    + (mail.PasswordSet ? $", {T("settings.password-set")}" : "") },
            new[] { "sms", sms is null ? none
                : $"{sms.Method} {sms.UrlTemplate}" + (sms.TokenSet ? $", {T("settings.token-set")}" : "") },
            new[] { "panel", cfg.PanelUrl ?? none },
        };
        c.Out.Table([T("col.setting"), T("col.value")], rows);
        return Exit.Ok;
    }

    private static string T(string key) => Texts.Texts.Get(key);
}
