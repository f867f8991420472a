using System.Xml;
using System.Xml.Linq;
using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Enova365;

/// <summary>
/// enova365 (Soneta) on SQL Server or, in older versions, MySQL (setting "engine", as the manual's
/// configuration asks): a master database whose <c>dbo.DBItems</c> lists the company databases; each
/// company's branch record <c>OddzialyFirmy</c>, declarations in <c>Deklaracje</c> by their type codes
/// (ZUS DRA among them). Names and queries come from enova365.profile.json (confirmed, documented or model).
/// </summary>
public static class Enova365Program
{
    /// <summary>The product's definition: SQL Server by default, MySQL when the configuration says "engine=mysql".</summary>
    public static ProgramDefinition Definition { get; } = On(ServerEngine.SqlServer);

    /// <summary>The definition with <paramref name="sqlServer"/> serving "engine=sqlserver" (tests: the PostgreSQL stand-in).</summary>
    public static ProgramDefinition On(ISourceEngine sqlServer) => new(
        ProgramId.Enova365, "enova365", ProfileSource.Of(ProgramId.Enova365),
        new EngineChoice("engine", ("sqlserver", sqlServer), ("mysql", ServerEngine.MySql), (ServerEngine.StandIn, ServerEngine.PostgreSql)),
        "enova365 master database (its DBItems table lists the company databases)", new Layout.ServerCatalog("catalog"))
    {
        SettingsInConfigFile = DatabasesIn,
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.Query("basic", Records.BasicData(ProgramId.Enova365)),
            [DataKind.Taxes] = new KindReader.Query("taxes", Declaration),
            [DataKind.Zus] = new KindReader.Query("zus", Zus),
            [DataKind.Statements] = new KindReader.Unsupported(
                "the trial balance of enova365 (Konta, ObrotyKsiegowe) is not read yet"),
        },
    };

    /// <summary>Where enova365 keeps its list of databases: %AppData%\Soneta\Lista baz danych.xml.</summary>
    public static DetectPlaces DefaultPlaces => new([], [
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Soneta", "Lista baz danych.xml"),
    ]);

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);

    /// <summary>The form names of the declaration types read (enum Soneta.Deklaracje.TypDeklaracji).</summary>
    public static IReadOnlyDictionary<int, string> Forms { get; } = new Dictionary<int, string>
    {
        [1000] = "PIT-4R", [1300] = "PIT-8AR", [1700] = "PIT-5", [1800] = "PIT-5L", [1900] = "Ryczałt",
        [4100] = "ZUS DRA", [7400] = "VAT-UE", [8100] = "VAT-7", [8200] = "CIT-2", [8600] = "CIT-8",
    };

    /// <summary>Advances that may be paid quarterly: a declaration whose period spans three months is the quarterly form.</summary>
    private static readonly HashSet<int> Quarterly = [1700, 1800, 1900, 8600];

    /// <summary>A declaration: its form from the type code, made out for the last day of its period.</summary>
    public static SourceRecord Declaration(ReadItem item, SourceRow r)
    {
        var type = r.Int("type") ?? 0;
        DateOnly? from = r.Date("periodFrom"), to = r.Date("periodTo");
        var form = Forms.TryGetValue(type, out var f) ? f : $"enova {type}";
        if (Quarterly.Contains(type) && from is { } a && to is { } b && (b.Year - a.Year) * 12 + b.Month - a.Month == 2)
            form += " kwartalny";
        return new RawDeclaration(ProgramId.Enova365, item.FirmKey, item.Firm, r.Text("id") ?? "", form,
            to ?? r.Date("date"), null, r.Decimal("amount"));
    }

    /// <summary>A ZUS DRA declaration for the month its period starts in; its total is the declaration's amount.</summary>
    public static SourceRecord Zus(ReadItem item, SourceRow r)
    {
        var month = r.Date("periodFrom") ?? r.Date("periodTo");
        return new RawZusDeclaration(ProgramId.Enova365, item.FirmKey, item.Firm, r.Text("id") ?? "", null, null, null, null,
            month?.Year ?? 0, month?.Month ?? 0, null, null, null, null, null, null, null, null, r.Decimal("total"));
    }

    /// <summary>
    /// The databases of a "Lista baz danych.xml": root DatabaseCollection, one element per database
    /// (MsSqlDatabase; MySqlDatabase in older versions) with Name, Server, DatabaseName, User and
    /// WindowsAuthentication as child elements (attributes are read too). The password is encrypted
    /// by enova and never read.
    /// </summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> DatabasesIn(string file)
    {
        XDocument doc;
        try { doc = XDocument.Load(file); }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException) { yield break; }
        if (doc.Root is not { Name.LocalName: "DatabaseCollection" } root) yield break;
        foreach (var db in root.Elements())
        {
            var engine = db.Name.LocalName switch { "MsSqlDatabase" => "sqlserver", "MySqlDatabase" => "mysql", _ => null };
            string? Value(string name) => (db.Element(name)?.Value ?? db.Attribute(name)?.Value)?.Trim() is { Length: > 0 } v ? v : null;
            if (engine is null || Value("DatabaseName") is not { } database) continue;
            var values = new Dictionary<string, string> { ["engine"] = engine, ["database"] = database };
            foreach (var (k, v) in Server(Value("Server") ?? "localhost", engine == "sqlserver")) values[k] = v;
            var windows = engine == "sqlserver" && (IsTrue(Value("WindowsAuthentication")) || IsTrue(Value("Trusted")));
            values["auth"] = windows ? "windows" : "sql";
            if (!windows && Value("User") is { } user) values["user"] = user;
            yield return values;
        }
    }

    private static bool IsTrue(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || text == "1";

    /// <summary>"HOST\INSTANCE", "HOST,PORT", "HOST:PORT", "(local)" or "." as host, instance and port settings.</summary>
    public static IReadOnlyDictionary<string, string> Server(string server, bool instances)
    {
        var values = new Dictionary<string, string>();
        var host = server;
        var comma = host.LastIndexOfAny([',', ':']);
        if (comma > 0 && int.TryParse(host[(comma + 1)..], out var port)) { values["port"] = port.ToString(); host = host[..comma]; }
        var slash = host.IndexOf('\\');
        if (instances && slash > 0) { values["instance"] = host[(slash + 1)..]; host = host[..slash]; }
        values["host"] = host is "." or "(local)" or "(localdb)" ? "localhost" : host;
        return values;
    }
}
