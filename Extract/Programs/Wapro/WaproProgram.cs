using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Wapro;

/// <summary>
/// What the WAPRO programs (Fakir, Kaper) share: one WAPRO database on SQL Server holds several firms
/// (and may be shared with WAPRO Mag and Gang), each table's rows carrying the firm's ID_FIRMY. The
/// server and database are those of the program's login window or of "Administrator baz danych WAPRO";
/// the START edition's database is WAPRO. Table names are our model: <c>programs check</c> names each one
/// a real installation lacks. A program differs only in its id, name, profile and whether it keeps a ledger.
/// </summary>
public static class WaproProgram
{
    /// <summary>A WAPRO program's definition: statements come from its trial balance, or, when <paramref name="noLedger"/> is set, are not held for that reason.</summary>
    public static ProgramDefinition Define(ProgramId program, string name, string? noLedger, ISourceEngine engine) => new(
        program, name, ProfileSource.Of(program), engine,
        $"WAPRO database holding the firms ({name} login window, or Administrator baz danych WAPRO; WAPRO when not set)",
        new Layout.ServerDatabase("database"))
    {
        DetectValues = new Dictionary<string, string> { ["host"] = "localhost", ["auth"] = "windows", ["database"] = "WAPRO" },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(program)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(program)),
            [DataKind.Statements] = noLedger is null
                ? new KindReader.Query("statements", Records.TrialBalanceLine(program))
                : new KindReader.Unsupported(noLedger),
        },
    };
}
