using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Profiles;
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

    /// <summary>
    /// The "engine" value that reads a SQL Server program's databases from PostgreSQL holding the same
    /// schema and names (the demo's sample office; never a real installation).
    /// </summary>
    public const string StandIn = "postgresql-standin";

    /// <summary>SQL Server, or with "engine=postgresql-standin" the PostgreSQL stand-in (default: sqlserver).</summary>
    public static EngineChoice SqlServerOrStandIn { get; } = new("engine", ("sqlserver", SqlServer), (StandIn, PostgreSql));

    /// <summary>The engine's dialect (the worker reads its change marker).</summary>
    public SqlDialect Dialect => dialect;

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
        /// <summary>A database of the configured server, or "server/database" on another server with the same login.</summary>
        public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
        {
            var slash = database.LastIndexOf('/');
            var on = slash > 0 ? target.OnServer(database[..slash]) : target;
            return (await on.WithDatabase(database[(slash + 1)..]).Open(program, cancel).ConfigureAwait(false))
                .Map(s => (ISourceDatabase)new SqlDatabase(s));
        }

        public string Describe(ISourceDatabase database) => $"{target.Dialect.Engine} {target.Server} as {target.Login}";

        public string Combine(string root, string name) => name;

        /// <summary>MySQL has no schemas under a database: a profile's "dbo.X" names the table X.</summary>
        public ProgramProfile Adapt(ProgramProfile profile) =>
            target.Dialect == SqlDialect.MySql ? profile.WithoutSchemas() : profile;

        /// <summary>A server has no folders: the layouts on servers name their databases, or <see cref="Databases"/> lists them.</summary>
        public Seq<string> List(string root) => [];

        /// <summary>The server's databases, listed through the configured database (one SELECT of the engine's catalog).</summary>
        public async Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel)
        {
            var opened = await target.Open(program, cancel).ConfigureAwait(false);
            if (opened.IsLeft) return opened.Map(_ => Seq<string>.Empty);
            await using var session = opened.Match(s => s, _ => throw new InvalidOperationException());
            return (await session.List(ListSql(target.Dialect), [], r => r.GetString(0), cancel).ConfigureAwait(false))
                .Map(l => l.ToSeq());
        }
    }

    private static string ListSql(SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname"
        : dialect == SqlDialect.SqlServer ? "SELECT name FROM sys.databases WHERE database_id > 4 ORDER BY name"
        : "SELECT schema_name FROM information_schema.schemata ORDER BY schema_name";
}
