using System.Data.Common;
using System.Globalization;

namespace KonektoSync.Extract.Kit;

/// <summary>The logical field names of a query's rows and their positions.</summary>
public sealed class RowShape
{
    private readonly Dictionary<string, int> _ordinals;

    public RowShape(IEnumerable<string> fields)
    {
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in fields) _ordinals.Add(f, _ordinals.Count);
    }

    public int Count => _ordinals.Count;
    public IEnumerable<string> Fields => _ordinals.Keys;

    internal int Ordinal(string field) => _ordinals.TryGetValue(field, out var i)
        ? i : throw new KeyNotFoundException($"the query has no field '{field}'");

    /// <summary>Takes the current row of a reader (its columns in the order of the fields).</summary>
    public SourceRow Read(DbDataReader reader)
    {
        var values = new object?[Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return new SourceRow(this, values);
    }
}

/// <summary>
/// One row read from a source, by logical field name (never by position). A field whose column
/// the live source lacks (an optional column) reads as null. Text is trimmed.
/// </summary>
public sealed class SourceRow(RowShape shape, object?[] values)
{
    private object? Value(string field) => values[shape.Ordinal(field)];

    public bool Has(string field) => shape.Fields.Contains(field, StringComparer.Ordinal);

    public string? Text(string field) => Value(field) switch
    {
        null => null,
        string s => s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        var v => v.ToString()?.Trim(),
    };

    public int? Int(string field) => Value(field) switch
    {
        null => null,
        string s => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
        var v => Converted(v, Convert.ToInt32),
    };

    public decimal? Decimal(string field) => Value(field) switch
    {
        null => null,
        string s => decimal.TryParse(s.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d : null,
        var v => Converted(v, Convert.ToDecimal),
    };

    // a number out of the target's range (a damaged file's field, a NaN, an infinity) reads as no
    // value, as an unparseable text does; the conversion itself is the only exact range test
    private static T? Converted<T>(object v, Func<object, IFormatProvider, T> convert) where T : struct
    {
        try { return convert(v, CultureInfo.InvariantCulture); }
        catch (OverflowException) { return null; }
    }

    public DateTime? Timestamp(string field) => Value(field) switch
    {
        null => null,
        DateTime t => t,
        DateTimeOffset o => o.DateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        string s => DateTime.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        var v => Convert.ToDateTime(v, CultureInfo.InvariantCulture),
    };

    public DateOnly? Date(string field) => Timestamp(field) is { } t ? DateOnly.FromDateTime(t) : null;

    /// <summary>This row with each empty value (null or blank text) taken from <paramref name="later"/>, a row of the same shape.</summary>
    public SourceRow FilledFrom(SourceRow later)
    {
        var filled = (object?[])values.Clone();
        foreach (var field in shape.Fields)
        {
            var i = shape.Ordinal(field);
            if (filled[i] is null or DBNull || filled[i] is string t && t.Trim().Length == 0) filled[i] = later.Value(field);
        }
        return new SourceRow(shape, filled);
    }

    /// <summary>A row of named values (a pivot of key-value rows, a test).</summary>
    public static SourceRow Of(IReadOnlyList<(string Field, object? Value)> values) =>
        new(new RowShape(values.Select(v => v.Field)), values.Select(v => v.Value).ToArray());
}
