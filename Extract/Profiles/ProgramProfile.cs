using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Profiles;

/// <summary>
/// One item of a program's profile: a file name, a table, a column or a code, with where the
/// knowledge comes from: "confirmed" (a public source shows it; <see cref="Source"/> is its
/// address), "documented" (the vendor's own documentation describes it; <see cref="Source"/> is
/// its address), "model" (our own design), or "override" (set in the office's profile file).
/// </summary>
public sealed record ProfileItem(
    string Key, string Value, string Status, string? Source, string? Database, bool Optional)
{
    public bool IsTable => Key.StartsWith("table.", StringComparison.Ordinal);
    public bool IsColumn => Key.StartsWith("column.", StringComparison.Ordinal);

    /// <summary>A code compared with a number column ("type": "number"): sent as a number, not as text.</summary>
    public bool Number { get; init; }
}

/// <summary>
/// A program's knowledge of names in one place: tables, columns, codes and file names, read from
/// the embedded resource <c>Programs/&lt;Program&gt;/&lt;program&gt;.profile.json</c>, with items overridden
/// from <c>&lt;profileDir&gt;/&lt;program&gt;.profile.json</c> when that file exists.
/// Keys: "file.&lt;name&gt;", "table.&lt;table&gt;" (with "database"), "column.&lt;table&gt;.&lt;column&gt;", "code.&lt;name&gt;".
/// </summary>
public sealed class ProgramProfile
{
    private readonly Dictionary<string, ProfileItem> _items;
    private readonly Dictionary<string, QuerySpec> _queries;
    public ProgramId Program { get; }
    public IReadOnlyCollection<ProfileItem> Items => _items.Values;

    private ProgramProfile(ProgramId program, Dictionary<string, ProfileItem> items, Dictionary<string, QuerySpec> queries) =>
        (Program, _items, _queries) = (program, items, queries);

    /// <summary>The declarative queries of the profile, by name ("firms", "taxes", "zus" ...).</summary>
    public IReadOnlyDictionary<string, QuerySpec> Queries => _queries;

    public Option<QuerySpec> Query(string name) => _queries.TryGetValue(name, out var q) ? q : Option<QuerySpec>.None;

    public bool Has(string key) => _items.ContainsKey(key);

    public ProfileItem Item(string key) => _items.TryGetValue(key, out var item)
        ? item : throw new KeyNotFoundException($"profile {Program.Code()} has no item {key}");

    public string File(string name) => Item("file." + name).Value;
    public string Table(string table) => Item("table." + table).Value;
    public string Column(string table, string column) => Item($"column.{table}.{column}").Value;
    public string Code(string name) => Item("code." + name).Value;

    /// <summary>The table items kept in one database ("system", "firm", ...).</summary>
    public IEnumerable<ProfileItem> TablesIn(string database) =>
        _items.Values.Where(i => i.IsTable && i.Database == database).OrderBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>The column items of a table (key "table.&lt;t&gt;" → "column.&lt;t&gt;.*").</summary>
    public IEnumerable<ProfileItem> ColumnsOf(string table) =>
        _items.Values.Where(i => i.Key.StartsWith($"column.{table}.", StringComparison.Ordinal))
            .OrderBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>
    /// What of one database's tables and columns the live catalog lacks: required items as
    /// "missing", optional ones as "absent (optional)".
    /// </summary>
    public Seq<string> Missing(string database, IReadOnlyDictionary<string, System.Collections.Generic.HashSet<string>> live)
    {
        var lines = new List<string>();
        foreach (var t in TablesIn(database))
        {
            var name = t.Key["table.".Length..];
            if (!live.TryGetValue(t.Value, out var columns))
            {
                lines.Add(t.Optional ? $"table {t.Value} absent (optional, {t.Status})" : $"table {t.Value} missing");
                continue;
            }
            foreach (var c in ColumnsOf(name).Where(c => !columns.Contains(c.Value)))
                lines.Add(c.Optional || t.Optional
                    ? $"column {t.Value}.{c.Value} absent (optional, {c.Status})"
                    : $"column {t.Value}.{c.Value} missing");
        }
        return lines.ToSeq();
    }

    /// <summary>The same profile with every table named without its schema ("dbo.X" → "X"), for engines without schemas.</summary>
    public ProgramProfile WithoutSchemas() => new(Program,
        _items.ToDictionary(p => p.Key, p => p.Value.IsTable && p.Value.Value.LastIndexOf('.') is var dot and > 0
            ? p.Value with { Value = p.Value.Value[(dot + 1)..] } : p.Value, StringComparer.Ordinal), _queries);

    public static bool IsRequiredMissing(string line) => line.EndsWith(" missing", StringComparison.Ordinal);

    /// <summary>Loads the embedded profile and applies the override file of <paramref name="profileDir"/>, if any.</summary>
    public static Either<Problem, ProgramProfile> Load(ProgramId program, string? profileDir) =>
        Load(program, program.Code(), typeof(ProgramProfile).Assembly,
            $"KonektoSync.Extract.Programs.{program}.{program.Code()}.profile.json", profileDir);

