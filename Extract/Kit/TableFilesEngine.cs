using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;
using Live = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.HashSet<string>>;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// Table files (DBF, Paradox) as a source engine of the kit: a layout's database is a folder of
/// tables, a table is a file named after it; queries are answered by <see cref="TableQuery"/>.
/// </summary>
public sealed class TableFilesEngine : ISourceEngine
{
    public static TableFilesEngine Instance { get; } = new();

    /// <summary>The code page a program's tables are in when the "codePage" setting is not set (null: each table's header says).</summary>
    public string? DefaultCodePage { get; init; }
    public string Name => "table files";
    public string LocationSetting => "path";
    public bool Files => true;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
    [
        new("path", pathDescription, true, null),
        new("codePage", "code page of the tables' text (852, 1250, mazovia); by default read from each table's header", false, DefaultCodePage),
        new("profileDir", "folder with a profile override file (<program>.profile.json)", false, null),
    ];

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config)
    {
        var text = (config.Get("codePage") ?? DefaultCodePage)?.Trim().ToLowerInvariant();
        Either<Problem, EncodingOption> encoding = text switch
        {
            null => EncodingOption.Auto,
            "mazovia" => EncodingOption.Mazovia,
            _ when int.TryParse(text, out var cp) => EncodingOption.Fixed(cp)
                .MapLeft(_ => SourceProblems.Setting(program, "codePage", text, "852, 1250 or mazovia")),
            _ => SourceProblems.Setting(program, "codePage", text, "852, 1250 or mazovia"),
        };
        return encoding.Map(e => (ISourceTarget)new FolderTarget(program, e));
    }

    private sealed class FolderTarget(string program, EncodingOption encoding) : ISourceTarget
    {
        public Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
        {
            // "folder/*24" (Layout.YearView): the folder's tables of one year, named without the year's digits
            var name = Path.GetFileName(database);
            var session = name.Length > 1 && name[0] == '*'
                ? TableFolderSession.Suffixed(program, Path.GetDirectoryName(database) ?? "", name[1..], encoding)
                : TableFolderSession.Folder(program, database, encoding);
            return Task.FromResult(session.Map(s => (ISourceDatabase)new TableDatabase(s)));
        }

        public string Describe(ISourceDatabase database) => $"{database.Engine} tables";
        public string Combine(string root, string name) => Path.Combine(root, name);

        public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) =>
            Task.FromResult(Directory.Exists(root)
                ? Either<Problem, Seq<string>>.Right(List(root))
                : SourceProblems.File(program, "DBF/Paradox", new FileFault("file.missing", root, -1,
                    "the data folder does not exist: check the path setting")));

        public Seq<string> List(string root) => Directory.Exists(root)
            ? Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal).ToSeq()
            : [];
    }
}

/// <summary>A folder of table files answering profile queries in memory.</summary>
public sealed class TableDatabase(TableFolderSession session) : ISourceDatabase
{
    public string Where => session.Where;
    public string Engine => session.Engine;

    public Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel) => session.Catalog(cancel);

    public Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(CancellationToken cancel) =>
        session.Tables(cancel);

    public async IAsyncEnumerable<Streamed<SourceRow>> Rows(QuerySpec query, ProgramProfile profile, Live live, QueryRun run,
        string program, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        // a table whose file is there but whose header cannot be read gives its own problem, not "missing"
        foreach (var table in query.Tables.Select(t => profile.Table(t.Table)))
            if (!live.ContainsKey(table) && session.SkippedTable(table) is { } unreadable)
            {
                yield return new Streamed<SourceRow>(null!, unreadable);
                yield break;
            }
        // the same checks as a SELECT: missing tables and required columns are named before reading
        var valid = QueryText.Build(query, profile, SqlDialect.Firebird, live, program, Where, Engine);
        if (valid.IsLeft)
        {
            yield return new Streamed<SourceRow>(null!, valid.Match(_ => null!, p => p));
            yield break;
        }
        var tables = new Dictionary<string, IReadOnlyList<TableRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in query.Tables.Select(t => profile.Table(t.Table)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var rows = await Whole(name, cancel).ConfigureAwait(false);
            if (rows.IsLeft)
            {
                yield return new Streamed<SourceRow>(null!, rows.Match(_ => null!, p => p));
                yield break;
            }
            tables[name] = rows.Match(l => l, _ => []);
        }
        bool Has(string table, string column) =>
            live.TryGetValue(table, out var columns) && columns.Contains(column);
        foreach (var row in TableQuery.Evaluate(query, profile, run, t => tables[t], Has))
            yield return new Streamed<SourceRow>(row, null);
    }

    /// <summary>
    /// The tables this database has read whole, by name, with the stamp their file had before the read.
    /// The database is one folder read by one sync (a firm's folder), so this holds the tables of one
    /// firm at a time and goes with the database; a file whose length, header or write time changed
    /// since is read again.
    /// </summary>
    private readonly Dictionary<string, (string Path, (FileStamp?, DateTime) Stamp, IReadOnlyList<TableRow> Rows)> _read =
        new(StringComparer.OrdinalIgnoreCase);

    private static (FileStamp?, DateTime) StampOf(string path) => (FileStamp.Of(path), File.GetLastWriteTimeUtc(path));

    /// <summary>A whole table's rows, decoded once per database while its file stays as it was.</summary>
    private async Task<Either<Problem, IReadOnlyList<TableRow>>> Whole(string table, CancellationToken cancel)
    {
        var path = session.PathOf(table);
        var stamp = path is null ? default : StampOf(path);
        if (path is not null && stamp.Item1 is not null && _read.TryGetValue(table, out var known)
            && known.Path == path && known.Stamp == stamp)
            return Either<Problem, IReadOnlyList<TableRow>>.Right(known.Rows);
        // the columns of one read, shared by its rows (a read again after a write takes its own)
        Dictionary<string, int>? ordinals = null;
        System.Data.Common.DbDataReader? of = null;
        TableRow Row(System.Data.Common.DbDataReader r)
        {
            if (ordinals is null || !ReferenceEquals(of, r))
            {
                (ordinals, of) = (new Dictionary<string, int>(r.FieldCount, StringComparer.OrdinalIgnoreCase), r);
                for (var i = 0; i < r.FieldCount; i++) ordinals[r.GetName(i)] = i;
            }
            var values = new object?[r.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            return new TableRow(ordinals, values);
        }
        var read = await session.List(table, Row, cancel).ConfigureAwait(false);
        if (read.IsRight && path is not null && stamp.Item1 is not null) _read[table] = (path, stamp, read.Match(l => l, _ => []));
        return read.Map(rows => (IReadOnlyList<TableRow>)rows);
    }

    public ValueTask DisposeAsync()
    {
        _read.Clear();
        return ValueTask.CompletedTask;
    }
}
