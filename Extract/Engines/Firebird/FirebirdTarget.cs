using System.Text.RegularExpressions;
using FirebirdSql.Data.FirebirdClient;
using LanguageExt;
using KonektoSync.Domain;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>How a Firebird database is reached: through a server (TCP) or by the embedded engine.</summary>
public enum FirebirdMode { Server, Embedded }

/// <summary>
/// Where and as whom to attach: a server (host, port) or the embedded engine (client library),
/// the user and the password. The password is a <see cref="Secret"/>; <see cref="ToString"/>
/// never shows it, and no connection string leaves this type except to the driver.
/// </summary>
public sealed record FirebirdTarget(
    FirebirdMode Mode, string Host, int Port, string User, Secret? Password,
    string ClientLibrary, string? Charset)
{
    // The driver maps WIN1250 and other Windows code pages through .NET encodings, which .NET
    // (Core) offers only once the code-pages provider is registered: before the first connection.
    static FirebirdTarget() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public const int DefaultPort = 3050;
    public const string DefaultUser = "SYSDBA";
    /// <summary>Debian's Firebird 3 client (holds the embedded engine as a plugin).</summary>
    public const string DefaultClientLibrary = "libfbclient.so.2";

    public static FirebirdTarget Server(string host, int port, string user, Secret? password) =>
        new(FirebirdMode.Server, host, port, user, password, DefaultClientLibrary, null);

    public static FirebirdTarget Embedded(string user = DefaultUser, Secret? password = null,
        string clientLibrary = DefaultClientLibrary) =>
        new(FirebirdMode.Embedded, "", DefaultPort, user, password, clientLibrary, null);

    /// <summary>
    /// Reads "serverType" (server | embedded), "host", "port", "user", "charset" and
    /// "clientLibrary" from a program's configuration, with Firebird's defaults.
    /// </summary>
    public static Either<Problem, FirebirdTarget> FromConfig(string program, ProgramConfig config)
    {
        var type = config.GetOr("serverType", "server").Trim().ToLowerInvariant();
        var mode = type switch
        {
            "server" or "0" or "default" => FirebirdMode.Server,
            "embedded" or "1" => FirebirdMode.Embedded,
            _ => (FirebirdMode?)null,
        };
        if (mode is null)
            return Sql.SourceProblems.Setting(program, "serverType", type, "server | embedded");
        var portText = config.GetOr("port", DefaultPort.ToString());
        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            return Sql.SourceProblems.Setting(program, "port", portText, "1-65535");
        var charset = config.Get("charset");
        if (charset is not null && !Identifier.IsMatch(charset))
            return Sql.SourceProblems.Setting(program, "charset", charset, "a character set name (WIN1250, UTF8, ...)");
        return new FirebirdTarget(mode.Value, config.GetOr("host", "localhost"), port,
            config.GetOr("user", DefaultUser), config.Password,
            config.GetOr("clientLibrary", DefaultClientLibrary), charset);
    }

    private static readonly Regex Identifier = new("^[A-Za-z][A-Za-z0-9_]{0,30}$", RegexOptions.CultureInvariant);

    /// <summary>"127.0.0.1:3050" or "embedded", for messages.</summary>
    public string Where => Mode == FirebirdMode.Server ? $"{Host}:{Port}" : "embedded";

    /// <summary>True when files named by this target can be looked at on this machine.</summary>
    public bool FilesAreLocal => Mode == FirebirdMode.Embedded ||
        Host is "localhost" or "127.0.0.1" or "::1" || string.Equals(Host, Environment.MachineName,
            StringComparison.OrdinalIgnoreCase);

    /// <summary>The driver's connection string for one database file, with the given charset.</summary>
    internal string ConnectionString(string database, string charset)
    {
        var b = new FbConnectionStringBuilder
        {
            Database = database,
            UserID = User,
            Password = Password?.Reveal() ?? "",
            Charset = charset,
            Dialect = 3,
            Pooling = false,
            ConnectionTimeout = 15,
        };
        if (Mode == FirebirdMode.Embedded)
        {
            b.ServerType = FbServerType.Embedded;
            b.ClientLibrary = ClientLibrary;
        }
        else
        {
            b.ServerType = FbServerType.Default;
            b.DataSource = Host;
            b.Port = Port;
        }
        return b.ToString();
    }

    /// <summary>
    /// Opens a connection of this target. The embedded engine attaches synchronously on this
    /// thread with a UTF-8 character set, so a path with Polish letters opens (see <see cref="FileNameLocale"/>),
    /// and leaves Ctrl+C and SIGTERM to the process's own orderly stop (see <see cref="EngineSignals"/>).
    /// </summary>
    internal Task Attach(FbConnection connection, CancellationToken cancel)
    {
        if (Mode != FirebirdMode.Embedded) return connection.OpenAsync(cancel);
        cancel.ThrowIfCancellationRequested();
        PrepareEngine();
        FileNameLocale.Run(() => { connection.Open(); return true; });
        return Task.CompletedTask;
    }

    /// <summary>Creates a database file (samples and tests only), embedded with a UTF-8 character set as in <see cref="Attach"/>.</summary>
    internal Task Create(string connectionString, CancellationToken cancel)
    {
        if (Mode != FirebirdMode.Embedded)
            return FbConnection.CreateDatabaseAsync(connectionString, 8192, false, false, cancel);
        cancel.ThrowIfCancellationRequested();
        PrepareEngine();
        FileNameLocale.Run(() => { FbConnection.CreateDatabase(connectionString, 8192, false, false); return true; });
        return Task.CompletedTask;
    }

    /// <summary>Before the embedded engine loads: its root (<see cref="EngineRoot"/>) and its signals (<see cref="EngineSignals"/>).</summary>
    private void PrepareEngine()
    {
        EngineRoot.PrepareOnce(ClientLibrary);
        EngineSignals.KeepSignalsToProcess(ClientLibrary);
    }

    public override string ToString() => $"Firebird {Where} as {User}";
}
