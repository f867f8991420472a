using KonektoSync.Tests.Host;
using KonektoSync.Tests.Host.Messaging;
using KonektoSync.Tests.Load;
using KonektoSync.Tests.Panel;
using Microsoft.Data.Sqlite;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// `sync --send-summary` on a sample office connected to a panel server on the loopback: the firm's
/// view comes from the server, the summary reaches aiosmtpd, the message log stays in the local data
/// folder, and the server records the summary as sent.
/// </summary>
[Collection("EndToEnd")]
public sealed class PanelServerSummaryTests(SyncOfficeFixture fixture) : IClassFixture<SyncOfficeFixture>, IAsyncLifetime
{
    private readonly Office _office = fixture.Office;
    private readonly TempFolder _folder = new();
    private readonly CliRunner _cli = new();
    private readonly LoopbackSmtp _smtp = new();
    private PanelServerRig _server = null!;

    public async Task InitializeAsync() => _server = await PanelServerRig.Start(_folder);

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _server.DisposeAsync();
        _smtp.Dispose();
        _cli.Dispose();
        _folder.Dispose();
    }

    /// <summary>The sample office connected to the panel server, with the mail settings of aiosmtpd.</summary>
    private async Task ConnectedOffice()
    {
        _office.Configure(_cli);
        var tokenFile = _folder.File("token");
        await File.WriteAllTextAsync(tokenFile, await _server.Office("Biuro rachunkowe"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Ok(_cli.Run("panel", "connect", _server.Url.ToString(), "--token-file", tokenFile));
        Environment.SetEnvironmentVariable("KS_E2E_REMOTE_SMTP", LoopbackSmtp.Password);
        Ok(_cli.Run("settings", "mail", "--host", "127.0.0.1", "--port", $"{_smtp.Port}", "--tls", "none",
            "--user", LoopbackSmtp.User, "--password-env", "KS_E2E_REMOTE_SMTP", "--from", "biuro@example.pl"));
    }

    [Fact]
    public async Task Sync_send_summary_through_the_panel_server_emails_the_firm_logs_locally_and_records_it_on_the_server()
    {
        await ConnectedOffice();
        Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--kinds", "zus"));
        var (nip, email, _, month) = SummaryEndToEndTests.FirmWithZus(_cli);
        Ok(_cli.Run("firms", "channels", nip, "--email", "on"));

        var sent = _cli.Run("sync", "--from", month, "--to", month, "--kinds", "zus", "--firm", nip, "--approve", "--send-summary");

        Ok(sent);
        Assert.Contains($"summary of {month} sent by email", sent.Out);
        var (recipients, message) = Assert.Single(_smtp.Received());
        Assert.Equal([email], recipients);
        Assert.Contains("Składki ZUS:", message.TextBody);
        var log = Ok(_cli.Run("panel", "messages", "--firm", nip, "--json")).Json.EnumerateArray()
            .Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("status").GetString())).ToList();
        Assert.Equal([("summary", "sent")], log);
        Assert.True(File.Exists(Path.Combine(_cli.DataDir, "panel.db")), "the message log is in the local data folder");
        var export = _folder.File("server-export");
        Ok(_cli.Run("panel", "export", export));
        var recorded = File.ReadAllLines(Path.Combine(export, "summaries_sent.csv")).Skip(1).ToList();
        Assert.Contains(recorded, l => l.StartsWith($"{nip},{month},", StringComparison.Ordinal) && l.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_send_summary_while_the_panel_server_cannot_be_reached_sends_nothing_and_says_why()
    {
        await ConnectedOffice();
        // the server stops: the sync's batches wait in the outbox
        await _server.DisposeAsync();
        _server = await PanelServerRig.Start(_folder, name: "other");

        var r = _cli.Run("sync", "--from", "2024-12", "--to", "2024-12", "--kinds", "zus", "--approve", "--send-summary", "--json");

        Assert.Equal(0, r.Exit);
        var messages = r.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        Assert.Equal(["summary.panel-waiting"], messages);
        Assert.True(r.Json.GetProperty("warnings").GetInt32() >= 2);
        Assert.Empty(_smtp.Received());
    }
}
