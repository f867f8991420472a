using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.InsertNexo;

/// <summary>
/// InsERT nexo on SQL Server (instance INSERTNEXO): one database "Nexo_&lt;name&gt;" per firm, found by its
/// table <c>ModelDanychContainer.Podmioty</c>, whose own company row (Typ 2, Podtyp 11) names the firm.
/// Declarations and contributions are read from our model tables (nothing public shows nexo's):
/// <c>programs check</c> names each one a real installation lacks. Names come from insertnexo.profile.json.
/// </summary>
public static class InsertNexoProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => new(
        ProgramId.InsertNexo, "Insert nexo", ProfileSource.Of(ProgramId.InsertNexo), engine,
        "database to list the server's databases from (master)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq1("firms"), "nexoDatabase"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["instance"] = "INSERTNEXO", ["auth"] = "windows", ["database"] = "master",
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.InsertNexo)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.InsertNexo)),
            [DataKind.Statements] = new KindReader.Unsupported("nothing public shows where InsERT nexo keeps its ledger"),
        },
    };

    /// <summary>nexo keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
