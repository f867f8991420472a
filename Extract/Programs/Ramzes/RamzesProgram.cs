using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Kit;
using LanguageExt;

namespace KonektoSync.Extract.Programs.Ramzes;

/// <summary>
/// Ramzes: its storage engine is not public. Two installations, as the manual says: on the machine
/// that is Ramzes's database server, detect finds the data folder in the default install folders;
/// on a workstation the office gives the folder the program's shortcut points to. Before any attach,
/// the files of the folder are identified by their headers (<see cref="StorageProbe"/>): Firebird is
/// read with our model (one database RAMZES.FDB holding every firm; ramzes.profile.json, every item
/// "model"); DBF or Paradox tables are named as recognised but not our model; anything else is
/// <c>ramzes.engine-unknown</c> naming the folder and the files seen.
/// </summary>
public static class RamzesProgram
{
    public const string Name = "Ramzes";

    public static ProgramDefinition Definition { get; } = new(
        ProgramId.Ramzes, Name, ProfileSource.Of(ProgramId.Ramzes), new RamzesEngine(FirebirdEngine.Instance),
        @"Ramzes's data folder: on its database server the installation folder (e.g. C:\Ramzes), on a workstation the folder the program's shortcut points to",
        new Layout.Single("database"))
    {
        DetectValues = new Dictionary<string, string>
        {
            ["host"] = "localhost", ["port"] = "3050", ["user"] = FirebirdTarget.DefaultUser, ["serverType"] = "server",
        },
        Kinds = new Dictionary<DataKind, KindReader>
        {
            [DataKind.Basic] = new KindReader.FromFirms(),
            [DataKind.Taxes] = new KindReader.Query("taxes", Records.Declaration(ProgramId.Ramzes)),
            [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(ProgramId.Ramzes)),
            [DataKind.Statements] = new KindReader.Unsupported("Ramzes keeps a tax book (KPiR), no trial balance"),
        },
    };

    /// <summary>
    /// The install folders of a database-server installation (model: Ramzes publishes none; the
    /// reference's model names a shared folder RAMZES with its data in DANE).
    /// </summary>
    public static DetectPlaces DefaultPlaces => new(
        [@"C:\Ramzes", @"C:\Ramzes\Dane", @"C:\Program Files (x86)\Ramzes", @"C:\Program Files\Ramzes", @"D:\Ramzes"], []);

    public static IProgramConnector Connector(DetectPlaces? places = null) =>
        new RamzesConnector(new ProgramDriver(Definition, places ?? DefaultPlaces), places ?? DefaultPlaces);

    /// <summary>The folder a configured path names: the path itself, or the folder of a database file it names.</summary>
    internal static string? FolderOf(ProgramConfig config) =>
        config.Get("path") is not { } path ? null
        : File.Exists(path) ? Path.GetDirectoryName(path)
        : path;

    /// <summary>
    /// What a local data folder's files say of Ramzes's engine: null when it can be read with our
    /// model (Firebird files, or a folder not on this machine: the server opens it), else the problem.
    /// </summary>
    internal static Problem? EngineProblem(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        var seen = StorageProbe.Folder(folder);
        return seen.Kind switch
        {
            StorageKind.Firebird => null,
            StorageKind.Dbf => Unsupported(seen, "DBF"),
            StorageKind.Paradox => Unsupported(seen, "Paradox"),
            _ => Problem.Of("ramzes.engine-unknown",
                $"{Name}: {folder}: no file of a known database engine (Firebird, DBF, Paradox) among the files seen: {seen.List()}",
                Name, folder, seen.List()),
        };
    }

    private static Problem Unsupported(StorageSeen seen, string engine) =>
        Problem.Of("ramzes.engine-unsupported",
            $"{Name}: {seen.Folder}: the files are {engine} tables ({seen.List()}): the engine is recognised, but our model of Ramzes reads Firebird files",
            Name, seen.Folder, engine, seen.List());
}

/// <summary>
/// Firebird with a look at the files first: a configuration whose local data folder holds no
/// Firebird file is the problem naming what the files are, before any attach.
/// </summary>
internal sealed class RamzesEngine(ISourceEngine firebird) : ISourceEngine
{
    public string Name => firebird.Name;
    public string LocationSetting => firebird.LocationSetting;
    public bool Files => firebird.Files;
    public IReadOnlyList<SettingSpec> Settings(string pathDescription) => firebird.Settings(pathDescription);

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        RamzesProgram.FolderOf(config) is { } folder && RamzesProgram.EngineProblem(folder) is { } problem
            ? problem
            : firebird.Target(program, config);
}

/// <summary>
/// The kit's connector of Ramzes, with detect also proposing a default install folder whose files
/// are DBF or Paradox (check then says so), and inspect listing the files of a folder that is not
/// Firebird with what each file's header says (what an office sends us to extend the model).
/// </summary>
internal sealed class RamzesConnector(ProgramDriver driver, DetectPlaces places) : IProgramConnector
{
    public ProgramId Program => driver.Program;
    public IReadOnlyList<SettingSpec> Settings => driver.Settings;

    public async Task<Seq<ProgramConfig>> Detect(CancellationToken cancel)
    {
        var found = await driver.Detect(cancel).ConfigureAwait(false);
        var recognised = places.Folders
            .Where(f => Directory.Exists(f) && !found.Exists(c => string.Equals(c.Get("path"), f, StringComparison.OrdinalIgnoreCase))
                && StorageProbe.Folder(f, depth: 0).Kind is StorageKind.Dbf or StorageKind.Paradox)
            .Select(f => new ProgramConfig(Program, new Dictionary<string, string>(driver.Definition.DetectValues) { ["path"] = f }, null));
        return found.Concat(recognised).ToSeq();
    }

    public Task<Either<Problem, CheckReport>> Check(ProgramConfig config, CancellationToken cancel) => driver.Check(config, cancel);
    public Task<Either<Problem, Seq<RawFirm>>> Discover(ProgramConfig config, CancellationToken cancel) => driver.Discover(config, cancel);
    public IAsyncEnumerable<SourceRecord> Read(ProgramConfig config, ReadPlan plan, CancellationToken cancel) =>
        driver.Read(config, plan, cancel);

    public async Task<Either<Problem, Catalog>> Inspect(ProgramConfig config, CancellationToken cancel)
    {
        if (RamzesProgram.FolderOf(config) is { } folder && RamzesProgram.EngineProblem(folder) is not null)
        {
            var seen = StorageProbe.Folder(folder);
            var files = seen.Files.Select(f => new CatalogColumn(f.Name, "(file)", f.Description)).ToSeq();
            return new Catalog(LanguageExt.Prelude.Seq1((folder, files)));
        }
        return await driver.Inspect(config, cancel).ConfigureAwait(false);
    }
}
