using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Profiles;

/// <summary>
/// One item of a program's profile: a file name, a table, a column or a code, with where the
/// knowledge comes from: "confirmed" (a public source shows it; <see cref="Source"/> is its
/// address), "model" (our own design), or "override" (set in the office's profile file).
/// </summary>
public sealed record ProfileItem(
    string Key, string Value, string Status, string? Source, string? Database, bool Optional)
{
    public bool IsTable => Key.StartsWith("table.", StringComparison.Ordinal);
    public bool IsColumn => Key.StartsWith("column.", StringComparison.Ordinal);
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
    public ProgramId Program { get; }
    public IReadOnlyCollection<ProfileItem> Items => _items.Values;

    private ProgramProfile(ProgramId program, Dictionary<string, ProfileItem> items) =>
        (Program, _items) = (program, items);

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
    /// The select list of the given columns of a table, each "alias.NAME", or NULL for an optional
    /// column the live table lacks; a problem names the required columns that are missing.
    /// </summary>
    public Either<Problem, string> SelectList(string table, string alias, IReadOnlyList<string> columns,
        IReadOnlySet<string>? live, string where, string engine = "Firebird")
    {
        var missing = new List<string>();
        var parts = new List<string>(columns.Count);
        foreach (var c in columns)
        {
            var item = Item($"column.{table}.{c}");
            if (live is null || live.Contains(item.Value)) parts.Add($"{alias}.{item.Value}");
            else if (item.Optional) parts.Add("NULL");
            else missing.Add(item.Value);
        }
        return missing.Count == 0
            ? string.Join(", ", parts)
            : Engines.Sql.SourceProblems.ColumnsMissing(Program.ToString(), engine, where, Table(table), missing);
    }

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

    public static bool IsRequiredMissing(string line) => line.EndsWith(" missing", StringComparison.Ordinal);

    /// <summary>Loads the embedded profile and applies the override file of <paramref name="profileDir"/>, if any.</summary>
    public static Either<Problem, ProgramProfile> Load(ProgramId program, string? profileDir)
    {
        var code = program.Code();
        var resource = $"KonektoSync.Extract.Programs.{program}.{code}.profile.json";
        using var stream = typeof(ProgramProfile).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded profile {resource} missing from the build");
        var baseItems = Parse(JsonDocument.Parse(stream), resource, isOverride: false);
        if (baseItems.IsLeft) throw new InvalidOperationException($"embedded profile {resource} is invalid");
        var items = baseItems.IfLeft(new Dictionary<string, ProfileItem>());
        if (profileDir is null) return new ProgramProfile(program, items);
        var path = Path.Combine(profileDir, $"{code}.profile.json");
        if (!System.IO.File.Exists(path)) return new ProgramProfile(program, items);
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
            return Parse(doc, path, isOverride: true).Bind(over => Merge(program, items, over, path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return Problem.Of("profile.file", $"{path}: cannot read the profile override ({e.Message.Split('\n')[0]})", path,
                e.Message.Split('\n')[0]);
        }
    }

    private static Either<Problem, ProgramProfile> Merge(ProgramId program, Dictionary<string, ProfileItem> items,
        Dictionary<string, ProfileItem> over, string path)
    {
        foreach (var (key, item) in over)
        {
            if (!items.TryGetValue(key, out var old))
                return Problem.Of("profile.key", $"{path}: unknown profile item '{key}'", path, key);
            items[key] = old with { Value = item.Value, Status = "override", Source = path,
                Optional = item.Optional || old.Optional };
        }
        return new ProgramProfile(program, items);
    }

    private static readonly Regex Placeholder = new(@"\{0(:D[0-9])?\}", RegexOptions.CultureInvariant);
    private static readonly Regex Identifier = new("^[A-Za-z][A-Za-z0-9_$]{0,62}$", RegexOptions.CultureInvariant);

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
            if (value is null || status is null || status is not ("confirmed" or "model" or "override"))
                return Problem.Of("profile.format", $"{where}: item '{p.Name}' needs \"value\" and \"status\" (confirmed | model)",
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
            result[p.Name] = new ProfileItem(p.Name, value, status, Text("source"), Text("database"), optional);
        }
        return result;
    }
}
