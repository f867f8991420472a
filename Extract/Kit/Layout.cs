using System.Globalization;
using KonektoSync.Extract.Profiles;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>One database (or file) of a layout: its role ("main", "system", "catalog", "firm") and where it is.</summary>
public sealed record Place(string Role, string Database, int? Year = null);

/// <summary>
/// How a program spreads its data over databases or files. Names are profile file items
/// ("system" stands for "file.system"), so an office's profile override can rename them.
/// Roles: a layout's shared database is "main", "system" or "catalog"; the databases of one firm are "firm".
/// </summary>
public abstract record Layout
{
    private Layout() { }

    /// <summary>One database holds every firm (Fakt).</summary>
    public sealed record Single(string File) : Layout;

    /// <summary>
    /// The configured database on a server holds every firm, told apart by a firm key in its rows
    /// (WAPRO, Reset2). <paramref name="DefaultDatabase"/>, a file item, names the database when none is configured.
    /// </summary>
    public sealed record ServerDatabase(string? DefaultDatabase = null) : Layout;

    /// <summary>A system database lists the firms; each firm has its own database named by its number (Raks: F{0:D5}.fdb).</summary>
    public sealed record SystemAndFirms(string SystemFile, string FirmFile) : Layout;

    /// <summary>
    /// A catalog database on a server lists the company databases (Optima CDN.Bazy, enova DBItems):
    /// the "firms" query gives each firm's database in its field "database".
    /// </summary>
    public sealed record ServerCatalog(string CatalogDatabase) : Layout;

    /// <summary>
    /// Every database (or file) holding all these tables is one firm, keyed by its name (Insert GT).
    /// <paramref name="Names"/>, a file item such as "{0}" or "GT_{0}", narrows which names are looked at.
    /// </summary>
    public sealed record FirmByTables(Seq<string> Tables, string? Names = null) : Layout;

    /// <summary>One database per firm and year, named by a pattern with {0} the firm and {1} the year (Finka).</summary>
    public sealed record FirmAndYear(string FirmYearFile) : Layout;

    /// <summary>A folder per firm under the root with a file per year, named by a pattern with {0} the year (SKP, Mała Księgowość RP).</summary>
    public sealed record FolderPerFirm(string YearFile) : Layout;

    /// <summary>
    /// A folder per firm under the root whose tables carry the year's last two digits in their names
    /// (Buchalter: <c>b5wspl24.dbf</c>). <paramref name="Marker"/> is a file item with {0} the two digits
    /// ("B5WSPL{0:D2}.DBF"): a folder holding it holds that year. A year's database is the firm folder seen
    /// through <see cref="YearView"/>: table "B5WSPL" is the file B5WSPL24.DBF.
    /// </summary>
    public sealed record YearSuffixTables(string Marker) : Layout;

    /// <summary>
    /// A program of several parts, each keeping a folder per firm under its own folders of the root
    /// (StreamSoft: <c>Ala\DANE\&lt;firm&gt;\&lt;year&gt;</c>, <c>Aga\DANE\&lt;firm&gt;</c>, <c>Aga\DANE\&lt;firm&gt;\&lt;year&gt;</c>).
    /// A part's <see cref="FirmPart.Role"/> is the database its queries and items name ("database": "ala"); its
    /// <see cref="FirmPart.Folders"/> are file items naming the folders from the root to the firm folders;
    /// a yearly part has a folder per year (the year's four digits) in the firm's folder. A firm is a folder
    /// name under any part; a part the firm has no folder in has no data for it.
    /// </summary>
    public sealed record FirmFolders(Seq<FirmPart> Parts) : Layout;

    /// <summary>The database name of a folder's tables of one year (<c>folder/*24</c>), for layouts of year-suffixed tables.</summary>
    public static string YearView(string folder, int year, Func<string, string, string> combine) =>
        combine(folder, "*" + (year % 100).ToString("00", CultureInfo.InvariantCulture));

    /// <summary>True for layouts whose firm databases are per year and may be absent for some years.</summary>
    public bool Yearly => this is FirmAndYear or FolderPerFirm or YearSuffixTables or FirmFolders;

    /// <summary>The role of the shared database, or null when every database belongs to one firm.</summary>
    public string? SharedRole => this switch
    {
        Single => "main",
        ServerDatabase => "main",
        SystemAndFirms => "system",
        ServerCatalog => "catalog",
        _ => null,
    };

