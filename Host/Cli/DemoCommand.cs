using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Finka;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Extract.Programs.Ramzes;
using KonektoSync.Extract.Programs.StreamSoftPcBiznes;
using KonektoSync.Extract.Programs.SymfoniaMk;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `demo`: writes a sample office (Raks, Fakt, Ognik, Finka KPR/FK/Płace and Ramzes on embedded Firebird, Buchalter's DBF
/// folders, Płatnik, the SQL Server programs on a PostgreSQL stand-in when given, about 50 firms, a year of
/// data, with the manual's cases), configures it, syncs it into the local panel and prints the
/// panel's firm list: every step is the konektosync command a person would type, printed first.
/// </summary>
public static class DemoCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var folder = new Option<string?>("--folder") { Description = "A new folder for the sample office (default: a new folder in the temp folder, unique per run)" };
        var force = new Option<bool>("--force") { Description = "Write into an existing folder; files the demo did not make are never removed" };
        var seed = new Option<int>("--seed") { Description = "Seed of the sample data", DefaultValueFactory = _ => 2024 };
        var year = new Option<int?>("--year") { Description = "Year of the sample data (default: last year)" };
        var firms = new Option<int?>("--firms") { Description = "Number of generated firms of the office, split between Raks and Fakt (default: 27)" };
        var years = new Option<int>("--years") { Description = "Years of data, ending with --year", DefaultValueFactory = _ => 1 };
        var sql = new Option<string?>("--sql-standin")
        {
            Description = "PostgreSQL connection string (Host=...;Username=...;Password=...) to write the samples of the SQL Server programs into " +
                $"(Optima, enova365, Insert nexo, Insert GT, WAPRO Fakir and Kaper, and the three Reset2 programs), standing in for SQL Server (or set {DemoSqlOffice.Variable}); without it these programs are left out",
        };
        var cmd = new Command("demo", "Write a sample office, configure it, sync it into the local panel and show the panel") { folder, seed, year, force, firms, years, sql };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var y = pr.GetValue(year) ?? c.Clock.GetLocalNow().Year - 1;
            var s = pr.GetValue(seed);
            var prepared = DemoFolder.Prepare(pr.GetValue(folder), pr.GetValue(Global.DataDirOption), pr.GetValue(force));
            if (prepared.IsLeft) return c.Out.Fail(prepared.LeftToSeq().Head);
            var demo = prepared.RightToSeq().Head;
            var size = new DemoSize(pr.GetValue(firms) is { } n ? Math.Max(2, n) : 27, Math.Clamp(pr.GetValue(years), 1, 20));
            var standIn = pr.GetValue(sql) ?? Environment.GetEnvironmentVariable(DemoSqlOffice.Variable);
            try { return await Run(c, pr, demo, s, y, size, string.IsNullOrWhiteSpace(standIn) ? null : standIn, ct); }
            finally { demo.WriteManifest(); }
        });
        return cmd;
    }

    /// <summary>The size of the sample office: generated firms (Raks gets 16 of 27, the rest Fakt) and years of data.</summary>
    private sealed record DemoSize(int Firms, int Years)
    {
        public int Raks => Math.Max(1, Firms * 16 / 27);
        public int Fakt => Math.Max(1, Firms - Raks);
    }

    private static async Task<int> Run(CliContext c, ParseResult pr, DemoFolder demo, int s, int y, DemoSize size, string? standIn,
        CancellationToken ct)
    {
        var (root, dataDir) = (demo.Root, demo.DataDir);
        var first = y - size.Years + 1;
        var (raks, fakt) = await WriteOffice(root, s, first, size, ct);
        static string Digits(string nip) => new(nip.Where(char.IsDigit).ToArray());
        var shared = raks.Firms.Select(f => Digits(f.Nip)).Intersect(fakt.Firms.Select(f => Digits(f.Nip))).ToArray();
        c.Out.Line(Texts.Texts.Get("demo.folder", root));
        c.Out.Line(Texts.Texts.Get("demo.office.raks-fakt", raks.Firms.Count, raks.Rows, fakt.Firms.Count, fakt.Rows));
        var buchalter = await new BuchalterSampleWriter().Write(Path.Combine(root, "BUCH"),
            new SampleSpec(s + 2, 5, y, null, SampleCases.None), ct);
        var ownFirms = buchalter.Firms.Select(f => f.Nip).Where(n => Nip.Create(n).IsSuccess).ToArray();
        c.Out.Line(Texts.Texts.Get("demo.office.buchalter", buchalter.Firms.Count, buchalter.Rows));
        var pcbiznes = await new StreamSoftPcBiznesSampleWriter().Write(Path.Combine(root, "StreamSoft"),
            new SampleSpec(s + 3, 4, first, null, SampleCases.None, size.Years), ct);
        var pcFirms = pcbiznes.Firms.Select(f => f.Nip).Where(n => Nip.Create(n).IsSuccess).ToArray();
        c.Out.Line(Texts.Texts.Get("demo.office.pcbiznes", pcbiznes.Firms.Count, pcbiznes.Rows));
        var (platnik, owners) = await WritePlatnik(root, s, y, raks, ct);
        c.Out.Line(platnik is null
            ? Texts.Texts.Get("demo.office.platnik-left-out")
            : Texts.Texts.Get("demo.office.platnik", platnik.Firms.Count, owners.Length, platnik.Rows));
        var symfonia = await WriteSymfonia(root, s, y, ct);
        c.Out.Line(symfonia is null
            ? Texts.Texts.Get("demo.office.symfoniamk-left-out")
            : Texts.Texts.Get("demo.office.symfoniamk", symfonia.Firms.Count, symfonia.Rows));
        var symfoniaFirms = symfonia?.Firms.Select(f => f.Nip).Where(n => Nip.Create(n).IsSuccess).ToArray() ?? [];
        foreach (var k in raks.Cases.Concat(fakt.Cases).Concat(platnik?.Cases ?? [])) c.Out.Line(Texts.Texts.Get("demo.case", k.Case, k.Note));
        var files = new List<(string Code, SampleInfo Info)>();
        foreach (var p in FirebirdFiles)
            files.Add((p.Code, await p.Writer().Write(Path.Combine(root, p.Folder), new SampleSpec(s + p.Seed, 3, y, null, SampleCases.None), ct)));
        c.Out.Line(Texts.Texts.Get("demo.office.files",
            string.Join("; ", files.Select(f => Texts.Texts.Get("demo.office.program", f.Code, f.Info.Firms.Count, f.Info.Rows)))));
        var sqlOffice = standIn is null ? null : await DemoSqlOffice.Write(standIn, root, s, y, ct);
        c.Out.Line(sqlOffice?.Summary ?? Texts.Texts.Get("demo.sql-left-out", DemoSqlOffice.Variable));

        string[][] steps =
        [
            ["init", "--force"],
            ["programs", "set", "raks", $"path={raks.Folder}", "serverType=embedded", "user=SYSDBA"],
            ["programs", "set", "fakt", $"path={fakt.Folder}", "serverType=embedded", "user=SYSDBA"],
            ["programs", "set", "buchalter", $"path={buchalter.Folder}"],
            ["programs", "set", "streamsoftpcbiznes", $"path={pcbiznes.Folder}"],
            .. platnik is null ? Array.Empty<string[]>() :
            [
                ["programs", "set", "platnik", "storage=access", $"path={platnik.Folder}", $"driver={PlatnikSampleWriter.StandInDriver}"],
                ["settings", "--copy-zus-forward", "on", "--match-payers", "on"],
            ],
            .. files.Select(f => (string[])["programs", "set", f.Code, $"path={f.Info.Folder}", "serverType=embedded", "user=SYSDBA"]),
            .. symfonia is null ? Array.Empty<string[]>() :
            [
                ["programs", "set", "symfoniamk", $"path={Path.Combine(symfonia.Folder, MkpIni.FileName)}",
                    .. SymfoniaMkSampleWriter.StandInSettings.Select(p => $"{p.Key}={p.Value}")],
            ],
            .. sqlOffice?.Steps ?? [],
            ["programs", "check"],
            ["firms", "select", "--all"],
            ["firms", "source", "--all", "--zus", "fakt", "--taxes", "raks"],
            ["firms", "source", ..shared, "--basic", "raks"],
            ["firms", "source", ..ownFirms, "--zus", "buchalter", "--taxes", "buchalter", "--basic", "buchalter"],
            ["firms", "source", ..pcFirms, "--zus", "streamsoftpcbiznes", "--taxes", "streamsoftpcbiznes", "--basic", "streamsoftpcbiznes"],
            .. owners.Length == 0 ? Array.Empty<string[]>() : [["firms", "source", ..owners, "--zus", "platnik"]],
            .. files.Select(f => Own(f.Code, f.Info)),
            .. symfoniaFirms.Length == 0 ? Array.Empty<string[]>()
                : [["firms", "source", ..symfoniaFirms, "--zus", "symfoniamk", "--taxes", "symfoniamk", "--basic", "symfoniamk"]],
            .. sqlOffice?.Sources ?? [],
            ["firms"],
            ["sync", "--from", $"{first}-01", "--to", $"{y}-12", "--kinds", "zus,taxes,statements"],
            ["panel", "firms"],
            ["log", "--warnings"],
        ];
        var exit = Exit.Ok;
        foreach (var step in steps)
        {
            c.Out.Line();
            c.Out.Line(Texts.Texts.Get("demo.step", "konektosync " + string.Join(" ", step.Select(Quote))));
            var args = step.Concat(["--data-dir", dataDir]).Concat(pr.GetValue(Global.LangOption) is { } l ? ["--lang", l] : []).ToArray();
            var code = await CliApp.Run(args, c.Out.Out, c.Out.Err, c.Clock, ct);
            if (code == Exit.Usage) return code;
            if (step[0] == "sync") exit = code;
        }
        c.Out.Line();
        c.Out.Line(Texts.Texts.Get("demo.end", dataDir));
        await DemoPanelServer.Create(c, dataDir, ct);
        return exit;
    }

    /// <summary>
    /// Płatnik's Access stand-in with the owners of three Raks firms as payers (one filing DRA only in
    /// some months, copied forward across January) and one payer of no firm; none when the SQLite
    /// ODBC driver is missing.
    /// </summary>
    private static async Task<(SampleInfo? Platnik, string[] Owners)> WritePlatnik(string root, int seed, int year,
        SampleInfo raks, CancellationToken ct)
    {
        static string Digits(string nip) => new(nip.Where(char.IsDigit).ToArray());
        var owners = raks.Firms.Select(f => Digits(f.Nip)).Where(n => Nip.Create(n).IsSuccess).Skip(2).Take(3).ToArray();
        try
        {
            var info = await new PlatnikSampleWriter().Write(Path.Combine(root, "platnik"),
                new SampleSpec(seed + 2, 1, year, owners.Select(n => new SampleFirm(n, "")).ToList(), SampleCases.MissingDeclaration), ct);
            return (info, owners);
        }
        catch (Exception e) when (e is System.Data.Odbc.OdbcException or DllNotFoundException or TypeInitializationException)
        {
            return (null, []);
        }
    }

    /// <summary>
    /// The Firebird file programs of the office beside Raks and Fakt, each written by its sample writer into its own
    /// folder and read embedded; each seed gives firms of their own (no NIP shared with another program).
    /// </summary>
    private static readonly (string Code, string Folder, Func<ISampleWriter> Writer, int Seed)[] FirebirdFiles =
    [
        ("ognik", "ognik", () => new OgnikSampleWriter(), 11),
        ("finkakpr", Path.Combine("finka", "KPR"), () => new FinkaSampleWriter(ProgramId.FinkaKpr), 12),
        ("finkafk", Path.Combine("finka", "FK"), () => new FinkaSampleWriter(ProgramId.FinkaFk), 13),
        ("finkaplace", Path.Combine("finka", "PLACE"), () => new FinkaSampleWriter(ProgramId.FinkaPlace), 14),
        ("ramzes", "ramzes", () => new RamzesSampleWriter(), 15),
    ];

    /// <summary>The folders of <see cref="FirebirdFiles"/>, for the demo's own places.</summary>
    public static IEnumerable<string> FirebirdFolders => FirebirdFiles.Select(p => p.Folder.Split(Path.DirectorySeparatorChar)[0]).Distinct();

    /// <summary>The step choosing a program as the source of everything of its own firms (those with a valid NIP).</summary>
    internal static string[] Own(string code, SampleInfo info, bool taxes = true) =>
    [
        "firms", "source", .. info.Firms.Select(f => f.Nip).Where(n => Nip.Create(n).IsSuccess), "--zus", code,
        .. taxes ? new[] { "--taxes", code } : [], "--basic", code,
    ];
    /// <summary>Symfonia MK on its ODBC stand-in (SQLite files through the SQLite ODBC driver); none when the driver is missing.</summary>
    private static async Task<SampleInfo?> WriteSymfonia(string root, int seed, int year, CancellationToken ct)
    {
        try
        {
            return await new SymfoniaMkSampleWriter().Write(Path.Combine(root, "symfonia"),
                new SampleSpec(seed + 16, 3, year, null, SampleCases.None), ct);
        }
        catch (Exception e) when (e is System.Data.Odbc.OdbcException or DllNotFoundException or TypeInitializationException)
        {
            return null;
        }
    }

    private static string Quote(string a) => a.Contains(' ') ? $"\"{a}\"" : a;

    /// <summary>
    /// Raks and Fakt with two firms in both (a source conflict, resolved by the global choice),
    /// PIT-4R months, a missing declaration, a missing VAT-7 month, a Fakt report regenerated
    /// without a tax, a firm with an invalid NIP, Polish letters in names.
    /// </summary>
    private static async Task<(SampleInfo Raks, SampleInfo Fakt)> WriteOffice(string root, int seed, int year, DemoSize size, CancellationToken ct)
    {
        var shared = new SampleData(seed + 99);
        IReadOnlyList<SampleFirm> both =
        [
            new(shared.Nip(), "Kancelaria Żółkiewski i Wspólnicy"),
            new(shared.Nip(), "Przędzalnia Łęczyca Sp. z o.o."),
        ];
        var raks = await new RaksSampleWriter().Write(Path.Combine(root, "raks", "Data"),
            new SampleSpec(seed, size.Raks, year, both, SampleCases.All, size.Years), ct);
        var fakt = await new FaktSampleWriter().Write(Path.Combine(root, "fakt"),
            new SampleSpec(seed + 1, size.Fakt, year, both, SampleCases.RegeneratedWithoutTax, size.Years), ct);
        return (raks, fakt);
    }
}
