using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Kpr;

/// <summary>
/// KPR: a data folder per year (<c>C:\KPR_2024</c>) and the vendor's export program ImportDoKPR,
/// whose path the manual asks for. On Windows the export program is run for each year folder the
/// sync needs (exporter setting; its command line is our model: the folder as the one argument);
/// elsewhere the export already in the folder is read. The export is text tables (KS_FIRMA.TXT,
/// KS_DEKL.TXT, KS_ZUS.TXT; model, kpr.profile.json). Folders "&lt;name&gt;_&lt;year&gt;" under the
/// configured folder are the installations: KPR_2024 is firm "KPR"'s 2024.
/// </summary>
public static class KprProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Kpr, "KPR", ProfileSource.Of(ProgramId.Kpr),
        new ExportToolEngine(TableFilesEngine.Instance, folder => $"\"{folder}\""),
        "the folder holding KPR's year folders KPR_<year> (default C:\\)", new Layout.FirmAndYear("year"))
    {
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.Kpr)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.Kpr)),
            [DataKind.Statements] = new KindReader.Unsupported("a tax book (KPiR) keeps no trial balance"),
        },
    };

    /// <summary>The manual's C:\KPR_&lt;year&gt; folders are found under C:\.</summary>
    public static DetectPlaces DefaultPlaces => new([@"C:\", @"D:\"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);
}
