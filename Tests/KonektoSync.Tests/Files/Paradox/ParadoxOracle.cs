namespace KonektoSync.Tests.Files.Paradox;

/// <summary>
/// The values pxgen.c writes into row i of its "types" table, computed independently here.
/// Every tenth row (i % 10 == 9) holds nulls except Name and Id; Note is a memo (not read).
/// </summary>
public static class ParadoxOracle
{
    public static readonly string[] Columns =
        ["Name", "Small", "Big", "Ratio", "Amount", "Day", "Flag", "Stamp", "Id", "Clock", "Exact", "Note"];

    public static object?[] Row(int i)
    {
        bool isNull = i % 10 == 9;
        var day = new DateOnly(1990 + i % 40, 1 + i % 12, 1 + i % 28);
        long ms = (long)(i % 86400) * 1000 + i % 1000;
        var exact = decimal.Parse($"{(i % 3 == 1 ? "-" : "")}{i}.{i % 100:D2}", System.Globalization.CultureInfo.InvariantCulture);
        object?[] values =
        [
            $"row {i:D6}",
            (i % 2 == 1 ? -1 : 1) * (i % 32000),
            i * 7919 - 1000000,
            i * 1.25 - 500.5,
            (decimal)((i % 100000) / 100.0 - 10.0),
            day,
            i % 2 == 1,
            day.ToDateTime(TimeOnly.MinValue).AddTicks(ms * TimeSpan.TicksPerMillisecond),
            i + 1,
            new TimeOnly(ms * TimeSpan.TicksPerMillisecond),
            exact,
            null,
        ];
        if (isNull)
            foreach (var at in new[] { 1, 2, 3, 4, 5, 6, 7, 9, 10 }) values[at] = null;
        return values;
    }
}
