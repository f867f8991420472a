using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// A database server (SQL Server, MySQL/MariaDB, PostgreSQL) as a source engine of the kit: the
/// layout's databases are opened by name on the configured server with the same login.
/// </summary>
public sealed class ServerEngine(SqlDialect dialect) : ISourceEngine
{
    public static ServerEngine SqlServer { get; } = new(SqlDialect.SqlServer);
    public static ServerEngine MySql { get; } = new(SqlDialect.MySql);
    public static ServerEngine PostgreSql { get; } = new(SqlDialect.PostgreSql);

    public string Name => dialect.Engine;
    public string LocationSetting => "database";
    public bool Files => false;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
        SqlTarget.Settings(dialect).Select(s => s.Key == "database" ? s with { Description = pathDescription } : s)
            .Append(new SettingSpec("profileDir", "folder with a profile override file (<program>.profile.json)", false, null))
            .ToList();

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        SqlTarget.FromConfig(program, dialect, config).Map(t => (ISourceTarget)new ServerTarget(program, t));

    private sealed class ServerTarget(string program, SqlTarget target) : ISourceTarget
    {
        public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel) =>
            (await target.WithDatabase(database).Open(program, cancel).ConfigureAwait(false))
            .Map(s => (ISourceDatabase)new SqlDatabase(s));

        public string Describe(ISourceDatabase database) => $"{target.Dialect.Engine} {target.Server} as {target.Login}";

        public string Combine(string root, string name) => name;

        /// <summary>A server's databases are not listed: the layouts on servers name them (catalog, pattern).</summary>
        public Seq<string> List(string root) => [];
    }
}
