using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `demo`: writes a sample office (Raks and Fakt on embedded Firebird, about 30 firms, a year of
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
        var sql = new Option<string?>("--sql-standin")
        {
            Description = "PostgreSQL connection string (Host=...;Username=...;Password=...) to write Optima, enova365, Insert nexo and Insert GT " +
                $"samples into, standing in for SQL Server (or set {DemoSqlOffice.Variable}); without it these programs are left out",
        };
        var cmd = new Command("demo", "Write a sample office, configure it, sync it into the local panel and show the panel") { folder, seed, year, force, sql };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var y = pr.GetValue(year) ?? c.Clock.GetLocalNow().Year - 1;
            var s = pr.GetValue(seed);
            var prepared = DemoFolder.Prepare(pr.GetValue(folder), pr.GetValue(Global.DataDirOption), pr.GetValue(force));
            if (prepared.IsLeft) return c.Out.Fail(prepared.LeftToSeq().Head);
            var demo = prepared.RightToSeq().Head;
            var standIn = pr.GetValue(sql) ?? Environment.GetEnvironmentVariable(DemoSqlOffice.Variable);
            try { return await Run(c, pr, demo, s, y, string.IsNullOrWhiteSpace(standIn) ? null : standIn, ct); }
            finally { demo.WriteManifest(); }
        });
        return cmd;
    }

    private static async Task<int> Run(CliContext c, ParseResult pr, DemoFolder demo, int s, int y, string? standIn, CancellationToken ct)
    {
        var (root, dataDir) = (demo.Root, demo.DataDir);
        var (raks, fakt) = await WriteOffice(root, s, y, ct);
        static string Digits(string nip) => new(nip.Where(char.IsDigit).ToArray());
        var shared = raks.Firms.Select(f => Digits(f.Nip)).Intersect(fakt.Firms.Select(f => Digits(f.Nip))).ToArray();
        c.Out.Line(Texts.Texts.Get("demo.folder", root));
        c.Out.Line($"  Raks: {raks.Firms.Count} firms, {raks.Rows} rows; Fakt: {fakt.Firms.Count} firms, {fakt.Rows} rows");
        foreach (var k in raks.Cases.Concat(fakt.Cases)) c.Out.Line($"  case {k.Case}: {k.Note}");
        var sqlOffice = standIn is null ? null : await DemoSqlOffice.Write(standIn, root, s, y, ct);
        c.Out.Line(sqlOffice?.Summary ?? Texts.Texts.Get("demo.sql-left-out", DemoSqlOffice.Variable));

        string[][] steps =
        [
            ["init", "--force"],
            ["programs", "set", "raks", $"path={raks.Folder}", "serverType=embedded", "user=SYSDBA"],
            ["programs", "set", "fakt", $"path={fakt.Folder}", "serverType=embedded", "user=SYSDBA"],
            .. sqlOffice?.Steps ?? [],
            ["programs", "check"],
            ["firms", "select", "--all"],
            ["firms", "source", "--all", "--zus", "fakt", "--taxes", "raks"],
            ["firms", "source", ..shared, "--basic", "raks"],
            .. sqlOffice?.Sources ?? [],
            ["firms"],
            ["sync", "--from", $"{y}-01", "--to", $"{y}-12", "--kinds", "zus,taxes,statements"],
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
        return exit;
    }

    private static string Quote(string a) => a.Contains(' ') ? $"\"{a}\"" : a;

    /// <summary>
    /// Raks and Fakt with two firms in both (a source conflict, resolved by the global choice),
    /// PIT-4R months, a missing declaration, a missing VAT-7 month, a Fakt report regenerated
    /// without a tax, a firm with an invalid NIP, Polish letters in names.
    /// </summary>
    private static async Task<(SampleInfo Raks, SampleInfo Fakt)> WriteOffice(string root, int seed, int year, CancellationToken ct)
    {
        var shared = new SampleData(seed + 99);
        IReadOnlyList<SampleFirm> both =
        [
            new(shared.Nip(), "Kancelaria Żółkiewski i Wspólnicy"),
            new(shared.Nip(), "Przędzalnia Łęczyca Sp. z o.o."),
        ];
        var raks = await new RaksSampleWriter().Write(Path.Combine(root, "raks", "Data"),
            new SampleSpec(seed, 16, year, both, SampleCases.All), ct);
        var fakt = await new FaktSampleWriter().Write(Path.Combine(root, "fakt"),
            new SampleSpec(seed + 1, 11, year, both, SampleCases.RegeneratedWithoutTax), ct);
        return (raks, fakt);
    }
}
