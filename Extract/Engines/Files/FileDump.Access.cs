using KonektoSync.Extract.Engines.Odbc;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Files;

public static partial class FileDump
{
    /// <summary>
    /// Opens one table of an MS Access database through ODBC. A null or empty
    /// <paramref name="driverName"/> takes the platform default ("MDBTools" on Linux,
    /// "Microsoft Access Driver (*.mdb, *.accdb)" on Windows).
    /// </summary>
    public static Either<FileFault, ITableFile> OpenAccess(
        string path, string table, string? driverName, string? password = null) =>
        AccessSource.Create(path, driverName, password)
            .Bind(source => AccessTable.Open(source, table))
            .Map(opened => (ITableFile)opened);
}
