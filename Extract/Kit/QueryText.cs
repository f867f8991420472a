using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;
using Live = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.HashSet<string>>;
using Args = System.Collections.Generic.List<System.Func<KonektoSync.Extract.Kit.QueryRun,
    LanguageExt.Either<KonektoSync.Domain.Problem, System.Collections.Generic.IEnumerable<(string, object?)>>>>;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// The arguments of one run of a query: the firm of the plan and the months of the read; for a run of
/// the all-firms query restricted to some firms, those firms (as the firm column is matched: a NIP's
/// digits, a firm number or key), at most <see cref="QueryText.MaxRestrictedValues"/> values in SQL.
/// </summary>
public sealed record QueryRun(string FirmKey, Nip Firm, Period From, Period To, IReadOnlyList<string>? Firms = null);

/// <summary>
/// A query's SQL text, generated from its <see cref="QuerySpec"/>, the profile's names and a
/// dialect, with the shape of its rows (logical fields) and how to make its arguments.
/// </summary>
public sealed class SqlQuery
{
    private readonly Func<QueryRun, Either<Problem, IReadOnlyList<(string Name, object? Value)>>> _args;

    internal SqlQuery(QuerySpec spec, string text, RowShape shape,
        Func<QueryRun, Either<Problem, IReadOnlyList<(string Name, object? Value)>>> args) =>
        (Spec, Text, Shape, _args) = (spec, text, shape, args);

    public QuerySpec Spec { get; }
    public string Text { get; }
    public RowShape Shape { get; }

    /// <summary>
    /// The text and arguments of one run (a month-text filter lists the run's months; a restricted
    /// all-firms query the run's firms).
    /// </summary>
    public Either<Problem, (string Text, IReadOnlyList<(string Name, object? Value)> Args)> Command(QueryRun run) =>
        _args(run).Map(args => Listed(Listed((Text, args), QueryText.MonthsToken), QueryText.FirmsToken));

    /// <summary>The markers of a list whose length is known only at the run, in place of its token.</summary>
    private static (string Text, IReadOnlyList<(string Name, object? Value)> Args) Listed(
        (string Text, IReadOnlyList<(string Name, object? Value)> Args) command, string token)
    {
        var (text, args) = command;
        if (!text.Contains(token, StringComparison.Ordinal)) return command;
        var listed = args.Where(a => a.Name.StartsWith(token, StringComparison.Ordinal)).ToList();
        var rest = args.Where(a => !a.Name.StartsWith(token, StringComparison.Ordinal)).ToList();
        var markers = listed.Select(m => m.Name[token.Length..]).ToList();
        rest.AddRange(listed.Select((m, i) => (markers[i], m.Value)));
        return (text.Replace(token, string.Join(", ", markers), StringComparison.Ordinal), rest);
    }

    /// <summary>Folds the (key, value) rows of a pivot query into one row of the pivot's fields.</summary>
    public SourceRow Pivot(IEnumerable<SourceRow> rows) =>
        QueryText.Pivot(Spec.Pivot ?? throw new InvalidOperationException($"query {Spec.Name} is not a pivot"), rows);
}

public static partial class QueryText
{
    /// <summary>Folds (key, value) rows into one row of the pivot's fields (keys compared ignoring case).</summary>
    public static SourceRow Pivot(PivotSpec pivot, IEnumerable<SourceRow> rows)
    {
        var byKey = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
            if (r.Text("key") is { } k) byKey.TryAdd(k, r.Text("value"));
        return SourceRow.Of(pivot.Fields.Map(f => (f.Field, byKey.TryGetValue(f.Key, out var v) ? v : null)).ToList());
    }
}

/// <summary>
/// Generates the SELECT of a profile query (pure). Names come from the profile's items, spelled as
/// the live catalog spells them; a field whose optional column the live table lacks is NULL; the
/// required columns a live table lacks give one problem naming them.
/// </summary>
public static partial class QueryText
{
    /// <summary>The field of an all-firms row that holds the row's firm column (a NIP as stored, or a firm key).</summary>
    public const string FirmField = "\u0001firm";

