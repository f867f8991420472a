using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Journal;
using KonektoSync.Panel;
using LanguageExt;
using Microsoft.AspNetCore.Builder;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Cli;

/// <summary>A panel command that cannot reach the panel it is configured for.</summary>
public sealed class PanelUnavailable(Problem problem) : Exception(problem.Message)
{
    public Problem Problem { get; } = problem;
}

/// <summary>
/// `panel connect/disconnect/status` (which panel the sync delivers to) and `panel serve`,
/// `panel office add` (the panel server, docs/panel-http.md).
/// </summary>
public static class PanelServerCommands
{
    public static Command Connect(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var url = new Argument<string>("url") { Description = "The panel server's address, e.g. https://panel.example.pl" };
        var tokenEnv = new System.CommandLine.Option<string?>("--token-env") { Description = "Name of the environment variable that holds the office's API token" };
        var tokenFile = new System.CommandLine.Option<string?>("--token-file") { Description = "File (readable by its owner only) that holds the office's API token" };
        var cmd = new Command("connect", "Deliver to a panel server instead of the local panel") { url, tokenEnv, tokenFile };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var exit)) return exit;
            var parsed = RemotePanel.ParseUrl(pr.GetValue(url));
            if (parsed.IsLeft) return c.Out.Fail(parsed.LeftToSeq().Head);
            var (env, file) = (pr.GetValue(tokenEnv), pr.GetValue(tokenFile));
            if ((env is null) == (file is null))
                return c.Out.Fail(Problem.Of("panel.token-ref", "give the token with either --token-env NAME or --token-file FILE"));
            var reference = env is not null ? "env:" + env : "file:" + Path.GetFullPath(file!);
            var entry = new RemotePanelEntry { Url = parsed.RightToSeq().Head.ToString(), Token = reference };
            var candidate = new AppConfig { Panel = entry };
            var sink = RemotePanel.Open(candidate, c.Dir, true);
            if (sink.IsLeft) return c.Out.Fail(sink.LeftToSeq().Head);
            using (var http = sink.RightToSeq().Head.Case as Load.Remote.HttpPanelSink)
            {
                try
                {
                    await http!.Mark(ct);
                }
                catch (Exception e) when (e is Load.Remote.PanelRefusedException || http!.IsDown(e))
                {
                    return c.Out.Fail(Problem.Of("panel.connect", $"the panel server {entry.Url} did not accept the token: {e.Message}",
                        entry.Url, e.Message), Exit.SomeFailed);
                }
            }
            cfg.Panel = entry;
            ConfigStore.Save(c.Dir, cfg);
            if (c.Out.Json) c.Out.WriteJson(new { url = entry.Url, token = reference });
            else c.Out.Line(Texts.Texts.Get("panel.connected", entry.Url));
            return Exit.Ok;
        });
        return cmd;
    }

    public static Command Disconnect(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("disconnect", "Deliver to the local panel again");
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var exit)) return Task.FromResult(exit);
            cfg.Panel = null;
            ConfigStore.Save(c.Dir, cfg);
            if (c.Out.Json) c.Out.WriteJson(new { panel = "local" });
            else c.Out.Line(Texts.Texts.Get("panel.disconnected", c.Dir.PanelDb));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    public static Command Status(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("status", "Which panel the sync delivers to, and how many batches wait in the outbox");
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var exit)) return exit;
            var loader = await Loader.Open(c.Dir.StateDb, c.Clock, SecretKey.Seal(c.Dir), ct);
            var waiting = await loader.Waiting(SyncService.PanelSinkName, ct);
            var target = cfg.Panel?.Url ?? c.Dir.PanelDb;
            if (c.Out.Json) c.Out.WriteJson(new { panel = cfg.Panel is null ? "local" : "server", target, waiting });
            else
            {
                c.Out.Line(Texts.Texts.Get(cfg.Panel is null ? "panel.status.local" : "panel.status.server", target));
                c.Out.Line(Texts.Texts.Get("panel.status.waiting", waiting));
            }
            return Exit.Ok;
        });
        return cmd;
    }

    private static System.CommandLine.Option<string?> DbOption() =>
        new("--db") { Description = "The server's database: sqlite:<path> (default: panel-server/server.db in the data folder) or postgres:<VARIABLE>, an environment variable holding the connection string" };

    /// <summary>
    /// The server's database as <c>--db</c> names it, shown in messages as the path or as
    /// <c>postgres:VARIABLE</c> (a connection string is never shown).
    /// </summary>
    private static async Task<(string Shown, Either<Problem, ServerStore> Store)> OpenStore(CliContext c, string? db,
        CancellationToken ct)
    {
        if (db is null || (db.StartsWith("sqlite:", StringComparison.Ordinal) && db.Length > 7))
        {
            var path = db is null ? Path.Combine(c.Dir.Path, "panel-server", "server.db") : Path.GetFullPath(db[7..]);
            return (path, await ServerStore.Open(path, ct));
        }
        if (db.StartsWith("postgres:", StringComparison.Ordinal) && db.Length > 9)
        {
            var variable = db[9..];
            var connection = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(connection)
                ? (db, Left<Problem, ServerStore>(Problem.Of("panel.db.env",
                    $"the environment variable {variable} holds no PostgreSQL connection string: set it for the server",
                    variable)))
                : (db, await ServerStore.OpenPostgres(connection, db, ct));
        }
        return (db, Left<Problem, ServerStore>(Problem.Of("panel.db",
            $"'{db}': give the server's database as sqlite:<path> or postgres:<VARIABLE>", db)));
    }

    /// <summary>
    /// Where the keys protecting the pages' cookies are kept: beside an SQLite database, in the
    /// data folder's panel-server folder for PostgreSQL.
    /// </summary>
    private static string KeysFolder(CliContext c, string? db) =>
        db is not null && db.StartsWith("sqlite:", StringComparison.Ordinal) && db.Length > 7
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db[7..]))!, "keys")
            : Path.Combine(c.Dir.Path, "panel-server", "keys");

    // a --db the command cannot use is a usage error; a database it cannot open, a failure
    private static int Fail(CliContext c, Problem p) =>
        c.Out.Fail(p, p.Code is "panel.db" or "panel.db.env" ? Exit.Usage : Exit.SomeFailed);

    public static Command Serve(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var urls = new System.CommandLine.Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:5080)" };
        var db = DbOption();
        var cmd = new Command("serve", "Run the panel server (HTTP API /api/v1) until stopped") { urls, db };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var (shown, store) = await OpenStore(c, pr.GetValue(db), ct);
            if (store.IsLeft) return Fail(c, store.LeftToSeq().Head);
            var app = PanelServer.Build(new PanelServerOptions(store.RightToSeq().Head,
                pr.GetValue(urls) ?? "http://127.0.0.1:5080")
            {
                Clock = c.Clock, KeysFolder = KeysFolder(c, pr.GetValue(db)),
                // the pages send with the data folder's mail and SMS settings (docs/panel-web.md)
                Messenger = c.LoadConfig().Match(cfg => new Messaging.ServerMessenger(cfg, c.Clock), _ => (IPanelMessenger?)null),
            });
            await app.StartAsync(ct);
            c.Out.Line(Texts.Texts.Get("panel.serving", string.Join(" ", app.Urls), shown));
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            await store.RightToSeq().Head.DisposeAsync();
            return Exit.Ok;
        });
        return cmd;
    }

    public static Command Office(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("office", "The panel server's offices");
        var name = new Argument<string>("name") { Description = "The office's name" };
        var db = DbOption();
        var add = new Command("add", "Add an office to the panel server and print its API token once") { name, db };
        add.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var (shown, store) = await OpenStore(c, pr.GetValue(db), ct);
            if (store.IsLeft) return Fail(c, store.LeftToSeq().Head);
            await using var opened = store.RightToSeq().Head;
            var added = await opened.AddOffice(pr.GetValue(name)!, c.Clock.GetUtcNow(), ct);
            if (added.IsLeft) return c.Out.Fail(added.LeftToSeq().Head);
            var (office, token) = added.RightToSeq().Head;
            if (c.Out.Json) c.Out.WriteJson(new { office = office.Name, id = office.Id, token });
            else
            {
                c.Out.Line(Texts.Texts.Get("panel.office.added", office.Name, office.Id));
                c.Out.Line(token);
            }
            return Exit.Ok;
        });
        cmd.Subcommands.Add(add);
        return cmd;
    }

    /// <summary>`panel staff add|remove|list`: the offices' staff who sign in to the office pages (docs/panel-web.md).</summary>
    public static Command Staff(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("staff", "The staff accounts of an office, who sign in to the office pages");
        System.CommandLine.Option<long> OfficeOption() => new("--office") { Description = "The office's number (printed by 'panel office add')", Required = true };
        System.CommandLine.Option<string> LoginOption() => new("--login") { Description = "The staff member's login", Required = true };

        var office = OfficeOption();
        var login = LoginOption();
        var passwordEnv = new System.CommandLine.Option<string?>("--password-env") { Description = "Name of the environment variable that holds the password (without it, the password is read from the standard input)" };
        var db = DbOption();
        var add = new Command("add", "Add a staff account to an office") { office, login, passwordEnv, db };
        add.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            string? password;
            if (pr.GetValue(passwordEnv) is { } variable)
            {
                password = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(password))
                    return c.Out.Fail(Problem.Of("panel.staff.password-env",
                        $"the environment variable {variable} holds no password", variable), Exit.Usage);
            }
            else password = Console.In.ReadLine();
            var (_, store) = await OpenStore(c, pr.GetValue(db), ct);
            if (store.IsLeft) return Fail(c, store.LeftToSeq().Head);
            await using var opened = store.RightToSeq().Head;
            var added = await opened.AddStaff(pr.GetValue(office), pr.GetValue(login)!, password ?? "", c.Clock.GetUtcNow(), ct);
            if (added.IsLeft) return c.Out.Fail(added.LeftToSeq().Head);
            var staff = added.RightToSeq().Head;
            if (c.Out.Json) c.Out.WriteJson(new { office = staff.Office.Id, login = staff.Login });
            else c.Out.Line(Texts.Texts.Get("panel.staff.added", staff.Login, staff.Office.Name));
            return Exit.Ok;
        });
        cmd.Subcommands.Add(add);

        var removeOffice = OfficeOption();
        var removeLogin = LoginOption();
        var removeDb = DbOption();
        var remove = new Command("remove", "Remove a staff account of an office; its sign-ins end") { removeOffice, removeLogin, removeDb };
        remove.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var (_, store) = await OpenStore(c, pr.GetValue(removeDb), ct);
            if (store.IsLeft) return Fail(c, store.LeftToSeq().Head);
            await using var opened = store.RightToSeq().Head;
            var removed = await opened.RemoveStaff(pr.GetValue(removeOffice), pr.GetValue(removeLogin)!, ct);
            if (removed.IsLeft) return c.Out.Fail(removed.LeftToSeq().Head);
            if (c.Out.Json) c.Out.WriteJson(new { office = pr.GetValue(removeOffice), login = pr.GetValue(removeLogin), removed = true });
            else c.Out.Line(Texts.Texts.Get("panel.staff.removed", pr.GetValue(removeLogin)!));
            return Exit.Ok;
        });
        cmd.Subcommands.Add(remove);

        var listOffice = OfficeOption();
        var listDb = DbOption();
        var list = new Command("list", "The staff accounts of an office") { listOffice, listDb };
        list.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var (_, store) = await OpenStore(c, pr.GetValue(listDb), ct);
            if (store.IsLeft) return Fail(c, store.LeftToSeq().Head);
            await using var opened = store.RightToSeq().Head;
            var listed = await opened.ListStaff(pr.GetValue(listOffice), ct);
            if (listed.IsLeft) return c.Out.Fail(listed.LeftToSeq().Head);
            var staff = listed.RightToSeq().Head;
            var now = c.Clock.GetUtcNow();
            if (c.Out.Json)
                c.Out.WriteJson(staff.Select(s => new { login = s.Login, createdAt = s.CreatedAt, lockedUntil = s.LockedUntil > now ? s.LockedUntil : null }));
            else
                c.Out.Table([Texts.Texts.Get("col.login"), Texts.Texts.Get("col.created"), Texts.Texts.Get("col.locked-until")],
                    staff.Select(s => (IReadOnlyList<string>)[s.Login, s.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                        s.LockedUntil > now ? s.LockedUntil.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : ""]));
            return Exit.Ok;
        });
        cmd.Subcommands.Add(list);
        return cmd;
    }
}
