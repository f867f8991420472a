using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Reset2;

namespace KonektoSync.Extract.Programs.Reset2Ksiega;

/// <summary>Reset2 Księga (R2księga, KPiR or flat-rate) on SQL Server: the shared Reset2 definition, statements from its tax book's months.</summary>
public static class Reset2KsiegaProgram
{
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServerOrStandIn);

    /// <summary>The definition on another server engine (tests: the PostgreSQL stand-in for SQL Server).</summary>
    public static ProgramDefinition On(ISourceEngine engine) => Reset2Program.Define(ProgramId.Reset2Ksiega, "Reset2 Księga",
        new KindReader.Query("statements", Reset2Program.TaxBook(ProgramId.Reset2Ksiega)), engine);

    /// <summary>Reset2 keeps no configuration file KonektoSync knows of: its server is found by the server discovery.</summary>
    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places);
}