    /// <summary>
    /// The SELECT of <paramref name="q"/>; with <paramref name="allFirms"/> (a query with a firm
    /// filter), the SELECT of every firm at once: no firm filter, the firm column as
    /// <see cref="FirmField"/>, rows ordered by firm first (a NIP by its digits: every spelling of
    /// one NIP sorts together), then by the query's own order.
    /// </summary>
    /// <remarks>
    /// With <paramref name="someFirms"/> as well, the all-firms SELECT of the firms a run names
    /// (<see cref="QueryRun.Firms"/>): the firm column in the values the per-firm filter matches
    /// (a NIP's spellings, a firm number or key), so one pass over a shared table reads a few firms,
    /// where one query per firm would pass over it once per firm when no index serves the firm column.
    /// </remarks>
    public static Either<Problem, SqlQuery> Build(QuerySpec q, ProgramProfile profile, SqlDialect dialect, Live? live,
        string program, string where, string? engine = null, bool allFirms = false, bool someFirms = false) =>
        Build(q, profile, dialect, live, program, where, engine, allFirms, fingerprint: false, someFirms);

    /// <summary>
    /// The most values a restricted all-firms run lists in its IN predicate: Firebird before 5.0
    /// refuses more than 1,500 ("Too many values (more than 1500) in member list"), SQL Server more than
    /// 2,100 parameters in a command.
    /// </summary>
    public const int MaxRestrictedValues = 1000;

    /// <summary>How many firms one restricted all-firms run may name (a NIP is matched by its spellings).</summary>
    public static int FirmsPerRestrictedRun(FirmFilter firm) =>
        MaxRestrictedValues / (firm is FirmFilter.ByNip ? NipSpellingCount : 1);

    /// <summary>The field of a fingerprint row (<see cref="Fingerprint"/>) that holds the firm's aggregate.</summary>
    public const string FingerprintField = "fingerprint";

    /// <summary>
    /// The per-firm change fingerprint of a query with a firm filter: the same tables, joins and
    /// filters (the run's months, every firm), grouped by the firm column, selecting the firm column as
    /// <see cref="FirmField"/> and the engine's aggregate (<see cref="SqlDialect.FirmFingerprint"/>) of
    /// the query's columns as <see cref="FingerprintField"/>; null where the query has no firm filter or
    /// the engine no aggregate.
    /// </summary>
    public static Either<Problem, SqlQuery>? Fingerprint(QuerySpec q, ProgramProfile profile, SqlDialect dialect, Live? live,
        string program, string where) =>
        q.Firm is null || dialect.FirmFingerprint(["x"], ["a"]) is null ? (Either<Problem, SqlQuery>?)null
            : Build(q, profile, dialect, live, program, where, null, allFirms: true, fingerprint: true, someFirms: false);

