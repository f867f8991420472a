using KonektoSync.Host.Config;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Tests.Host;

/// <summary>`settings mail`, `settings sms`, `settings panel`, `settings show`: kept, checked, shown without secrets.</summary>
public sealed class MessagingSettingsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public MessagingSettingsTests() => Assert.Equal(0, _cli.Run("init").Exit);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private AppConfig Config => ConfigStore.Load(new DataDir(_cli.DataDir)).RightToSeq().Head;

    [Fact]
    public void Mail_settings_keep_the_password_as_a_reference_and_make_mail_configured()
    {
        Assert.False(Config.ToOptions().MailConfigured);

        var r = _cli.Run("settings", "mail", "--host", "smtp.example.pl", "--port", "2525", "--tls", "none",
            "--user", "biuro", "--password-env", "KS_SMTP_PASSWORD", "--from", "Biuro Żółć <biuro@example.pl>");

        Assert.Equal(0, r.Exit);
        var mail = Config.Mail!;
        Assert.Equal(("smtp.example.pl", 2525, "none", "biuro", "env:KS_SMTP_PASSWORD"),
            (mail.Host, mail.Port, mail.Tls, mail.User, mail.Password));
        Assert.True(Config.ToOptions().MailConfigured);
    }

    [Fact]
    public void Settings_show_names_the_mail_server_and_the_gateway_but_no_password_or_token()
    {
        Environment.SetEnvironmentVariable("KS_SHOW_SECRET", "hunter2-secret");
        _cli.Run("settings", "mail", "--host", "smtp.example.pl", "--tls", "ssl", "--user", "biuro",
            "--password-env", "KS_SHOW_SECRET", "--from", "biuro@example.pl");
        _cli.Run("settings", "sms", "--url-template", "https://sms.example.pl/send?to={phone}&text={text}",
            "--token-env", "KS_SHOW_SECRET");
        _cli.Run("settings", "panel", "--url", "https://panel.example.pl/");

        var json = _cli.Run("settings", "show", "--json");
        var text = _cli.Run("settings", "show");

        Assert.Equal(0, json.Exit);
        var mail = json.Json.GetProperty("mail");
        Assert.Equal("smtp.example.pl", mail.GetProperty("host").GetString());
        Assert.Equal(465, mail.GetProperty("port").GetInt32());
        Assert.True(mail.GetProperty("passwordSet").GetBoolean());
        Assert.True(json.Json.GetProperty("sms").GetProperty("tokenSet").GetBoolean());
        Assert.Equal("https://panel.example.pl", json.Json.GetProperty("panelUrl").GetString());
        Assert.Contains("smtp.example.pl", text.Out);
        foreach (var output in new[] { json.Out, text.Out, File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")) })
        {
            Assert.DoesNotContain("hunter2", output);
        }
    }

    [Fact]
    public void Mail_off_forgets_the_settings_and_mail_is_no_longer_configured()
    {
        _cli.Run("settings", "mail", "--host", "smtp.example.pl", "--from", "biuro@example.pl");
        Assert.True(Config.ToOptions().MailConfigured);

        Assert.Equal(0, _cli.Run("settings", "mail", "--off").Exit);

        Assert.Null(Config.Mail);
        Assert.False(Config.ToOptions().MailConfigured);
    }

    [Theory]
    [InlineData("--tls", "maybe", "settings.mail-tls")]
    [InlineData("--from", "not an address", "settings.mail-from")]
    [InlineData("--port", "70000", "settings.mail-port")]
    public void Wrong_mail_settings_are_refused_and_nothing_is_saved(string option, string value, string code)
    {
        var args = new List<string> { "settings", "mail", "--host", "smtp.example.pl", option, value, "--json" };
        if (option != "--from") args.AddRange(["--from", "biuro@example.pl"]);

        var r = _cli.Run(args.ToArray());

        Assert.Equal(2, r.Exit);
        Assert.Contains(code, r.Out + r.Err);
        Assert.Null(Config.Mail);
    }

    [Theory]
    [InlineData("https://sms.example.pl/send?to={phone}", "GET")]
    [InlineData("ftp://sms.example.pl/send?to={phone}&text={text}", "GET")]
    [InlineData("https://sms.example.pl/send?to={phone}&text={text}", "PUT")]
    public void An_sms_template_without_both_places_or_with_another_method_is_refused(string template, string method)
    {
        var r = _cli.Run("settings", "sms", "--url-template", template, "--method", method);

        Assert.Equal(2, r.Exit);
        Assert.Null(Config.Sms);
    }

    [Fact]
    public void Firms_channels_switches_a_clients_channels_and_lists_them()
    {
        Assert.Equal(0, _cli.Run("firms", "channels", "1234563218", "8567346215", "--email", "on").Exit);
        Assert.Equal(0, _cli.Run("firms", "channels", "1234563218", "--sms", "on", "--email", "off").Exit);

        var listed = _cli.Run("firms", "channels", "--json");
        var bad = _cli.Run("firms", "channels", "1234563218", "--sms", "maybe");

        Assert.Equal(new KonektoSync.Domain.Channels(Sms: true, Email: false),
            Config.ChannelsOf(KonektoSync.Domain.Nip.Create("1234563218").SuccessToSeq().Head));
        Assert.Equal(new KonektoSync.Domain.Channels(Sms: false, Email: true),
            Config.ChannelsOf(KonektoSync.Domain.Nip.Create("8567346215").SuccessToSeq().Head));
        Assert.Equal(["1234563218", "8567346215"], listed.Json.EnumerateArray().Select(x => x.GetProperty("nip").GetString()));
        Assert.Equal(2, bad.Exit);
    }
}