    /// <summary>
    /// Loads a profile embedded in <paramref name="assembly"/> as <paramref name="resource"/> and applies
    /// the override file <c>&lt;profileDir&gt;/&lt;code&gt;.profile.json</c>, if any.
    /// </summary>
    public static Either<Problem, ProgramProfile> Load(ProgramId program, string code, Assembly assembly, string resource,
        string? profileDir)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded profile {resource} missing from the build");
        using var embedded = JsonDocument.Parse(stream);
        var baseItems = Parse(embedded, resource, isOverride: false);
        var queries = QueryParser.Parse(embedded.RootElement, resource);
        if (baseItems.IsLeft || queries.IsLeft)
            throw new InvalidOperationException($"embedded profile {resource} is invalid: " +
                baseItems.Match(_ => "", p => p.Message) + queries.Match(_ => "", p => p.Message));
        var items = baseItems.IfLeft(new Dictionary<string, ProfileItem>());
        var q = queries.IfLeft(new Dictionary<string, QuerySpec>());
        var unknown = UnknownNames(items, q).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"embedded profile {resource} names unknown items: {string.Join(", ", unknown)}");
        if (profileDir is null) return new ProgramProfile(program, items, q);
        var path = Path.Combine(profileDir, $"{code}.profile.json");
        if (!System.IO.File.Exists(path)) return new ProgramProfile(program, items, q);
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            return Parse(doc, path, isOverride: true).Bind(over => Merge(program, items, q, over, path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return Problem.Of("profile.file", $"{path}: cannot read the profile override ({e.Message.Split('\n')[0]})", path,
                e.Message.Split('\n')[0]);
        }
    }

    /// <summary>The table and column items the queries name that the profile lacks (a bug of the profile).</summary>
    private static IEnumerable<string> UnknownNames(Dictionary<string, ProfileItem> items, Dictionary<string, QuerySpec> queries)
    {
        foreach (var q in queries.Values)
        {
            var tables = q.Tables.ToDictionary(t => t.Alias, t => t.Table, StringComparer.Ordinal);
            foreach (var t in tables.Values.Where(t => !items.ContainsKey("table." + t))) yield return "table." + t;
            foreach (var c in QueryColumns(q))
                if (!tables.TryGetValue(c.Alias, out var t)) yield return $"{q.Name}: alias {c.Alias}";
                else if (!items.ContainsKey($"column.{t}.{c.Column}")) yield return $"column.{t}.{c.Column}";
        }
    }

    /// <summary>Every column a query names.</summary>
    public static IEnumerable<ColumnRef> QueryColumns(QuerySpec q)
    {
        foreach (var j in q.Joins)
            foreach (var c in j.On) { yield return c.Left; if (c.Other is not null) yield return c.Other; }
        foreach (var c in q.Where) { yield return c.Left; if (c.Other is not null) yield return c.Other; }
        switch (q.Firm)
        {
            case FirmFilter.ByNip n: yield return n.Column; break;
            case FirmFilter.ByKey k: yield return k.Column; break;
        }
        switch (q.Period)
        {
            case PeriodFilter.YearMonth ym: yield return ym.Year; yield return ym.Month; break;
            case PeriodFilter.MonthText t: yield return t.Column; break;
            case PeriodFilter.Date d: yield return d.Column; break;
            case PeriodFilter.MonthNumber n: yield return n.Column; break;
            case PeriodFilter.Overlap o: yield return o.From; yield return o.To; break;
        }
        foreach (var (c, _) in q.OrderBy) yield return c;
        foreach (var (_, c) in q.Fields) yield return c;
        if (q.Pivot is not null) { yield return q.Pivot.Key; yield return q.Pivot.Value; }
    }

    private static Either<Problem, ProgramProfile> Merge(ProgramId program, Dictionary<string, ProfileItem> items,
        Dictionary<string, QuerySpec> queries, Dictionary<string, ProfileItem> over, string path)
    {
        foreach (var (key, item) in over)
        {
            if (!items.TryGetValue(key, out var old))
                return Problem.Of("profile.key", $"{path}: unknown profile item '{key}'", path, key);
            items[key] = old with { Value = item.Value, Status = "override", Source = path,
                Optional = item.Optional || old.Optional };
        }
        return new ProgramProfile(program, items, queries);
    }

    private static readonly Regex Placeholder = new(@"\{[01](:D[0-9])?\}", RegexOptions.CultureInvariant);
    // a plain name, or a schema-qualified table name ("CDN.Firma", "cdn.firma")
    private static readonly Regex Identifier = new(@"^[A-Za-z][A-Za-z0-9_$]{0,62}(\.[A-Za-z][A-Za-z0-9_$]{0,62})?$",
        RegexOptions.CultureInvariant);

    private static Either<Problem, Dictionary<string, ProfileItem>> Parse(JsonDocument doc, string where, bool isOverride)
    {
        var result = new Dictionary<string, ProfileItem>(StringComparer.Ordinal);
        if (!doc.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Object)
            return Problem.Of("profile.format", $"{where}: expected an object \"items\"", where);
        foreach (var p in items.EnumerateObject())
        {
            string? Text(string name) => p.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
            var value = Text("value");
            var status = Text("status") ?? (isOverride ? "override" : null);
            if (value is null || status is null || status is not ("confirmed" or "documented" or "model" or "override"))
                return Problem.Of("profile.format", $"{where}: item '{p.Name}' needs \"value\" and \"status\" (confirmed | documented | model)",
                    where, p.Name);
            if ((p.Name.StartsWith("table.", StringComparison.Ordinal) || p.Name.StartsWith("column.", StringComparison.Ordinal))
                && !Identifier.IsMatch(value))
                return Problem.Of("profile.identifier", $"{where}: item '{p.Name}': '{value}' is not a table or column name",
                    where, p.Name, value, "name");
            if (p.Name.StartsWith("file.", StringComparison.Ordinal)
                && Placeholder.Replace(value, "").IndexOfAny(['/', '\\', ':', '{', '}']) >= 0)
                return Problem.Of("profile.identifier", $"{where}: item '{p.Name}': '{value}' must be a file name, not a path",
                    where, p.Name, value, "file");
            var optional = p.Value.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True;
            result[p.Name] = new ProfileItem(p.Name, value, status, Text("source"), Text("database"), optional)
            {
                Number = Text("type") == "number",
            };
        }
        return result;
    }
}
