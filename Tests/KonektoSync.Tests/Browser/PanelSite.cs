using System.Net.Sockets;
using KonektoSync.Tests.EndToEnd;
using KonektoSync.Tests.Host;
using KonektoSync.Tests.Host.Messaging;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.Browser;

/// <summary>
/// A panel server as an office runs it, for the browser tests: a small sample office (Raks and
/// Fakt on Firebird) synced by the real sync into a real <c>konektosync panel serve</c> process
/// (Kestrel on a free loopback port, SQLite store in the server's own data folder), and a real
/// SMTP server (aiosmtpd) on the loopback. Each test class that uses it gets its own.
/// </summary>
public class PanelSite : IAsyncLifetime
{
    public const string OfficeName = "Biuro Rachunkowe Żuraw";
    public const string StaffLogin = "anna.żuraw";
    public const string StaffPassword = "Zażółć-gęślą-7";

    public Office Office { get; private set; } = null!;

    /// <summary>The server's data folder (its store, its settings).</summary>
    public CliRunner Server { get; } = new();

    /// <summary>The office's data folder: the sync that delivers to the server.</summary>
    public CliRunner Sync { get; } = new();

    public LoopbackSmtp Smtp { get; private set; } = null!;

    public Uri Url { get; private set; } = null!;

    public long OfficeId { get; private set; }

    /// <summary>The office's API token (the sync connects with it).</summary>
    public string Token { get; private set; } = "";

    private SyncProcess? serve;

    /// <summary>Whether the tests drive a browser (then chromium must be there).</summary>
    protected virtual bool Browsing => true;

    public async Task InitializeAsync()
    {
        if (Browsing) Browser.Require();
        Smtp = new LoopbackSmtp();
        Office = await Office.Write(seed: 16, raksFirms: 3, faktFirms: 2);
        Ok(Server.Run("init"));
        var added = Ok(Server.Run("panel", "office", "add", OfficeName, "--json")).Json;
        OfficeId = added.GetProperty("id").GetInt64();
        var token = Token = added.GetProperty("token").GetString()!;
        Environment.SetEnvironmentVariable("KS_BROWSER_STAFF_PASSWORD", StaffPassword);
        Ok(Server.Run("panel", "staff", "add", "--office", $"{OfficeId}", "--login", StaffLogin, "--password-env", "KS_BROWSER_STAFF_PASSWORD"));
        Environment.SetEnvironmentVariable("KS_BROWSER_STAFF_PASSWORD", null);
        // the server sends summaries and activation links with its data folder's mail settings
        Environment.SetEnvironmentVariable("KS_BROWSER_SMTP_PASSWORD", LoopbackSmtp.Password);
        Ok(Server.Run("settings", "mail", "--host", "127.0.0.1", "--port", $"{Smtp.Port}", "--tls", "none",
            "--user", LoopbackSmtp.User, "--password-env", "KS_BROWSER_SMTP_PASSWORD", "--from", "biuro@zuraw.example.pl"));
        // the clients of every firm get summaries by e-mail (rule 11: only switched-on channels);
        // the server process reads the SMTP password from its environment when it sends
        var nips = Office.Raks.Firms.Concat(Office.Fakt.Firms).Select(Office.Nip).Where(n => KonektoSync.Domain.Nip.Create(n).IsSuccess)
            .Distinct().ToArray();
        Ok(Server.Run(["firms", "channels", .. nips, "--email", "on"]));
        await StartServer();
        Environment.SetEnvironmentVariable("KS_BROWSER_SMTP_PASSWORD", null);

        Office.Configure(Sync);
        var tokenFile = Path.Combine(Sync.DataDir, "panel-token");
        await File.WriteAllTextAsync(tokenFile, token);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Ok(Sync.Run("panel", "connect", Url.ToString(), "--token-file", tokenFile));
        Ok(Sync.Run("sync", "--from", $"{Year}-01", "--to", $"{Year}-12"));
    }

    private async Task StartServer()
    {
        var port = LoopbackSmtp.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        serve = SyncProcess.Start(["panel", "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", Server.DataDir, "--lang", "en"],
            "The panel server listens on");
        var started = await Task.WhenAny(serve.Started.Task, serve.Process.WaitForExitAsync(), Task.Delay(Browser.Patience));
        if (started != serve.Started.Task)
            throw new InvalidOperationException($"konektosync panel serve did not start on {Url}:\n{ServerOutput}");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(Browser.Patience);
    }

    /// <summary>What the server process printed so far.</summary>
    public string ServerOutput
    {
        get { lock (serve!.Out) return serve.Out.ToString(); }
    }

    public Uri Page(string path) => new(Url, path);

    /// <summary>A firm's entries as the sync's side shows them: kind, period, approved.</summary>
    public IReadOnlyList<(string Kind, string Period, bool Approved)> Entries(string nip) =>
        Ok(Sync.Run("panel", "show", nip, "--json")).Json.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("period").GetString()!, e.GetProperty("approved").GetBoolean())).ToList();

    /// <summary>
    /// A new activation token for a person of a firm, issued in the server's own store as the
    /// server's messenger issues it (the link it mails is <c>/activate/&lt;token&gt;</c>).
    /// </summary>
    public Task<string> ActivationToken(string nip, string personKey, string email) =>
        InServerStore(async (store, office) => await (await store.Messages(office, default))
            .NewActivationToken(nip, personKey, email, DateTimeOffset.UtcNow, TimeSpan.FromDays(7), default));

    /// <summary>The office's message log on the server (every attempt, as its firm page lists them) for a firm.</summary>
    public Task<IReadOnlyList<KonektoSync.Load.Panel.MessageRecord>> ServerMessages(string nip) =>
        InServerStore(async (store, office) => await (await store.Messages(office, default)).List(nip, default));

    /// <summary>Runs <paramref name="run"/> on the server's own store, opened beside the running server.</summary>
    private async Task<T> InServerStore<T>(Func<KonektoSync.Panel.ServerStore, KonektoSync.Panel.Office, Task<T>> run)
    {
        var store = (await KonektoSync.Panel.ServerStore.Open(Path.Combine(Server.DataDir, "panel-server", "server.db"), default))
            .Match(s => s, p => throw new InvalidOperationException(p.Message));
        await using (store)
            return await run(store, (await store.Offices(default)).Single(o => o.Id == OfficeId));
    }

    /// <summary>A firm's e-mail address as the sync's side shows it.</summary>
    public string Email(string nip) => Ok(Sync.Run("panel", "show", nip, "--json")).Json.GetProperty("email").GetString()!;

    /// <summary>The firms the sync delivered: NIP and name, as the sync's side lists them.</summary>
    public IReadOnlyList<(string Nip, string Name)> Firms() =>
        Ok(Sync.Run("panel", "firms", "--json")).Json.EnumerateArray()
            .Select(f => (f.GetProperty("nip").GetString()!, f.GetProperty("name").GetString()!)).ToList();

    public async Task DisposeAsync()
    {
        if (serve is not null)
        {
            serve.Process.Kill(entireProcessTree: true);
            await serve.Process.WaitForExitAsync().WaitAsync(Browser.Patience);
            serve.Process.Dispose();
        }
        Smtp?.Dispose();
        Sync.Dispose();
        Server.Dispose();
        Office?.Dispose();
    }
}
