using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// A program that keeps its data in one of two storages, chosen by the setting "storage": a file
/// engine (Płatnik's MS Access database, "access") or a database server ("sqlserver"). The layout
/// is one database: a file under "path", or the database named by "database" on the server.
/// </summary>
public sealed class StorageChoiceEngine(ISourceEngine files, string filesName, ISourceEngine server, string serverName)
    : ISourceEngine
{
    public const string Setting = "storage";

    public string Name => $"{files.Name} or {server.Name}";
    public string LocationSetting => files.LocationSetting;
    public bool Files => true;

    public ISourceEngine FileEngine => files;
    public ISourceEngine ServerEngine => server;

    /// <summary>The storage a configuration chose: the file engine unless "storage" names the server.</summary>
    public bool ServerChosen(ProgramConfig config) =>
        string.Equals(config.Get(Setting)?.Trim(), serverName, StringComparison.OrdinalIgnoreCase);

    public string LocationFor(ProgramConfig config) => ServerChosen(config) ? server.LocationSetting : files.LocationSetting;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription)
    {
        var list = new List<SettingSpec> { new(Setting, $"{filesName} or {serverName}: where the program keeps its data", false, filesName) };
        foreach (var s in files.Settings(pathDescription).Concat(server.Settings("database name on the server")))
            if (!list.Exists(x => x.Key == s.Key))
                list.Add(s with { Required = false });
        return list;
    }

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config)
    {
        var chosen = config.Get(Setting)?.Trim().ToLowerInvariant();
        if (chosen is not null && chosen != filesName && chosen != serverName)
            return SourceProblems.Setting(program, Setting, chosen, $"{filesName} | {serverName}");
        if (chosen != serverName) return files.Target(program, config);
        if (config.Get(server.LocationSetting) is null) return SourceProblems.SettingMissing(program, server.LocationSetting);
        return server.Target(program, config).Map(t => (ISourceTarget)new OneDatabase(t));
    }

    /// <summary>On the server the configured database is the layout's one database, whatever the file item names.</summary>
    private sealed class OneDatabase(ISourceTarget target) : ISourceTarget
    {
        public Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel) => target.Open(database, cancel);
        public string Describe(ISourceDatabase database) => target.Describe(database);
        public string Combine(string root, string name) => root;
        public Seq<string> List(string root) => target.List(root);
        public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) => target.Databases(root, cancel);
    }
}
