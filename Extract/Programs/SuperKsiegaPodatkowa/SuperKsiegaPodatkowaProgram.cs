using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.SuperKsiegaPodatkowa;

/// <summary>
/// Super Księga Podatkowa: a yearly program; the configured data folder covers one year and holds a
/// folder per firm (the first one the program makes is "Pierwszy"), each with its dBase tables (model:
/// superksiegapodatkowa.profile.json, docs/programs/superksiegapodatkowa.md). A folder is a firm when
/// it holds the firm table.
/// </summary>
public static class SuperKsiegaPodatkowaProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.SuperKsiegaPodatkowa, "Super Księga Podatkowa", ProfileSource.Of(ProgramId.SuperKsiegaPodatkowa),
        TableFilesEngine.Instance, "the year's data folder of Super Księga Podatkowa, holding a folder per firm (e.g. Pierwszy)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq1("firm")))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.SuperKsiegaPodatkowa)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.SuperKsiegaPodatkowa)),
            [DataKind.Statements] = new KindReader.Unsupported("a tax book (KPiR) keeps no trial balance"),
        },
    };

    /// <summary>Model: the program's folder and its usual year folders (the real default is not public).</summary>
    public static DetectPlaces DefaultPlaces => new(
        Enumerable.Range(DateTime.Today.Year - 2, 3).SelectMany(y => new[] { $@"C:\SKP\{y}", $@"C:\SKP{y}" }).ToList(), []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);
}
