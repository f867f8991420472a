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

    /// <summary>The rows of a profile query for this firm and these months, by logical name; a problem is the last, faulted row.</summary>
    public IAsyncEnumerable<Streamed<SourceRow>> Rows(string query, CancellationToken cancel) =>
        database.Rows(profile.Query(query).IfNone(() => throw new KeyNotFoundException($"profile has no query {query}")),
            profile, live, new QueryRun(item.FirmKey, item.Firm, plan.From, plan.To), program.Name, cancel);
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

    public IReadOnlyDictionary<DataKind, KindReader> Kinds { get; init; } = new Dictionary<DataKind, KindReader>();
}
