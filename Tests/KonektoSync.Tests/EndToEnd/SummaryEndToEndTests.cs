using KonektoSync.Tests.Host;
using KonektoSync.Tests.Host.Messaging;
using Microsoft.Data.Sqlite;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>`sync --send-summary` on a sample office: the summary reaches aiosmtpd on the loopback, or the sync says why not.</summary>
[Collection("EndToEnd")]
public sealed class SummaryEndToEndTests(SyncOfficeFixture fixture) : IClassFixture<SyncOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();
    private readonly LoopbackSmtp _smtp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _smtp.Dispose();
        _cli.Dispose();
    }

    /// <summary>A firm of the panel (local or the server) with an e-mail address and ZUS values, and the last month of them.</summary>
    internal static (string Nip, string Email, string Name, string Month) FirmWithZus(CliRunner cli)
    {
        foreach (var firm in Ok(cli.Run("panel", "firms", "--json")).Json.EnumerateArray())
        {
            var nip = firm.GetProperty("nip").GetString()!;
            var show = Ok(cli.Run("panel", "show", nip, "--json")).Json;
            var email = show.GetProperty("email").GetString() ?? "";
            var months = show.GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "zus").Select(e => e.GetProperty("period").GetString()!).ToList();
            if (email.Contains('@') && months.Count > 0)
                return (nip, email, show.GetProperty("name").GetString()!, months.Max(StringComparer.Ordinal)!);
        }
        throw new InvalidOperationException("the sample office has no firm with an e-mail address and ZUS values");
    }

    [Fact]
    public void Sync_send_summary_emails_the_firm_and_prints_it_and_a_refused_login_is_an_error_of_the_sync()
    {
        _office.Configure(_cli);
        Ok(_cli.Run("sync", "--from", "2024-01", "--to", "2024-12", "--kinds", "zus"));
        var (nip, email, name, month) = FirmWithZus(_cli);
        Ok(_cli.Run("firms", "channels", nip, "--email", "on"));
        Environment.SetEnvironmentVariable("KS_E2E_SMTP", LoopbackSmtp.Password);
        Ok(_cli.Run("settings", "mail", "--host", "127.0.0.1", "--port", $"{_smtp.Port}", "--tls", "none",
            "--user", LoopbackSmtp.User, "--password-env", "KS_E2E_SMTP", "--from", "biuro@example.pl"));

        var sent = _cli.Run("sync", "--from", month, "--to", month, "--kinds", "zus", "--firm", nip, "--approve", "--send-summary");

        Ok(sent);
        Assert.Contains($"summary of {month} sent by email", sent.Out);
        var (recipients, message) = Assert.Single(_smtp.Received());
        Assert.Equal([email], recipients);
        Assert.StartsWith(name + ": płatności za ", message.Subject);
        Assert.Contains("Składki ZUS:", message.TextBody);

        Environment.SetEnvironmentVariable("KS_E2E_SMTP", "nie-to-haslo");
        var refused = _cli.Run("sync", "--from", month, "--to", month, "--kinds", "zus", "--firm", nip, "--send-summary", "--json");

        Assert.Equal(1, refused.Exit);
        var error = Assert.Single(refused.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("summary.failed", error.GetProperty("code").GetString());
        Assert.Single(_smtp.Received());
        var log = Ok(_cli.Run("panel", "messages", "--firm", nip, "--json")).Json.EnumerateArray()
            .Select(m => (m.GetProperty("status").GetString(), m.GetProperty("attempt").GetInt32())).ToList();
        Assert.Equal([("sent", 1), ("failed", 2)], log);
        Assert.DoesNotContain("nie-to-haslo", refused.Out + refused.Err);
    }
}
