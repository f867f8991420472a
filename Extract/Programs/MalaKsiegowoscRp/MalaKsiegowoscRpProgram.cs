using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.MalaKsiegowoscRp;

/// <summary>
/// Mała Księgowość Rzeczpospolitej: the firms' data folder (default C:\MK\Biuro, or a remote folder
/// set in the program's options) holding a folder per firm with its dBase tables (model:
/// malaksiegowoscrp.profile.json, docs/programs/malaksiegowoscrp.md). Text is CP1250, the program's
/// own encoding: tables are read as CP1250 unless the codePage setting says otherwise.
/// </summary>
public static class MalaKsiegowoscRpProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.MalaKsiegowoscRp, "Mała Księgowość RP", ProfileSource.Of(ProgramId.MalaKsiegowoscRp),
        new TableFilesEngine { DefaultCodePage = "1250" }, "the firms' data folder of Mała Księgowość (default C:\\MK\\Biuro)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq1("firm")))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.MalaKsiegowoscRp)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.MalaKsiegowoscRp)),
            [DataKind.Statements] = new KindReader.Unsupported("a tax book (KPiR) keeps no trial balance"),
        },
    };

    /// <summary>The manual's default data folder.</summary>
    public static DetectPlaces DefaultPlaces => new([@"C:\MK\Biuro"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);
}
