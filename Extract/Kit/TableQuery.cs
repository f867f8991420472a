using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Profiles;

namespace KonektoSync.Extract.Kit;

/// <summary>A row of a table file: column name (case-insensitive) → value.</summary>
public sealed class TableRow
{
    private readonly IReadOnlyDictionary<string, int> _ordinals;
    private readonly object?[] _values;

    public TableRow(IReadOnlyDictionary<string, object?> values)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        foreach (var column in values.Keys) ordinals[column] = at++;
        (_ordinals, _values) = (ordinals, values.Values.ToArray());
    }

    /// <summary>A row whose columns are <paramref name="ordinals"/> (case-insensitive, shared by the rows of a table).</summary>
    public TableRow(IReadOnlyDictionary<string, int> ordinals, object?[] values) => (_ordinals, _values) = (ordinals, values);

    public object? this[string column] => _ordinals.TryGetValue(column, out var i) ? _values[i] : null;
}

/// <summary>
/// A profile query answered in memory over whole tables (table files have no SQL engine): the
/// same FROM, joins, conditions, firm and period filters, ORDER BY and fields as the SELECT that
/// <see cref="QueryText"/> generates, with SQL's meaning (a comparison with NULL is false).
/// Pure: the tables come in as rows.
/// </summary>
public static class TableQuery
{
    /// <summary>
    /// The rows of <paramref name="q"/> for one run; <paramref name="rows"/> gives the rows of a
    /// table by its physical name, <paramref name="has"/> tells whether a table has a column
    /// (an optional column it lacks reads as null).
    /// </summary>
    public static IEnumerable<SourceRow> Evaluate(QuerySpec q, ProgramProfile profile, QueryRun run,
        Func<string, IReadOnlyList<TableRow>> rows, Func<string, string, bool> has)
    {
        var tables = q.Tables.ToDictionary(t => t.Alias, t => t.Table, StringComparer.Ordinal);
        object? Value(Dictionary<string, TableRow?> combo, ColumnRef c) =>
            combo[c.Alias]?[profile.Column(tables[c.Alias], c.Column)];
        bool Holds(Dictionary<string, TableRow?> combo, Condition c)
        {
            var left = Value(combo, c.Left);
            if (c.Other is not null) return Compare(left, Value(combo, c.Other)) is { } r && Test(c.Op, r);
            var codes = c.Codes.Map(profile.Code).ToList();
            return c.Op == "in" ? codes.Exists(code => Compare(left, code) == 0)
                : Compare(left, codes[0]) is { } cmp && Test(c.Op, cmp);
        }
        IEnumerable<Dictionary<string, TableRow?>> combos = rows(profile.Table(q.From.Table))
            .Select(r => new Dictionary<string, TableRow?>(StringComparer.Ordinal) { [q.From.Alias] = r });
        foreach (var join in q.Joins)
        {
            var right = rows(profile.Table(join.Table.Table));
            var alias = join.Table.Alias;
            combos = combos.SelectMany(combo =>
            {
                var matches = right.Select(r => new Dictionary<string, TableRow?>(combo) { [alias] = r })
                    .Where(c => join.On.ForAll(on => Holds(c, on))).ToList();
                return matches.Count > 0 || !join.Outer ? matches
                    : [new Dictionary<string, TableRow?>(combo) { [alias] = null }];
            });
        }
        var kept = combos.Where(c => q.Where.ForAll(w => Holds(c, w))
            && (q.Firm is null || FirmHolds(q.Firm, x => Value(c, x), run))
            && (q.Period is null || PeriodHolds(q.Period, x => Value(c, x), run)));
        if (q.Pivot is { } pivot)
        {
            var keys = pivot.Fields.Map(f => f.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return kept.Select(c => (Key: Text(Value(c, pivot.Key)), Value: Value(c, pivot.Value)))
                .Where(kv => kv.Key is not null && keys.Contains(kv.Key))
                .Select(kv => SourceRow.Of([("key", kv.Key), ("value", kv.Value)]));
        }
        var ordered = kept.ToList();
        ordered.Sort((a, b) =>
        {
            foreach (var (column, descending) in q.OrderBy)
            {
                var r = Order(Value(a, column), Value(b, column));
                if (r != 0) return descending ? -r : r;
            }
            return 0;
        });
        var shape = new RowShape(q.Fields.Map(f => f.Field));
        return ordered.Select(c => new SourceRow(shape, q.Fields.Map(f =>
            has(profile.Table(tables[f.Column.Alias]), profile.Column(tables[f.Column.Alias], f.Column.Column))
                ? Value(c, f.Column) : null).ToArray()));
    }

    private static bool Test(string op, int r) => op switch
    {
        "=" => r == 0, "<>" => r != 0, "<" => r < 0, ">" => r > 0, "<=" => r <= 0, ">=" => r >= 0,
        _ => throw new InvalidOperationException($"unknown operator {op}"),
    };

    private static bool FirmHolds(FirmFilter f, Func<ColumnRef, object?> value, QueryRun run) => f switch
    {
        FirmFilter.ByNip n => Text(value(n.Column)) is { } nip && QueryText.NipSpellings(run.Firm.Value).Contains(nip),
        FirmFilter.ByKey k => Compare(value(k.Column), run.FirmKey) == 0,
        _ => throw new InvalidOperationException($"unknown firm filter {f}"),
    };

    private static bool PeriodHolds(PeriodFilter p, Func<ColumnRef, object?> value, QueryRun run)
    {
        var (first, next) = (run.From.FirstDay.ToDateTime(TimeOnly.MinValue), run.To.Next.FirstDay.ToDateTime(TimeOnly.MinValue));
        switch (p)
        {
            case PeriodFilter.YearMonth ym:
                return Number(value(ym.Year)) is { } y && Number(value(ym.Month)) is { } m
                    && y * 12 + m >= run.From.Index + 1 && y * 12 + m <= run.To.Index + 1;
            case PeriodFilter.MonthNumber n:
                return Number(value(n.Column)) is { } yyyymm
                    && yyyymm >= run.From.Year * 100 + run.From.Month && yyyymm <= run.To.Year * 100 + run.To.Month;
            case PeriodFilter.Date d:
                return Date(value(d.Column)) is { } day && day >= first && day < next;
            case PeriodFilter.MonthText t:
                return Text(value(t.Column)) is { } text
                    && Period.Range(run.From, run.To).Exists(m => QueryText.MonthSpelling(m, t.Format) == text);
            case PeriodFilter.Overlap o:
                return Date(value(o.From)) is { } from && Date(value(o.To)) is { } to
                    && from <= run.To.LastDay.ToDateTime(TimeOnly.MinValue) && to >= first;
            default:
                throw new InvalidOperationException($"unknown period filter {p}");
        }
    }

    private static string? Text(object? v) => v switch
    {
        null => null,
        string s => s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()?.Trim(),
    };

    private static decimal? Number(object? v) => v switch
    {
        null or DateTime or DateOnly => null,
        string s => decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
        IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateTime? Date(object? v) => v switch
    {
        DateTime t => t,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => null,
    };

    /// <summary>SQL comparison: null with anything is unknown (null); numbers as numbers, dates as dates, else text.</summary>
    private static int? Compare(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (Date(a) is { } da && Date(b) is { } db) return da.CompareTo(db);
        if (Number(a) is { } na && Number(b) is { } nb) return na.CompareTo(nb);
        return string.CompareOrdinal(Text(a), Text(b));
    }

    /// <summary>ORDER BY: nulls first, then as <see cref="Compare"/>.</summary>
    private static int Order(object? a, object? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : Compare(a, b) ?? 0;
}
