using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.InsertGt;

/// <summary>
/// InsERT GT (Subiekt, Rachmistrz, Rewizor, Gratyfikant) on SQL Server (instance INSERTGT): one database
/// per firm, its name chosen by the user, found by its tables <c>dbo.pd__Podmiot</c> and <c>dbo.adr__Ewid</c>;
/// the own company (pd_Id 1 with its address adr_Id 1) names the firm. Declarations come from
/// <c>dbo.dekl__Ewid</c> with their form from <c>dbo.dekl_Wersja</c> (drafts left out); ZUS from the owners'
/// monthly contributions <c>dbo.pd_WspolnikSkladka</c> with the owner <c>dbo.pd_Wspolnik</c>.
/// Names come from insertgt.profile.json.
/// </summary>
public static class InsertGtProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServer);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => new(
        ProgramId.InsertGt, "Insert GT", ProfileSource.Of(ProgramId.InsertGt), engine,
        "database to list the server's databases from (master)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq("firms", "addresses"), "gtDatabase"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["instance"] = "INSERTGT", ["auth"] = "windows", ["database"] = "master",
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.InsertGt)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.InsertGt)),
            [DataKind.Statements] = new KindReader.Unsupported(
                "the Rewizor GT ledger (dkr_Pozycja) and Rachmistrz GT book (kpr__Ksiega) are not read yet"),
        },
    };

    /// <summary>GT keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
