using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Reset2;

namespace KonektoSync.Extract.Programs.Reset2Firma;

/// <summary>Reset2 Firma (R2firma) on SQL Server: the shared Reset2 definition, without statements.</summary>
public static class Reset2FirmaProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => Reset2Program.Define(ProgramId.Reset2Firma, "Reset2 Firma",
        new KindReader.Unsupported("nothing public shows a ledger in Reset2 Firma"), engine);

    /// <summary>Reset2 keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
