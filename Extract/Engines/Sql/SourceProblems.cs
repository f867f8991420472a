using KonektoSync.Domain;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// The problems of reading a program's data, the same for every engine: each names the program,
/// the engine and where (a file path, or "host/database"), and says what to do. Never a password
/// or a connection string. Texts: Host/Texts/strings.tsv ("msg.source.*", "msg.program.*").
/// </summary>
public static class SourceProblems
{
    /// <summary>Args: program, engine, where, user.</summary>
    public static Problem Login(string program, string engine, string where, string user) =>
        Problem.Of("source.login",
            $"{program}: cannot open {where}: login refused for {user} ({engine}): check the user and password",
            program, engine, where, user);

    /// <summary>The server does not answer when opening. Args: program, engine, where, server, "open".</summary>
    public static Problem Unreachable(string program, string engine, string where, string server) =>
        Problem.Of("source.unreachable",
            $"{program}: cannot open {where}: {engine} server {server} unreachable: check that it runs, and the host and port",
            program, engine, where, server, "open");

    /// <summary>The connection broke during a read. Args: program, engine, where, server, "lost".</summary>
    public static Problem Lost(string program, string engine, string where, string server) =>
        Problem.Of("source.unreachable",
            $"{program}: {where}: the connection to the {engine} server {server} was lost: read again when the server runs",
            program, engine, where, server, "lost");

    /// <summary>Args: program, engine, where, server.</summary>
    public static Problem Certificate(string program, string engine, string where, string server) =>
        Problem.Of("source.certificate",
            $"{program}: cannot open {where}: the certificate of the {engine} server {server} is not trusted: " +
            "install a trusted certificate on the server, or set trustServerCertificate=true",
            program, engine, where, server);

    /// <summary>Args: program, engine, where, table.</summary>
    public static Problem TableMissing(string program, string engine, string where, string table) =>
        Problem.Of("source.table-missing",
            $"{program}: table {table} missing in {where}: program version older than supported: " +
            $"update {program}, or name the table in a profile override",
            program, engine, where, table);

    /// <summary>Required columns a table lacks. Args: program, engine, where, table, columns, "table".</summary>
    public static Problem ColumnsMissing(string program, string engine, string where, string table, IEnumerable<string> columns)
    {
        var list = string.Join(", ", columns);
        return Problem.Of("source.column-missing",
            $"{program}: table {table} in {where} lacks columns {list}: program version older than supported: " +
            $"update {program}, or name the columns in a profile override",
            program, engine, where, table, list, "table");
    }

    /// <summary>A column the engine did not find while reading. Args: program, engine, where, "", column, "query".</summary>
    public static Problem ColumnUnknown(string program, string engine, string where, string column) =>
        Problem.Of("source.column-missing",
            $"{program}: {where}: column {column} missing: program version older than supported: " +
            $"update {program}, or name the column in a profile override",
            program, engine, where, "", column, "query");

    /// <summary>
    /// The database is of another version than this installation reads. Args: program, engine,
    /// where, needs, version, variant ("older", "newer": Firebird ODS; "driver": the driver's words).
    /// </summary>
    public static Problem Version(string program, string engine, string where, string needs, string version, bool older)
    {
        var remedy = older
            ? "read it through that program's own Firebird server (serverType server, its host and port), or convert it with gbak"
            : "read it through that program's own Firebird server (serverType server, its host and port)";
        return Problem.Of("source.version",
            $"{program}: cannot open {where}: this file needs {engine} {needs} (ODS {version}); this installation has Firebird 3 (ODS 12): {remedy}",
            program, engine, where, needs, version, older ? "older" : "newer");
    }

    /// <summary>The driver says the database is of another version. Args: program, engine, where, detail, "", "driver".</summary>
    public static Problem VersionOther(string program, string engine, string where, string detail) =>
        Problem.Of("source.version",
            $"{program}: cannot open {where}: the database was written by another {engine} version ({detail}): " +
            "read it through the server of the program that wrote it",
            program, engine, where, detail, "", "driver");

    /// <summary>Args: program, engine, where, detail.</summary>
    public static Problem Locked(string program, string engine, string where, string detail) =>
        Problem.Of("source.locked",
            $"{program}: {where}: the data are locked by {program} or another user ({engine}: {detail}): retry later",
            program, engine, where, detail);

    /// <summary>The engine refused a write in the read-only session. Args: program, engine, where.</summary>
    public static Problem ReadOnly(string program, string engine, string where) =>
        Problem.Of("source.read-only",
            $"{program}: {where}: a write was refused ({engine}; reads are read-only)",
            program, engine, where);

