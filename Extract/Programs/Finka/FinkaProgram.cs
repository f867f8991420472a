using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Finka;

/// <summary>
/// Finka KPR, Finka FK and Finka Płace: three programs, each switched on separately with its own data
/// path (Finka's "Konfiguracja systemu > Parametry połączenia"). Finka lists the firms from the files in
/// its data folder: KPR and FK keep one file per firm and year, Płace one file per firm across years
/// (documented). Firebird is inferred, not documented: check names each file's ODS header, which
/// confirms it, and a file that is no Firebird database is a warning naming it. Every table and column
/// is our model (finkakpr / finkafk / finkaplace.profile.json).
/// </summary>
public static class FinkaProgram
{
    private const string Where = "Finka: Konfiguracja systemu > Parametry połączenia";

    private static ProfileSource Profile(ProgramId program) => new(program.Code(), typeof(FinkaProgram).Assembly,
        $"KonektoSync.Extract.Programs.Finka.{program.Code()}.profile.json");

    private static Dictionary<string, string> Values => new()
    {
        ["host"] = "localhost", ["port"] = "3050", ["user"] = FirebirdTarget.DefaultUser, ["serverType"] = "server",
    };

    public static ProgramDefinition Kpr { get; } = new(
        ProgramId.FinkaKpr, "Finka KPR", Profile(ProgramId.FinkaKpr), FirebirdEngine.Instance,
        $"data folder of Finka KPR, one file per firm and year ({Where})", new Layout.FirmAndYear("firmYear"))
    {
        DetectValues = Values,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.FinkaKpr)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.FinkaKpr)),
            [DataKind.Statements] = new KindReader.Unsupported("a tax book (KPR) keeps no trial balance"),
        },
    };

    public static ProgramDefinition Fk { get; } = new(
        ProgramId.FinkaFk, "Finka FK", Profile(ProgramId.FinkaFk), FirebirdEngine.Instance,
        $"data folder of Finka FK, one file per firm and year ({Where})", new Layout.FirmAndYear("firmYear"))
    {
        DetectValues = Values,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.FinkaFk)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.FinkaFk)),
            [DataKind.Statements] = new KindReader.Query("statements", Records.TrialBalanceLine(ProgramId.FinkaFk)),
        },
    };

    public static ProgramDefinition Place { get; } = new(
        ProgramId.FinkaPlace, "Finka Płace", Profile(ProgramId.FinkaPlace), FirebirdEngine.Instance,
        $"data folder of Finka Płace, one file per firm across years ({Where})",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq("firm", "zus"), "firm"))
    {
        DetectValues = Values,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.FinkaPlace)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.FinkaPlace)),
            [DataKind.Statements] = new KindReader.Unsupported("a payroll program keeps no trial balance"),
        },
    };

    /// <summary>Data folders of a default installation (model: the folder is chosen when the connection is defined).</summary>
    public static DetectPlaces DefaultPlaces(string folder) => new([$@"C:\Finka\{folder}", $@"C:\Program Files (x86)\Finka\{folder}"], []);

    public static IProgramConnector KprConnector(DetectPlaces? places = null) => new ProgramDriver(Kpr, places ?? DefaultPlaces("KPR"));
    public static IProgramConnector FkConnector(DetectPlaces? places = null) => new ProgramDriver(Fk, places ?? DefaultPlaces("FK"));
    public static IProgramConnector PlaceConnector(DetectPlaces? places = null) => new ProgramDriver(Place, places ?? DefaultPlaces("PLACE"));
}
