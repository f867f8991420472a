using System.Net.Http.Json;
using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Tests.Browser;
using KonektoSync.Tests.Panel;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>A panel server process with its office synced, for tests that use no browser.</summary>
public sealed class PanelServerSite : PanelSite
{
    protected override bool Browsing => false;
}

/// <summary>
/// `sync --send-summary` connected to a real `konektosync panel serve` process: the server sends
/// the summary with its own mail settings to aiosmtpd on the loopback, keeps it in the office's
/// message log, and the sync prints the server's answer; a repeated request of the same run sends
/// nothing twice; a server that cannot be reached gets no summary told as sent.
/// </summary>
public sealed class PanelServerSummaryTests(PanelServerSite site) : IClassFixture<PanelServerSite>
{
    private const string Summaries = "/api/v1/summaries";

    /// <summary>A firm with ZUS values and an e-mail address, its last such month, its NIP as printed.</summary>
    private (string Nip, string Email, string Month, string Shown) Firm()
    {
        var (nip, email, _, month) = SummaryEndToEndTests.FirmWithZus(site.Sync);
        return (nip, email, month, Nip.Create(nip).SuccessToSeq().Head.Formatted);
    }

    private string[] SyncArgs(string nip, string month, params string[] more) =>
        ["sync", "--from", month, "--to", month, "--kinds", "zus", "--firm", nip, "--approve", "--send-summary", .. more];

    /// <summary>The sync connected through <paramref name="proxy"/> while <paramref name="test"/> runs, then to the server again.</summary>
    private async Task Through(FaultProxy proxy, Func<Task> test)
    {
        var tokenFile = Path.Combine(site.Sync.DataDir, "panel-token");
        Ok(site.Sync.Run("panel", "connect", proxy.Url.ToString(), "--token-file", tokenFile));
        try { await test(); }
        finally { Ok(site.Sync.Run("panel", "connect", site.Url.ToString(), "--token-file", tokenFile)); }
    }

    private async Task<int> SentSummaries(string nip) =>
        (await site.ServerMessages(nip)).Count(m => m.Kind == "summary" && m.Status == "sent");

    [Fact]
    public async Task Sync_send_summary_connected_to_a_panel_server_has_the_server_email_it_and_prints_its_answer_in_Polish()
    {
        var (nip, email, month, shown) = Firm();
        var mails = site.Smtp.Received().Count;
        var logged = await SentSummaries(nip);

        var sent = site.Sync.RunIn("pl", SyncArgs(nip, month));

        Ok(sent);
        Assert.Contains($"{shown}: zestawienie za {month} wysłano kanałem email do {email}", sent.Out);
        var (recipients, message) = Assert.Single(site.Smtp.Received().Skip(mails));
        Assert.Equal([email], recipients);
        Assert.Contains($"płatności za {month[5..]}.{month[..4]}", message.Subject);
        Assert.Contains("Składki ZUS:", message.TextBody);
        Assert.Equal(logged + 1, await SentSummaries(nip));
        var last = (await site.ServerMessages(nip)).Last(m => m.Kind == "summary");
        Assert.Equal((email, month, "email"), (last.Recipient, last.Period, last.Channel));
    }

    [Fact]
    public async Task A_request_retried_after_its_answer_was_lost_sends_nothing_twice_and_the_sync_reports_it_once_in_json()
    {
        var (nip, email, month, _) = Firm();
        var mails = site.Smtp.Received().Count;
        var logged = await SentSummaries(nip);
        await using var proxy = new FaultProxy(site.Url);
        // the server sends, then the connection drops before its answer: the sync asks again with the same run id
        proxy.OnPath(Summaries, ProxyAction.DropAfterForward);

        await Through(proxy, () =>
        {
            var r = site.Sync.Run(SyncArgs(nip, month, "--json"));

            Assert.Equal(0, r.Exit);
            Assert.Equal(2, proxy.RequestsTo(Summaries));
            var lines = r.Json.GetProperty("messages").EnumerateArray()
                .Select(m => (m.GetProperty("code").GetString(), m.GetProperty("firm").GetString(), m.GetProperty("message").GetString())).ToList();
            Assert.Equal([("summary.server.sent", nip, $"summary of {month} sent by email to {email}")], lines);
            return Task.CompletedTask;
        });
        Assert.Single(site.Smtp.Received().Skip(mails));
        Assert.Equal(logged + 1, await SentSummaries(nip));
    }

