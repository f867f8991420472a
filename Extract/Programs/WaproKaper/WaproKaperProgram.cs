using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Wapro;

namespace KonektoSync.Extract.Programs.WaproKaper;

/// <summary>WAPRO Kaper (revenue and expense ledger) on SQL Server: the shared WAPRO definition, without statements.</summary>
public static class WaproKaperProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => WaproProgram.Define(ProgramId.WaproKaper, "WAPRO Kaper",
        "WAPRO Kaper keeps a revenue and expense ledger (KPiR or flat-rate record), not a chart of accounts", engine);

    /// <summary>Kaper keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
