using System.Data.Common;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Odbc;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// Table files read like a database: a folder of DBF (.dbf), Paradox (.db) or text export (.txt,
/// .csv) tables, where a table is a file named after it (or, for <see cref="Suffixed"/>, after it
/// less the year's digits), or one MS Access database (.mdb, .accdb) through ODBC. Offers
/// the catalog, the tables with their columns, and a guarded, streamed read of one table whose
/// rows a <see cref="DbDataReader"/> mapper reads (<see cref="TableFileReader"/>). Every file
/// fault is a <see cref="Problem"/> that names the file. Nothing is ever written.
/// </summary>
public sealed class TableFolderSession
{
    private readonly EncodingOption _encoding;
    private readonly AccessSource? _access;
    private readonly string _folder;
    private readonly string _suffix = "";

    /// <summary>The program, for messages.</summary>
    public string Program { get; }
    /// <summary>The folder, or the Access file.</summary>
    public string Where { get; }
    /// <summary>"DBF", "Paradox" (a folder may hold both) or "Access".</summary>
    public string Engine { get; }

    private TableFolderSession(string program, string where, string engine, EncodingOption encoding, AccessSource? access,
        string? folder = null, string suffix = "") =>
        (Program, Where, Engine, _encoding, _access, _folder, _suffix) = (program, where, engine, encoding, access, folder ?? where, suffix);

    private static readonly string[] Extensions = [".dbf", ".db", ".txt", ".csv"];

    /// <summary>A folder of .dbf / .db tables; <paramref name="encoding"/> Auto reads the code page from each header.</summary>
    public static Either<Problem, TableFolderSession> Folder(string program, string folder, EncodingOption encoding)
    {
        if (!Directory.Exists(folder))
            return SourceProblems.File(program, "DBF/Paradox", new FileFault("file.missing", folder, -1,
                "the folder does not exist: check the data folder"));
        return new TableFolderSession(program, folder, "DBF/Paradox", encoding, null);
    }

    /// <summary>
    /// The tables of a folder whose file names end with <paramref name="suffix"/> (a year's two digits:
    /// table "B5WSPL" is the file B5WSPL24.DBF); other files are not tables of this view.
    /// </summary>
    public static Either<Problem, TableFolderSession> Suffixed(string program, string folder, string suffix, EncodingOption encoding)
    {
        if (!Directory.Exists(folder))
            return SourceProblems.File(program, "DBF/Paradox", new FileFault("file.missing", folder, -1,
                "the folder does not exist: check the data folder"));
        return new TableFolderSession(program, System.IO.Path.Combine(folder, "*" + suffix), "DBF/Paradox", encoding, null,
            folder, suffix);
    }

    /// <summary>An Access database through ODBC (a null driver takes the platform's default).</summary>
    public static Either<Problem, TableFolderSession> Access(string program, string path, string? driver, Secret? password) =>
        AccessSource.Create(path, driver, password?.Reveal())
            .Map(source => new TableFolderSession(program, source.Path, "Access", EncodingOption.Auto, source))
            .MapLeft(fault => SourceProblems.File(program, "Access", fault));

    private string EngineOf(string file) =>
        _access is not null ? "Access" : file.EndsWith(".db", StringComparison.OrdinalIgnoreCase) ? "Paradox"
        : file.EndsWith(".dbf", StringComparison.OrdinalIgnoreCase) ? "DBF" : "text export";

    private Problem Fault(FileFault fault) =>
        fault.Code == "access.table.missing" ? SourceProblems.TableMissing(Program, Engine, Where, TableOf(fault))
        : fault.Code == FileLocks.Code ? SourceProblems.Locked(Program, EngineOf(fault.File), fault.File, fault.Message)
        : SourceProblems.File(Program, EngineOf(fault.File), fault);

    private static string TableOf(FileFault fault) =>
        fault.Message.StartsWith("table '", StringComparison.Ordinal) ? fault.Message[7..fault.Message.IndexOf('\'', 7)] : fault.File;

    private Dictionary<string, string>? _files;

