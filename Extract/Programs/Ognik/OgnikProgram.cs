using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Ognik;

/// <summary>
/// Ognik Premium: Firebird 2.5 files with the extension .IDB in the installation's data folder
/// (<c>dane</c>): <c>SYSTEM.IDB</c> lists the firms (and holds the licensee's own firm, symbol
/// SYSTEM), <c>&lt;symbol&gt;.IDB</c> is one file per other firm. File names are confirmed; tables
/// and columns are our model (ognik.profile.json). A file of Firebird 2.5 (ODS 11.2) is named as
/// needing Firebird 2.5 before any attach, so it is read through the office's own Ognik server.
/// </summary>
public static class OgnikProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Ognik, "Ognik", ProfileSource.Of(ProgramId.Ognik), FirebirdEngine.Instance,
        @"data folder of the Ognik installation holding SYSTEM.IDB (the installation folder's subfolder dane, e.g. C:\Program Files (x86)\OgnikPremium\dane)",
        new Layout.SystemAndFirms("system", "firm"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["port"] = "3050", ["user"] = FirebirdTarget.DefaultUser, ["serverType"] = "server",
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.Ognik)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.Ognik)),
            [DataKind.Statements] = new KindReader.Query("statements", Records.TrialBalanceLine(ProgramId.Ognik)),
        },
    };

    /// <summary>The installation's data folder in its default places (Ognik's help: the subfolder dane of the installation).</summary>
    public static DetectPlaces DefaultPlaces => new(
        [@"C:\Program Files (x86)\OgnikPremium\dane", @"C:\Program Files\OgnikPremium\dane", @"C:\OgnikPremium\dane"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);
}