    /// <summary>A statement refused before it was sent: only a single SELECT is run. Args: program, engine, where, why.</summary>
    public static Problem Refused(string program, string engine, string where, string why) =>
        Problem.Of("source.refused",
            $"{program}: {where}: statement not sent to {engine}: {why}; connectors only read (one SELECT)",
            program, engine, where, why);

    /// <summary>Args: program, engine, where, detail.</summary>
    public static Problem Privilege(string program, string engine, string where, string detail) =>
        Problem.Of("source.privilege",
            $"{program}: {where}: no privilege to read ({engine}: {detail}): grant the user read access",
            program, engine, where, detail);

    /// <summary>The database named does not exist on the server. Args: program, engine, where, server.</summary>
    public static Problem DatabaseMissing(string program, string engine, string where, string server) =>
        Problem.Of("source.database-missing",
            $"{program}: cannot open {where}: no such database on the {engine} server {server}: check the database name",
            program, engine, where, server);

    /// <summary>A table file that cannot be read. Args: program, engine (DBF, Paradox, Access), file, what is wrong, fault code.</summary>
    public static Problem File(string program, string engine, Files.FileFault fault) =>
        Problem.Of("source.file", $"{program}: {fault}: {engine} file not readable: check the file, or copy it again from the program",
            program, engine, fault.Offset >= 0 ? $"{fault.File} @ {fault.Offset}" : fault.File, fault.Message, fault.Code);

    /// <summary>Any other driver error. Args: program, engine, where, detail.</summary>
    public static Problem Error(string program, string engine, string where, string detail) =>
        Problem.Of("source.error", $"{program}: {where}: {engine} error: {detail}", program, engine, where, detail);

    /// <summary>The problem for a classified driver error.</summary>
    public static Problem From(string program, string engine, string where, string server, string user, SqlFault fault,
        bool opening) => fault.Kind switch
    {
        FaultKind.Login => Login(program, engine, where, user),
        FaultKind.Unreachable => opening ? Unreachable(program, engine, where, server) : Lost(program, engine, where, server),
        FaultKind.Certificate => Certificate(program, engine, where, server),
        FaultKind.TableMissing => TableMissing(program, engine, where, fault.Name ?? fault.Detail),
        FaultKind.ColumnMissing => ColumnUnknown(program, engine, where, fault.Name ?? fault.Detail),
        FaultKind.Locked => Locked(program, engine, where, fault.Detail),
        FaultKind.ReadOnly => ReadOnly(program, engine, where),
        FaultKind.Privilege => Privilege(program, engine, where, fault.Detail),
        FaultKind.Version => VersionOther(program, engine, where, fault.Detail),
        FaultKind.DatabaseMissing => DatabaseMissing(program, engine, where, server),
        _ => Error(program, engine, where, fault.Detail),
    };

    /// <summary>A setting with a wrong value. Args: program, key, "invalid", value, expected.</summary>
    public static Problem Setting(string program, string key, string value, string expected) =>
        Problem.Of("program.setting", $"{program}: setting {key} is '{value}', expected {expected}",
            program, key, "invalid", value, expected);

    /// <summary>A required setting that is not set. Args: program, key, "missing", "", "".</summary>
    public static Problem SettingMissing(string program, string key) =>
        Problem.Of("program.setting", $"{program}: setting {key} is required: set it with 'konektosync programs set'",
            program, key, "missing", "", "");

    /// <summary>A setting that does not fit for another reason (a short English phrase). Args: program, key, "other", "", what.</summary>
    public static Problem Setting(string program, string key, string what) =>
        Problem.Of("program.setting", $"{program}: setting {key}: {what}", program, key, "other", "", what);

    /// <summary>A firm the plan names is not in the source (any more). Args: program, firm key, where.</summary>
    public static Problem FirmMissing(string program, string firmKey, string where) =>
        Problem.Of("program.firm-missing",
            $"{program}: firm {firmKey} is not in {where}: it was deleted or moved in {program}; the other firms are read",
            program, firmKey, where);

    /// <summary>
    /// A data kind this program (version) does not hold (why: a short English phrase): information
    /// for the sync ("brak danych"), not an error. Args: program, kind code, why.
    /// </summary>
    public static Problem KindUnsupported(string program, DataKind kind, string why)
    {
        var name = kind switch
        {
            DataKind.Zus => "ZUS contributions",
            DataKind.Taxes => "taxes",
            DataKind.Statements => "statements",
            _ => "basic data",
        };
        return Problem.Of("program.kind-unsupported", $"{program}: {name}: no data: {why}", program, kind.Code(), why);
    }
}
