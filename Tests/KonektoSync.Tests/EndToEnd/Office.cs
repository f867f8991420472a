using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// A sample office for end-to-end tests: Raks (Raks3000.fdb and one F000NN.fdb per firm) and Fakt
/// (FAKT.FDB) written by the programs' sample writers on embedded Firebird into a folder the
/// server's user can read. Two firms are in both programs. Expected values are read back from the
/// written files with plain SELECTs, never computed by the code under test.
/// </summary>
public sealed class Office : IDisposable
{
    public const int Year = 2024;
    public const string ServerPassword = "masterkey";

    public string Root { get; }
    public string RaksFolder => Path.Combine(Root, "raks", "Data");
    public string FaktFolder => Path.Combine(Root, "fakt");
    public SampleInfo Raks { get; private set; } = null!;
    public SampleInfo Fakt { get; private set; } = null!;
    public IReadOnlyList<SampleFirm> Shared { get; }

    private Office(string root, IReadOnlyList<SampleFirm> shared) => (Root, Shared) = (root, shared);

    /// <summary>Writes Raks (raksFirms generated + the shared firms) and Fakt (faktFirms generated + the shared firms).</summary>
    public static async Task<Office> Write(int seed, int raksFirms, int faktFirms,
        SampleCases raksCases = SampleCases.All, SampleCases faktCases = SampleCases.RegeneratedWithoutTax)
    {
        await RequireFirebird();
        var shared = new SampleData(seed + 99);
        var office = new Office(FirebirdFixture.NewFolder(Path.Combine(Path.GetTempPath(), "konektosync-e2e-" + Guid.NewGuid().ToString("N")[..8])),
            [new(shared.Nip(), "Kancelaria Żółkiewski i Wspólnicy"), new(shared.Nip(), "Przędzalnia Łęczyca Sp. z o.o.")]);
        office.Raks = await new RaksSampleWriter().Write(FirebirdFixture.NewFolder(office.RaksFolder),
            new SampleSpec(seed, raksFirms, Year, office.Shared, raksCases), CancellationToken.None);
        office.Fakt = await new FaktSampleWriter().Write(FirebirdFixture.NewFolder(office.FaktFolder),
            new SampleSpec(seed + 1, faktFirms, Year, office.Shared, faktCases), CancellationToken.None);
        FirebirdFixture.Share(office.Root);
        return office;
    }

