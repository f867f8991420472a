using System.Data.Odbc;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Odbc;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>What KonektoSync knows of an ODBC driver: how it names the database and how it is made read-only.</summary>
public enum OdbcDriverKind
{
    /// <summary>
    /// Pervasive PSQL / Actian Zen ("Pervasive ODBC Interface", "Pervasive ODBC Client Interface"):
    /// DBQ names the database, ServerName the server. The read-only open mode is a setting of the
    /// DSN (Engine DSN "Open Mode: Read-only"); no connection keyword for it is confirmed publicly,
    /// so none is sent: the session's single-SELECT check keeps the reads read-only.
    /// </summary>
    Pervasive,

    /// <summary>
    /// The SQLite ODBC driver (the stand-in in tests): the database is a file, opened as a URI with
    /// mode=ro, so the driver itself refuses every write ("attempt to write a readonly database").
    /// </summary>
    SQLite,

    /// <summary>Any other driver: DBQ names the database; only the single-SELECT check keeps the reads read-only.</summary>
    Other,
}

/// <summary>
/// A SQL database read through an ODBC driver that runs SQL (Btrieve files through Pervasive PSQL /
/// Actian Zen on Windows): a source engine of the kit. Unlike <see cref="AccessEngine"/>, whose
/// driver (MDBTools) cannot run the profile's queries, the generated SELECT is sent to the driver
/// (<see cref="SqlDatabase"/>, <see cref="OdbcDialect"/>). Settings: "database" (a named database, or
/// the file of a file driver), "driver" or "dsn", "host" (the server of a client driver), "user",
/// the password (a secret), "attributes" (more connection attributes) and "profileDir".
/// </summary>
public sealed class OdbcEngine : ISourceEngine
{
    public static OdbcEngine Instance { get; } = new();

    /// <summary>The 64-bit driver of Pervasive PSQL and Actian Zen (docs.actian.com, "ODBC Connection Strings").</summary>
    public const string DefaultDriver = "Pervasive ODBC Interface";

    public string Name => "ODBC";
    public string LocationSetting => "database";
    public bool Files => false;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
    [
        new("database", pathDescription, false, null),
        .. DriverSettings,
        new("profileDir", "folder with a profile override file (<program>.profile.json)", false, null),
    ];

    /// <summary>The settings of the connection besides the database (a program naming its databases itself offers these).</summary>
    public static IReadOnlyList<SettingSpec> DriverSettings { get; } =
    [
        new("driver", "ODBC driver (Pervasive PSQL / Actian Zen: Pervasive ODBC Interface)", false, DefaultDriver),
        new("dsn", "ODBC data source name, instead of the driver", false, null),
        new("host", "server of the database engine, for a client driver (ServerName); none: this machine", false, null),
        new("user", "database user, where the database has security", false, null),
        new("password", "database password", false, null, IsSecret: true),
        new("attributes", "more ODBC connection attributes, as key=value;key=value", false, null),
    ];

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        OdbcTarget.FromConfig(program, config).Map(t => (ISourceTarget)t);
}

/// <summary>
/// Where and as whom an ODBC database is read. The connection string is built with the driver
/// manager's own builder and never leaves this type except to the driver: messages name the
/// database, the driver (or DSN) and the user.
/// </summary>
public sealed class OdbcTarget : ISourceTarget
{
    private readonly string _program;
    private readonly string? _driver;
    private readonly string? _dsn;
    private readonly string? _host;
    private readonly string? _user;
    private readonly Secret? _password;
    private readonly IReadOnlyList<(string Key, string Value)> _attributes;

    private OdbcTarget(string program, string? driver, string? dsn, string? host, string? user, Secret? password,
        IReadOnlyList<(string, string)> attributes) =>
        (_program, _driver, _dsn, _host, _user, _password, _attributes) = (program, driver, dsn, host, user, password, attributes);

    /// <summary>The keywords an "attributes" setting may not hold: the driver and login have their own settings.</summary>
    private static readonly string[] Reserved = ["DRIVER", "DSN", "UID", "PWD", "USER", "PASSWORD", "DBQ", "DATABASE", "SERVERNAME"];

    public static Either<Problem, OdbcTarget> FromConfig(string program, ProgramConfig config)
    {
        var dsn = config.Get("dsn")?.Trim() is { Length: > 0 } d ? d : null;
        var driver = dsn is not null ? null : config.Get("driver")?.Trim() is { Length: > 0 } v ? v : OdbcEngine.DefaultDriver;
        foreach (var (key, value) in new[] { ("driver", driver), ("dsn", dsn), ("host", config.Get("host")), ("user", config.Get("user")) })
            if (value is not null && value.IndexOfAny(['{', '}', ';']) >= 0)
                return SourceProblems.Setting(program, key, value, "a name without braces or ';'");
        var attributes = new List<(string, string)>();
        foreach (var part in (config.Get("attributes") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || part.IndexOfAny(['{', '}']) >= 0)
                return SourceProblems.Setting(program, "attributes", part, "key=value;key=value");
            var key = part[..eq].Trim();
            if (Reserved.Contains(key, StringComparer.OrdinalIgnoreCase))
                return SourceProblems.Setting(program, "attributes", key, "an attribute other than the driver, database and login (they have their own settings)");
            attributes.Add((key, part[(eq + 1)..].Trim()));
        }
        return new OdbcTarget(program, driver, dsn, config.Get("host")?.Trim() is { Length: > 0 } h ? h : null,
            config.Get("user")?.Trim() is { Length: > 0 } u ? u : null, config.Password, attributes);
    }

