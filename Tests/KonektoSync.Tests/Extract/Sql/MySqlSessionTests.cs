using System.Data.Common;
using KonektoSync.Extract.Engines.Sql;
using MySqlConnector;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class MySqlDatabase : ServerDatabase
{
    public override SqlDialect Dialect => SqlDialect.MySql;
    public override int Port => 3306;
    public override string Declarations => "DeklNag";

    public override DbConnection Admin(bool toDatabase) => new MySqlConnection(new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password, Pooling = false,
        Database = toDatabase ? Database : "",
    }.ConnectionString);

    protected override IEnumerable<string> Schema =>
    [
        "CREATE TABLE `DeklNag` (`DkN_DkNID` INT PRIMARY KEY, `DkN_Rok` INT NOT NULL, `DkN_Nazwa` VARCHAR(40) NOT NULL) " +
            "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        "INSERT INTO `DeklNag` VALUES (1, 2024, 'VAT-7 Żółć'), (2, 2024, 'PIT-4R'), (3, 2023, 'CIT-8')",
        "CREATE TABLE firmy (id INT PRIMARY KEY, nip VARCHAR(10)) ENGINE=InnoDB",
        "INSERT INTO firmy VALUES (1, '5260250995')",
    ];

    protected override string DropDatabase => $"DROP DATABASE IF EXISTS {Database}";
}

/// <summary>The session contract on a real MariaDB (MySQL protocol).</summary>
public sealed class MySqlSessionTests(MySqlDatabase db)
    : ServerSessionContract<MySqlDatabase>(db), IClassFixture<MySqlDatabase>
{
    /// <summary>LOCK TABLES … WRITE holds the table's metadata lock: a reader waits for lock_wait_timeout.</summary>
    protected override async Task<IAsyncDisposable> HoldLock()
    {
        var c = Db.Admin(true);
        await c.OpenAsync();
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "LOCK TABLES `DeklNag` WRITE";
            await cmd.ExecuteNonQueryAsync();
        }
        return c;
    }
}