    /// <summary>
    /// Table name → file, for a folder (case-insensitive: "Kontrah" finds KONTRAH.DBF). The folder is
    /// listed once per session (a session is one read of one folder); a failed listing is tried again.
    /// </summary>
    private Either<Problem, Dictionary<string, string>> Files() =>
        _files is not null ? _files : ListFiles().Map(files => _files = files);

    /// <summary>The file of a table in a folder, or null (no such table, an Access database, or the folder cannot be listed).</summary>
    public string? PathOf(string table) =>
        _access is null ? Files().MatchUnsafe(f => f.GetValueOrDefault(table), _ => null) : null;

    private Either<Problem, Dictionary<string, string>> ListFiles()
    {
        try
        {
            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in Directory.EnumerateFiles(_folder).Order(StringComparer.Ordinal))
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(f);
                if (Extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)
                    && name.Length > _suffix.Length && name.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase))
                    files.TryAdd(name[..^_suffix.Length], f);
            }
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SourceProblems.File(Program, Engine, new FileFault("file.unreadable", Where, -1, e.Message));
        }
    }

    private Either<Problem, ITableFile> OpenTable(string table)
    {
        if (_access is not null)
            return AccessTable.Open(_access, table).Map(t => (ITableFile)t).MapLeft(Fault);
        return Files().Bind(files => files.TryGetValue(table, out var file)
            ? FileDump.Open(file, _encoding).MapLeft(Fault)
            : Either<Problem, ITableFile>.Left(SourceProblems.TableMissing(Program, Engine, Where, table)));
    }

    /// <summary>The tables the last <see cref="Catalog"/> left out because their columns could not be read, with why.</summary>
    public IReadOnlyList<Problem> Skipped { get; private set; } = [];

    private Dictionary<string, Problem> _skippedTables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The problem of a table file the catalog left out (its header cannot be read), or null.</summary>
    public Problem? SkippedTable(string table) => _skippedTables.GetValueOrDefault(table);

    /// <summary>
    /// The tables and their columns as the file headers (or the ODBC driver) declare them. A table
    /// whose header cannot be read is left out and named in <see cref="Skipped"/>; reading it gives the problem.
    /// </summary>
    public async Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel)
    {
        await Task.Yield();
        var skipped = new List<Problem>();
        Skipped = skipped;
        var skippedTables = new Dictionary<string, Problem>(StringComparer.OrdinalIgnoreCase);
        _skippedTables = skippedTables;
        if (_access is not null)
            return AccessCatalog.Tables(_access).MapLeft(Fault).Bind(tables =>
            {
                var all = new List<CatalogColumn>();
                foreach (var t in tables)
                {
                    cancel.ThrowIfCancellationRequested();
                    AccessCatalog.Columns(_access, t).MapLeft(Fault).Match(
                        Right: cs => all.AddRange(cs.Select(c => new CatalogColumn(t, c.Name, c.TypeName))),
                        Left: skipped.Add);
                }
                return Either<Problem, List<CatalogColumn>>.Right(all);
            });
        return Files().Bind(files =>
        {
            var all = new List<CatalogColumn>();
            foreach (var (table, _) in files.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
            {
                cancel.ThrowIfCancellationRequested();
                OpenTable(table).Match(
                    Right: t =>
                    {
                        using (t) all.AddRange(t.Columns.Select(c => new CatalogColumn(table, c.Name, TypeOf(c))));
                    },
                    Left: p => { skipped.Add(p); skippedTables[table] = p; });
            }
            return Either<Problem, List<CatalogColumn>>.Right(all);
        });
    }

    private static string TypeOf(FileColumn c) =>
        c.Decimals > 0 ? $"{c.TypeName}({c.Length},{c.Decimals})" : c.Length > 0 ? $"{c.TypeName}({c.Length})" : c.TypeName;

    /// <summary>Table name → its column names, both case-insensitive.</summary>
    public async Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(CancellationToken cancel) =>
        (await Catalog(cancel).ConfigureAwait(false)).Map(columns => SqlSession.TablesOf(columns, null));

    /// <summary>
    /// Streams the rows of one table through <paramref name="map"/>; a missing table, a file that
    /// cannot be opened or a row that cannot be read ends the stream with a faulted row.
    /// </summary>
    public IAsyncEnumerable<Streamed<T>> Read<T>(string table, Func<DbDataReader, T> map, CancellationToken cancel) =>
        Read(table, map, growing: false, cancel);

    /// <summary>
    /// <paramref name="growing"/>: the file is being written (its header changed during a read): a
    /// header counting fewer or more records than the file holds is the program's write in progress,
    /// and the records counted and present stand (each one whole).
    /// </summary>
    private async IAsyncEnumerable<Streamed<T>> Read<T>(string table, Func<DbDataReader, T> map, bool growing,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        await Task.Yield();
        var opened = OpenTable(table);
        if (opened.IsLeft)
        {
            yield return new Streamed<T>(default!, opened.Match(_ => null!, p => p));
            yield break;
        }
        using var file = opened.Match(t => t, _ => null!);
        using var reader = new TableFileReader(file, cancel);
        while (true)
        {
            Problem? fault = null;
            var more = false;
            try { more = reader.Read(); }
            catch (TableFileException e) { fault = Fault(e.Fault); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
            {
                fault = SourceProblems.File(Program, EngineOf(file.Path), new FileFault("file.unreadable", file.Path, -1, e.Message));
            }
            // a DBF whose header declares more records than the file holds was cut: the rows are not all there
            if (fault is null && !more && file is Dbf.DbfTable { Notes.Count: > 0 } dbf
                && !(growing && dbf.Notes[0].Code is "dbf.records-beyond" or "dbf.records-missing"))
                fault = Fault(dbf.Notes[0]);
            if (fault is not null) { yield return new Streamed<T>(default!, fault); yield break; }
            if (!more) yield break;
            yield return new Streamed<T>(map(reader), null);
        }
    }

    /// <summary>How many times the last <see cref="List{T}"/> read its table again (0 or 1).</summary>
    public int LastRereads { get; private set; }

    /// <summary>
    /// Reads a whole (small) table into a list, or the problem. A table file whose header or length
    /// changed while it was read (the program wrote to it) is read once more, and that read stands:
    /// each read takes the records its header counted when it was opened, so the rows are the table
    /// before or after the program's write, never a mix.
    /// </summary>
    public async Task<Either<Problem, List<T>>> List<T>(string table, Func<DbDataReader, T> map, CancellationToken cancel)
    {
        LastRereads = 0;
        var path = PathOf(table);
        var before = path is null ? null : FileStamp.Of(path);
        var read = await ListOnce(table, map, growing: false, cancel).ConfigureAwait(false);
        if (path is null || before is null) return read;
        // a header counting other records than the file holds is also what a write in progress looks like
        var inFlight = read.MatchUnsafe(_ => null, f => f) is { Code: "source.file" } p
            && p.Args.Any(a => a is "dbf.records-beyond" or "dbf.records-missing");
        if (FileStamp.Of(path) == before && !inFlight) return read;
        // a write in progress that has not moved on yet: give it a moment (at most a second) before the reread
        for (var wait = 0; inFlight && wait < 10 && FileStamp.Of(path) == before; wait++)
            await Task.Delay(100, cancel).ConfigureAwait(false);
        LastRereads = 1;
        var again = await ListOnce(table, map, growing: true, cancel).ConfigureAwait(false);
        // a file that did not change at all through both reads is as it is: the first read's problem stands
        return FileStamp.Of(path) == before ? read : again;
    }

    private async Task<Either<Problem, List<T>>> ListOnce<T>(string table, Func<DbDataReader, T> map, bool growing,
        CancellationToken cancel)
    {
        var list = new List<T>();
        await foreach (var row in Read(table, map, growing, cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) return row.Fault;
            list.Add(row.Value);
        }
        return list;
    }

    public override string ToString() => $"{Program}: {Engine} {Where}";
}