    /// <summary>The driver's kind, by its name (a DSN's driver is not known: Other).</summary>
    public OdbcDriverKind Kind => _driver is null ? OdbcDriverKind.Other
        : _driver.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase) ? OdbcDriverKind.SQLite
        : _driver.Contains("Pervasive", StringComparison.OrdinalIgnoreCase) || _driver.Contains("Zen", StringComparison.OrdinalIgnoreCase)
            ? OdbcDriverKind.Pervasive
        : OdbcDriverKind.Other;

    /// <summary>The engine for messages: "ODBC driver 'Pervasive ODBC Interface'" or "ODBC data source 'MK'".</summary>
    public string EngineName => _dsn is not null ? $"ODBC data source '{_dsn}'" : $"ODBC driver '{_driver}'";

    /// <summary>Who logs in, for messages.</summary>
    public string Login => _user ?? "the default user";

    /// <summary>
    /// The connection string of a database: the SQLite driver opens its file as a read-only URI;
    /// the others take the database as DBQ. Internal: it holds the password.
    /// </summary>
    internal string ConnectionString(string database)
    {
        var b = new OdbcConnectionStringBuilder();
        if (_dsn is not null) b.Dsn = _dsn; else b.Driver = _driver!;
        if (Kind == OdbcDriverKind.SQLite) b["Database"] = ReadOnlyUri(database);
        else if (database.Length > 0) b["DBQ"] = database;
        if (_host is not null) b["ServerName"] = _host;
        if (_user is not null) b["UID"] = _user;
        if (_password is not null) b["PWD"] = _password.Reveal();
        foreach (var (key, value) in _attributes) b[key] = value;
        return b.ConnectionString;
    }

    /// <summary>A file as a SQLite URI opened read-only (https://www.sqlite.org/uri.html).</summary>
    internal static string ReadOnlyUri(string file) => SqliteUri(file, "ro");

    /// <summary>
    /// A file as a SQLite URI with a mode ("ro", "rwc"): '%', '?', '#', spaces and every non-ASCII
    /// character escaped (UTF-8 bytes), since the driver manager would pass a non-ASCII path to the
    /// driver in another code page.
    /// </summary>
    public static string SqliteUri(string file, string mode)
    {
        var path = Path.GetFullPath(file).Replace('\\', '/');
        var escaped = new System.Text.StringBuilder();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
            escaped.Append(b is (byte)'%' or (byte)'?' or (byte)'#' or (byte)' ' or >= 0x80
                ? "%" + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) : ((char)b).ToString());
        return "file:" + (escaped.Length > 0 && escaped[0] != '/' ? "/" : "") + escaped + "?mode=" + mode;
    }

    public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
    {
        var dialect = new OdbcDialect(EngineName);
        if (Kind == OdbcDriverKind.SQLite && !File.Exists(database))
            return SourceProblems.DatabaseMissing(_program, dialect.Engine, database, Server);
        var connection = new OdbcConnection(ConnectionString(database));
        return (await SqlSession.Open(_program, database, Server, Login, dialect, connection, cancel, onOpen: Missing)
            .ConfigureAwait(false)).Map(s => (ISourceDatabase)new SqlDatabase(s));

        Problem? Missing(Exception e) => e is OdbcException o && OdbcDialect.Classify(o.Errors.Count > 0 ? o.Errors[0].SQLState : "", o.Message)
            is { Kind: FaultKind.Other, Detail: var detail } && detail.StartsWith("the ODBC driver", StringComparison.Ordinal)
            ? SourceProblems.Error(_program, dialect.Engine, database,
                $"{EngineName} is not installed on this machine: install the database engine's ODBC driver (Pervasive PSQL / Actian Zen client) or set the driver or dsn setting"
                + NotInstalled)
            : e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
                ? SourceProblems.Error(_program, dialect.Engine, database,
                    "the ODBC driver manager is not installed: install unixodbc (Debian) or the platform's ODBC" + NotInstalled)
                : null;
    }

    private const string NotInstalled = " (nothing installed)";

    /// <summary>
    /// A problem every database of this target would give alike (no driver, login refused, server
    /// unreachable): a listing of firm databases fails with it rather than finding no firm.
    /// </summary>
    public static bool Everywhere(Problem p) =>
        p.Code is "source.login" or "source.unreachable" || (p.Code == "source.error" && p.Message.EndsWith(NotInstalled, StringComparison.Ordinal));

    /// <summary>The server for messages: the host of a client driver, else this machine.</summary>
    private string Server => _host ?? "on this machine";

    public string Describe(ISourceDatabase database) => Kind switch
    {
        OdbcDriverKind.SQLite => $"{EngineName}, file opened read-only (mode=ro)",
        OdbcDriverKind.Pervasive => $"{EngineName}{(_host is null ? "" : $" on {_host}")} as {Login}; SELECT only (set the DSN's open mode to Read-only to have the engine refuse writes too)",
        _ => $"{EngineName} as {Login}; SELECT only",
    };

    public string Combine(string root, string name) => name;

    /// <summary>An ODBC driver does not list its databases: the program names them.</summary>
    public Seq<string> List(string root) => [];

    public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) =>
        Task.FromResult(Either<Problem, Seq<string>>.Right([]));
}
