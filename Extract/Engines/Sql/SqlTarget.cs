using System.Data.Common;
using KonektoSync.Domain;
using LanguageExt;
using Microsoft.Data.SqlClient;
using MySqlConnector;
using Npgsql;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>How a server login is made: a SQL login (user and password) or the Windows account (SQL Server only).</summary>
public enum SqlAuth { Sql, Windows }

/// <summary>
/// Where and as whom a server database is read: SQL Server, MySQL/MariaDB or PostgreSQL. Built
/// from a program's settings ("host", "port", "instance", "database", "user", "auth",
/// "trustServerCertificate", "lockTimeoutMs") and its password (a <see cref="Secret"/>).
/// The connection string is built with the driver's own builder and never leaves this type
/// except to the driver: <see cref="ToString"/> and <see cref="Where"/> carry no password.
/// </summary>
public sealed record SqlTarget(
    SqlDialect Dialect, string Host, int? Port, string? Instance, string Database, string User, Secret? Password,
    SqlAuth Auth, bool TrustServerCertificate, int LockTimeoutMs)
{
    public const int ConnectTimeoutSeconds = 15;

    /// <summary>The settings every server program shares (for `programs set` and its help).</summary>
    public static IReadOnlyList<SettingSpec> Settings(SqlDialect dialect) =>
    [
        new("host", $"{dialect.Engine} server address", false, "localhost"),
        new("port", $"{dialect.Engine} server port", false, DefaultPort(dialect)?.ToString()),
        .. dialect == SqlDialect.SqlServer
            ? new SettingSpec[]
            {
                new("instance", "SQL Server named instance (e.g. SQLEXPRESS, OPTIMA)", false, null),
                new("auth", "sql (user and password) or windows (the account KonektoSync runs as)", false, "sql"),
                new("trustServerCertificate", "true to accept a server certificate that is not trusted (self-signed)", false, "false"),
            }
            : [],
        new("database", "database name", false, null),
        new("user", $"{dialect.Engine} user", false, null),
        new("password", $"{dialect.Engine} password", false, null, IsSecret: true),
        new("lockTimeoutMs", "how long a read waits for a lock held by the program, in milliseconds", false,
            SqlSession.DefaultLockTimeoutMs.ToString()),
    ];

    /// <summary>1433 for SQL Server (none with a named instance: the SQL Browser tells), 3306, 5432.</summary>
    public static int? DefaultPort(SqlDialect dialect) =>
        dialect == SqlDialect.SqlServer ? 1433 : dialect == SqlDialect.MySql ? 3306 : dialect == SqlDialect.PostgreSql ? 5432 : null;

    /// <summary>The target of a program's settings; problems name the setting that does not fit.</summary>
    public static Either<Problem, SqlTarget> FromConfig(string program, SqlDialect dialect, ProgramConfig config)
    {
        if (dialect == SqlDialect.Firebird)
            throw new ArgumentException("Firebird databases are opened through FirebirdTarget", nameof(dialect));
        var (host, hostInstance, hostPort) = SplitServer(config.GetOr("host", "localhost").Trim());
        if (host.Length == 0) return SourceProblems.Setting(program, "host", config.GetOr("host", ""), "a server name or address");
        var instance = config.Get("instance")?.Trim() is { Length: > 0 } named ? named : hostInstance;
        if (hostInstance is not null && !string.Equals(instance, hostInstance, StringComparison.OrdinalIgnoreCase))
            return SourceProblems.Setting(program, "instance", instance!, $"{hostInstance} (as the host names it) or no instance setting");
        int? port = null;
        if ((config.Get("port") ?? hostPort) is { } portText)
        {
            if (!int.TryParse(portText, out var p) || p is < 1 or > 65535)
                return SourceProblems.Setting(program, "port", portText, "1-65535");
            port = p;
        }
        else if (instance is null) port = DefaultPort(dialect);
        if (instance is not null && dialect != SqlDialect.SqlServer)
            return SourceProblems.Setting(program, "instance", instance, $"no instance ({dialect.Engine} has none)");
        var authText = config.GetOr("auth", "sql").Trim().ToLowerInvariant();
        SqlAuth? auth = authText switch { "sql" => SqlAuth.Sql, "windows" or "integrated" => SqlAuth.Windows, _ => null };
        if (auth is null) return SourceProblems.Setting(program, "auth", authText, "sql | windows");
        if (auth == SqlAuth.Windows && dialect != SqlDialect.SqlServer)
            return SourceProblems.Setting(program, "auth", authText, $"sql ({dialect.Engine})");
        var trustText = config.GetOr("trustServerCertificate", "false").Trim().ToLowerInvariant();
        if (trustText is not ("true" or "false"))
            return SourceProblems.Setting(program, "trustServerCertificate", trustText, "true | false");
        var lockText = config.GetOr("lockTimeoutMs", SqlSession.DefaultLockTimeoutMs.ToString());
        if (!int.TryParse(lockText, out var lockMs) || lockMs is < 0 or > 600_000)
            return SourceProblems.Setting(program, "lockTimeoutMs", lockText, "0-600000");
        var user = config.Get("user");
        if (auth == SqlAuth.Sql && user is null) return SourceProblems.SettingMissing(program, "user");
        return new SqlTarget(dialect, host, port, instance,
            config.Get("database") ?? "", user ?? "", config.Password, auth.Value, trustText == "true", lockMs);
    }

    /// <summary>
    /// A server as SQL Server tools write it: "HOST", "HOST\INSTANCE", "HOST,PORT" or
    /// "HOST\INSTANCE,PORT" (a "tcp:" prefix is dropped); the parts not written are null.
    /// </summary>
    public static (string Host, string? Instance, string? Port) SplitServer(string server)
    {
        var s = server.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ? server[4..] : server;
        string? port = null;
        if (s.LastIndexOf(',') is var comma and >= 0) { port = s[(comma + 1)..].Trim(); s = s[..comma]; }
        string? instance = null;
        if (s.IndexOf('\\') is var slash and >= 0) { instance = s[(slash + 1)..].Trim(); s = s[..slash]; }
        var host = s.Trim();
        // "." and "(local)" are SQL Server's names of this machine
        if (host is "." or "(local)") host = "localhost";
        return (host, instance is { Length: > 0 } ? instance : null, port is { Length: > 0 } ? port : null);
    }

    /// <summary>
    /// The same login on the server a program names ("HOST\INSTANCE", "HOST,PORT"): this target itself
    /// when it is the configured server (its port kept), else that server with its own port or the default.
    /// </summary>
    public SqlTarget OnServer(string server)
    {
        var (host, instance, port) = SplitServer(server);
        if (host.Equals(Host, StringComparison.OrdinalIgnoreCase) && string.Equals(instance, Instance, StringComparison.OrdinalIgnoreCase)
            && (port is null || port == Port?.ToString()))
            return this;
        int? p = port is not null && int.TryParse(port, out var n) && n is >= 1 and <= 65535 ? n
            : instance is null ? DefaultPort(Dialect) : null;
        return this with { Host = host, Instance = instance, Port = p };
    }

    /// <summary>The same server and login, another database (a firm's, a year's).</summary>
    public SqlTarget WithDatabase(string database) => this with { Database = database };

    /// <summary>The server for messages: "host\instance", "host:port" or "host\instance:port".</summary>
    public string Server => (Instance is null ? Host : $"{Host}\\{Instance}") + (Port is null ? "" : $":{Port}");

    /// <summary>The database for messages: "host\instance/database" (no secret).</summary>
    public string Where => Database.Length == 0 ? Server : $"{Server}/{Database}";

    /// <summary>Who logs in, for messages.</summary>
    public string Login => Auth == SqlAuth.Windows ? "the Windows account" : User;

    /// <summary>The driver's connection string: pooling off, read-only intent where the engine has one.</summary>
    internal string ConnectionString()
    {
        if (Dialect == SqlDialect.SqlServer)
        {
            var b = new SqlConnectionStringBuilder
            {
                DataSource = (Instance is null ? Host : $"{Host}\\{Instance}") + (Port is null ? "" : $",{Port}"),
                ApplicationIntent = ApplicationIntent.ReadOnly,
                ApplicationName = "KonektoSync",
                TrustServerCertificate = TrustServerCertificate,
                Pooling = false,
                ConnectTimeout = ConnectTimeoutSeconds,
                MultipleActiveResultSets = false,
            };
            if (Database.Length > 0) b.InitialCatalog = Database;
            if (Auth == SqlAuth.Windows) b.IntegratedSecurity = true;
            else { b.UserID = User; b.Password = Password?.Reveal() ?? ""; }
            return b.ConnectionString;
        }
        if (Dialect == SqlDialect.PostgreSql)
        {
            var b = new NpgsqlConnectionStringBuilder
            {
                Host = Host, Port = Port ?? 5432, Username = User, Password = Password?.Reveal() ?? "",
                Pooling = false, Timeout = ConnectTimeoutSeconds, ApplicationName = "KonektoSync",
            };
            if (Database.Length > 0) b.Database = Database;
            return b.ConnectionString;
        }
        if (Dialect == SqlDialect.MySql)
        {
            var b = new MySqlConnectionStringBuilder
            {
                Server = Host, Port = (uint)(Port ?? 3306), UserID = User, Password = Password?.Reveal() ?? "",
                Pooling = false, ConnectionTimeout = ConnectTimeoutSeconds, ApplicationName = "KonektoSync",
            };
            if (Database.Length > 0) b.Database = Database;
            return b.ConnectionString;
        }
        throw new InvalidOperationException($"no connection string for {Dialect.Engine}");
    }

    private DbConnection NewConnection()
    {
        var cs = ConnectionString();
        return Dialect == SqlDialect.SqlServer ? new SqlConnection(cs)
            : Dialect == SqlDialect.PostgreSql ? new NpgsqlConnection(cs)
            : new MySqlConnection(cs);
    }

    /// <summary>Opens the database read-only, or the problem (login, unreachable, certificate, no such database ...).</summary>
    public Task<Either<Problem, SqlSession>> Open(string program, CancellationToken cancel) =>
        SqlSession.Open(program, Where, Server, Login, Dialect, NewConnection(), cancel, lockTimeoutMs: LockTimeoutMs);

    public override string ToString() => $"{Dialect.Engine} {Where} as {Login}";
}
