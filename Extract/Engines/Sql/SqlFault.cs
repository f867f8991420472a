namespace KonektoSync.Extract.Engines.Sql;

/// <summary>What kind of outside failure a driver's exception reports, independent of the engine.</summary>
public enum FaultKind
{
    /// <summary>The server refused the user or password.</summary>
    Login,
    /// <summary>The server cannot be reached (or the connection was lost).</summary>
    Unreachable,
    /// <summary>The server's TLS certificate is not trusted.</summary>
    Certificate,
    /// <summary>A table (or view) the statement names does not exist.</summary>
    TableMissing,
    /// <summary>A column the statement names does not exist.</summary>
    ColumnMissing,
    /// <summary>Another user holds a lock the read waited for, longer than the lock timeout.</summary>
    Locked,
    /// <summary>The engine refused a write in the read-only transaction.</summary>
    ReadOnly,
    /// <summary>The user may not read an object.</summary>
    Privilege,
    /// <summary>The database is of a version this engine or driver does not open.</summary>
    Version,
    /// <summary>The database (or file) named does not exist.</summary>
    DatabaseMissing,
    /// <summary>Any other error the driver reports.</summary>
    Other,
}

/// <summary>
/// A driver error classified: its kind, the object it names where the engine says so (a table,
/// a column), and the driver's first lines (never a connection string or password).
/// </summary>
public sealed record SqlFault(FaultKind Kind, string Detail, string? Name = null);
