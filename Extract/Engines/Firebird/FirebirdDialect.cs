using System.Data.Common;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// Firebird 3: double-quoted identifiers (case-sensitive when quoted; unquoted names are stored in
/// upper case), "@name" parameters, the RDB$ catalog, and a read-only, read-committed
/// (record version), no-wait transaction: the server refuses any write in it.
/// </summary>
public sealed class FirebirdDialect : SqlDialect
{
    internal static readonly FirebirdDialect Instance = new();
    private FirebirdDialect() { }

    public override string Engine => "Firebird";
    public override string? DefaultSchema => null;
    protected override char OpenQuote => '"';
    protected override char CloseQuote => '"';

    /// <summary>
    /// A firm's rows as COUNT(*), the sum of a weighted hash of each row's columns and the highest
    /// record version of each table, as one text. HASH (Firebird 2.1 and later) takes a value of any
    /// type; each column's hash is reduced modulo a prime so that the sums cannot overflow BIGINT.
    /// RDB$RECORD_VERSION (Firebird 3 and later) is the number of the transaction that wrote the row's
    /// version: an update or insert moves the highest one, a deletion moves the count. A database of
    /// Firebird 2.5 fails the query, and every firm is read.
    /// (HASH and RDB$RECORD_VERSION: the Firebird 3.0 Language Reference,
    /// https://firebirdsql.org/file/documentation/html/en/refdocs/fblangref30/firebird-30-language-reference.html;
    /// the pseudo-column came with CORE-3291.)
    /// </summary>
    public override string? FirmFingerprint(IReadOnlyList<string> columns, IReadOnlyList<string> aliases)
    {
        var row = columns.Count == 0 ? "0"
            : string.Join(" + ", columns.Select((c, i) => $"{i + 1} * MOD(COALESCE(HASH({c}), 7), 1000003)"));
        var parts = new List<string> { "CAST(COUNT(*) AS VARCHAR(20))", $"CAST(COALESCE(SUM({row}), 0) AS VARCHAR(24))" };
        parts.AddRange(aliases.Select(a => $"CAST(COALESCE(MAX({a}.RDB$RECORD_VERSION), 0) AS VARCHAR(24))"));
        return string.Join(" || ':' || ", parts);
    }

    /// <summary>Options of every read: read-only, read committed (record versions), no wait.</summary>
    public static FbTransactionOptions ReadOnly => new()
    {
        TransactionBehavior = FbTransactionBehavior.Read | FbTransactionBehavior.ReadCommitted
            | FbTransactionBehavior.RecVersion | FbTransactionBehavior.NoWait,
    };

    /// <summary>NO WAIT: a read never waits for a lock (record versions let it read past writers).</summary>
    internal override async Task<DbTransaction> BeginReadOnly(DbConnection connection, int lockTimeoutMs, CancellationToken cancel) =>
        await ((FbConnection)connection).BeginTransactionAsync(ReadOnly, cancel).ConfigureAwait(false);

    internal override string CatalogSql => """
        SELECT TRIM(rf.RDB$RELATION_NAME), TRIM(rf.RDB$FIELD_NAME), f.RDB$FIELD_TYPE, f.RDB$FIELD_SUB_TYPE,
               f.RDB$FIELD_LENGTH, f.RDB$FIELD_PRECISION, f.RDB$FIELD_SCALE, f.RDB$CHARACTER_LENGTH
        FROM RDB$RELATIONS r
        JOIN RDB$RELATION_FIELDS rf ON rf.RDB$RELATION_NAME = r.RDB$RELATION_NAME
        JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
        WHERE COALESCE(r.RDB$SYSTEM_FLAG, 0) = 0
        ORDER BY rf.RDB$RELATION_NAME, rf.RDB$FIELD_POSITION
        """;

    internal override CatalogColumn CatalogRow(DbDataReader r) => new(
        r.GetString(0), r.GetString(1),
        TypeName(
            r.IsDBNull(2) ? (short)0 : Convert.ToInt16(r.GetValue(2)),
            r.IsDBNull(3) ? (short)0 : Convert.ToInt16(r.GetValue(3)),
            r.IsDBNull(4) ? (short)0 : Convert.ToInt16(r.GetValue(4)),
            r.IsDBNull(5) ? (short)0 : Convert.ToInt16(r.GetValue(5)),
            r.IsDBNull(6) ? (short)0 : Convert.ToInt16(r.GetValue(6)),
            r.IsDBNull(7) ? null : Convert.ToInt16(r.GetValue(7))));

    internal static string TypeName(short type, short subType, short length, short precision, short scale, short? charLength)
    {
        string Numeric(string baseName) => scale < 0
            ? $"NUMERIC({(precision > 0 ? precision : 18)},{-scale})" : baseName;
        return type switch
        {
            7 => Numeric("SMALLINT"),
            8 => Numeric("INTEGER"),
            16 => Numeric("BIGINT"),
            10 => "FLOAT",
            27 => Numeric("DOUBLE PRECISION"),
            12 => "DATE",
            13 => "TIME",
            35 => "TIMESTAMP",
            23 => "BOOLEAN",
            14 => $"CHAR({charLength ?? length})",
            37 => $"VARCHAR({charLength ?? length})",
            261 => subType == 1 ? "BLOB SUB_TYPE TEXT" : "BLOB",
            _ => $"TYPE {type}",
        };
    }

    public override bool IsExpected(Exception e) => FirebirdProblems.IsExpected(e);

    public override SqlFault Classify(Exception e) => FirebirdProblems.Classify(e);
}
