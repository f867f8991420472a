using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using LanguageExt;

namespace KonektoSync.Extract.Programs.SymfoniaMk;

/// <summary>
/// Symfonia Mała Księgowość (Sage): the settings file MKP.INI names the data folder and the firms'
/// folders (<see cref="MkpIni"/>); each firm's data are Btrieve files read through the vendor's ODBC
/// driver (Pervasive PSQL / Actian Zen) as one database per firm, found by its firm table, which
/// names the firm. Tables and columns are our model (symfoniamk.profile.json): programs check names
/// what a real installation lacks.
/// </summary>
public static class SymfoniaMkProgram
{
    public static ProgramDefinition Definition { get; } = new(
        ProgramId.SymfoniaMk, "Symfonia MK", ProfileSource.Of(ProgramId.SymfoniaMk), MkpEngine.Instance,
        "Symfonia MK's settings file MKP.INI (C:\\Users\\<user>\\AppData\\Roaming\\Sage\\Config\\MKP.INI)",
        new Layout.FirmByTables(LanguageExt.Prelude.Seq1("firm")))
    {
        FoldersInConfigFile = file => MkpIni.Load(file).IsRight ? [file] : [],
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.SymfoniaMk)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.SymfoniaMk)),
            [DataKind.Statements] = new KindReader.Unsupported("a tax book (KPiR) keeps no trial balance"),
        },
    };

    /// <summary>
    /// MKP.INI of every user profile on Windows (C:\Users\*\AppData\Roaming\Sage\Config\MKP.INI, and
    /// %APPDATA%'s own); elsewhere none: the path is configured.
    /// </summary>
    public static DetectPlaces DefaultPlaces => OperatingSystem.IsWindows()
        ? new([], MkpIni.PerUser(Path.Combine(Path.GetPathRoot(Environment.SystemDirectory) ?? @"C:\", "Users"),
            Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)))
        : DetectPlaces.None;

    public static IProgramConnector Connector(DetectPlaces? places = null) => new ProgramDriver(Definition, places ?? DefaultPlaces);
}

/// <summary>
/// The engine of Symfonia MK: the location is MKP.INI; a firm's database is the ODBC database the
/// setting "firmDatabase" names from its folder ({0} the folder's name, {1} its path; by default a
/// named database per firm folder, named as the folder: our model), read by <see cref="OdbcEngine"/>.
/// </summary>
public sealed class MkpEngine : ISourceEngine
{
    public static MkpEngine Instance { get; } = new();
    public const string DefaultFirmDatabase = "{0}";

    public string Name => "Btrieve through ODBC";
    public string LocationSetting => "path";
    public bool Files => false;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
    [
        new("path", pathDescription, true, null),
        new("firmDatabase", "the ODBC database (Pervasive named database or file) of a firm: {0} its folder's name, {1} its folder", false,
            DefaultFirmDatabase),
        .. OdbcEngine.DriverSettings,
        new("profileDir", "folder with a profile override file (<program>.profile.json)", false, null),
    ];

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config)
    {
        var pattern = config.GetOr("firmDatabase", DefaultFirmDatabase).Trim();
        if (!pattern.Contains("{0}", StringComparison.Ordinal) && !pattern.Contains("{1}", StringComparison.Ordinal))
            return SourceProblems.Setting(program, "firmDatabase", pattern, "a name with {0} (the firm folder's name) or {1} (its path)");
        try { _ = string.Format(CultureInfo.InvariantCulture, pattern, "x", "y"); }
        catch (FormatException) { return SourceProblems.Setting(program, "firmDatabase", pattern, "a name with {0} or {1} and no other braces"); }
        return OdbcTarget.FromConfig(program, config).Map(odbc => (ISourceTarget)new MkpTarget(program, odbc, pattern));
    }

    private sealed class MkpTarget(string program, OdbcTarget odbc, string pattern) : ISourceTarget
    {
        private Either<Problem, MkpIni> Ini(string file) =>
            MkpIni.Load(file).MapLeft(fault => SourceProblems.File(program, "INI", fault));

        /// <summary>A firm's database: the database of its folder, as the setting names it.</summary>
        public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
        {
            var (file, key) = Split(database);
            var ini = Ini(file);
            if (ini.IsLeft) return ini.Map(_ => (ISourceDatabase)null!);
            var firm = ini.Bind(i => i.Firm(key).ToEither(() => SourceProblems.FirmMissing(program, key, file)));
            if (firm.IsLeft) return firm.Map(_ => (ISourceDatabase)null!);
            var f = firm.Match(x => x, _ => throw new InvalidOperationException());
            return await odbc.Open(string.Format(CultureInfo.InvariantCulture, pattern, f.Key, f.Folder), cancel).ConfigureAwait(false);
        }

        /// <summary>"MKP.INI path|firm key": a firm's place names its file, so a database stands on its own.</summary>
        public string Combine(string root, string name) => root + "|" + name;

        private static (string File, string Key) Split(string database) =>
            database.LastIndexOf('|') is var bar and >= 0 ? (database[..bar], database[(bar + 1)..]) : (database, "");

        public string Describe(ISourceDatabase database) => odbc.Describe(database);

        public Seq<string> List(string root) => Ini(root).Match(i => i.Firms.Select(f => f.Key).ToSeq(), _ => []);

        /// <summary>
        /// The firms MKP.INI names; when the first firm's database fails as every one would (no driver,
        /// login refused, engine unreachable), that problem rather than a listing without firms.
        /// </summary>
        public async Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel)
        {
            var ini = Ini(root);
            if (ini.IsLeft) return ini.Map(_ => Seq<string>.Empty);
            var keys = ini.Map(i => i.Firms.Select(f => f.Key).ToSeq()).IfLeft(Seq<string>.Empty);
            var probe = await Open(Combine(root, keys.Head), cancel).ConfigureAwait(false);
            if (probe.IsRight) await probe.IfLeft(() => null!).DisposeAsync().ConfigureAwait(false);
            return probe.Match(_ => Either<Problem, Seq<string>>.Right(keys),
                p => OdbcTarget.Everywhere(p) ? p : Either<Problem, Seq<string>>.Right(keys));
        }
    }
}
