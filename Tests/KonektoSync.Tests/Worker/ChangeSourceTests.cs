using KonektoSync.Host.Config;
using KonektoSync.Host.Worker;
using Npgsql;

namespace KonektoSync.Tests.Worker;

/// <summary>The change source: file fingerprints move with a file's size or time, and the SQL change markers.</summary>
public sealed class ChangeSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("konektosync-changes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ProgramEntry Entry(params (string Key, string Value)[] values)
    {
        var e = new ProgramEntry();
        foreach (var (k, v) in values) e.Values[k] = v;
        return e;
    }

    [Fact]
    public void A_folders_fingerprint_stays_while_nothing_changes_and_moves_with_a_files_size_time_or_a_new_file()
    {
        var data = Path.Combine(_folder, "F00001.fdb");
        File.WriteAllText(data, "pages");
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllText(Path.Combine(_folder, "sub", "x.dbf"), "rows");
        var entry = Entry(("path", _folder), ("user", "SYSDBA"));

        var first = FileChangeSource.Of(entry);
        var same = FileChangeSource.Of(entry);
        File.AppendAllText(data, "more");
        var grown = FileChangeSource.Of(entry);
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "sub", "x.dbf"), DateTime.UtcNow.AddMinutes(5));
        var touched = FileChangeSource.Of(entry);
        File.WriteAllText(Path.Combine(_folder, "F00002.fdb"), "new firm");
        var added = FileChangeSource.Of(entry);

        Assert.True(first.IsSome);
        Assert.Equal(first, same);
        Assert.Equal(5, new[] { first, grown, touched, added }.Distinct().Count() + 1);
    }

    [Fact]
    public void A_file_four_folders_down_moves_the_fingerprint_as_StreamSoft_keeps_a_firms_year()
    {
        var year = Directory.CreateDirectory(Path.Combine(_folder, "Aga", "DANE", "0001", "2025")).FullName;
        File.WriteAllText(Path.Combine(_folder, "Aga", "DANE", "0001", "Wlas.db"), "owner");
        File.WriteAllText(Path.Combine(year, "Plac.db"), "payments");
        var entry = Entry(("path", _folder));

        var first = FileChangeSource.Of(entry);
        File.AppendAllText(Path.Combine(year, "Plac.db"), " and one more");
        var changed = FileChangeSource.Of(entry);

        Assert.True(first.IsSome);
        Assert.True(changed.IsSome);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public void A_program_without_an_existing_file_or_folder_has_no_fingerprint_and_counts_as_changed()
    {
        Assert.True(FileChangeSource.Of(Entry(("host", "127.0.0.1"), ("database", "CDN_Biuro"))).IsNone);
        Assert.True(FileChangeSource.Of(Entry(("path", Path.Combine(_folder, "gone")))).IsNone);
    }

    [Fact]
    public void The_sql_server_marker_reads_change_tracking_or_else_the_database_rowversion()
    {
        Assert.Equal("SELECT CAST(COALESCE(CHANGE_TRACKING_CURRENT_VERSION(), CAST(@@DBTS AS bigint)) AS nvarchar(40))",
            SqlChangeMarker.SqlServer);
    }

    [Fact]
    public async Task The_postgresql_marker_runs_read_only_is_not_moved_by_reads_and_moves_with_a_write()
    {
        const string server = "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Database=postgres;Pooling=false";
        var name = "worker_marker_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            await using var db = new NpgsqlConnection(server.Replace("Database=postgres", "Database=" + name, StringComparison.Ordinal));
            await db.OpenAsync();
            await Exec(db, "CREATE TABLE t (v int)");
            // the server is shared with other tests: reads alone must leave the marker as it was in some attempt
            var readsKeepIt = false;
            for (var attempt = 0; attempt < 10 && !readsKeepIt; attempt++)
            {
                var before = await Marker(db);
                for (var i = 0; i < 20; i++) await ReadOnly(db, "SELECT count(*) FROM t");
                readsKeepIt = await Marker(db) == before;
            }
            var beforeWrite = await Marker(db);
            await Exec(db, "INSERT INTO t VALUES (1)");
            var afterWrite = await Marker(db);

            Assert.True(readsKeepIt, "read-only transactions moved the marker in every attempt");
            // the snapshot "xmin:xmax:xip_list": a committed write moves xmax, the next transaction id
            Assert.True(Xmax(afterWrite) > Xmax(beforeWrite), $"{beforeWrite} -> {afterWrite}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> Marker(NpgsqlConnection db) => (string)(await ReadOnly(db, SqlChangeMarker.PostgreSql))!;

    private static long Xmax(string snapshot) => long.Parse(snapshot.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> ReadOnly(NpgsqlConnection db, string sql)
    {
        await using var tx = await db.BeginTransactionAsync();
        await using (var ro = new NpgsqlCommand("SET TRANSACTION READ ONLY", db, tx)) await ro.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(sql, db, tx);
        var value = await cmd.ExecuteScalarAsync();
        await tx.CommitAsync();
        return value;
    }

    private static async Task Exec(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }
}
