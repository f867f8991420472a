using System.Xml.Linq;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Raks;

/// <summary>
/// Raks / RAKS SQL: the system database <c>Raks3000.fdb</c> (firms in <c>AD_FIRMS</c>,
/// declarations in <c>R3_DEKLARACJE</c> with their definitions) and one <c>F000NN.fdb</c> per firm
/// in the same data folder. Names and queries come from raks.profile.json (confirmed or model per item).
/// </summary>
public static class RaksProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Raks, "Raks", ProfileSource.Of(ProgramId.Raks), FirebirdEngine.Instance,
        "data folder holding Raks3000.fdb and F000NN.fdb (RAKS SQL Administrator > Ustawienia > Konfiguracja systemu > Lokalizacja baz danych)",
        new Layout.SystemAndFirms("system", "firm"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["port"] = "3050", ["user"] = FirebirdTarget.DefaultUser, ["serverType"] = "server",
        },
        FoldersInConfigFile = FoldersIn,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.Raks)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.Raks)),
            [DataKind.Statements] = new KindReader.Query("statements", Records.TrialBalanceLine(ProgramId.Raks)),
        },
    };

    /// <summary>Data folders and RAKSSQL Config.xml files where a Raks installation keeps or names its data.</summary>
    public static DetectPlaces DefaultPlaces => new(
        [@"C:\Program Files\Raks\Data", @"C:\Program Files (x86)\Raks\Data", @"C:\RAKSSQL\Data4", @"C:\RAKSSQL\Data",
         "/usr/raks/Data"],
        [@"C:\RAKSSQL\Config.xml", @"C:\Program Files\RAKSSQL\Config.xml", @"C:\Program Files (x86)\RAKSSQL\Config.xml"]);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>Folders named in a Config.xml: any element or attribute value that is a path to a folder or an .fdb (model: the file's layout is not public).</summary>
    private static IEnumerable<string> FoldersIn(string configFile)
    {
        XDocument doc;
        try { doc = XDocument.Load(configFile); }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException) { yield break; }
        var values = doc.Descendants().Where(e => !e.HasElements).Select(e => e.Value)
            .Concat(doc.Descendants().Attributes().Select(a => a.Value));
        foreach (var v in values.Select(v => v.Trim()).Where(v => v.Contains('\\') || v.Contains('/')))
            yield return v.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(v) ?? v : v;
    }
}
