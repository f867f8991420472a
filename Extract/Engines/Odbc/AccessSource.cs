using System.Data.Odbc;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Odbc;

/// <summary>
/// An MS Access database (.mdb/.accdb) reached through an ODBC driver. The password, when set,
/// goes only into the connection string, which is never shown in faults or logs.
/// </summary>
public sealed record AccessSource
{
    /// <summary>The driver of the odbc-mdbtools package (Linux) or of Microsoft's Access Database Engine.</summary>
    public static string DefaultDriver =>
        OperatingSystem.IsWindows() ? "Microsoft Access Driver (*.mdb, *.accdb)" : "MDBTools";

    public string Path { get; private init; } = "";
    public string DriverName { get; private init; } = "";
    private string? Password { get; init; }

    private AccessSource() { }

    public override string ToString() => $"{Path} via ODBC driver '{DriverName}'";

    /// <summary>A source for the file; a null or empty driver name takes <see cref="DefaultDriver"/>.</summary>
    public static Either<FileFault, AccessSource> Create(string path, string? driverName, string? password = null)
    {
        if (!File.Exists(path))
            return new FileFault("file.missing", path, -1, "the Access database file does not exist");
        var driver = string.IsNullOrWhiteSpace(driverName) ? DefaultDriver : driverName.Trim();
        if (driver.IndexOfAny(['{', '}', ';']) >= 0)
            return new FileFault("odbc.driver.name", path, -1, $"ODBC driver name '{driver}' may not hold braces or ';'");
        return new AccessSource
        {
            Path = System.IO.Path.GetFullPath(path),
            DriverName = driver,
            Password = string.IsNullOrEmpty(password) ? null : password,
        };
    }

    /// <summary>An open connection, or a fault that says what to do.</summary>
    public Either<FileFault, OdbcConnection> Connect()
    {
        var connection = new OdbcConnection();
        try
        {
            connection.ConnectionString = ConnectionString();
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is OdbcException or InvalidOperationException or DllNotFoundException
                                      or TypeInitializationException or EntryPointNotFoundException)
        {
            connection.Dispose();
            return OpenFault(e);
        }
    }

    private string ConnectionString()
    {
        var builder = new OdbcConnectionStringBuilder { Driver = DriverName };
        // Access drivers take the file as DBQ; the SQLite ODBC driver (a stand-in in tests) as Database
        builder[DriverName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase) ? "Database" : "DBQ"] = Path;
        if (DriverName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase)) builder["NoCreat"] = "1";
        if (Password is not null) builder["PWD"] = Password;
        return builder.ConnectionString;
    }

    private FileFault OpenFault(Exception e)
    {
        if (e is not OdbcException odbc)
            return new FileFault("odbc.manager.missing", Path, -1,
                "the ODBC driver manager is not installed: install unixodbc (Debian) or the platform's ODBC");
        var state = odbc.Errors.Count > 0 ? odbc.Errors[0].SQLState : "";
        var message = Redact(odbc.Message);
        if (state is "IM002" or "IM003" || message.Contains("Can't open lib", StringComparison.OrdinalIgnoreCase))
            return new FileFault("odbc.driver.missing", Path, -1, DriverMissing());
        if (state == "28000" || message.Contains("password", StringComparison.OrdinalIgnoreCase))
            return new FileFault("access.password", Path, -1,
                "the database password is wrong or missing: set the database password option");
        return new FileFault("access.open", Path, -1,
            $"ODBC driver '{DriverName}' cannot open the database ({state}): {message}");
    }

    private string DriverMissing() => OperatingSystem.IsWindows()
        ? $"ODBC driver '{DriverName}' is not installed: install the Microsoft Access Database Engine or set the driver name"
        : $"ODBC driver '{DriverName}' is not installed: install odbc-mdbtools (Debian) or set the driver name";

    /// <summary>A driver's message without the password, should the driver repeat it.</summary>
    public string Redact(string message) =>
        Password is null ? message : message.Replace(Password, "***", StringComparison.Ordinal);

    /// <summary>A fault raised while reading through an open connection.</summary>
    public FileFault ReadFault(string what, Exception e)
    {
        var state = e is OdbcException { Errors.Count: > 0 } odbc ? odbc.Errors[0].SQLState : "";
        return new FileFault("access.read", Path, -1, $"{what} failed ({state}): {Redact(e.Message)}");
    }
}
