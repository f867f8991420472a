using System.Reflection;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>Where a program's profile file is embedded, and the name of its override file (&lt;code&gt;.profile.json).</summary>
public sealed record ProfileSource(string Code, Assembly Assembly, string Resource)
{
    /// <summary>The profile of a product program: Extract/Programs/&lt;Program&gt;/&lt;code&gt;.profile.json.</summary>
    public static ProfileSource Of(ProgramId program) => new(program.Code(), typeof(ProfileSource).Assembly,
        $"KonektoSync.Extract.Programs.{program}.{program.Code()}.profile.json");

    public Either<Problem, ProgramProfile> Load(ProgramId program, string? profileDir) =>
        ProgramProfile.Load(program, Code, Assembly, Resource, profileDir);
}

/// <summary>Where detect looks: folders that may hold the program's data, and configuration files that name such folders.</summary>
public sealed record DetectPlaces(IReadOnlyList<string> Folders, IReadOnlyList<string> ConfigFiles)
{
    public static DetectPlaces None => new([], []);
}

/// <summary>What a (firm, kind) reader of the escape hatch gets: the open database, the profile, the firm and months.</summary>
public sealed class KindContext(ProgramDefinition program, ProgramProfile profile, ISourceDatabase database,
    IReadOnlyDictionary<string, System.Collections.Generic.HashSet<string>> live, ReadItem item, ReadPlan plan, int? year = null)
{
    /// <summary>The year of the database, for layouts with a database per year; null otherwise.</summary>
    public int? Year => year;

    /// <summary>The live tables of the database and their columns (case-insensitive).</summary>
    public IReadOnlyDictionary<string, System.Collections.Generic.HashSet<string>> Live => live;

    public ProgramDefinition Program => program;
    public ProgramProfile Profile => profile;
    public ISourceDatabase Database => database;
    public ReadItem Item => item;
    public ReadPlan Plan => plan;

    /// <summary>Rows the driver has read for every firm at once, this firm's, by query name.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<SourceRow>>? Prefetched { get; init; }

    /// <summary>The rows of a profile query for this firm and these months, by logical name; a problem is the last, faulted row.</summary>
    public IAsyncEnumerable<Streamed<SourceRow>> Rows(string query, CancellationToken cancel) =>
        Prefetched is not null && Prefetched.TryGetValue(query, out var rows) ? Replay(rows) : database.Rows(profile.Query(query).IfNone(() => throw new KeyNotFoundException($"profile has no query {query}")),
            profile, live, new QueryRun(item.FirmKey, item.Firm, plan.From, plan.To), program.Name, cancel);

#pragma warning disable CS1998 // an async iterator over rows already in memory
    private static async IAsyncEnumerable<Streamed<SourceRow>> Replay(IReadOnlyList<SourceRow> rows)
    {
        foreach (var row in rows) yield return new Streamed<SourceRow>(row, null);
    }
#pragma warning restore CS1998
}

/// <summary>How one data kind of a program is read.</summary>
public abstract record KindReader
{
    private KindReader() { }

    /// <summary>Basic data: the firm's row of the "firms" query.</summary>
    public sealed record FromFirms : KindReader;

    /// <summary>A profile query whose rows each become a record (a pivot query gives one record).</summary>
    public sealed record Query(string Name, Func<ReadItem, SourceRow, SourceRecord> Map) : KindReader;

    /// <summary>The escape hatch: reading that is not one query per row (Fakt's report grouping).</summary>
    public sealed record Custom(string Database, Func<KindContext, CancellationToken, IAsyncEnumerable<Streamed<SourceRecord>>> Read)
        : KindReader
    {
        /// <summary>
        /// The one profile query the reader reads through <see cref="KindContext.Rows"/>, if it reads one
        /// with a firm filter from the shared database: the driver then reads it for every firm at once.
        /// </summary>
        public string? AllFirmsQuery { get; init; }
    }

    /// <summary>
    /// One of several readers, chosen by a program setting (Optima's statements: the trial balance or
    /// the CIT declaration, as the manual lets the office choose); a value not among the options is a
    /// program.setting problem of the kind's groups.
    /// </summary>
    public sealed record BySetting(string Setting, string Description, string Default, IReadOnlyDictionary<string, KindReader> Options)
        : KindReader;

    /// <summary>The program does not hold this kind; the reason is said to the user.</summary>
    public sealed record Unsupported(string Why) : KindReader;
}

/// <summary>
/// A program as data: its id and display name, profile, engine, layout, detect settings and
/// one reader per data kind. <see cref="ProgramDriver"/> turns it into a connector.
/// </summary>
public sealed record ProgramDefinition(
    ProgramId Program, string Name, ProfileSource Profile, ISourceEngine Engine, string PathDescription, Layout Layout)
{
    /// <summary>The settings a detected configuration proposes besides "path".</summary>
    public IReadOnlyDictionary<string, string> DetectValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Folders a configuration file of the program names (Raks' Config.xml), for detect.</summary>
    public Func<string, IEnumerable<string>> FoldersInConfigFile { get; init; } = _ => [];

    /// <summary>
    /// Whole configurations a configuration file of the program names (enova365's "Lista baz danych.xml":
    /// engine, server, database, login), for detect; each holds the location setting. Null: none.
    /// </summary>
    public Func<string, IEnumerable<IReadOnlyDictionary<string, string>>>? SettingsInConfigFile { get; init; }

    /// <summary>
    /// Configurations the program's own settings store names (Płatnik's registry key on Windows),
    /// proposed by detect besides the folders found; never holding a password.
    /// </summary>
    public Func<IEnumerable<IReadOnlyDictionary<string, string>>> Proposals { get; init; } = () => [];

    /// <summary>A row of the "firms" query as a firm (by default the standard field names of <see cref="Records.Firm"/>).</summary>
    public Func<ProgramId, SourceRow, RawFirm> Firm { get; init; } = Records.Firm;

    public IReadOnlyDictionary<DataKind, KindReader> Kinds { get; init; } = new Dictionary<DataKind, KindReader>();

    /// <summary>
    /// Layouts with a database per year: a planned year the firm's folder lacks while it holds other years
    /// gives a note (program.year-missing, a warning naming the folder) instead of reading as empty.
    /// </summary>
    public bool NoteMissingYears { get; init; }

    /// <summary>
    /// The database of a firm from its row of the "firms" query (the field "database" unless the
    /// program encodes it, as Optima's Baz_Dostep does); "server/database" names another server.
    /// </summary>
    public Func<SourceRow, string?> FirmDatabase { get; init; } = r => r.Has("database") ? r.Text("database") : null;

    /// <summary>
    /// True when the "firms" query may give several rows per firm key (an outer join to the firm's
    /// documents, newest first): the first row of a key is the firm, each of its empty fields filled
    /// from the key's later rows (Płatnik: a payer's NIP from its latest DRA when PLATNIK has none).
    /// </summary>
    public bool FirmRowsFilled { get; init; }

    /// <summary>False for a row of the "firms" query the program marks as not in use (Optima's inactive companies).</summary>
    public Func<SourceRow, bool> FirmInUse { get; init; } = _ => true;
}
