using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Worker;
using KonektoSync.Transform.Planning;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Worker;

/// <summary>
/// The worker's change source on the real PostgreSQL server: a program on the PostgreSQL stand-in is
/// fingerprinted by the server's change marker, read through the kit's read-only session with the
/// program's own settings, so the worker skips it while nothing is written and syncs it after a write
/// by another connection; a marker that cannot be read makes it sync every time.
/// </summary>
public sealed class ProgramChangeSourceTests : IAsyncLifetime
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Database=postgres;Pooling=false";

    private readonly string _name = "worker_standin_" + Guid.NewGuid().ToString("N")[..8];
    private readonly DataDir _dir = new(Directory.CreateTempSubdirectory("konektosync-markers-").FullName);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero));
    private readonly LogLines _log = new();
    private AppConfig _cfg = new();

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await Exec(admin, $"CREATE DATABASE {_name}");
        }
        await using var db = await Database();
        await Exec(db, "CREATE TABLE firms (nip text)");
        _dir.Ensure();
        _cfg = new AppConfig();
        Environment.SetEnvironmentVariable("KONEKTOSYNC_TEST_MARKER_PASSWORD", "konekto");
        var entry = new ProgramEntry { Password = "env:KONEKTOSYNC_TEST_MARKER_PASSWORD" };
        entry.Values["engine"] = "postgresql-standin";
        entry.Values["host"] = "127.0.0.1";
        entry.Values["port"] = "5432";
        entry.Values["user"] = "konekto";
        entry.Values["database"] = _name;
        _cfg.Programs["optima"] = entry;
        _cfg.AutoUpdate.Enabled = true;
        ConfigStore.Save(_dir, _cfg);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await Exec(admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
        try { Directory.Delete(_dir.Path, recursive: true); } catch (IOException) { }
    }

    private async Task<NpgsqlConnection> Database()
    {
        var db = new NpgsqlConnection(Server.Replace("Database=postgres", "Database=" + _name, StringComparison.Ordinal));
        await db.OpenAsync();
        return db;
    }

    private static async Task Exec(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed class LogLines : Serilog.Core.ILogEventSink
    {
        private readonly List<string> _lines = [];
        public List<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public void Emit(Serilog.Events.LogEvent e) { lock (_lines) _lines.Add(e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)); }
    }

    private Serilog.ILogger Log() => new Serilog.LoggerConfiguration().WriteTo.Sink(_log).CreateLogger();

    /// <summary>
    /// A sync that reads the stand-in database read-only through the kit, as the real sync does, counts
    /// its runs and leaves the program's change marker in the journal as the sync does (<see cref="ChangeMarking"/>).
    /// </summary>
    private sealed class ReadingRunner(string database, DataDir dir, IChangeSource source, TimeProvider clock) : ISyncRunner
    {
        public int Runs;

        public async Task<SyncReport> Run(AppConfig cfg, SyncRequest request, Set<ProgramId> programs, CancellationToken cancel)
        {
            Assert.Equal(Set(ProgramId.Optima), programs);
            Runs++;
            var before = new MarkerCheck(Map<ProgramId, ChangeMark>(), await source.Fingerprints(cfg, dir, cancel));
            var report = await Read(cancel);
            using var state = StateStore.Open(dir.StateDb);
            await ChangeMarking.After(source, cfg, dir, state, request, ChangeMarking.Today(clock), report.RunId, before,
                new SyncPlan(Map<ProgramId, Seq<PlanItem>>(), Seq<SyncEvent>(), Seq<FirmPlanRow>()), programs.ToSeq(), report.Events, cancel);
            return report;
        }

        private async Task<SyncReport> Read(CancellationToken cancel)
        {
            var target = new SqlTarget(SqlDialect.PostgreSql, "127.0.0.1", 5432, null, database, "konekto",
                new KonektoSync.Extract.Secret("konekto"), SqlAuth.Sql, false, 1000);
            var opened = await target.Open("optima", cancel);
            await using var session = opened.Match(s => s, p => throw new InvalidOperationException(p.ToString()));
            var read = await session.List("SELECT count(*)::text FROM firms", [], r => r.GetString(0), cancel);
            Assert.True(read.IsRight);
            return new SyncReport(Guid.NewGuid().ToString("N"), 1, 0, 0, 0, 1, Seq<SyncEvent>(), false, null);
        }
    }

    private WorkerSettings Settings() => WorkerSettings.From(_cfg.AutoUpdate).Match(s => s, p => throw new InvalidOperationException(p.ToString()));

    [Fact]
    public async Task A_program_on_the_standin_is_skipped_while_nothing_is_written_and_synced_after_an_insert_by_another_connection()
    {
        var runner = new ReadingRunner(_name, _dir, new ProgramChangeSource(Log()), _clock);
        var worker = new SyncWorker(_dir, _clock, new ProgramChangeSource(Log()), runner, Log(), TimeZoneInfo.Utc);

        await worker.RunOnce(_cfg, Settings(), CancellationToken.None);
        Assert.Equal(1, runner.Runs);
        // the server is shared with other tests, whose writes move its marker too: some check in a few must skip
        var skipped = false;
        for (var attempt = 0; attempt < 10 && !skipped; attempt++)
        {
            var before = runner.Runs;
            await worker.RunOnce(_cfg, Settings(), CancellationToken.None);
            skipped = runner.Runs == before;
        }
        var beforeInsert = runner.Runs;
        await using (var other = await Database()) await Exec(other, "INSERT INTO firms VALUES ('5260250995')");
        await worker.RunOnce(_cfg, Settings(), CancellationToken.None);

        Assert.True(skipped, "the program synced on every check although nothing was written to its database");
        Assert.Equal(beforeInsert + 1, runner.Runs);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("change marker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_whose_marker_query_fails_syncs_on_every_check_and_the_reason_is_logged_once()
    {
        var source = new ProgramChangeSource(Log(), _ => "SELECT no_such_marker_function()::text");
        var runner = new ReadingRunner(_name, _dir, source, _clock);
        var worker = new SyncWorker(_dir, _clock, source, runner, Log(), TimeZoneInfo.Utc);

        var fingerprints = await source.Fingerprints(_cfg, _dir, CancellationToken.None);
        for (var i = 0; i < 3; i++) await worker.RunOnce(_cfg, Settings(), CancellationToken.None);

        Assert.Equal(Some(Option<string>.None), fingerprints.Find(ProgramId.Optima));
        Assert.Equal(3, runner.Runs);
        var warnings = _log.Lines.Where(l => l.Contains("change marker of \"optima\" cannot be read", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain("konekto;", warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_keeps_all_its_firms_in_one_database_is_marked_by_that_database_so_a_write_elsewhere_does_not_move_it()
    {
        var other = _name + "_other";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await Exec(admin, $"CREATE DATABASE {other}");
        }
        try
        {
            var entry = new ProgramEntry { Password = "env:KONEKTOSYNC_TEST_MARKER_PASSWORD" };
            foreach (var (k, v) in _cfg.Programs["optima"].Values) entry.Values[k] = v;
            _cfg.Programs.Remove("optima");
            _cfg.Programs["waprofakir"] = entry;
            var source = new ProgramChangeSource(Log());
            async Task<string> Print() =>
                (await source.Fingerprints(_cfg, _dir, CancellationToken.None)).Find(ProgramId.WaproFakir).Flatten()
                    .Match(p => p, () => throw new InvalidOperationException("no marker"));

            var first = await Print();
            await using (var db = new NpgsqlConnection(Server.Replace("Database=postgres", "Database=" + other, StringComparison.Ordinal)))
            {
                await db.OpenAsync();
                await Exec(db, "CREATE TABLE elsewhere (x int)");
                await Exec(db, "INSERT INTO elsewhere VALUES (1)");
            }
            var afterElsewhere = await Print();
            var fresh = await new ProgramChangeSource(Log()).Fingerprints(_cfg, _dir, CancellationToken.None);
            await using (var db = await Database()) await Exec(db, "INSERT INTO firms VALUES ('5260250995'), ('1234563218')");
            var afterInsert = await Print();
            await using (var db = await Database()) await Exec(db, "UPDATE firms SET nip = '7740001454' WHERE nip = '5260250995'");
            var afterUpdate = await Print();
            await using (var db = await Database()) await Exec(db, "DELETE FROM firms WHERE nip = '1234563218'");
            var afterDelete = await Print();

            Assert.Equal(first, afterElsewhere);
            Assert.Equal(Some(first), fresh.Find(ProgramId.WaproFakir).Flatten());
            Assert.Equal(4, new[] { first, afterInsert, afterUpdate, afterDelete }.Distinct().Count());
        }
        finally
        {
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await Exec(admin, $"DROP DATABASE IF EXISTS {other} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task The_standins_marker_is_read_with_the_programs_settings_and_an_unreachable_server_counts_as_changed()
    {
        var source = new ProgramChangeSource(Log());
        var read = await source.Fingerprints(_cfg, _dir, CancellationToken.None);
        _cfg.Programs["optima"].Values["port"] = "1";
        var unreachable = await source.Fingerprints(_cfg, _dir, CancellationToken.None);

        Assert.True(read.Find(ProgramId.Optima).Flatten().IsSome);
        Assert.True(unreachable.Find(ProgramId.Optima).IsSome);
        Assert.True(unreachable.Find(ProgramId.Optima).Flatten().IsNone);
        Assert.Single(_log.Lines, l => l.Contains("change marker of \"optima\" cannot be read", StringComparison.Ordinal));
    }
}
