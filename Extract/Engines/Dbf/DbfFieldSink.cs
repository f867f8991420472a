using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>
/// Where the decoded fields of a record go, one call per visible column in order: into value
/// objects (<see cref="DbfValueSink"/>, for <see cref="DbfTable.Rows"/>) or straight into CSV
/// (<see cref="DbfCsvSink"/>, for <c>files dump</c>), so both read the bytes the same way.
/// </summary>
internal interface IDbfFieldSink
{
    void Null();
    /// <summary>A text field's bytes, trailing padding removed, in the table's encoding.</summary>
    void Text(ReadOnlySpan<byte> bytes);
    void Decimal(decimal value);
    void Double(double value);
    void Int32(int value);
    void Date(DateOnly value);
    void Timestamp(DateTime value);
    void Logical(bool value);
    void Binary(ReadOnlySpan<byte> bytes);
    /// <summary>A memo's content: a string or a byte array.</summary>
    void Memo(object value);
}

/// <summary>The fields of a record as the value objects of <see cref="FileRow"/>.</summary>
internal sealed class DbfValueSink(TextDecoder decoder, int columns) : IDbfFieldSink
{
    private object?[] _values = [];
    private int _next;

    /// <summary>Starts a record: a new array of values (the row keeps it).</summary>
    public void Start()
    {
        _values = new object?[columns];
        _next = 0;
    }

    public object?[] Values => _values;

    public void Null() => _next++;
    public void Text(ReadOnlySpan<byte> bytes) => _values[_next++] = decoder.GetString(bytes);
    public void Decimal(decimal value) => _values[_next++] = value;
    public void Double(double value) => _values[_next++] = value;
    public void Int32(int value) => _values[_next++] = value;
    public void Date(DateOnly value) => _values[_next++] = value;
    public void Timestamp(DateTime value) => _values[_next++] = value;
    public void Logical(bool value) => _values[_next++] = value;
    public void Binary(ReadOnlySpan<byte> bytes) => _values[_next++] = bytes.ToArray();
    public void Memo(object value) => _values[_next++] = value;
}

/// <summary>The fields of a record written as CSV, formatted as <see cref="FileDump.Format"/> formats the values.</summary>
internal sealed class DbfCsvSink(CsvBuffer csv, TextDecoder decoder) : IDbfFieldSink
{
    public void Null() => csv.Empty();
    public void Text(ReadOnlySpan<byte> bytes) => csv.Text(bytes, decoder);
    public void Decimal(decimal value) => csv.Formatted(value);
    public void Double(double value) => csv.Formatted(value, "R");
    public void Int32(int value) => csv.Formatted(value);
    public void Date(DateOnly value) => csv.Date(value);
    public void Timestamp(DateTime value) => csv.Timestamp(value);
    public void Logical(bool value) => csv.Logical(value);
    public void Binary(ReadOnlySpan<byte> bytes) => csv.Bytes(bytes);
    public void Memo(object value) => csv.Value(value);
}
