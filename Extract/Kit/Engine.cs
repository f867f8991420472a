using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>A configured way to reach a program's databases: server or embedded, user, password.</summary>
public interface ISourceTarget
{
    /// <summary>Opens one database of the layout (a path, a folder, or a database name on a server), read-only.</summary>
    Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel);

    /// <summary>What a check shows about an open database (character set, server).</summary>
    string Describe(ISourceDatabase database);

    /// <summary>A database in a folder (or under a server root), as the engine names it.</summary>
    string Combine(string root, string name);

    /// <summary>The databases or files directly under a root (for layouts that find firms by listing).</summary>
    Seq<string> List(string root);

    /// <summary>
    /// The databases a layout that finds firms by looking may consider: the entries under the root
    /// for files, the databases of the server for a server (listed through the configured database).
    /// </summary>
    Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel);

    /// <summary>
    /// The profile as this engine names things (a MySQL database is a schema: "dbo.X" is read as "X");
    /// most engines take it as it is.
    /// </summary>
    ProgramProfile Adapt(ProgramProfile profile) => profile;
}

/// <summary>A database engine a program stores its data in.</summary>
public interface ISourceEngine
{
    string Name { get; }

    /// <summary>The setting that says where the data is: "path" (a folder of files) or "database" (on a server).</summary>
    string LocationSetting { get; }

    /// <summary>The location setting of one configuration (an engine offering two storages chooses by a setting).</summary>
    string LocationFor(ProgramConfig config) => LocationSetting;

    /// <summary>True when the data are files this machine can look at (detect checks folders).</summary>
    bool Files { get; }

    /// <summary>The settings a program on this engine needs, with the program's own description of "path".</summary>
    IReadOnlyList<SettingSpec> Settings(string pathDescription);

    Either<Problem, ISourceTarget> Target(string program, ProgramConfig config);
}
