using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>Firebird (server or embedded) as a source engine of the kit: database files in a folder.</summary>
public sealed class FirebirdEngine : ISourceEngine
{
    public static FirebirdEngine Instance { get; } = new();
    public string Name => "Firebird";
    public string LocationSetting => "path";
    public bool Files => true;

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) => FirebirdSettings.Common(pathDescription);

    /// <summary>
    /// True when a Firebird server answers on this machine (host, port; by default localhost:3050)
    /// within <paramref name="timeoutMs"/>. Detect then proposes server mode: the embedded engine
    /// would open the program's files beside that server, and writes to them (see docs/engines.md).
    /// </summary>
    public static bool ServerAnswers(string host = "127.0.0.1", int port = FirebirdTarget.DefaultPort, int timeoutMs = 1000)
    {
        try
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            return tcp.ConnectAsync(host, port).Wait(timeoutMs) && tcp.Connected;
        }
        catch (AggregateException e) when (e.InnerException is System.Net.Sockets.SocketException)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        FirebirdTarget.FromConfig(program, config).Map(t => (ISourceTarget)new FirebirdSourceTarget(program, t));

    private sealed class FirebirdSourceTarget(string program, FirebirdTarget target) : ISourceTarget
    {
        /// <summary>The ODS of each local file as read before attaching (an attached file may be locked against reading).</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OdsVersion> _ods = new(StringComparer.Ordinal);

        public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
        {
            if (File.Exists(database)) OdsHeader.Read(database).IfRight(v => _ods[database] = v);
            return (await FirebirdSession.Open(program, target, database, cancel).ConfigureAwait(false))
                .Map(s => (ISourceDatabase)new SqlDatabase(s));
        }

        public string Describe(ISourceDatabase database) =>
            $"charset {(database as SqlDatabase)?.Session.DeclaredCharset}, {target.Where}{Ods((database as SqlDatabase)?.Session.Where)}";

        /// <summary>What a local file's header page says of its engine: the check of a program whose engine is inferred (Finka).</summary>
        private string Ods(string? path) =>
            path is not null && _ods.TryGetValue(path, out var v) ? $", ODS {v}: a Firebird {v.Firebird ?? "?"} database by its header page" : "";

        public string Combine(string root, string name) => FirebirdPaths.Combine(root, name);

        public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) =>
            Task.FromResult(Either<Problem, Seq<string>>.Right(List(root)));

        public Seq<string> List(string root) => Directory.Exists(root)
            ? Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal).ToSeq()
            : [];
    }
}
