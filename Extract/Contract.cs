using LanguageExt;
using KonektoSync.Domain;

namespace KonektoSync.Extract;

/// <summary>
/// A secret (password) resolved for one use. Never printed: <see cref="ToString"/> is masked.
/// </summary>
public sealed class Secret
{
    private readonly string _value;
    public Secret(string value) => _value = value;
    public string Reveal() => _value;
    public override string ToString() => "***";
}

/// <summary>
/// A program's configuration as set by a person (or proposed by detect). Values are plain
/// settings ("path", "host", "port", "user", "charset", "serverType": "server" | "embedded",
/// "database", "profileDir" ...); the password is a <see cref="Secret"/> resolved by the host
/// from its protected reference, never stored here as text.
/// </summary>
public sealed record ProgramConfig(
    ProgramId Program,
    IReadOnlyDictionary<string, string> Values,
    Secret? Password)
{
    /// <summary>
    /// A sync's check, right before the read of the same sync: the check does not open each firm's
    /// own database, since the read opens it and makes the same table test there.
    /// </summary>
    public bool CheckBeforeRead { get; init; }

    public string? Get(string key) => Values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
    public string GetOr(string key, string fallback) => Get(key) ?? fallback;
}

/// <summary>A setting a program's configuration needs, for `programs set` and its help.</summary>
public sealed record SettingSpec(string Key, string Description, bool Required, string? Default, bool IsSecret = false);

/// <summary>One firm of the plan, for one program: its key in that program and what to read.</summary>
public sealed record ReadItem(string FirmKey, Nip Firm, Set<DataKind> Kinds);

/// <summary>What one program is asked to read in a sync.</summary>
public sealed record ReadPlan(Seq<ReadItem> Items, Period From, Period To);

/// <summary>
/// What a program's firms' data are now, per firm key, for the change markers per firm: the text of
/// the firm's rows in the shared database (the engine's aggregate of each declared query, taken in
/// one query per table), and the files of the firm's own databases the read would open (none for a
/// program without them). A firm absent from either map cannot be fingerprinted and is read.
/// </summary>
public sealed record FirmPrints(Map<string, string> Shared, Map<string, Seq<string>> Files);

/// <summary>A connector that can fingerprint each firm's data without reading it (the kit's <c>ProgramDriver</c>).</summary>
public interface IFirmFingerprints
{
    /// <summary>
    /// The fingerprints of the plan's firms, or None when the program cannot be fingerprinted per firm
    /// (a kind on the shared database without a declared fingerprint, an engine without the aggregate,
    /// a failing query): then every firm is read. SELECT only, in the kit's read-only session; no firm
    /// database is opened.
    /// </summary>
    Task<Option<FirmPrints>> FirmPrints(ProgramConfig config, ReadPlan plan, CancellationToken cancel);
}

/// <summary>
/// The outcome of `programs check`: works, with what was found, or exactly what is wrong.
/// Warnings are what works only in part: a firm database that cannot be opened.
/// </summary>
public sealed record CheckReport(string Summary, Seq<string> Details, Seq<Problem> Warnings = default);

/// <summary>A column of the source's catalog (no row data).</summary>
public sealed record CatalogColumn(string Table, string Column, string Type);

/// <summary>The source's catalog for `programs inspect`: per database or file, its tables and columns.</summary>
public sealed record Catalog(Seq<(string Source, Seq<CatalogColumn> Columns)> Sources);

/// <summary>
/// The connector of one accounting program. Connectors never write to a program's data:
/// SELECT only, in read-only transactions. Expected failures are values (<see cref="Problem"/>);
/// exceptions are bugs.
/// </summary>
public interface IProgramConnector
{
    ProgramId Program { get; }

    /// <summary>What the configuration needs.</summary>
    IReadOnlyList<SettingSpec> Settings { get; }

    /// <summary>Looks in the program's default places and proposes configurations (may be none).</summary>
    Task<Seq<ProgramConfig>> Detect(CancellationToken cancel);

    /// <summary>Tries a configuration: what works, or exactly what is wrong.</summary>
    Task<Either<Problem, CheckReport>> Check(ProgramConfig config, CancellationToken cancel);

    /// <summary>The firms the program holds, as it lists them.</summary>
    Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig config, CancellationToken cancel);

    /// <summary>
    /// Streams the raw records of a plan, forward-only. For each item and each of its kinds the
    /// stream ends the group with a <see cref="GroupEnd"/> (with a failure if the group could not
    /// be read whole). A failing firm never stops the others.
    /// </summary>
    IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan, CancellationToken cancel);

    /// <summary>The source's catalog: tables, columns, types; never row data.</summary>
    Task<Either<Problem, Catalog>> Inspect(ProgramConfig config, CancellationToken cancel);
}

/// <summary>
/// Writes a program's sample data in the program's own format, from a seed and a size,
/// for tests, the demo and benchmarks.
/// </summary>
public interface ISampleWriter
{
    ProgramId Program { get; }

    /// <summary>
    /// Writes a new sample into <paramref name="folder"/> (created if needed). Never touches a
    /// file it did not create: an existing target file is an <see cref="IOException"/>.
    /// </summary>
    Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel);
}

/// <summary>A firm a caller puts into a sample by NIP and name (e.g. the same firm into two programs).</summary>
public sealed record SampleFirm(string Nip, string Name);

/// <summary>The manual's cases a sample can contain.</summary>
[Flags]
public enum SampleCases
{
    None = 0,
    /// <summary>A firm lacks one month's declaration (Raks: no PIT-4R for March).</summary>
    MissingDeclaration = 1,
    /// <summary>A firm has no VAT-7 for one month (Raks: February).</summary>
    MissingVatMonth = 2,
    /// <summary>A report regenerated later without a tax (Fakt: March, PIT-5 removed).</summary>
    RegeneratedWithoutTax = 4,
    /// <summary>One more firm whose NIP has a wrong check digit.</summary>
    InvalidNip = 8,
    All = MissingDeclaration | MissingVatMonth | RegeneratedWithoutTax | InvalidNip,
}

/// <summary>
/// What a sample holds: a seed (same seed, same data), the number of generated firms (after the
/// explicit ones), the first year and how many years, and which of the manual's cases to include.
/// </summary>
public sealed record SampleSpec(
    int Seed, int Firms, int Year,
    IReadOnlyList<SampleFirm>? ExplicitFirms = null,
    SampleCases Cases = SampleCases.All,
    int Years = 1);

/// <summary>A firm of a written sample: its key in the program, its NIP as written, its name.</summary>
public sealed record SampleFirmInfo(string FirmKey, string Nip, string Name);

/// <summary>Where one of the manual's cases was put.</summary>
public sealed record SampleCaseInfo(SampleCases Case, string FirmKey, int Year, int Month, string Note);

/// <summary>What a sample writer wrote.</summary>
public sealed record SampleInfo(
    ProgramId Program, string Folder, IReadOnlyList<string> Files,
    IReadOnlyList<SampleFirmInfo> Firms, IReadOnlyList<SampleCaseInfo> Cases, long Rows);
