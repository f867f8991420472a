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
            await using var loader = await Loader.Open(c.Dir.StateDb, c.Clock, SecretKey.Seal(c.Dir), ct);
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
                pr.GetValue(urls) ?? "http://127.0.0.1:5080") { Clock = c.Clock });
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
                c.Out.Line(Texts.Texts.Get("panel.office.added", office.Name));
                c.Out.Line(token);
            }
            return Exit.Ok;
        });
        cmd.Subcommands.Add(add);
        return cmd;
    }
}
