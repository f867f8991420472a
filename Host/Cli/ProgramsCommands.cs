using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;

using static LanguageExt.Prelude;

namespace KonektoSync.Host.Cli;

public static class ProgramsCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("programs", "Configure the accounting programs to read from");
        cmd.Subcommands.Add(List(ctx));
        cmd.Subcommands.Add(Detect(ctx));
        cmd.Subcommands.Add(Servers(ctx));
        cmd.Subcommands.Add(Spec(ctx));
        cmd.Subcommands.Add(Set(ctx));
        cmd.Subcommands.Add(Check(ctx));
        cmd.Subcommands.Add(Inspect(ctx));
        return cmd;
    }

    private static Argument<string> ProgramArg() => new("program") { Description = "Program code, e.g. raks, fakt" };

    internal static LanguageExt.Either<Problem, ProgramId> ParseProgram(string text) =>
        ProgramIds.FromCode(text) is { } id
            ? Right<Problem, ProgramId>(id)
            : Left<Problem, ProgramId>(Problem.Of("program.unknown",
                $"unknown program '{text}': see 'konektosync programs list'", text));

    private static Command List(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("list", "All programs of the manual: available in this build, configured, enabled");
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            var cfg = c.LoadConfig().IfLeft(new AppConfig());
            var rows = Enum.GetValues<ProgramId>().Select(id =>
            {
                cfg.Programs.TryGetValue(id.Code(), out var e);
                return new
                {
                    program = id.Code(),
                    available = Connectors.Available.ContainsKey(id),
                    configured = e is not null,
                    enabled = e?.Enabled ?? false,
                    settings = e?.Values.ToDictionary(kv => kv.Key, kv => kv.Value),
                    passwordSet = e?.Password is not null,
                };
            }).ToList();
            if (c.Out.Json) { c.Out.WriteJson(rows); return Task.FromResult(Exit.Ok); }
            c.Out.Table(
                [T("col.program"), T("col.available"), T("col.configured"), T("col.settings")],
                rows.Select(r => (IReadOnlyList<string>)[
                    r.program, YesNo(r.available), r.configured ? (r.enabled ? T("word.enabled") : T("word.disabled")) : "-",
                    r.settings is null ? "" : string.Join(", ", r.settings.Select(kv => $"{kv.Key}={kv.Value}"))
                        + (r.passwordSet ? $", password=({T("word.protected")})" : "")]));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    /// <summary>A program this build has a connector for, or the problem naming 'programs list'.</summary>
    internal static LanguageExt.Either<Problem, (ProgramId Id, IProgramConnector Connector)> WithConnector(ProgramId id) =>
        Connectors.Find(id).Match(
            Some: conn => Right<Problem, (ProgramId, IProgramConnector)>((id, conn)),
            None: () => Left<Problem, (ProgramId, IProgramConnector)>(Problem.Of("program.no-connector",
                $"{id}: this version cannot read it yet: 'konektosync programs list' shows the programs it reads",
                id.ToString(), id.Code())));

    private static Command Spec(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var program = ProgramArg();
        var cmd = new Command("spec", "List the settings a program takes: key, required, default, description") { program };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            var found = ParseProgram(pr.GetValue(program)!).Bind(WithConnector);
            if (found.IsLeft) return Task.FromResult(c.Out.Fail(found.LeftToSeq().Head));
            var (id, conn) = found.RightToSeq().Head;
            if (c.Out.Json)
            {
                c.Out.WriteJson(new
                {
                    program = id.Code(),
                    settings = conn.Settings.Select(s => new
                        { key = s.Key, required = s.Required, @default = s.Default, secret = s.IsSecret, description = s.Description }).ToArray(),
                });
                return Task.FromResult(Exit.Ok);
            }
            c.Out.Table(
                [T("col.setting"), T("col.required"), T("col.default"), T("col.description")],
                conn.Settings.Select(s => (IReadOnlyList<string>)[
                    s.Key, YesNo(s.Required), s.Default ?? "", SettingDescription(id, s)]));
            if (conn.Settings.Any(s => s.IsSecret)) c.Out.Line(T("spec.password"));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    /// <summary>A setting's description in the reader's language: "setting.&lt;program&gt;.&lt;key&gt;", "setting.&lt;key&gt;", else the connector's own.</summary>
    private static string SettingDescription(ProgramId id, SettingSpec s) =>
        Texts.Texts.Find($"setting.{id.Code()}.{s.Key}") ?? Texts.Texts.Find($"setting.{s.Key}") ?? s.Description;

    private static Command Detect(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var program = new Argument<string?>("program") { Arity = ArgumentArity.ZeroOrOne };
        var apply = new Option<bool>("--apply") { Description = "Save the first proposal of a program not yet configured" };
        var cmd = new Command("detect", "Look in each program's default places and propose a configuration") { program, apply };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var which = pr.GetValue(program);
            var ids = which is null ? Connectors.Available.Keys.Order().ToList() : new List<ProgramId>();
            if (which is not null)
            {
                var p = ParseProgram(which);
                if (p.IsLeft) return c.Out.Fail(p.LeftToSeq().Head);
                ids.Add(p.RightToSeq().Head);
            }
            var cfg = c.LoadConfig().IfLeft(new AppConfig());
            var found = new List<object>();
            foreach (var id in ids)
            {
                if (!Connectors.Available.TryGetValue(id, out var conn)) continue;
                var proposals = await conn.Detect(ct);
                foreach (var prop in proposals)
                    found.Add(new { program = id.Code(), settings = prop.Values });
                if (pr.GetValue(apply) && !proposals.IsEmpty && !cfg.Programs.ContainsKey(id.Code()))
                    cfg.Programs[id.Code()] = new ProgramEntry
                        { Values = new SortedDictionary<string, string>(proposals.Head.Values.ToDictionary(), StringComparer.Ordinal) };
            }
            if (pr.GetValue(apply)) ConfigStore.Save(c.Dir, cfg);
            if (c.Out.Json) c.Out.WriteJson(found);
            else if (found.Count == 0) c.Out.Line(T("detect.none"));
            else foreach (dynamic f in found)
                c.Out.Line($"{f.program}: {string.Join(", ", ((IReadOnlyDictionary<string, string>)f.settings).Select(kv => $"{kv.Key}={kv.Value}"))}");
            return Exit.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// The SQL Servers found: SQL Browsers answering a broadcast, the hosts named (all their
    /// instances and the programs' default instance names) and this Windows machine's registry.
    /// </summary>
    private static Command Servers(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var hosts = new Option<string[]>("--host")
            { Description = "Also ask this machine's SQL Browser directly (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var noBroadcast = new Option<bool>("--no-broadcast") { Description = "Do not ask the whole network" };
        var waitMs = new Option<int>("--wait-ms") { Description = "How long to wait for answers", DefaultValueFactory = _ =>
            (int)KonektoSync.Extract.Engines.Sql.SqlBrowser.DefaultWait.TotalMilliseconds };
        var port = new Option<int>("--browser-port") { Description = "The SQL Browser's UDP port", DefaultValueFactory = _ =>
            KonektoSync.Extract.Engines.Sql.SqlBrowser.Port, Hidden = true };
        var cmd = new Command("servers", "List the SQL Servers found on this machine and the network (for the host setting)")
            { hosts, noBroadcast, waitMs, port };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var wait = TimeSpan.FromMilliseconds(Math.Clamp(pr.GetValue(waitMs), 1, 60_000));
            var found = await KonektoSync.Extract.Engines.Sql.SqlServerDiscovery.Find(
                ["localhost", .. pr.GetValue(hosts) ?? []], wait, ct, broadcast: !pr.GetValue(noBroadcast), port: pr.GetValue(port));
            var rows = found.Select(i => new
            {
                host = i.Host, tcpPort = i.TcpPort, version = i.Version, foundBy = i.FoundBy,
                program = KonektoSync.Extract.Engines.Sql.SqlServerDiscovery.ProgramOf(i),
            }).ToList();
            if (c.Out.Json) { c.Out.WriteJson(rows); return Exit.Ok; }
            if (rows.Count == 0) { c.Out.Line(T("servers.none")); return Exit.Ok; }
            c.Out.Table([T("col.server"), T("col.port"), T("col.version"), T("col.found-by"), T("col.program")],
                rows.Select(r => (IReadOnlyList<string>)[r.host, r.tcpPort?.ToString() ?? "", r.version ?? "", r.foundBy, r.program ?? ""]));
            return Exit.Ok;
        });
        return cmd;
    }

    private static Command Set(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var program = ProgramArg();
        var values = new Argument<string[]>("settings") { Arity = ArgumentArity.ZeroOrMore, Description = "key=value pairs, e.g. path=/srv/raks host=localhost port=3050" };
        var pwEnv = new Option<string?>("--password-env") { Description = "Take the password from this environment variable" };
        var pwFile = new Option<string?>("--password-file") { Description = "Take the password from this file (readable by its owner only)" };
        var pwDpapi = new Option<bool>("--password-dpapi") { Description = "Windows: read the password from standard input and keep it protected with DPAPI" };
        var disable = new Option<bool>("--disable") { Description = "Keep the settings but do not read this program" };
        var enable = new Option<bool>("--enable") { Description = "Read this program again" };
        var cmd = new Command("set", "Set a program's configuration by hand") { program, values, pwEnv, pwFile, pwDpapi, disable, enable };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            var parsed = ParseProgram(pr.GetValue(program)!).Bind(WithConnector);
            if (parsed.IsLeft) return Task.FromResult(c.Out.Fail(parsed.LeftToSeq().Head));
            var (id, conn) = parsed.RightToSeq().Head;
            if (!c.TryConfig(out var cfg, out var configFailed)) return Task.FromResult(configFailed);
            var specs = conn.Settings;
            if (!cfg.Programs.TryGetValue(id.Code(), out var entry))
                cfg.Programs[id.Code()] = entry = new ProgramEntry();
            foreach (var kv in pr.GetValue(values) ?? [])
            {
                var eq = kv.IndexOf('=');
                if (eq <= 0)
                    return Task.FromResult(c.Out.Fail(Problem.Of("program.setting-format",
                        $"'{kv}': settings are key=value", kv)));
                var key = kv[..eq].Trim();
                if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
                    return Task.FromResult(c.Out.Fail(Problem.Of("secret.plain",
                        "a password is never stored in plain text: use --password-env VARIABLE or --password-file PATH")));
                if (specs.Count > 0 && !specs.Any(s => s.Key == key))
                    return Task.FromResult(c.Out.Fail(Problem.Of("program.setting-unknown",
                        $"{id}: unknown setting '{key}'; known: {string.Join(", ", specs.Select(s => s.Key))}",
                        id.ToString(), key, string.Join(", ", specs.Select(s => s.Key)))));
                var value = kv[(eq + 1)..].Trim();
                if (value.Length == 0) entry.Values.Remove(key); else entry.Values[key] = value;
            }
            if (pr.GetValue(pwEnv) is { } env) entry.Password = "env:" + env;
            if (pr.GetValue(pwFile) is { } file)
            {
                var full = Path.GetFullPath(file);
                if (File.Exists(full) && !SecretRefs.OwnerOnly(full))
                    return Task.FromResult(c.Out.Fail(Problem.Of("secret.file-open",
                        $"{id}: the password file {full} is readable by others: run 'chmod 600 {full}'", id.ToString(), full)));
                entry.Password = "file:" + full;
            }
            if (pr.GetValue(pwDpapi))
            {
                if (!OperatingSystem.IsWindows())
                    return Task.FromResult(c.Out.Fail(Problem.Of("secret.dpapi-not-here",
                        $"{id}: DPAPI is available on Windows only: use --password-env VARIABLE or --password-file PATH", id.ToString())));
                var typed = Console.In.ReadLine();
                if (string.IsNullOrEmpty(typed))
                    return Task.FromResult(c.Out.Fail(Problem.Of("secret.empty", $"{id}: no password on standard input", id.ToString())));
                entry.Password = SecretRefs.Protect(typed);
            }
            if (pr.GetValue(disable)) entry.Enabled = false;
            if (pr.GetValue(enable)) entry.Enabled = true;
            ConfigStore.Save(c.Dir, cfg);
            if (c.Out.Json) c.Out.WriteJson(new { program = id.Code(), settings = entry.Values, passwordSet = entry.Password is not null, entry.Enabled });
            else c.Out.Line(T("program.saved", id.Code()));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }

    private static Command Check(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var program = new Argument<string?>("program") { Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("check", "Try each configured program: works, or exactly what is wrong; then list its firms") { program };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            var which = pr.GetValue(program);
            var targets = Connectors.Configured(cfg);
            if (which is not null)
            {
                var p = ParseProgram(which);
                if (p.IsLeft) return c.Out.Fail(p.LeftToSeq().Head);
                var id = p.RightToSeq().Head;
                if (!cfg.Programs.TryGetValue(id.Code(), out var e))
                    return c.Out.Fail(Problem.Of("program.not-configured",
                        $"{id} is not configured: run 'konektosync programs set {id.Code()} path=...'", id.ToString(), id.Code()));
                targets = Seq1((id, e));
            }
            if (targets.IsEmpty)
                return c.Out.Fail(Problem.Of("program.none", "no program is configured: run 'konektosync programs detect' or 'programs set'"));
            using var state = StateStore.Open(c.Dir.StateDb);
            var results = new List<object>();
            var failed = false;
            foreach (var (id, entry) in targets)
            {
                var outcome = await Discovery.CheckAndDiscover(id, entry, c.Dir, state, ct);
                var warnings = outcome.Warnings ?? [];
                failed |= outcome.Problem is not null || warnings.Count > 0;
                results.Add(new
                {
                    program = id.Code(),
                    ok = outcome.Problem is null && warnings.Count == 0,
                    message = outcome.Problem is { } pb ? Texts.Texts.Of(pb) : outcome.Summary,
                    details = outcome.Details,
                    warnings = warnings.Select(w => new { code = w.Code, message = Texts.Texts.Of(w) }).ToArray(),
                    firms = outcome.Firms,
                });
                if (!c.Out.Json)
                {
                    c.Out.Line(outcome.Problem is { } p2
                        ? $"{id.Code()}: {T("word.error")}: {Texts.Texts.Of(p2)}"
                        : $"{id.Code()}: {T(warnings.Count > 0 ? "word.warning" : "word.ok")}: {outcome.Summary} ({T("check.firms", outcome.Firms)})");
                    foreach (var w in warnings) c.Out.Line($"  {T("word.warning")}: {Texts.Texts.Of(w)}");
                    foreach (var d in outcome.Details) c.Out.Line("  " + d);
                    if (PreferServer(entry)) c.Out.Line($"{id.Code()}: {T("check.prefer-server")}");
                }
            }
            if (c.Out.Json) c.Out.WriteJson(results);
            return failed ? Exit.SomeFailed : Exit.Ok;
        });
        return cmd;
    }

    private static Command Inspect(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var program = ProgramArg();
        var cmd = new Command("inspect", "Dump the program's catalog (tables, columns, types; no row data) to fix a profile") { program };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var p = ParseProgram(pr.GetValue(program)!);
            if (p.IsLeft) return c.Out.Fail(p.LeftToSeq().Head);
            var id = p.RightToSeq().Head;
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            if (!cfg.Programs.TryGetValue(id.Code(), out var entry))
                return c.Out.Fail(Problem.Of("program.not-configured",
                    $"{id} is not configured: run 'konektosync programs set {id.Code()} path=...'", id.ToString(), id.Code()));
            var conn = Connectors.Find(id);
            if (conn.IsNone)
                return c.Out.Fail(Problem.Of("program.not-available", $"{id}: no connector in this version", id.ToString()));
            var pc = Connectors.Resolve(id, entry, c.Dir);
            if (pc.IsLeft) return c.Out.Fail(pc.LeftToSeq().Head);
            var catalog = await conn.Head().Inspect(pc.RightToSeq().Head, ct);
            return catalog.Match(
                Right: cat =>
                {
                    if (c.Out.Json)
                        c.Out.WriteJson(cat.Sources.Map(s => new
                        {
                            source = s.Source,
                            columns = s.Columns.Map(col => new { table = col.Table, column = col.Column, type = col.Type }).ToArray(),
                        }).ToArray());
                    else
                        foreach (var (source, cols) in cat.Sources)
                        {
                            c.Out.Line(source);
                            foreach (var t in cols.GroupBy(x => x.Table))
                                c.Out.Line($"  {t.Key}: {string.Join(", ", t.Select(x => $"{x.Column} {x.Type}"))}");
                        }
                    return Exit.Ok;
                },
                Left: pb => c.Out.Fail(pb, Exit.SomeFailed));
        });
        return cmd;
    }

    private static string T(string key, params object?[] args) => Texts.Texts.Get(key, args);

    /// <summary>
    /// A program read by the embedded Firebird engine while a Firebird server answers on this
    /// machine: that server holds the program's files, and embedded mode writes into them (docs/engines.md).
    /// </summary>
    private static bool PreferServer(ProgramEntry entry) =>
        entry.Values.TryGetValue("serverType", out var type)
        && string.Equals(type.Trim(), "embedded", StringComparison.OrdinalIgnoreCase)
        && KonektoSync.Extract.Kit.FirebirdEngine.ServerAnswers();
    private static string YesNo(bool b) => b ? T("word.yes") : T("word.no");
}
