using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Odbc;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// An MS Access database (.mdb) read through an ODBC driver as a source engine of the kit: the
/// layout's database is the file, a table is read whole through the driver and the profile's
/// queries are answered in memory (<see cref="TableDatabase"/>). Settings: "path" (the file or its
/// folder), "driver" (the ODBC driver; by default Microsoft's Access driver on Windows and MDBTools
/// elsewhere), the database password (a secret) and "profileDir". Any ODBC driver that lists
/// tables and columns can stand in for Access (the tests use the SQLite ODBC driver).
/// </summary>
public sealed class AccessEngine : ISourceEngine
{
    public static AccessEngine Instance { get; } = new();
    public string Name => "Access";
    public string LocationSetting => "path";
    public bool Files => true;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
    [
        new("path", pathDescription, true, null),
        new("driver", "ODBC driver that reads the .mdb file", false, AccessSource.DefaultDriver),
        new("password", "password of the .mdb database (none when the database has none)", false, null, IsSecret: true),
        new("profileDir", "folder with a profile override file (<program>.profile.json)", false, null),
    ];

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        new AccessTarget(program, config.Get("driver"), config.Password);

    private sealed class AccessTarget(string program, string? driver, Secret? password) : ISourceTarget
    {
        public Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel) =>
            Task.FromResult(Held(program, database) is { } held
                ? Either<Problem, ISourceDatabase>.Left(held)
                : TableFolderSession.Access(program, database, driver, password).Map(s => (ISourceDatabase)new TableDatabase(s)));

        public string Describe(ISourceDatabase database) => $"Access database through ODBC driver '{driver ?? AccessSource.DefaultDriver}'";
        public string Combine(string root, string name) => Path.Combine(root, name);

        public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) =>
            Task.FromResult(Either<Problem, Seq<string>>.Right(List(root)));

        public Seq<string> List(string root) => Directory.Exists(root)
            ? Directory.EnumerateFiles(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToSeq()
            : [];
    }

    /// <summary>
    /// A file another program holds exclusively (the program has it open for itself): the source is
    /// locked, said before any driver is asked. A file that does not exist is left to the driver's own problem.
    /// </summary>
    public static Problem? Held(string program, string file)
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var _ = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (IOException e)
        {
            return SourceProblems.Locked(program, "Access", file, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return SourceProblems.Locked(program, "Access", file, e.Message);
        }
    }
}
