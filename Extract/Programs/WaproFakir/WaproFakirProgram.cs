using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Wapro;

namespace KonektoSync.Extract.Programs.WaproFakir;

/// <summary>WAPRO Fakir (full accounting) on SQL Server: the shared WAPRO definition, with statements from its trial balance.</summary>
public static class WaproFakirProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => WaproProgram.Define(ProgramId.WaproFakir, "WAPRO Fakir", null, engine);

    /// <summary>Fakir keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
