using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using Microsoft.Data.Sqlite;
using static KonektoSync.Tests.Load.LoadFixtures;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host.Messaging;

/// <summary>
/// Summaries and activation links sent for real: to aiosmtpd on the loopback and to a loopback
/// HTTP SMS gateway; what each received, and what the message log recorded.
/// </summary>
public sealed class MessagingTests : IDisposable
{
    private const string PeselText = "44051401359";
    private const string FirmName = "Piekarnia Żółć Sp. z o.o.";
    private const string FirmEmail = "firma@example.pl";
    private const string Token = "sms-token-5f2c";
    private static readonly Period March = Month(2025, 3);

    private readonly CliRunner _cli = new();
    private readonly LoopbackSmtp _smtp = new();
    private readonly LoopbackSmsGateway _sms = new();

    public MessagingTests()
    {
        KonektoSync.Host.Texts.Texts.UseLanguage("en");
        Assert.Equal(0, _cli.Run("init").Exit);
        Environment.SetEnvironmentVariable("KS_MSG_SMTP", LoopbackSmtp.Password);
        Environment.SetEnvironmentVariable("KS_MSG_WRONG", "zle-haslo-123");
        Environment.SetEnvironmentVariable("KS_MSG_TOKEN", Token);
        Assert.Equal(0, _cli.Run("settings", "mail", "--host", "127.0.0.1", "--port", $"{_smtp.Port}", "--tls", "none",
            "--user", LoopbackSmtp.User, "--password-env", "KS_MSG_SMTP", "--from", "Biuro Rachunkowe Łąka <biuro@example.pl>").Exit);
        Assert.Equal(0, _cli.Run("settings", "sms", "--url-template", _sms.Url + "/send?to={phone}&text={text}",
            "--token-env", "KS_MSG_TOKEN").Exit);
        Assert.Equal(0, _cli.Run("settings", "panel", "--url", "https://panel.example.pl").Exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _sms.Dispose();
        _smtp.Dispose();
        _cli.Dispose();
    }

    private DataDir Dir => new(_cli.DataDir);

    private Task<LocalPanel> Panel() =>
        LocalPanel.Open(Dir.PanelDb, true, TimeProvider.System, SecretKey.PeselKey(Dir), CancellationToken.None);

    /// <summary>A firm in the panel with an owner (PESEL, e-mail) and March's ZUS and PIT-4, approved.</summary>
    private async Task Office(bool email, bool sms)
    {
        var panel = await Panel();
        await panel.Deliver(Batch(Run("r1"), Command(DataKind.Basic,
            Basic(FirmA, FirmName, FirmEmail, Owner("Zofia", "Gęślarz", PeselText, "zofia@example.pl"))), FactStatus.New), default);
        await panel.Deliver(Batch(Run("r1"), Command(DataKind.Zus, Zus(FirmA, March, 1184.27m)) with { Approve = true },
            FactStatus.New), default);
        await panel.Deliver(Batch(Run("r1"), Command(DataKind.Taxes, Tax(FirmA, TaxKind.Pit4, March, 12345.5m)) with { Approve = true },
            FactStatus.New), default);
        var cfg = ConfigStore.Load(Dir).RightToSeq().Head;
        cfg.Channels[FirmA.Value] = new ChannelEntry { Email = email, Sms = sms };
        ConfigStore.Save(Dir, cfg);
    }

    private void UseMailPassword(string variable)
    {
        Assert.Equal(0, _cli.Run("settings", "mail", "--password-env", variable).Exit);
    }

    private IReadOnlyList<MessageRecord> Log() =>
        PanelMessages.Open(Dir.PanelDb, default).Result.List(null, default).Result;

    /// <summary>Everything a person or a program reads of the messages: the outputs, the log, the files of the data folder.</summary>
    private string Everything(params CliRunner.Result[] results) =>
        string.Join("\n", results.Select(r => r.Out + r.Err))
        + _cli.Run("panel", "messages", "--json").Out + _cli.Run("panel", "messages").Out
        + string.Concat(Directory.GetFiles(_cli.DataDir, "*", SearchOption.AllDirectories)
            .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)) + Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_summary_by_email_reaches_the_firm_in_polish_and_is_recorded_as_sent()
    {
        await Office(email: true, sms: false);

        var r = _cli.Run("panel", "approve", FirmA.Value, "--send-summary");

        Assert.Equal(0, r.Exit);
        var (recipients, message) = Assert.Single(_smtp.Received());
        Assert.Equal([FirmEmail], recipients);
        Assert.Equal(FirmEmail, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Biuro Rachunkowe Łąka", Assert.Single(message.From.Mailboxes).Name);
        Assert.Equal($"{FirmName}: płatności za 03.2025", message.Subject);
        Assert.Contains($"oto płatności firmy {FirmName} za 03.2025:", message.TextBody);
        Assert.Contains(": 1 184,27 zł, termin płatności 15.04.2025", message.TextBody);
        Assert.Contains("- PIT-4: 12 345,50 zł, termin płatności 25.04.2025", message.TextBody);
        Assert.Contains("Szczegóły w panelu: https://panel.example.pl", message.TextBody);
        var logged = Assert.Single(Log());
        Assert.Equal(("summary", "email", FirmEmail, "2025-03", "sent", 1), (logged.Kind, logged.Channel, logged.Recipient,
            logged.Period, logged.Status, logged.Attempt));
        Assert.Contains("summary of 2025-03 sent by email", r.Out);
    }

    [Fact]
    public async Task A_client_with_neither_channel_on_gets_nothing_and_one_with_sms_only_gets_no_email()
    {
        await Office(email: false, sms: false);
        var none = _cli.Run("panel", "approve", FirmA.Value, "--send-summary");
        Assert.Equal(0, none.Exit);
        Assert.Contains("neither SMS nor e-mail", none.Out);
        Assert.Empty(_smtp.Received());
        Assert.Empty(_sms.Requests);
        Assert.Empty(Log());

        await Office(email: false, sms: true);
        var smsOnly = _cli.Run("panel", "approve", FirmA.Value, "--send-summary");

        Assert.Equal(0, smsOnly.Exit);
        Assert.Empty(_smtp.Received());
        Assert.Single(_sms.Requests);
        Assert.Equal("sms", Assert.Single(Log()).Channel);
    }

    [Fact]
    public async Task A_summary_by_sms_goes_to_the_gateway_url_encoded_with_the_bearer_token()
    {
        await Office(email: false, sms: true);

        var r = _cli.Run("panel", "approve", FirmA.Value, "--send-summary");

        Assert.Equal(0, r.Exit);
        var request = Assert.Single(_sms.Requests);
        Assert.Equal(("GET", "/send", "Bearer " + Token), (request.Method, request.Path, request.Authorization));
        Assert.Equal("+48600100200", request.Query["to"]);
        Assert.StartsWith($"{FirmName}, płatności za 03.2025: ZUS ", request.Query["text"]);
        Assert.Contains("1 184,27 zł do 15.04.2025; PIT-4 12 345,50 zł do 25.04.2025.", request.Query["text"]);
        Assert.Equal(("sms", "+48 600 100 200", "sent"), (Log()[0].Channel, Log()[0].Recipient, Log()[0].Status));
    }

    [Fact]
    public async Task A_post_gateway_gets_the_values_as_a_form()
    {
        await Office(email: false, sms: true);
        Assert.Equal(0, _cli.Run("settings", "sms", "--method", "POST").Exit);

        Assert.Equal(0, _cli.Run("panel", "approve", FirmA.Value, "--send-summary").Exit);

        var request = Assert.Single(_sms.Requests);
        Assert.Equal(("POST", "/send"), (request.Method, request.Path));
        var form = LoopbackSmsGateway.Form(request.Body);
        Assert.Equal("+48600100200", form["to"]);
        Assert.Contains("12 345,50 zł", form["text"]);
    }

    [Fact]
    public async Task A_refused_smtp_login_is_recorded_as_failed_with_the_reply_and_no_password_anywhere()
    {
        await Office(email: true, sms: false);
        UseMailPassword("KS_MSG_WRONG");

        var r = _cli.Run("panel", "approve", FirmA.Value, "--send-summary");

        Assert.Equal(1, r.Exit);
        Assert.Empty(_smtp.Received());
        var logged = Assert.Single(Log());
        Assert.Equal("failed", logged.Status);
        Assert.True(logged.Reason.StartsWith("mail.login: the SMTP server refused the login of biuro", StringComparison.Ordinal), logged.Reason);
        Assert.Contains("535", logged.Reason);
        Assert.Contains("not sent by email", r.Out);
        Assert.Empty(await SummariesSent());
        var everything = Everything(r);
        Assert.DoesNotContain("zle-haslo-123", everything);
        Assert.DoesNotContain(LoopbackSmtp.Password, everything);
        Assert.DoesNotContain(PeselText, everything);
    }

    [Fact]
    public async Task A_gateway_answering_500_is_recorded_as_failed_with_the_status_and_no_token_anywhere()
    {
        await Office(email: false, sms: true);
        _sms.Status = HttpStatusCode.InternalServerError;

        var r = _cli.Run("panel", "approve", FirmA.Value, "--send-summary", "--json");

        Assert.Equal(1, r.Exit);
        Assert.Single(_sms.Requests);
        var logged = Assert.Single(Log());
        Assert.Equal("failed", logged.Status);
        Assert.Equal("sms.refused: the SMS gateway answered HTTP 500 Internal Server Error", logged.Reason);
        Assert.Equal("summary.failed", r.Json.GetProperty("summary")[0].GetProperty("code").GetString());
        var everything = Everything(r);
        Assert.DoesNotContain(Token, everything);
        Assert.DoesNotContain(PeselText, everything);
    }

    [Fact]
    public async Task A_later_send_summary_retries_a_failed_summary_as_its_next_attempt()
    {
        await Office(email: true, sms: false);
        UseMailPassword("KS_MSG_WRONG");
        Assert.Equal(1, _cli.Run("panel", "approve", FirmA.Value, "--send-summary").Exit);
        UseMailPassword("KS_MSG_SMTP");

        // the summaries step of a later manual sync with --send-summary, for no firm of its own
        var cfg = ConfigStore.Load(Dir).RightToSeq().Head;
        var messenger = await Messenger.Open(cfg, Dir.PanelDb, TimeProvider.System, default);
        var request = new SyncRequest(Month(2025, 4), Month(2025, 4), toSet(new[] { DataKind.Zus, DataKind.Taxes }), None,
            Approve: false, SendSummary: true, Manual: true);
        var events = await SyncService.SendSummaries(await Panel(), messenger, cfg, request, cfg.ToOptions(),
            LanguageExt.Set<Nip>.Empty, default);

        Assert.Equal("summary.sent", Assert.Single(events).Code);
        Assert.Single(_smtp.Received());
        Assert.Equal([("failed", 1), ("sent", 2)], Log().Select(m => (m.Status, m.Attempt)));
        Assert.Empty(await messenger.Log.FailedSummaries(default));
        Assert.Single(await SummariesSent());
    }

    [Fact]
    public async Task Panel_activate_sends_a_link_whose_token_is_kept_only_as_a_digest()
    {
        await Office(email: false, sms: false);
        var person = _cli.Run("panel", "show", FirmA.Value, "--json").Json.GetProperty("people")[0].GetProperty("key").GetString()!;

        var r = _cli.Run("panel", "activate", FirmA.Value, "--person", person);

        Assert.Equal(0, r.Exit);
        var (recipients, message) = Assert.Single(_smtp.Received());
        Assert.Equal(["zofia@example.pl"], recipients);
        Assert.Equal($"Konto w panelu firmy {FirmName}", message.Subject);
        Assert.Contains("Dzień dobry, Zofia Gęślarz,", message.TextBody);
        var token = Regex.Match(message.TextBody ?? "", @"https://panel\.example\.pl/activate/([A-Za-z0-9_-]{43})\n").Groups[1].Value;
        Assert.NotEmpty(token);
        var log = await PanelMessages.Open(Dir.PanelDb, default);
        Assert.Equal((FirmA.Value, person, "zofia@example.pl"), await log.FindActivation(token, DateTimeOffset.UtcNow, default));
        Assert.Null(await log.FindActivation(token, DateTimeOffset.UtcNow.AddDays(8), default));
        var logged = Assert.Single(Log());
        Assert.Equal(("activation", "email", "sent", person), (logged.Kind, logged.Channel, logged.Status, logged.PersonKey));
        var everything = Everything(r);
        Assert.DoesNotContain(token, everything);
        Assert.DoesNotContain(PeselText, everything);
    }

    [Fact]
    public async Task An_activation_without_the_panels_address_is_recorded_as_failed_and_nothing_is_sent()
    {
        await Office(email: false, sms: false);
        Assert.Equal(0, _cli.Run("settings", "panel", "--off").Exit);
        var person = _cli.Run("panel", "show", FirmA.Value, "--json").Json.GetProperty("people")[0].GetProperty("key").GetString()!;

        var r = _cli.Run("panel", "activate", FirmA.Value, "--person", person);

        Assert.Equal(1, r.Exit);
        Assert.Empty(_smtp.Received());
        Assert.StartsWith("activation.no-panel-url", Assert.Single(Log()).Reason);
        Assert.Contains($"konektosync panel activate {FirmA.Value} --person {person}", r.Err);
    }

    /// <summary>A sync's group of basic data with the automatic activation on: a new owner with an e-mail address.</summary>
    private async Task<List<SyncEvent>> SyncBasicData()
    {
        var owner = new RawPerson("Zofia", "Gęślarz", PeselText, null, "zofia@example.pl", null, "owner");
        var raw = new RawFirm(ProgramId.Raks, "1", FirmA.Value, FirmName, "Długa 1", "00-001", "Warszawa",
            FirmEmail, null, null, [owner]);
        var request = new SyncRequest(March, March, toSet(new[] { DataKind.Basic }), None, false, false, true);
        var cfg = ConfigStore.Load(Dir).RightToSeq().Head;
        var key = SecretKey.PeselKey(Dir);
        var loader = await KonektoSync.Load.Journal.Loader.Open(Dir.StateDb, TimeProvider.System,
            SecretKey.Seal(Dir), default);
        var panel = await Panel();
        var target = SyncTarget.Of(panel, panel, FaultPlace.Panel, Dir.PanelDb);
        var messenger = await Messenger.Open(cfg, Dir.PanelDb, TimeProvider.System, default);
        var step = new GroupStep(RunId.Of(Guid.NewGuid()), target, loader, Dir.StateDb, request,
            Options.Default with { AutoActivation = true }, TimeProvider.System, key, messenger);
        return (await step.Complete(ProgramId.Raks, FirmA, DataKind.Basic, [new RawBasicData(ProgramId.Raks, "1", FirmA, raw)],
            default)).ToList();
    }

    [Fact]
    public async Task The_automatic_activation_sends_a_new_user_the_link_and_records_only_what_was_sent()
    {
        var events = await SyncBasicData();

        Assert.Contains(events, e => e.Code == "activation.sent");
        var (recipients, message) = Assert.Single(_smtp.Received());
        Assert.Equal(["zofia@example.pl"], recipients);
        Assert.Matches(@"https://panel\.example\.pl/activate/[A-Za-z0-9_-]{43}\n", message.TextBody ?? "");
        Assert.Equal("sent", Assert.Single(Log()).Status);
        Assert.Single(await Rows("SELECT person_key FROM activations_sent"));
    }

    [Fact]
    public async Task A_failed_automatic_activation_is_an_error_of_the_sync_and_is_not_recorded_as_sent()
    {
        UseMailPassword("KS_MSG_WRONG");

        var events = await SyncBasicData();

        var failed = Assert.Single(events, e => e.Code == "activation.failed");
        Assert.Equal(Severity.Error, failed.Severity);
        Assert.DoesNotContain(events, e => e.Code == "activation.sent");
        Assert.Empty(_smtp.Received());
        Assert.Equal("failed", Assert.Single(Log()).Status);
        Assert.Empty(await Rows("SELECT person_key FROM activations_sent"));
        Assert.DoesNotContain(PeselText, string.Join("\n", events.Select(e => e.Message + e.Remedy + string.Join(" ", e.Args))));
    }

    private async Task<List<string>> SummariesSent() => await Rows("SELECT channels FROM summaries_sent");

    private async Task<List<string>> Rows(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Dir.PanelDb};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var rdr = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await rdr.ReadAsync()) rows.Add(rdr.GetString(0));
        return rows;
    }
}
