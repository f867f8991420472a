using System.Text.Json;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Profiles;

/// <summary>A column named by the alias of its table in a query and its logical name ("d.date").</summary>
public sealed record ColumnRef(string Alias, string Column)
{
    public override string ToString() => $"{Alias}.{Column}";
}

/// <summary>A table of a query: its logical name ("declarations") and its alias ("d").</summary>
public sealed record TableRef(string Table, string Alias);

/// <summary>The right side of a condition: another column, profile codes ("code:zusItem"), or nothing.</summary>
public sealed record Condition(ColumnRef Left, string Op, ColumnRef? Other, Seq<string> Codes);

public sealed record JoinSpec(TableRef Table, bool Outer, Seq<Condition> On);

/// <summary>How a query keeps the rows of one firm.</summary>
public abstract record FirmFilter
{
    private FirmFilter() { }

    /// <summary>
    /// A NIP column, matched by the spellings programs store (digits, "PL" + digits, the two dashed
    /// forms), as an IN list an index on the column can serve.
    /// </summary>
    public sealed record ByNip(ColumnRef Column) : FirmFilter;

    /// <summary>The firm's key in the program (a number when <paramref name="Number"/>).</summary>
    public sealed record ByKey(ColumnRef Column, bool Number) : FirmFilter;
}

/// <summary>How a query keeps the rows of the months of a read, by the way the program encodes a month.</summary>
public abstract record PeriodFilter
{
    private PeriodFilter() { }

    /// <summary>A year column and a month column (1-12).</summary>
    public sealed record YearMonth(ColumnRef Year, ColumnRef Month) : PeriodFilter;

    /// <summary>A text column holding the month in a format such as "MMyyyy" (MMRRRR) or "yyyy-MM".</summary>
    public sealed record MonthText(ColumnRef Column, string Format) : PeriodFilter;

    /// <summary>A number column holding the month as yyyyMM (Optima's DkN_RokMiesiac: 202403).</summary>
    public sealed record MonthNumber(ColumnRef Column) : PeriodFilter;

    /// <summary>A date column inside the months.</summary>
    public sealed record Date(ColumnRef Column) : PeriodFilter;

    /// <summary>A row covering a span of dates (from, to) that overlaps the months.</summary>
    public sealed record Overlap(ColumnRef From, ColumnRef To) : PeriodFilter;
}

/// <summary>
/// Rows of (key, value) that become one row of fields (like Optima's CDN.Firma):
/// logical field → the key whose value it takes.
/// </summary>
public sealed record PivotSpec(ColumnRef Key, ColumnRef Value, Seq<(string Field, string Key)> Fields);

/// <summary>
/// One declarative query of a profile: the database it runs in (a layout role: "system", "firm",
/// "main", "catalog"), FROM with alias and joins, the firm and period filters, further conditions,
/// ORDER BY and logical field → column. The SQL text is generated from it with a dialect.
/// </summary>
public sealed record QuerySpec(
    string Name, string Database, TableRef From, Seq<JoinSpec> Joins,
    FirmFilter? Firm, PeriodFilter? Period, Seq<Condition> Where,
    Seq<(ColumnRef Column, bool Descending)> OrderBy,
    Seq<(string Field, ColumnRef Column)> Fields, PivotSpec? Pivot)
{
    public IEnumerable<TableRef> Tables => Joins.Map(j => j.Table).Prepend(From);
}

