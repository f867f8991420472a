using System.Security.Cryptography;
using KonektoSync.Host.Config;
using KonektoSync.Panel;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Host.Cli;

/// <summary>
/// The end of `demo`: a panel server store in the demo's data folder (panel-server/server.db)
/// with a demo office holding the demo's panel, and a staff login, so that
/// `konektosync panel serve` shows the office pages (docs/panel-web.md).
/// </summary>
public static class DemoPanelServer
{
    /// <summary>The environment variable that gives the demo's staff password (otherwise a random one, printed once).</summary>
    public const string PasswordVariable = "KONEKTOSYNC_DEMO_PASSWORD";

    public const string Login = "demo";

    public const string Url = "http://127.0.0.1:5080/";

    public static async Task Create(CliContext c, string dataDir, CancellationToken ct)
    {
        var dir = new DataDir(dataDir);
        var path = Path.Combine(dir.Path, "panel-server", "server.db");
        var opened = await ServerStore.Open(path, ct);
        if (opened.IsLeft) { c.Out.Fail(opened.LeftToSeq().Head); return; }
        await using var store = opened.RightToSeq().Head;
        var added = await store.AddOffice("Biuro demonstracyjne", c.Clock.GetUtcNow(), ct);
        if (added.IsLeft) { c.Out.Fail(added.LeftToSeq().Head); return; }
        var (office, _) = added.RightToSeq().Head;
        var given = Environment.GetEnvironmentVariable(PasswordVariable);
        var password = string.IsNullOrEmpty(given)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')
            : given;
        var staff = await store.AddStaff(office.Id, Login, password, c.Clock.GetUtcNow(), ct);
        if (staff.IsLeft) { c.Out.Fail(staff.LeftToSeq().Head); return; }
        // the office's panel is a panel file like the local one: the demo's panel copied with SQLite's backup
        await using (var source = new SqliteConnection($"Data Source={dir.PanelDb};Mode=ReadOnly;Pooling=False"))
        await using (var target = new SqliteConnection(
            $"Data Source={Path.Combine(Path.GetDirectoryName(path)!, "offices", office.Id + ".db")};Pooling=False"))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }
        c.Out.Line(Texts.Texts.Get("demo.panel-server", Url, Login,
            string.IsNullOrEmpty(given) ? password : "$" + PasswordVariable, $"konektosync panel serve --data-dir {dataDir}"));
    }
}