    /// <summary>The file item whose presence in a folder shows the program is there, for detect.</summary>
    public string? MarkerFile => this switch
    {
        Single s => s.File,
        SystemAndFirms s => s.SystemFile,
        _ => null,
    };
}

/// <summary>A part of a <see cref="Layout.FirmFolders"/> layout: its role, the file items of its folders, whether it has a folder per year.</summary>
public sealed record FirmPart(string Role, Seq<string> Folders, bool Yearly);

/// <summary>
/// Where a layout's databases are (pure): from the configured root, the profile's names and,
/// for the layouts that find firms by looking, a listing of names under a path.
/// </summary>
public static class Layouts
{
    /// <summary>
    /// The folder (or server root) of a configured path and the shared database: a path naming the
    /// shared file itself (same extension as its profile name) stands for its folder. For a server
    /// catalog, the path is the catalog database's name.
    /// </summary>
    public static (string Root, Option<Place> Shared) Resolve(Layout layout, ProgramProfile profile, string path,
        Func<string, string, string> combine)
    {
        var root = path;
        if (layout.MarkerFile is { } marker)
        {
            var ext = System.IO.Path.GetExtension(profile.File(marker));
            if (ext.Length > 0 && path.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                root = path[..Math.Max(0, path.LastIndexOfAny(['/', '\\']))];
                return (root, new Place(layout.SharedRole!, path));
            }
        }
        return layout switch
        {
            Layout.Single s => (root, new Place("main", combine(root, profile.File(s.File)))),
            Layout.SystemAndFirms s => (root, new Place("system", combine(root, profile.File(s.SystemFile)))),
            Layout.ServerCatalog => ("", new Place("catalog", path)),
            Layout.ServerDatabase => (path, new Place("main", path)),
            _ => (root, Option<Place>.None),
        };
    }

