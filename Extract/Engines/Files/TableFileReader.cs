using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace KonektoSync.Extract.Engines.Files;

/// <summary>A row of a table file that could not be read; ends a <see cref="TableFileReader"/>.</summary>
public sealed class TableFileException(FileFault fault) : IOException(fault.ToString())
{
    public FileFault Fault { get; } = fault;
}

/// <summary>
/// The rows of a table file (DBF, Paradox, Access) as a forward-only <see cref="DbDataReader"/>, so
/// the mappers written for SQL sessions (by ordinal, or by name through <see cref="GetOrdinal"/>)
/// read files the same way. Dates are <see cref="DateTime"/> and times <see cref="TimeSpan"/>, as
/// ADO.NET drivers give them. A row the file cannot give throws <see cref="TableFileException"/>
/// with its <see cref="FileFault"/>; deleted records are skipped.
/// </summary>
public sealed class TableFileReader : DbDataReader
{
    private readonly ITableFile _table;
    private readonly IEnumerator<FileRow> _rows;
    private readonly Dictionary<string, int> _ordinals;
    private object?[]? _current;
    private bool _closed;

    public ReadCounts Counts { get; } = new();

    public TableFileReader(ITableFile table, CancellationToken cancel = default)
    {
        _table = table;
        _rows = table.Rows(Counts, cancel).GetEnumerator();
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Columns.Count; i++) _ordinals.TryAdd(table.Columns[i].Name, i);
    }

    public override bool Read()
    {
        if (_closed || !_rows.MoveNext()) { _current = null; return false; }
        var row = _rows.Current;
        if (row.Fault is { } fault) throw new TableFileException(fault);
        _current = row.Values;
        return true;
    }

    private object? Raw(int ordinal) =>
        (_current ?? throw new InvalidOperationException("no current row: call Read first"))[ordinal];

    public override object GetValue(int ordinal) => Raw(ordinal) switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        TimeOnly t => t.ToTimeSpan(),
        var v => v,
    };

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override bool IsDBNull(int ordinal) => Raw(ordinal) is null;
    public override int FieldCount => _table.Columns.Count;
    public override string GetName(int ordinal) => _table.Columns[ordinal].Name;

    public override int GetOrdinal(string name) => _ordinals.TryGetValue(name, out var i)
        ? i : throw new IndexOutOfRangeException($"{_table.Path}: no column {name}");

    public override string GetDataTypeName(int ordinal) => _table.Columns[ordinal].TypeName;
    public override Type GetFieldType(int ordinal) => _current?[ordinal] is not null ? GetValue(ordinal).GetType() : typeof(object);

    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    private T As<T>(int ordinal) => (T)Convert.ChangeType(GetValue(ordinal), typeof(T), CultureInfo.InvariantCulture);

    public override bool GetBoolean(int ordinal) => As<bool>(ordinal);
    public override byte GetByte(int ordinal) => As<byte>(ordinal);
    public override char GetChar(int ordinal) => As<char>(ordinal);
    public override DateTime GetDateTime(int ordinal) => As<DateTime>(ordinal);
    public override decimal GetDecimal(int ordinal) => As<decimal>(ordinal);
    public override double GetDouble(int ordinal) => As<double>(ordinal);
    public override float GetFloat(int ordinal) => As<float>(ordinal);
    public override Guid GetGuid(int ordinal) => GetValue(ordinal) is Guid g ? g : Guid.Parse(GetString(ordinal));
    public override short GetInt16(int ordinal) => As<short>(ordinal);
    public override int GetInt32(int ordinal) => As<int>(ordinal);
    public override long GetInt64(int ordinal) => As<long>(ordinal);
    public override string GetString(int ordinal) => Convert.ToString(GetValue(ordinal), CultureInfo.InvariantCulture) ?? "";

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])GetValue(ordinal);
        if (buffer is null) return bytes.Length;
        var n = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null) return text.Length;
        var n = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override bool HasRows => true;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => -1;
    public override int Depth => 0;
    public override bool NextResult() => false;
    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override void Close()
    {
        if (_closed) return;
        _closed = true;
        _rows.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }
}
