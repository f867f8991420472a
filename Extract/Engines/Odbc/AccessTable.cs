using System.Data;
using System.Data.Common;
using System.Data.Odbc;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Odbc;

/// <summary>
/// One table of an Access database read forward-only through ODBC (SequentialAccess). The
/// connection is held from <see cref="Open"/> to <see cref="Dispose"/>.
/// </summary>
public sealed class AccessTable : ITableFile
{
    private readonly AccessSource _source;
    private readonly OdbcConnection _connection;

    public string Path => _source.Path;
    public string Format => "access";
    public string Table { get; }
    public EncodingChoice Encoding { get; }
    public IReadOnlyList<FileColumn> Columns { get; }

    private AccessTable(AccessSource source, OdbcConnection connection, string table, IReadOnlyList<FileColumn> columns)
    {
        _source = source;
        _connection = connection;
        Table = table;
        Columns = columns;
        Encoding = new EncodingChoice("utf-16", 1200, $"text converted by the ODBC driver '{source.DriverName}'");
    }

    /// <summary>The statement that reads a whole table; names are bracketed, a ']' doubled.</summary>
    public static string SelectAll(string table) => $"SELECT * FROM [{table.Replace("]", "]]")}]";

    public static Either<FileFault, AccessTable> Open(AccessSource source, string table) =>
        source.Connect().Bind(connection =>
        {
            var opened = AccessCatalog.Tables(source, connection)
                .Bind(tables => AccessCatalog.Find(source, tables, table))
                .Bind(name => AccessCatalog.Columns(source, connection, name)
                    .Map(columns => new AccessTable(source, connection, name, columns.ToArray())));
            if (opened.IsLeft) connection.Dispose();
            return opened;
        });

    public IEnumerable<FileRow> Rows(ReadCounts counts, CancellationToken cancel = default)
    {
        var cursor = new Cursor(this);
        try
        {
            var fault = cursor.Start();
            if (fault is not null) { yield return new FileRow(null, fault); yield break; }
            using var registration = cancel.Register(cursor.Cancel);
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                var row = cursor.Next();
                if (row is null) yield break;
                if (row.Value.IsFault) counts.Rejected++; else counts.Read++;
                yield return row.Value;
                if (cursor.Finished) yield break;
            }
        }
        finally
        {
            cursor.Dispose();
        }
    }

    /// <summary>A running SELECT; exceptions of the driver become faults here.</summary>
    private sealed class Cursor(AccessTable table) : IDisposable
    {
        private DbCommand? _command;
        private DbDataReader? _reader;
        private bool _finished;
        public bool Finished => _finished;
        private long _row;

        public FileFault? Start()
        {
            try
            {
                _command = table._connection.CreateCommand();
                _command.CommandText = SelectAll(table.Table);
                _reader = _command.ExecuteReader(CommandBehavior.SequentialAccess);
                return null;
            }
            catch (Exception e) when (e is OdbcException or InvalidOperationException)
            {
                _finished = true;
                return table._source.ReadFault($"reading table '{table.Table}'", e);
            }
        }

        public FileRow? Next()
        {
            try
            {
                if (!_reader!.Read()) { _finished = true; return null; }
                _row++;
            }
            catch (Exception e) when (e is OdbcException or InvalidOperationException)
            {
                _finished = true;
                return new FileRow(null, table._source.ReadFault($"reading table '{table.Table}'", e));
            }
            return Values();
        }

        /// <summary>The row's values; a value the driver cannot convert rejects the row, reading goes on.</summary>
        private FileRow Values()
        {
            var values = new object?[_reader!.FieldCount];
            int i = 0;
            try
            {
                for (; i < values.Length; i++) values[i] = AccessValues.Plain(_reader.GetValue(i));
                return new FileRow(values, null);
            }
            catch (Exception e) when (e is OdbcException or InvalidCastException or FormatException
                                          or OverflowException or ArgumentException)
            {
                var column = i < table.Columns.Count ? table.Columns[i].Name : $"#{i + 1}";
                return new FileRow(null, table._source.ReadFault($"row {_row} of table '{table.Table}', column {column}", e));
            }
        }

        public void Cancel()
        {
            try { _command?.Cancel(); }
            catch (OdbcException) { }
        }

        public void Dispose()
        {
            if (!_finished) Cancel();
            _reader?.Dispose();
            _command?.Dispose();
        }
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>Driver values mapped to the value types of <see cref="FileRow"/>.</summary>
public static class AccessValues
{
    public static object? Plain(object? value) => value switch
    {
        null or DBNull => null,
        byte b => (int)b,
        sbyte b => (int)b,
        short s => (int)s,
        ushort s => (int)s,
        uint u => (long)u,
        float f => (double)f,
        Guid g => g.ToString("D"),
        TimeSpan t when t >= TimeSpan.Zero && t < TimeSpan.FromDays(1) => TimeOnly.FromTimeSpan(t),
        string or int or long or double or decimal or bool or DateTime or byte[] => value,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