    public static async Task RequireFirebird()
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
    }

    public void Dispose()
    {
        FbConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    /// <summary>A copy of a sample folder that a test may break (only the test writes to it).</summary>
    public string Copy(string folder, string name)
    {
        var target = FirebirdFixture.NewFolder(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]));
        foreach (var f in Directory.EnumerateFiles(folder)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        FirebirdFixture.Share(target);
        return target;
    }

    public static string Digits(string nip) => new(nip.Where(char.IsDigit).ToArray());

    public string Nip(SampleFirmInfo firm) => Digits(firm.Nip);

    /// <summary>The Raks firm a case was put into.</summary>
    public SampleFirmInfo RaksCase(SampleCases c) => Raks.Firms.Single(f => f.FirmKey == Raks.Cases.Single(x => x.Case == c).FirmKey);

    /// <summary>Runs the configuration steps every sync test starts from: init, both programs, all firms, the sources.</summary>
    public void Configure(CliRunner cli, string raksMode = "embedded", string? passwordEnv = null, string? raksPath = null,
        string? faktPath = null)
    {
        Ok(cli.Run("init"));
        var raks = new List<string> { "programs", "set", "raks", $"path={raksPath ?? RaksFolder}", $"serverType={raksMode}", "user=SYSDBA" };
        if (raksMode == "server") raks.AddRange(["host=127.0.0.1", "port=3050"]);
        if (passwordEnv is not null) raks.AddRange(["--password-env", passwordEnv]);
        Ok(cli.Run([.. raks]));
        Ok(cli.Run("programs", "set", "fakt", $"path={faktPath ?? FaktFolder}", "serverType=embedded", "user=SYSDBA"));
        cli.Run("programs", "check");
        Ok(cli.Run("firms", "select", "--all"));
        Ok(cli.Run("firms", "source", "--all", "--zus", "fakt", "--taxes", "raks"));
        Ok(cli.Run(["firms", "source", .. Shared.Select(s => s.Nip), "--basic", "raks"]));
    }

    public static CliRunner.Result Ok(CliRunner.Result r)
    {
        Assert.True(r.Exit == 0, $"exit {r.Exit}\n{r.Out}\n{r.Err}");
        return r;
    }

    /// <summary>Raks declarations of a firm as written: (form name, date) → tax.</summary>
    public async Task<Dictionary<(string Form, DateOnly Date), decimal>> RaksDeclarations(string nip)
    {
        var rows = await Query(Path.Combine(RaksFolder, "Raks3000.fdb"),
            "SELECT def.NAZWA, d.DATA_DEKLARACJI, d.PODATEK FROM R3_DEKLARACJE d JOIN R3_DEFINICJE_DEKLARACJI def " +
            "ON def.ID = d.ID_DEFINICJI_DEKLARACJI WHERE d.NIP = @p0", nip);
        return rows.ToDictionary(r => ((string)r[0], DateOnly.FromDateTime((DateTime)r[1])), r => (decimal)r[2]);
    }

    /// <summary>Fakt report items of a firm as written: (report kind, printed, code, month, amount), oldest report first.</summary>
    public async Task<List<(string Kind, DateTime Printed, string Code, int Month, decimal Amount)>> FaktItems(string firmId)
    {
        var rows = await Query(Path.Combine(FaktFolder, "FAKT.FDB"),
            "SELECT w.RODZAJ, w.DATA_WYDRUKU, p.KOD, p.MIESIAC, p.KWOTA FROM ARCHIWUM_POZYCJE p JOIN ARCHIWUM_WYDRUKOW w " +
            "ON w.ID = p.ID_WYDRUKU WHERE w.ID_FIRMY = @p0 ORDER BY w.DATA_WYDRUKU, p.ID", int.Parse(firmId, CultureInfo.InvariantCulture));
        return rows.Select(r => ((string)r[0], (DateTime)r[1], (string)r[2], (int)(short)r[3], (decimal)r[4])).ToList();
    }

    private static async Task<List<object[]>> Query(string path, string sql, params object[] args)
    {
        await using var c = new FbConnection(FirebirdTarget.Embedded().ConnectionString(path, "UTF8"));
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync(new FbTransactionOptions
            { TransactionBehavior = FbTransactionBehavior.Read | FbTransactionBehavior.ReadCommitted | FbTransactionBehavior.RecVersion });
        await using var cmd = new FbCommand(sql, c, tx);
        for (var i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue("@p" + i, args[i]);
        var rows = new List<object[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A firm's values as `panel show --json` gives them: (kind, period, subject) → field → value.</summary>
    public static Dictionary<(string Kind, string Period, string Subject), Dictionary<string, string>> Entries(JsonElement view) =>
        view.GetProperty("entries").EnumerateArray().ToDictionary(
            e => (e.GetProperty("kind").GetString()!, e.GetProperty("period").GetString()!, e.GetProperty("subject").GetString()!),
            e => e.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetString()!));

    public static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Every file of an exported panel, by name.</summary>
    public static SortedDictionary<string, byte[]> ReadExport(string folder) =>
        new(Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>
    /// Writes to a database file of the office as the program itself would (embedded, one committed
    /// transaction; parameters <c>@p0</c>, <c>@p1</c> …); the number of rows it changed.
    /// </summary>
    public static async Task<int> Execute(string database, string sql, params object[] args)
    {
        await using var c = new FbConnection(FirebirdTarget.Embedded().ConnectionString(database, "UTF8"));
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await using var cmd = new FbCommand(sql, c, tx);
        for (var i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue("@p" + i, args[i]);
        var n = await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return n;
    }

    public static string NewTemp(string name) => Directory.CreateTempSubdirectory("konektosync-" + name + "-").FullName;
}

/// <summary>
/// The end-to-end tests run alone: the crash test kills processes that have embedded Firebird
/// open, and the others read through the same Firebird installation.
/// </summary>
[CollectionDefinition("EndToEnd", DisableParallelization = true)]
public sealed class EndToEndCollection;
