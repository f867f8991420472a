using System.Data.Common;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>Firebird (server or embedded) as a source engine of the kit, over <see cref="FirebirdSession"/>.</summary>
public sealed class FirebirdEngine : ISourceEngine
{
    public static FirebirdEngine Instance { get; } = new();
    public string Name => "Firebird";

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) => FirebirdSettings.Common(pathDescription);

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        FirebirdTarget.FromConfig(program, config).Map(t => (ISourceTarget)new FirebirdSourceTarget(program, t));

    private sealed class FirebirdSourceTarget(string program, FirebirdTarget target) : ISourceTarget
    {
        public async Task<Either<Problem, ISourceSession>> Open(string database, CancellationToken cancel) =>
            (await FirebirdSession.Open(program, target, database, cancel).ConfigureAwait(false))
            .Map(s => (ISourceSession)new Session(s, target));

        public string Combine(string root, string name) => FirebirdPaths.Combine(root, name);

        public Seq<string> List(string root) => Directory.Exists(root)
            ? Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal).ToSeq()
            : [];
    }

    private sealed class Session(FirebirdSession session, FirebirdTarget target) : ISourceSession
    {
        public string Where => session.Path;
        public string Describe => $"charset {session.DeclaredCharset}, {target.Where}";
        public IDialect Dialect => FirebirdDialect.Instance;

        public IAsyncEnumerable<Streamed<T>> Guarded<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
            Func<DbDataReader, T> map, CancellationToken cancel) => session.Guarded(sql, args, map, cancel);

        public Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel) => session.Catalog(cancel);

        public Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(
            CancellationToken cancel) => session.Tables(cancel);

        public ValueTask DisposeAsync() => session.DisposeAsync();
    }
}

/// <summary>Firebird's SQL dialect 3: double-quoted names (as stored: upper case), "@name" parameters.</summary>
public sealed class FirebirdDialect : IDialect
{
    public static FirebirdDialect Instance { get; } = new();
    public string Quote(string name) => string.Join(".", name.Split('.').Select(p => "\"" + p.Replace("\"", "\"\"") + "\""));
    public string Param(string name) => "@" + name;
}
