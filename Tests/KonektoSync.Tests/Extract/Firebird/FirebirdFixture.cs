using System.Net.Sockets;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using LanguageExt;

namespace KonektoSync.Tests.Extract.Firebird;

[CollectionDefinition("Firebird")]
public sealed class FirebirdCollection : ICollectionFixture<FirebirdFixture>;

/// <summary>
/// Real Firebird 3 on this machine: the server on 127.0.0.1:3050 (SYSDBA/masterkey) and the
/// embedded engine (libfbclient.so.2). Writes the Raks and Fakt samples once, in folders the
/// server's user can read. Fails (never skips) when Firebird is not there.
/// </summary>
public sealed class FirebirdFixture : IAsyncLifetime
{
    public const string Password = "masterkey";
    public const int Seed = 42;
    public const int Year = 2024;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "konektosync-fb-" + Guid.NewGuid().ToString("N")[..8]);
    public string RaksFolder => Path.Combine(Root, "raks");
    public string FaktFolder => Path.Combine(Root, "fakt");
    public SampleInfo Raks { get; private set; } = null!;
    public SampleInfo Fakt { get; private set; } = null!;

    public static readonly SampleFirm Shared = new("5260250995", "Zakład Usługowy Łukasz Żółć");
    public static SampleSpec Spec => new(Seed, 4, Year, [Shared]);

    public async Task InitializeAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", 3050).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            throw new InvalidOperationException("Firebird server on 127.0.0.1:3050 not reachable: run scripts/install-deps.sh", e);
        }
        NewFolder(Root);
        Raks = await new RaksSampleWriter().Write(NewFolder(RaksFolder), Spec, CancellationToken.None);
        Fakt = await new FaktSampleWriter().Write(NewFolder(FaktFolder), Spec, CancellationToken.None);
        Share(Root);
    }

    public Task DisposeAsync()
    {
        FbConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>A folder the server's user (firebird) can write (mode 0777).</summary>
    public static string NewFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        return path;
    }

    /// <summary>Makes every file under a folder readable and writable by the server's user.</summary>
    public static void Share(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var d in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
            File.SetUnixFileMode(d, (UnixFileMode)0b111_111_111);
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(f, (UnixFileMode)0b110_110_110);
    }

    /// <summary>A copy of a sample folder the test may change.</summary>
    public string Copy(string folder, string name)
    {
        var target = NewFolder(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]));
        foreach (var f in Directory.EnumerateFiles(folder)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        Share(target);
        return target;
    }

    public static ProgramConfig Config(ProgramId program, string path, string mode, string? password = Password,
        int port = 3050, string? profileDir = null)
    {
        var values = new Dictionary<string, string>
        {
            ["path"] = path, ["serverType"] = mode, ["host"] = "127.0.0.1", ["port"] = port.ToString(), ["user"] = "SYSDBA",
        };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(program, values, password is null ? null : new Secret(password));
    }

    /// <summary>Test-only: changes a copy's schema (a connector never can).</summary>
    public static async Task Execute(string path, string sql)
    {
        var cs = FirebirdTarget.Embedded().ConnectionString(path, "NONE");
        await using var c = new FbConnection(cs);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await using var cmd = new FbCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    public static Nip Nip(string raw) => KonektoSync.Domain.Nip.Create(raw).Match(n => n, _ => throw new ArgumentException(raw));

    public static Period Month(int year, int month) => Period.Create(year, month).Match(p => p, _ => throw new ArgumentException());

    public static ReadPlan Plan(IEnumerable<(string Key, string Nip)> firms, int fromMonth, int toMonth, params DataKind[] kinds) =>
        new(firms.Select(f => new ReadItem(f.Key, Nip(f.Nip), LanguageExt.Prelude.toSet(kinds))).ToSeq(),
            Month(Year, fromMonth), Month(Year, toMonth));

    public static async Task<List<SourceRecord>> All(IAsyncEnumerable<SourceRecord> records)
    {
        var list = new List<SourceRecord>();
        await foreach (var r in records) list.Add(r);
        return list;
    }

    public static T Right<T>(Either<Problem, T> e) => e.Match(r => r, p => throw new Xunit.Sdk.XunitException(p.ToString()));
    public static Problem Left<T>(Either<Problem, T> e) => e.Match(r => throw new Xunit.Sdk.XunitException($"expected a problem, got {r}"), p => p);
}