/// <summary>Reads the "queries" object of a profile file.</summary>
internal static class QueryParser
{
    private static readonly Regex Ref = new(@"^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Table = new(@"^([A-Za-z][A-Za-z0-9_]*)\s+([A-Za-z][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Cond = new(@"^(\S+)\s*(=|<>|<=|>=|<|>|\bin\b)\s*(.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Format = new("^(MM|yyyy|yy|[-/. ])+$", RegexOptions.CultureInvariant);

    private sealed class Bad(string message) : Exception(message);

    public static Either<Problem, Dictionary<string, QuerySpec>> Parse(JsonElement root, string where)
    {
        var result = new Dictionary<string, QuerySpec>(StringComparer.Ordinal);
        if (!root.TryGetProperty("queries", out var queries)) return result;
        try
        {
            foreach (var q in queries.EnumerateObject()) result[q.Name] = Query(q.Name, q.Value);
            return result;
        }
        catch (Exception e) when (e is Bad or InvalidOperationException or KeyNotFoundException)
        {
            return Problem.Of("profile.query", $"{where}: query: {e.Message}", where, e.Message);
        }
    }

    private static QuerySpec Query(string name, JsonElement q)
    {
        string Text(string key) => q.TryGetProperty(key, out var v) ? v.GetString() ?? "" : throw new Bad($"{name} needs \"{key}\"");
        var from = TableOf(Text("from"));
        var joins = Array(q, "joins").Select(j => new JoinSpec(TableOf(j.GetProperty("table").GetString()!),
            j.TryGetProperty("outer", out var o) && o.ValueKind == JsonValueKind.True,
            Array(j, "on").Select(c => ConditionOf(c.GetString()!)).ToList().ToSeq())).ToList().ToSeq();
        var orderBy = Array(q, "orderBy").Select(o => o.GetString()!.Trim()).Select(o =>
            o.EndsWith(" desc", StringComparison.OrdinalIgnoreCase) ? (RefOf(o[..^5].Trim()), true) : (RefOf(o), false)).ToList().ToSeq();
        return new QuerySpec(name, Text("database"), from, joins, FirmOf(q), PeriodOf(q),
            Array(q, "where").Select(c => ConditionOf(c.GetString()!)).ToList().ToSeq(), orderBy, FieldsOf(q), PivotOf(q));
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string key) =>
        e.TryGetProperty(key, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    public static ColumnRef RefOf(string text)
    {
        var m = Ref.Match(text.Trim());
        return m.Success ? new ColumnRef(m.Groups[1].Value, m.Groups[2].Value) : throw new Bad($"'{text}' is not alias.column");
    }

    private static TableRef TableOf(string text)
    {
        var m = Table.Match(text.Trim());
        return m.Success ? new TableRef(m.Groups[1].Value, m.Groups[2].Value) : throw new Bad($"'{text}' is not \"table alias\"");
    }

    private static Condition ConditionOf(string text)
    {
        var m = Cond.Match(text.Trim());
        if (!m.Success) throw new Bad($"'{text}' is not a condition");
        var (left, op, right) = (RefOf(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value.Trim());
        if (right.StartsWith("code:", StringComparison.Ordinal))
            return new Condition(left, op, null, right.Split(',').Select(c => c.Trim()).Select(c =>
                c.StartsWith("code:", StringComparison.Ordinal) ? c[5..] : throw new Bad($"'{c}' is not code:name")).ToList().ToSeq());
        return op == "in" ? throw new Bad($"'{text}': in takes code:name,...") : new Condition(left, op, RefOf(right), []);
    }

    private static FirmFilter? FirmOf(JsonElement q)
    {
        if (!q.TryGetProperty("firm", out var f)) return null;
        if (f.TryGetProperty("nip", out var nip)) return new FirmFilter.ByNip(RefOf(nip.GetString()!));
        if (f.TryGetProperty("key", out var key))
            return new FirmFilter.ByKey(RefOf(key.GetString()!),
                f.TryGetProperty("type", out var t) && t.GetString() == "number");
        throw new Bad("firm needs \"nip\" or \"key\"");
    }

    private static PeriodFilter? PeriodOf(JsonElement q)
    {
        if (!q.TryGetProperty("period", out var p)) return null;
        string? S(string k) => p.TryGetProperty(k, out var v) ? v.GetString() : null;
        if (S("year") is { } y && S("month") is { } m) return new PeriodFilter.YearMonth(RefOf(y), RefOf(m));
        if (S("date") is { } d) return new PeriodFilter.Date(RefOf(d));
        if (S("yearMonth") is { } ym) return new PeriodFilter.MonthNumber(RefOf(ym));
        if (S("text") is { } t)
            return Format.IsMatch(S("format") ?? "") ? new PeriodFilter.MonthText(RefOf(t), S("format")!)
                : throw new Bad($"period format '{S("format")}' is not made of MM, yyyy, yy and separators");
        if (S("from") is { } from && S("to") is { } to) return new PeriodFilter.Overlap(RefOf(from), RefOf(to));
        throw new Bad("period needs year+month, yearMonth, date, text+format or from+to");
    }

    private static Seq<(string, ColumnRef)> FieldsOf(JsonElement q)
    {
        if (!q.TryGetProperty("fields", out var f)) return [];
        return f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => RefOf(x.GetString()!)).Select(r => (r.Column, r)).ToList().ToSeq()
            : f.EnumerateObject().Select(p => (p.Name, RefOf(p.Value.GetString()!))).ToList().ToSeq();
    }

    private static PivotSpec? PivotOf(JsonElement q)
    {
        if (!q.TryGetProperty("pivot", out var p)) return null;
        return new PivotSpec(RefOf(p.GetProperty("key").GetString()!), RefOf(p.GetProperty("value").GetString()!),
            p.GetProperty("fields").EnumerateObject().Select(f => (f.Name, f.Value.GetString()!)).ToList().ToSeq());
    }
}