    /// <summary>
    /// The databases of one firm for the years of a read. <paramref name="database"/> is the firm's
    /// database as the firms query names it (server catalog). Per-year layouts keep only the years
    /// the listing shows.
    /// </summary>
    public static Seq<Place> FirmPlaces(Layout layout, ProgramProfile profile, string root, string firmKey,
        string? database, int fromYear, int toYear, Func<string, Seq<string>> list, Func<string, string, string> combine)
    {
        object Key() => int.TryParse(firmKey, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : firmKey;
        string Format(string item, params object[] args) =>
            string.Format(CultureInfo.InvariantCulture, profile.File(item), args);
        Seq<Place> Years(string folder, Func<int, string> name)
        {
            var names = list(folder).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1))
                .Where(y => names.Contains(name(y)))
                .Select(y => new Place("firm", combine(folder, name(y)), y)).ToSeq();
        }
        return layout switch
        {
            Layout.Single s => One(new Place("main", combine(root, profile.File(s.File)))),
            Layout.SystemAndFirms s => One(new Place("firm", combine(root, Format(s.FirmFile, Key())))),
            Layout.ServerCatalog => One(new Place("firm", database ?? firmKey)),
            Layout.ServerDatabase => One(new Place("main", root)),
            Layout.FirmByTables t => One(new Place("firm", combine(root, t.Names is null ? firmKey
                : string.Format(CultureInfo.InvariantCulture, profile.File(t.Names), firmKey)))),
            Layout.FirmAndYear f => Years(root, y => Format(f.FirmYearFile, Key(), y)),
            Layout.FolderPerFirm f => Years(combine(root, firmKey), y => Format(f.YearFile, y)),
            Layout.YearSuffixTables t => SuffixYears(combine(root, firmKey), t),
            Layout.FirmFolders f => f.Parts.Bind(PartPlaces),
            _ => throw new InvalidOperationException($"unknown layout {layout}"),
        };
        Seq<Place> PartPlaces(FirmPart part)
        {
            var parent = PartFolder(part, profile, root, combine);
            if (!list(parent).Exists(n => string.Equals(n, firmKey, StringComparison.OrdinalIgnoreCase))) return [];
            var firmFolder = combine(parent, firmKey);
            if (!part.Yearly) return One(new Place(part.Role, firmFolder));
            var names = list(firmFolder).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1))
                .Where(y => names.Contains(y.ToString(CultureInfo.InvariantCulture)))
                .Select(y => new Place(part.Role, combine(firmFolder, y.ToString(CultureInfo.InvariantCulture)), y)).ToSeq();
        }
        Seq<Place> SuffixYears(string folder, Layout.YearSuffixTables t)
        {
            var names = list(folder).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Enumerable.Range(fromYear, Math.Max(0, toYear - fromYear + 1))
                .Where(y => names.Contains(Format(t.Marker, y % 100)))
                .Select(y => new Place("firm", Layout.YearView(folder, y, combine), y)).ToSeq();
        }
    }

    /// <summary>The folder of a part holding its firm folders (StreamSoft's <c>root/Ala/DANE</c>).</summary>
    public static string PartFolder(FirmPart part, ProgramProfile profile, string root, Func<string, string, string> combine) =>
        part.Folders.Fold(root, (folder, item) => combine(folder, profile.File(item)));

    // LanguageExt's Seq has no collection builder: a collection expression [x] would make an empty Seq.
    private static Seq<Place> One(Place place) => LanguageExt.Prelude.Seq1(place);

    /// <summary>
    /// The firm keys a listing shows, for layouts without a firms table: databases holding every
    /// table (<paramref name="tablesOf"/> gives a database's tables, or null when it cannot be opened),
    /// the firm part of per-firm-and-year names, or the folders holding at least one year file.
    /// </summary>
    public static Seq<string> FirmsListed(Layout layout, ProgramProfile profile, string root,
        Func<string, Seq<string>> list, Func<string, IReadOnlySet<string>?> tablesOf, Func<string, string, string> combine)
    {
        switch (layout)
        {
            case Layout.FirmByTables t:
                var needed = t.Tables.Map(profile.Table).ToList();
                return list(root).Filter(n => Named(t, profile, n) && tablesOf(combine(root, n)) is { } have && needed.All(have.Contains))
                    .Map(n => FirmOf(t, profile, n));
            case Layout.FirmAndYear f:
                var pattern = Pattern(profile.File(f.FirmYearFile), ["(?<firm>.+?)", "(?<year>[0-9]{4})"]);
                return list(root).Choose(n => pattern.Match(n) is { Success: true } m
                    ? Option<string>.Some(m.Groups["firm"].Value) : Option<string>.None).Distinct().ToSeq();
            case Layout.FolderPerFirm y:
                var year = Pattern(profile.File(y.YearFile), ["(?<year>[0-9]{4})"]);
                return list(root).Filter(n => list(combine(root, n)).Exists(f => year.IsMatch(f)));
            case Layout.FirmFolders parts:
                return parts.Parts.Bind(part =>
                {
                    var parent = PartFolder(part, profile, root, combine);
                    return list(parent).Filter(n => !part.Yearly || list(combine(parent, n)).Exists(y => y.Length == 4 && y.All(char.IsAsciiDigit)));
                }).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToSeq();
            case Layout.YearSuffixTables t:
                var marker = Pattern(profile.File(t.Marker), ["(?<year>[0-9]{2})"]);
                return list(root).Filter(n => list(combine(root, n)).Exists(f => marker.IsMatch(f)));
            default:
                return [];
        }
    }

    /// <summary>
    /// The firm key of a database found by its tables: the {0} part of its name under the layout's name
    /// pattern ("Nexo_{0}": "Nexo_Firma" is firm "Firma"), or the whole name when there is no pattern.
    /// </summary>
    public static string FirmOf(Layout.FirmByTables layout, ProgramProfile profile, string name) =>
        layout.Names is null ? name
        : Pattern(profile.File(layout.Names), ["(?<firm>.+)"]).Match(name) is { Success: true } m ? m.Groups["firm"].Value : name;

    /// <summary>True when a database name fits the layout's name pattern (or there is none).</summary>
    public static bool Named(Layout.FirmByTables layout, ProgramProfile profile, string name) =>
        layout.Names is null || Pattern(profile.File(layout.Names), ["(?<firm>.+)"]).IsMatch(name);

    /// <summary>A file pattern ("{0}_{1}.fdb", "F{0:D5}.fdb") as a regular expression with the given groups.</summary>
    private static System.Text.RegularExpressions.Regex Pattern(string file, string[] groups)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(file, @"(\{[0-9](?::[^}]*)?\})");
        var text = string.Concat(parts.Select(p => p.Length > 2 && p[0] == '{' && char.IsDigit(p[1])
            ? groups[p[1] - '0'] : System.Text.RegularExpressions.Regex.Escape(p)));
        return new System.Text.RegularExpressions.Regex("^" + text + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
