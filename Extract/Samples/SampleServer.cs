using System.Data.Common;
using MySqlConnector;
using Npgsql;

namespace KonektoSync.Extract.Samples;

/// <summary>
/// A database server a sample of a SQL Server program is written to: PostgreSQL standing in for SQL
/// Server (tables in schema dbo, names quoted as enova spells them), or MySQL/MariaDB (no schemas).
/// </summary>
public sealed record SampleServer(string Engine, string ConnectionString)
{
    /// <summary>The PostgreSQL test server of scripts/install-deps.sh.</summary>
    public static SampleServer PostgreSql { get; } =
        new("postgresql", "Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto;Pooling=false");

    /// <summary>The MariaDB test server of scripts/install-deps.sh.</summary>
    public static SampleServer MySql { get; } =
        new("mysql", "Server=127.0.0.1;Port=3306;User ID=konekto;Password=konekto;Pooling=false;AllowUserVariables=true");

    public bool IsMySql => Engine == "mysql";

    /// <summary>A table of a schema as this server names it: "dbo"."X" on PostgreSQL, `X` on MySQL.</summary>
    public string Table(string schema, string table) => IsMySql ? $"`{table}`" : $"\"{schema}\".\"{table}\"";

    /// <summary>The firms of a spec: the explicit ones, then the generated ones, numbered from 1.</summary>
    public static List<(int Id, string Nip, string Name)> Firms(SampleSpec spec, SampleData data) =>
        (spec.ExplicitFirms ?? []).Concat(Enumerable.Range(0, spec.Firms).Select(i => new SampleFirm(data.Nip(), data.FirmName(i))))
            .Select((f, i) => (Id: i + 1, f.Nip, f.Name)).ToList();

    /// <summary>
    /// CREATE TABLE of <paramref name="columns"/> ("ID integer, NIP varchar(20)"), each column's name quoted as
    /// the server quotes it (PostgreSQL folds bare names).
    /// </summary>
    public Task<int> CreateTable(DbConnection db, string schema, string table, string columns, CancellationToken cancel) =>
        Exec(db, $"CREATE TABLE {Table(schema, table)} ({string.Join(", ", columns.Split(", ").Select(c => Col(c[..c.IndexOf(' ')]) + c[c.IndexOf(' ')..]))})", cancel);

    /// <summary>A column as this server quotes it.</summary>
    public string Col(string name) => IsMySql ? $"`{name}`" : $"\"{name}\"";

    public async Task<DbConnection> Open(string? database, CancellationToken cancel)
    {
        DbConnection c = IsMySql
            ? new MySqlConnection(ConnectionString + (database is null ? "" : ";Database=" + database))
            : new NpgsqlConnection(ConnectionString + ";Database=" + (database ?? "postgres"));
        await c.OpenAsync(cancel).ConfigureAwait(false);
        return c;
    }

    public async Task Run(string sql, CancellationToken cancel)
    {
        await using var c = await Open(null, cancel).ConfigureAwait(false);
        await Exec(c, sql, cancel).ConfigureAwait(false);
    }

    public static async Task<int> Exec(DbConnection c, string sql, CancellationToken cancel, params (string, object?)[] args)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        // CREATE and DROP DATABASE wait for a checkpoint, which on a busy server takes longer than the drivers' 30 s
        cmd.CommandTimeout = 300;
        foreach (var (n, v) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = n;
            p.Value = v ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    public Task Create(string database, CancellationToken cancel) => Run($"CREATE DATABASE {database}", cancel);

    public Task Drop(string database, CancellationToken cancel) =>
        Run(IsMySql ? $"DROP DATABASE IF EXISTS {database}" : $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", cancel);
}
