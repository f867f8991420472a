using KonektoSync.Domain;

namespace KonektoSync.Extract.Kit;

/// <summary>The problems the driver and the query builder give, with the program's display name.</summary>
public static class KitProblems
{
    public static Problem Setting(string program, string key, string description) =>
        Problem.Of("program.setting", $"{program}: {key} is not set ({description})", program, key, description);

    public static Problem FirmMissing(string program, string firmKey, string where) =>
        Problem.Of("program.firm-missing", $"{program}: firm {firmKey} is not in {where}", program, firmKey, where);

    public static Problem KindUnsupported(string program, DataKind kind, string why) =>
        Problem.Of("program.kind-unsupported", $"{program}: {kind.Code()} data is not read ({why})", program, kind.Code(), why);

    public static Problem FirmKey(string program, string firmKey, string column) =>
        Problem.Of("program.firm-key", $"{program}: firm key '{firmKey}' is not a number of {column}", program, firmKey, column);

    public static Problem TableMissing(string program, string where, string table) =>
        Engines.Firebird.FirebirdProblems.TableMissing(program, where, table);

    public static Problem ColumnsMissing(string program, string where, string table, IEnumerable<string> columns) =>
        Engines.Firebird.FirebirdProblems.ColumnsMissing(program, where, table, columns);

    /// <summary>What a live source lacks of the profile's required tables and columns (programs check).</summary>
    public static Problem ProfileMismatch(string program, string where, IEnumerable<string> lacks)
    {
        var list = string.Join("; ", lacks);
        return Problem.Of("program.check", $"{program}: {where}: {list}: program version older than supported",
            program, where, list);
    }
}
