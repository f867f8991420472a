using System.Data;
using System.Data.Odbc;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Extract.Engines.Odbc;

/// <summary>
/// The tables of an Access file as far as the driver could read its catalogue:
/// <see cref="UnnamedEntries"/> catalogue rows whose name could not be read (blank), and whether
/// the file ends inside a page (<see cref="Truncated"/>).
/// </summary>
public sealed record AccessListing(Seq<string> Tables, int UnnamedEntries, bool Truncated)
{
    public bool IsPartial => UnnamedEntries > 0 || Truncated;
}

/// <summary>Tables and columns of an Access database, for <c>inspect</c>.</summary>
public static class AccessCatalog
{
    /// <summary>Jet 3 pages are 2048 bytes, Jet 4 and later 4096: a whole file is a multiple of 2048.</summary>
    private const int PageUnit = 2048;

    /// <summary>
    /// The user tables that could be read, with what could not: for listing a possibly damaged
    /// file (<c>files dump</c> without a table).
    /// </summary>
    public static Either<FileFault, AccessListing> Listing(AccessSource source) =>
        source.Connect().Bind(connection =>
        {
            using (connection)
            {
                try
                {
                    using var schema = connection.GetSchema("Tables");
                    var names = TableNames(schema);
                    var truncated = new FileInfo(source.Path).Length % PageUnit != 0;
                    return names.IsEmpty
                        ? Left<FileFault, AccessListing>(NoTables(source))
                        : Right<FileFault, AccessListing>(new AccessListing(names, UnnamedTables(schema), truncated));
                }
                catch (Exception e) when (e is OdbcException or InvalidOperationException or ArgumentException
                                              or InvalidCastException or IOException)
                {
                    return source.ReadFault("listing the tables", e);
                }
            }
        });

    private static FileFault NoTables(AccessSource source) =>
        new("access.damaged", source.Path, -1,
            "no tables could be read: the file is damaged or not an Access database; open it in Access " +
            "(Compact and Repair) or restore it from a backup");
    /// <summary>User tables (not system tables or views), in the driver's order.</summary>
    public static Either<FileFault, Seq<string>> Tables(AccessSource source) =>
        source.Connect().Bind(connection =>
        {
            using (connection) return Tables(source, connection);
        });

    /// <summary>The columns of one table as the driver describes them.</summary>
    public static Either<FileFault, Seq<FileColumn>> Columns(AccessSource source, string table) =>
        source.Connect().Bind(connection =>
        {
            using (connection)
                return Tables(source, connection)
                    .Bind(tables => Find(source, tables, table))
                    .Bind(name => Columns(source, connection, name));
        });

    internal static Either<FileFault, Seq<string>> Tables(AccessSource source, OdbcConnection connection)
    {
        try
        {
            // SQLTables returns TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE, REMARKS in this
            // order (ODBC 3); some drivers (MDBTools) leave the column names empty, so go by position.
            using var schema = connection.GetSchema("Tables");
            var names = TableNames(schema);
            // a database always has user tables; none at all means the driver could not read the
            // catalogue (MDBTools says so on stderr only and returns an empty list)
            return names.IsEmpty ? NoTables(source) : names;
        }
        catch (Exception e) when (e is OdbcException or InvalidOperationException or ArgumentException or InvalidCastException)
        {
            return source.ReadFault("listing the tables", e);
        }
    }

    /// <summary>
    /// The user tables of a SQLTables result; rows of a damaged catalogue without a name (none, or
    /// blanks where MDBTools read past the end of the file) are skipped.
    /// </summary>
    internal static Seq<string> TableNames(DataTable schema) =>
        toSeq(schema.Rows.Cast<DataRow>()
            .Where(IsTableRow)
            .Select(row => row[2] as string)
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name!)
            .ToArray());

    /// <summary>How many rows of a SQLTables result have no readable name.</summary>
    internal static int UnnamedTables(DataTable schema) =>
        schema.Rows.Cast<DataRow>().Count(row => string.IsNullOrWhiteSpace(row[2] as string)
            && (IsTableRow(row) || row[3] is null or DBNull || string.IsNullOrWhiteSpace(row[3] as string)));

    private static bool IsTableRow(DataRow row) =>
        string.Equals(row[3] as string, "TABLE", StringComparison.OrdinalIgnoreCase);

    internal static Either<FileFault, string> Find(AccessSource source, Seq<string> tables, string table)
    {
        var found = tables.Find(t => string.Equals(t, table, StringComparison.OrdinalIgnoreCase));
        return found.ToEither(() => new FileFault("access.table.missing", source.Path, -1,
            $"table '{table}' is not in the database; its tables are: {string.Join(", ", tables.Take(30))}"));
    }

    internal static Either<FileFault, Seq<FileColumn>> Columns(AccessSource source, OdbcConnection connection, string table)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = AccessTable.SelectAll(table);
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new FileColumn(reader.GetName(i), reader.GetDataTypeName(i), reader.GetFieldType(i).Name, 0, 0))
                .ToArray();
            command.Cancel();
            return toSeq(columns.Any(c => c.Name.Length == 0) ? Named(connection, table, columns) : columns);
        }
        catch (Exception e) when (e is OdbcException or InvalidOperationException or ArgumentException)
        {
            return source.ReadFault($"reading the columns of '{table}'{NameHint(table)}", e);
        }
    }

    /// <summary>The MDBTools driver, fed by unixODBC's Unicode-to-ANSI step, cannot parse non-ASCII names.</summary>
    internal static string NameHint(string table) => table.Any(c => c > 127)
        ? " (the name is not ASCII, which the MDBTools driver cannot parse; export the table with mdb-export)"
        : "";

    /// <summary>
    /// Names for drivers whose result sets carry empty column names (MDBTools): its own
    /// <c>DESCRIBE TABLE</c> (name, type, size), else SQLColumns, else Column1, Column2...
    /// </summary>
    private static FileColumn[] Named(OdbcConnection connection, string table, FileColumn[] columns)
    {
        var described = Described(connection, table);
        var names = described.Length == columns.Length ? described : Catalogued(connection, table);
        return columns
            .Select((c, i) => names.Length == columns.Length && names[i].Name.Length > 0
                ? c with { Name = names[i].Name, Length = names[i].Length }
                : c with { Name = $"Column{i + 1}" })
            .ToArray();
    }

    private static (string Name, int Length)[] Described(OdbcConnection connection, string table)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DESCRIBE TABLE [{table.Replace("]", "]]")}]";
            using var reader = command.ExecuteReader();
            var names = new List<(string, int)>();
            while (reader.Read() && reader.FieldCount >= 3)
                names.Add((Convert.ToString(reader.GetValue(0)) ?? "",
                    int.TryParse(Convert.ToString(reader.GetValue(2)), out int size) ? size : 0));
            return names.ToArray();
        }
        catch (Exception e) when (e is OdbcException or InvalidOperationException or InvalidCastException)
        {
            return [];
        }
    }

    /// <summary>SQLColumns is positional in ODBC 3: COLUMN_NAME is the 4th column.</summary>
    private static (string Name, int Length)[] Catalogued(OdbcConnection connection, string table)
    {
        try
        {
            using var schema = connection.GetSchema("Columns", [null, null, table, null]);
            return schema.Rows.Cast<DataRow>().Select(row => (row[3] as string ?? "", 0)).ToArray();
        }
        catch (Exception e) when (e is OdbcException or InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }
}