    private static Either<Problem, SqlQuery> Build(QuerySpec q, ProgramProfile profile, SqlDialect dialect, Live? live,
        string program, string where, string? engine, bool allFirms, bool fingerprint, bool someFirms)
    {
        var bulk = allFirms && q.Firm is not null;
        var engineName = engine ?? dialect.Engine;
        var tables = q.Tables.ToDictionary(t => t.Alias, t => t.Table, StringComparer.Ordinal);
        foreach (var t in q.Tables)
        {
            var name = profile.Table(t.Table);
            if (live is not null && !live.ContainsKey(name))
                return profile.Item("table." + t.Table).Optional
                    ? Absent(program, engineName, q, name, where)
                    : SourceProblems.TableMissing(program, engineName, where, name);
        }
        var missing = new List<(string Table, string Column)>();
        string Table(string logical)
        {
            var name = profile.Table(logical);
            return live is null ? name : live.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        }
        string? Physical(ColumnRef c, bool required)
        {
            var item = profile.Item($"column.{tables[c.Alias]}.{c.Column}");
            var table = profile.Table(tables[c.Alias]);
            if (live is null) return item.Value;
            if (live[table].TryGetValue(item.Value, out var actual)) return actual;
            if (required || !item.Optional) missing.Add((table, item.Value));
            return null;
        }
        string Col(ColumnRef c) => Physical(c, required: true) is { } p ? $"{c.Alias}.{dialect.Quote(p)}" : "NULL";
        string Field(ColumnRef c) => Physical(c, required: false) is { } p ? $"{c.Alias}.{dialect.Quote(p)}" : "NULL";

        var args = new List<Func<QueryRun, Either<Problem, IEnumerable<(string, object?)>>>>();
        var codes = 0;
        string Code(string name)
        {
            var marker = dialect.Param("c" + codes++.ToString(CultureInfo.InvariantCulture));
            var item = profile.Item("code." + name);
            object value = item.Number && long.TryParse(item.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n : item.Value;
            args.Add(_ => One(marker, value));
            return marker;
        }
        string Condition(Profiles.Condition c) => c.Other is not null
            ? $"{Col(c.Left)} {c.Op} {Col(c.Other)}"
            : c.Op == "in"
                ? $"{Col(c.Left)} IN ({string.Join(", ", c.Codes.Map(Code))})"
                : $"{Col(c.Left)} {c.Op} {Code(c.Codes.Head)}";

        List<string> select;
        RowShape shape;
        if (q.Pivot is { } pivot)
        {
            select = [Col(pivot.Key), Col(pivot.Value)];
            shape = new RowShape(bulk ? new[] { "key", "value", FirmField } : new[] { "key", "value" });
        }
        else
        {
            select = q.Fields.Map(f => Field(f.Column)).ToList();
            shape = new RowShape(bulk ? q.Fields.Map(f => f.Field).Add(FirmField) : q.Fields.Map(f => f.Field));
        }
        var firmColumn = q.Firm switch
        {
            Profiles.FirmFilter.ByNip n => n.Column,
            Profiles.FirmFilter.ByKey k => k.Column,
            _ => null,
        };
        if (fingerprint)
        {
            var hashed = select.Where(c => c != "NULL").ToList();
            select = [dialect.FirmFingerprint(hashed, q.Tables.Map(t => t.Alias).ToList())!];
            shape = new RowShape([FingerprintField, FirmField]);
        }
        if (bulk) select.Add(Col(firmColumn!));
        var sql = new System.Text.StringBuilder();
        sql.Append("SELECT ").AppendJoin(", ", select)
            .Append(" FROM ").Append(dialect.Quote(Table(q.From.Table))).Append(' ').Append(q.From.Alias);
        foreach (var j in q.Joins)
            sql.Append(j.Outer ? " LEFT JOIN " : " JOIN ").Append(dialect.Quote(Table(j.Table.Table))).Append(' ')
                .Append(j.Table.Alias).Append(" ON ").AppendJoin(" AND ", j.On.Map(Condition));
        var filters = q.Where.Map(Condition).ToList();
        if (q.Firm is not null && !bulk) filters.Add(FirmFilter(q.Firm, Col, dialect, args, program, profile, tables));
        if (bulk && someFirms) filters.Add(SomeFirms(q.Firm!, Col, dialect, args));
        if (q.Period is not null) filters.Add(PeriodFilter(q.Period, Col, dialect, args));
        if (q.Pivot is { } pv)
            filters.Add($"{Col(pv.Key)} IN ({string.Join(", ", pv.Fields.Select((f, i) => Literal(dialect, args, "k" + i, f.Key)))})");
        if (filters.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", filters);
        var order = q.OrderBy.Map(o => Col(o.Column) + (o.Descending ? " DESC" : "")).ToList();
        if (bulk)
            order.Insert(0, q.Firm is Profiles.FirmFilter.ByNip ? NipDigits(Col(firmColumn!)) : Col(firmColumn!));
        if (fingerprint) sql.Append(" GROUP BY ").Append(Col(firmColumn!));
        else if (order.Count > 0) sql.Append(" ORDER BY ").AppendJoin(", ", order);
        if (missing.Count > 0)
        {
            var first = missing[0].Table;
            var names = missing.Select(m => m.Table == first ? m.Column : $"{m.Table}.{m.Column}").Distinct();
            return SourceProblems.ColumnsMissing(program, engineName, where, first, names);
        }
        return new SqlQuery(q, sql.ToString(), shape, run =>
        {
            var list = new List<(string, object?)>(args.Count);
            foreach (var a in args)
            {
                var v = a(run);
                if (v.IsLeft) return v.Map(_ => (IReadOnlyList<(string, object?)>)list);
                list.AddRange(v.IfLeft([]));
            }
            return list;
        });
    }

    private static Problem Absent(string program, string engine, QuerySpec q, string table, string where) =>
        DataKinds.FromCode(q.Name) is { } kind
            ? SourceProblems.KindUnsupported(program, kind, $"model table {table} not in {where}")
            : SourceProblems.TableMissing(program, engine, where, table);

    /// <summary>Stands for the markers of a month-text filter until a run names its months.</summary>
    internal const string MonthsToken = "\u0001months\u0001";

    private static Either<Problem, IEnumerable<(string, object?)>> One(string marker, object? value) =>
        Either<Problem, IEnumerable<(string, object?)>>.Right([(marker, value)]);

    private static string Literal(SqlDialect d, Args args, string name, object? value)
    {
        var marker = d.Param(name);
        args.Add(_ => One(marker, value));
        return marker;
    }

    private static string FirmFilter(FirmFilter f, Func<ColumnRef, string> col, SqlDialect d,
        Args args, string program, ProgramProfile profile,
        Dictionary<string, string> tables)
    {
        switch (f)
        {
            case FirmFilter.ByNip n:
                var markers = Enumerable.Range(0, NipSpellingCount).Select(i =>
                {
                    var m = d.Param("nip" + i.ToString(CultureInfo.InvariantCulture));
                    args.Add(run => One(m, NipSpellings(run.Firm.Value)[i]));
                    return m;
                }).ToList();
                return $"{col(n.Column)} IN ({string.Join(", ", markers)})";
            case FirmFilter.ByKey k:
                var marker = d.Param("firm");
                var column = profile.Column(tables[k.Column.Alias], k.Column.Column);
                args.Add(run => !k.Number ? One(marker, run.FirmKey)
                    : int.TryParse(run.FirmKey, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                        ? One(marker, n) : SourceProblems.FirmMissing(program, run.FirmKey, column));
                return $"{col(k.Column)} = {marker}";
            default:
                throw new InvalidOperationException($"unknown firm filter {f}");
        }
    }

    /// <summary>Stands for the markers of a restricted all-firms run until the run names its firms.</summary>
    internal const string FirmsToken = "\u0001firms\u0001";

    /// <summary>
    /// The firm column in the values of the run's firms that the per-firm filter (<see cref="FirmFilter"/>)
    /// matches: each NIP's spellings, a firm number as a number, a key as text. A run naming no firm that
    /// can match lists NULL, which matches no row.
    /// </summary>
    private static string SomeFirms(FirmFilter f, Func<ColumnRef, string> col, SqlDialect d, Args args)
    {
        var (column, values) = f switch
        {
            FirmFilter.ByNip n => (n.Column, (Func<string, IEnumerable<object?>>)(nip =>
                nip.Length == 10 && nip.All(char.IsAsciiDigit) ? NipSpellings(nip) : [])),
            FirmFilter.ByKey { Number: true } k => (k.Column, key =>
                int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? [n] : []),
            FirmFilter.ByKey k => (k.Column, key => [key]),
            _ => throw new InvalidOperationException($"unknown firm filter {f}"),
        };
        args.Add(run =>
        {
            var listed = (run.Firms ?? []).SelectMany(values).DefaultIfEmpty(null).ToList();
            if (listed.Count > MaxRestrictedValues)
                throw new InvalidOperationException($"a restricted run lists {listed.Count} values, more than {MaxRestrictedValues}");
            return Either<Problem, IEnumerable<(string, object?)>>.Right(
                listed.Select((v, i) => (FirmsToken + d.Param("f" + i.ToString(CultureInfo.InvariantCulture)), v)));
        });
        return $"{col(column)} IN ({FirmsToken})";
    }

    /// <summary>A NIP column without the "PL", dashes and spaces of its spellings (REPLACE is in every engine's SQL).</summary>
    private static string NipDigits(string column) => $"REPLACE(REPLACE(REPLACE({column}, 'PL', ''), '-', ''), ' ', '')";

    /// <summary>
    /// The digits of a stored NIP when it is one of the <see cref="NipSpellings"/> (what the per-firm
    /// filter matches, trailing blanks ignored as SQL compares them), else null.
    /// </summary>
    public static string? NipOfSpelling(string? stored)
    {
        if (stored is null) return null;
        var s = stored.TrimEnd();
        var digits = (s.StartsWith("PL", StringComparison.Ordinal) ? s[2..] : s).Replace("-", "").Replace(" ", "");
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return null;
        foreach (var spelling in NipSpellings(digits))
            if (string.Equals(spelling, s, StringComparison.Ordinal)) return digits;
        return null;
    }

    private const int NipSpellingCount = 5;

    /// <summary>The spellings of a NIP programs store: digits, PL + digits, 123-456-78-90, 123-45-67-890, 123 456 78 90.</summary>
    public static IReadOnlyList<string> NipSpellings(string digits) =>
    [
        digits, "PL" + digits,
        $"{digits[..3]}-{digits[3..6]}-{digits[6..8]}-{digits[8..]}",
        $"{digits[..3]}-{digits[3..5]}-{digits[5..7]}-{digits[7..]}",
        $"{digits[..3]} {digits[3..6]} {digits[6..8]} {digits[8..]}",
    ];

    /// <summary>A month in a text format made of MM, yyyy, yy and separators ("MMyyyy" is Raks-style MMRRRR).</summary>
    public static string MonthSpelling(Period month, string format) =>
        format.Replace("yyyy", month.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("yy", (month.Year % 100).ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("MM", month.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string PeriodFilter(PeriodFilter p, Func<ColumnRef, string> col, SqlDialect d, Args args)
    {
        string Arg(string name, Func<QueryRun, object?> value)
        {
            var marker = d.Param(name);
            args.Add(run => One(marker, value(run)));
            return marker;
        }
        static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue);
        switch (p)
        {
            case Profiles.PeriodFilter.YearMonth ym:
                var (y, m) = (col(ym.Year), col(ym.Month));
                return $"{y} BETWEEN {Arg("fromYear", r => r.From.Year)} AND {Arg("toYear", r => r.To.Year)}"
                    + $" AND {y} * 12 + {m} BETWEEN {Arg("from", r => r.From.Index + 1)} AND {Arg("to", r => r.To.Index + 1)}";
            case Profiles.PeriodFilter.Date date:
                var c = col(date.Column);
                return $"{c} >= {Arg("from", r => Day(r.From.FirstDay))} AND {c} < {Arg("to", r => Day(r.To.Next.FirstDay))}";
            case Profiles.PeriodFilter.MonthNumber n:
                return $"{col(n.Column)} BETWEEN {Arg("from", r => r.From.Year * 100 + r.From.Month)} AND {Arg("to", r => r.To.Year * 100 + r.To.Month)}";
            case Profiles.PeriodFilter.Overlap o:
                return $"{col(o.From)} <= {Arg("to", r => Day(r.To.LastDay))} AND {col(o.To)} >= {Arg("from", r => Day(r.From.FirstDay))}";
            case Profiles.PeriodFilter.MonthText t:
                // one marker per month of the run, each the month spelled as the column stores it
                args.Add(run => Either<Problem, IEnumerable<(string, object?)>>.Right(Period.Range(run.From, run.To)
                    .Select((m, i) => (MonthsToken + d.Param("m" + i.ToString(CultureInfo.InvariantCulture)),
                        (object?)MonthSpelling(m, t.Format)))));
                return $"{col(t.Column)} IN ({MonthsToken})";
            default:
                throw new InvalidOperationException($"unknown period filter {p}");
        }
    }
}
