using System.Data.Common;
using KonektoSync.Extract.Engines.Sql;
using Npgsql;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class PostgreSqlDatabase : ServerDatabase
{
    public override SqlDialect Dialect => SqlDialect.PostgreSql;
    public override int Port => 5432;
    public override string Declarations => "CDN.DeklNag";

    public override DbConnection Admin(bool toDatabase) => new NpgsqlConnection(new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Pooling = false,
        Database = toDatabase ? Database : "postgres",
    }.ConnectionString);

    protected override IEnumerable<string> Schema =>
    [
        "CREATE SCHEMA \"CDN\"",
        "CREATE TABLE \"CDN\".\"DeklNag\" (\"DkN_DkNID\" INT PRIMARY KEY, \"DkN_Rok\" INT NOT NULL, \"DkN_Nazwa\" VARCHAR(40) NOT NULL)",
        "INSERT INTO \"CDN\".\"DeklNag\" VALUES (1, 2024, 'VAT-7 Żółć'), (2, 2024, 'PIT-4R'), (3, 2023, 'CIT-8')",
        "CREATE TABLE firmy (id INT PRIMARY KEY, nip VARCHAR(10))",
        "INSERT INTO firmy VALUES (1, '5260250995')",
    ];

    protected override string DropDatabase => $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)";
}

/// <summary>The session contract on a real PostgreSQL (the stand-in for SQL Server).</summary>
public sealed class PostgreSqlSessionTests(PostgreSqlDatabase db)
    : ServerSessionContract<PostgreSqlDatabase>(db), IClassFixture<PostgreSqlDatabase>
{
    protected override async Task<IAsyncDisposable> HoldLock() =>
        await Held.Take(Db.Admin(true), "LOCK TABLE \"CDN\".\"DeklNag\" IN ACCESS EXCLUSIVE MODE");
}

/// <summary>A connection with an open transaction that holds a lock until disposed.</summary>
public sealed class Held : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private Held(DbConnection c, DbTransaction t) => (_connection, _transaction) = (c, t);

    public static async Task<Held> Take(DbConnection connection, string sql)
    {
        await connection.OpenAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
        return new Held(connection, tx);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