    [Fact]
    public async Task The_same_run_asked_twice_is_answered_again_from_what_was_kept_without_sending()
    {
        var (nip, email, month, _) = Firm();
        Ok(site.Sync.Run("sync", "--from", month, "--to", month, "--kinds", "zus", "--firm", nip, "--approve"));
        var mails = site.Smtp.Received().Count;
        using var client = new HttpClient { BaseAddress = site.Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", site.Token);
        var request = new { run = Guid.NewGuid().ToString(), period = month, firms = new[] { nip } };

        var first = await (await client.PostAsJsonAsync(Summaries, request)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await client.PostAsJsonAsync(Summaries, request)).Content.ReadFromJsonAsync<JsonElement>();

        var (firstFirm, againFirm) = (first.GetProperty("firms")[0], again.GetProperty("firms")[0]);
        Assert.False(firstFirm.GetProperty("repeated").GetBoolean());
        Assert.True(againFirm.GetProperty("repeated").GetBoolean());
        Assert.Equal(firstFirm.GetProperty("messages").GetRawText(), againFirm.GetProperty("messages").GetRawText());
        var line = Assert.Single(firstFirm.GetProperty("messages").EnumerateArray());
        Assert.Equal(("sent", "email", email), (line.GetProperty("status").GetString(), line.GetProperty("channel").GetString(),
            line.GetProperty("recipient").GetString()));
        Assert.Single(site.Smtp.Received().Skip(mails));
    }

    [Fact]
    public async Task A_panel_server_gone_when_the_summaries_are_asked_for_gets_a_clear_error_and_nothing_is_told_as_sent()
    {
        var (nip, _, month, _) = Firm();
        var mails = site.Smtp.Received().Count;
        var logged = (await site.ServerMessages(nip)).Count;
        await using var proxy = new FaultProxy(site.Url);
        proxy.OnPath(Summaries, Enumerable.Repeat(ProxyAction.Close, 20).ToArray());

        await Through(proxy, () =>
        {
            var r = site.Sync.RunIn("pl", SyncArgs(nip, month));

            Assert.Equal(1, r.Exit);
            Assert.Contains($"błąd: nie wysłano zestawień: nie można połączyć się z serwerem panelu http://127.0.0.1:{proxy.Url.Port}", r.Err);
            Assert.DoesNotContain("wysłano kanałem", r.Out);
            Assert.True(proxy.RequestsTo(Summaries) >= 2, "the request was tried again before giving up");
            return Task.CompletedTask;
        });
        Assert.Empty(site.Smtp.Received().Skip(mails));
        Assert.Equal(logged, (await site.ServerMessages(nip)).Count);
    }

    [Fact]
    public async Task A_panel_server_that_cannot_be_reached_at_all_keeps_the_batches_and_sends_no_summary()
    {
        var (nip, _, month, _) = Firm();
        var mails = site.Smtp.Received().Count;
        await using var proxy = new FaultProxy(site.Url);

        await Through(proxy, () =>
        {
            proxy.Down = true;
            var r = site.Sync.Run(SyncArgs(nip, month, "--json"));

            Assert.Equal(0, r.Exit);
            var messages = r.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
            Assert.Equal(["summary.panel-waiting"], messages);
            Assert.Equal(0, proxy.RequestsTo(Summaries));
            return Task.CompletedTask;
        });
        Assert.Empty(site.Smtp.Received().Skip(mails));
    }
}
