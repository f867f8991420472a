using System.Text.Json;
using KonektoSync.Extract;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

public sealed class SyncOfficeFixture : IAsyncLifetime
{
    public Office Office { get; private set; } = null!;
    public async Task InitializeAsync() => Office = await Office.Write(seed: 7, raksFirms: 4, faktFirms: 3);
    public Task DisposeAsync() { Office.Dispose(); return Task.CompletedTask; }
}

/// <summary>The konektosync command, in-process, from init to the panel, on a sample office in Raks and Fakt.</summary>
[Collection("EndToEnd")]
public sealed class SyncEndToEndTests(SyncOfficeFixture fixture) : IClassFixture<SyncOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();
    private readonly List<string> _temp = [];
    private const string From = "2024-01", To = "2024-12";

    public void Dispose()
    {
        _cli.Dispose();
        foreach (var t in _temp) try { Directory.Delete(t, true); } catch (IOException) { }
    }

    private string Temp(string name) { var t = NewTemp(name); _temp.Add(t); return t; }

    private static JsonElement Firm(JsonElement firms, string nip) =>
        firms.GetProperty("firms").EnumerateArray().Single(f => f.GetProperty("nip").GetString() == nip);

    private JsonElement Show(string nip) => Ok(_cli.Run("panel", "show", nip, "--json")).Json;

    private SortedDictionary<string, byte[]> Export(CliRunner cli)
    {
        var dir = Temp("export");
        Ok(cli.Run("panel", "export", dir));
        return ReadExport(dir);
    }

    [Fact]
    public void Programs_check_counts_the_firms_and_firms_shows_a_conflict_until_a_global_choice_resolves_it_and_basic_data_has_a_default()
    {
        var shared = _office.Shared[1].Nip;
        Ok(_cli.Run("init"));
        Ok(_cli.Run("programs", "set", "raks", $"path={_office.RaksFolder}", "serverType=embedded", "user=SYSDBA"));
        Ok(_cli.Run("programs", "set", "fakt", $"path={_office.FaktFolder}", "serverType=embedded", "user=SYSDBA"));

        var check = Ok(_cli.Run("programs", "check", "--json")).Json.EnumerateArray()
            .ToDictionary(p => p.GetProperty("program").GetString()!, p => p.GetProperty("firms").GetInt32());
        var before = Ok(_cli.Run("firms", "--json")).Json;
        Ok(_cli.Run("firms", "source", "--all", "--zus", "fakt", "--taxes", "raks"));
        var global = Ok(_cli.Run("firms", "--json")).Json;
        Ok(_cli.Run("firms", "source", shared, "--basic", "raks"));
        var perFirm = Ok(_cli.Run("firms", "--json")).Json;

        Assert.Equal(new Dictionary<string, int> { ["raks"] = 7, ["fakt"] = 5 }, check);
        Assert.Equal(9, before.GetProperty("firms").GetArrayLength());
        Assert.Equal(["fakt", "raks"], Firm(before, shared).GetProperty("programs").EnumerateArray().Select(p => p.GetString()));
        Assert.True(Firm(before, shared).GetProperty("conflict").GetBoolean());
        Assert.Equal("conflict: choose fakt|raks", Firm(before, shared).GetProperty("zus").GetString());
        Assert.Equal("Przędzalnia Łęczyca Sp. z o.o.", Firm(before, shared).GetProperty("name").GetString());
        var problem = Assert.Single(before.GetProperty("problems").EnumerateArray());
        Assert.Equal("firm.invalid-nip", problem.GetProperty("code").GetString());
        Assert.Equal(("fakt", "default order"), (Firm(before, shared).GetProperty("basic").GetString(),
            Firm(before, shared).GetProperty("basicBy").GetString()));
        Assert.Equal(("fakt", "raks", "fakt", false),
            (Firm(global, shared).GetProperty("zus").GetString(), Firm(global, shared).GetProperty("taxes").GetString(),
             Firm(global, shared).GetProperty("basic").GetString(), Firm(global, shared).GetProperty("conflict").GetBoolean()));
        Assert.Equal(("raks", "own", false), (Firm(perFirm, shared).GetProperty("basic").GetString(),
            Firm(perFirm, shared).GetProperty("basicBy").GetString(), Firm(perFirm, shared).GetProperty("conflict").GetBoolean()));
        Assert.Equal("fakt", Firm(perFirm, _office.Shared[0].Nip).GetProperty("basic").GetString());
    }

    [Fact]
    public async Task A_sync_loads_the_raks_taxes_by_the_manuals_rules_and_logs_the_missing_pit4r_with_its_remedy()
    {
        _office.Configure(_cli);
        var firm = _office.RaksCase(SampleCases.MissingDeclaration);
        var nip = _office.Nip(firm);
        var written = await _office.RaksDeclarations(nip);

        var sync = _cli.Run("sync", "--from", From, "--to", To, "--json");
        var taxes = Entries(Show(nip)).Where(e => e.Key.Kind == "taxes").ToDictionary(e => (e.Key.Period, e.Key.Subject), e => e.Value);
        var warnings = Ok(_cli.Run("log", "--warnings", "--json")).Json.EnumerateArray().ToList();

        Assert.Equal(0, sync.Exit);
        Assert.Equal(0, sync.Json.GetProperty("groupsFailed").GetInt32());
        for (var m = 1; m <= 12; m++)
        {
            var period = $"2024-{m:D2}";
            var lastDay = new DateOnly(2024, m, DateTime.DaysInMonth(2024, m));
            if (m == 3)
                Assert.False(taxes.ContainsKey((period, "PIT-4")), "no PIT-4R dated 2024-03-31, so no PIT-4 for March");
            else
                Assert.Equal(Money(written[("PIT-4R", lastDay)]), taxes[(period, "PIT-4")]["amount"]);
            Assert.Equal(Money(written[("VAT-7", lastDay)]), taxes[(period, "VAT-7")]["amount"]);
            Assert.Equal(Money(written[("PIT-8AR", lastDay)]), taxes[(period, "PIT-8A")]["amount"]);
        }
        Assert.Equal(35, taxes.Count);
        // the 25th of the next month, moved past weekends and holidays (25 Feb 2024 is a Sunday; 25-26 Dec are holidays)
        string[] vatDue = ["2024-02-26", "2024-03-25", "2024-04-25", "2024-05-27", "2024-06-25", "2024-07-25",
            "2024-08-26", "2024-09-25", "2024-10-25", "2024-11-25", "2024-12-27", "2025-01-27"];
        Assert.Equal(vatDue, Enumerable.Range(1, 12).Select(m => taxes[($"2024-{m:D2}", "VAT-7")]["due_date"]));
        Assert.Equal("2024-04-22", taxes[("2024-03", "PIT-8A")]["due_date"]);
        var missing = Assert.Single(warnings, w => w.GetProperty("code").GetString() == "raks.declaration-missing"
            && w.GetProperty("firm").GetString() == nip);
        Assert.Equal("2024-03", missing.GetProperty("period").GetString());
        Assert.Contains("no PIT-4R", missing.GetProperty("message").GetString());
        Assert.Contains("generate PIT-4R dated 2024-03-31", missing.GetProperty("remedy").GetString());
        var noVat = _office.Nip(_office.RaksCase(SampleCases.MissingVatMonth));
        Assert.Contains(warnings, w => w.TryGetProperty("firm", out var f) && f.GetString() == noVat && w.GetProperty("period").GetString() == "2024-02"
            && w.GetProperty("message").GetString() == "Raks: no VAT-7 declaration for 2024-02");
    }

    [Fact]
    public async Task A_fakt_report_regenerated_without_pit5_keeps_the_older_reports_value_and_fakt_zus_is_loaded()
    {
        _office.Configure(_cli);
        var regenerated = _office.Fakt.Firms.Single(f => f.FirmKey == _office.Fakt.Cases.Single().FirmKey);
        var nip = _office.Nip(regenerated);
        Ok(_cli.Run("firms", "source", nip, "--taxes", "fakt"));
        var items = await _office.FaktItems(regenerated.FirmKey);

        Ok(_cli.Run("sync", "--from", From, "--to", To, "--kinds", "zus,taxes"));
        var entries = Entries(Show(nip));

        var march = items.Where(i => i.Month == 3).ToList();
        Assert.Equal(["RAZEM", "RAPORT_PODATKOW"], march.Select(i => i.Kind).Distinct());
        Assert.DoesNotContain(march, i => i.Kind == "RAPORT_PODATKOW" && i.Code == "PIT-5");
        Assert.Equal(Money(march.Single(i => i.Code == "PIT-5").Amount), entries[("taxes", "2024-03", "PIT-5")]["amount"]);
        Assert.Equal(Money(march.Last(i => i.Code == "VAT-7").Amount), entries[("taxes", "2024-03", "VAT-7")]["amount"]);
        for (var m = 1; m <= 12; m++)
        {
            Assert.Equal(Money(items.Single(i => i.Month == m && i.Code == "PIT-5").Amount), entries[("taxes", $"2024-{m:D2}", "PIT-5")]["amount"]);
            var zus = Assert.Single(entries, e => e.Key.Kind == "zus" && e.Key.Period == $"2024-{m:D2}").Value;
            Assert.Equal(Money(items.Single(i => i.Month == m && i.Code == "ZUS").Amount), zus["total_due"]);
        }
        Assert.Equal("2024-04-22", entries[("taxes", "2024-03", "PIT-5")]["due_date"]);
        Assert.Equal("Kancelaria Żółkiewski i Wspólnicy", Show(nip).GetProperty("name").GetString());
    }

    [Fact]
    public void Panel_firms_keep_polish_letters_and_a_second_sync_sends_nothing()
    {
        _office.Configure(_cli);

        var first = Ok(_cli.Run("sync", "--from", From, "--to", To, "--json")).Json;
        // --full: the programs are read again although their change markers hold; the journal sends nothing
        var second = Ok(_cli.Run("sync", "--from", From, "--to", To, "--json", "--full")).Json;
        var firms = Ok(_cli.Run("panel", "firms", "--json")).Json.EnumerateArray()
            .ToDictionary(f => f.GetProperty("nip").GetString()!, f => f.GetProperty("name").GetString()!);

        var expected = _office.Raks.Firms.Concat(_office.Fakt.Firms).Where(f => f.Name != "Firma Błędny NIP")
            .GroupBy(f => Digits(f.Nip)).ToDictionary(g => g.Key, g => g.First().Name);
        Assert.Equal(expected.OrderBy(kv => kv.Key), firms.OrderBy(kv => kv.Key));
        Assert.Contains("Przędzalnia Łęczyca Sp. z o.o.", firms.Values);
        Assert.True(first.GetProperty("factsSent").GetInt32() > 300);
        Assert.Equal(0, second.GetProperty("factsSent").GetInt32());
        Assert.Equal(first.GetProperty("factsSent").GetInt32(), second.GetProperty("factsUnchanged").GetInt32());
        Assert.Equal(first.GetProperty("groupsLoaded").GetInt32(), second.GetProperty("groupsLoaded").GetInt32());
    }

    [Fact]
    public void Approving_in_the_sync_or_in_the_panel_takes_away_the_unapproved_mark()
    {
        _office.Configure(_cli);
        var one = _office.Shared[0].Nip;

        Ok(_cli.Run("sync", "--from", From, "--to", To));
        var afterSync = UnapprovedMarks();
        var approved = Ok(_cli.Run("panel", "approve", one, "--json")).Json;
        var afterPanel = UnapprovedMarks();
        Ok(_cli.Run("sync", "--from", From, "--to", To, "--approve"));
        var afterApprove = UnapprovedMarks();
        var text = Ok(_cli.Run("panel", "firms")).Out;

        Assert.All(afterSync.Values, Assert.True);
        Assert.Equal(afterSync.Keys, afterPanel.Keys);
        Assert.False(afterPanel[one]);
        Assert.Equal(afterSync.Count - 1, afterPanel.Values.Count(v => v));
        Assert.Equal(12 + 12 * 2 + 12 * 6, approved.GetProperty("approved").GetProperty("zus").GetInt32()
            + approved.GetProperty("approved").GetProperty("taxes").GetInt32()
            + approved.GetProperty("approved").GetProperty("trialBalance").GetInt32());
        Assert.All(afterApprove.Values, Assert.False);
        Assert.DoesNotContain("!", text);
    }

    private Dictionary<string, bool> UnapprovedMarks() =>
        Ok(_cli.Run("panel", "firms", "--json")).Json.EnumerateArray()
            .ToDictionary(f => f.GetProperty("nip").GetString()!, f => f.GetProperty("hasUnapproved").GetBoolean());

    [Fact]
    public void A_dry_run_marks_new_changed_and_unchanged_rows_and_leaves_the_panel_as_it_was()
    {
        _office.Configure(_cli);
        var fresh = Temp("dry-fresh");
        var changed = Temp("dry-changed");
        var shared = _office.Shared[0].Nip;

        Ok(_cli.Run("sync", "--from", From, "--to", To, "--dry-run", fresh));
        var emptyPanel = Export(_cli);
        Ok(_cli.Run("sync", "--from", From, "--to", To));
        var before = Export(_cli);
        Ok(_cli.Run("firms", "source", shared, "--taxes", "fakt"));
        Ok(_cli.Run("sync", "--from", From, "--to", To, "--kinds", "zus,taxes", "--dry-run", changed));
        var after = Export(_cli);

        Assert.Equal(["basic.csv", "statements.csv", "taxes.csv", "zus.csv"], Directory.GetFiles(fresh).Select(Path.GetFileName).Order());
        Assert.All(["zus.csv", "taxes.csv", "basic.csv", "statements.csv"], f =>
            Assert.All(Rows(Path.Combine(fresh, f)), r => Assert.Equal("new", r[0])));
        Assert.Equal(0, emptyPanel.Values.Sum(b => b.Count(x => x == '\n')) - emptyPanel.Count);
        Assert.Equal(before, after);
        var taxes = Rows(Path.Combine(changed, "taxes.csv"));
        var marks = taxes.Where(r => r[2] == shared).GroupBy(r => r[6]).ToDictionary(g => g.Key, g => g.Select(r => r[0]).Distinct().Single());
        Assert.Equal(new Dictionary<string, string> { ["PIT-5"] = "new", ["VAT-7"] = "changed" }, marks);
        Assert.All(taxes.Where(r => r[2] != shared), r => Assert.Equal("unchanged", r[0]));
        Assert.All(Rows(Path.Combine(changed, "zus.csv")), r => Assert.Equal("unchanged", r[0]));
        Assert.Equal("status,key,firm,source,approve,period,tax,amount,due_date", File.ReadLines(Path.Combine(changed, "taxes.csv")).First());
    }

    private static List<string[]> Rows(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Sync_of_one_firm_loads_only_that_firm()
    {
        _office.Configure(_cli);
        var nip = _office.Shared[1].Nip;

        var sync = Ok(_cli.Run("sync", "--from", From, "--to", To, "--firm", nip, "--json")).Json;
        var firms = Ok(_cli.Run("panel", "firms", "--json")).Json.EnumerateArray().ToList();

        var firm = Assert.Single(firms);
        Assert.Equal(nip, firm.GetProperty("nip").GetString());
        Assert.Equal((12, 35, 72), (firm.GetProperty("zus").GetInt32(), firm.GetProperty("taxes").GetInt32(), firm.GetProperty("statements").GetInt32()));
        Assert.Equal(4, sync.GetProperty("groupsLoaded").GetInt32());
    }

    [Fact]
    public void Raks_through_the_server_with_the_password_from_the_environment_loads_the_same_panel_as_embedded()
    {
        var variable = "KONEKTOSYNC_E2E_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, ServerPassword);
        try
        {
            using var embedded = new CliRunner();
            _office.Configure(_cli, "server", variable);
            _office.Configure(embedded);
            embedded.UseSecretOf(_cli);

            var check = Ok(_cli.Run("programs", "check", "raks", "--json")).Json.EnumerateArray().Single();
            var server = Ok(_cli.Run("sync", "--from", From, "--to", To, "--json")).Json;
            Ok(embedded.Run("sync", "--from", From, "--to", To));

            Assert.Contains("127.0.0.1:3050", string.Join(" ", check.GetProperty("details").EnumerateArray().Select(d => d.GetString())));
            Assert.Equal(0, server.GetProperty("groupsFailed").GetInt32());
            Assert.Equal(Export(embedded), Export(_cli));
            Assert.DoesNotContain(ServerPassword, File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")));
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Fact]
    public void Exit_codes_are_0_when_everything_loads_1_when_a_program_fails_and_2_for_usage()
    {
        _office.Configure(_cli);

        var ok = _cli.Run("sync", "--from", From, "--to", To);
        var usage = _cli.Run("sync", "--from", "2024-13");
        var unknown = _cli.Run("sync", "--kinds", "vat");
        Ok(_cli.Run("programs", "set", "fakt", $"path={Path.Combine(_office.Root, "no-such-folder")}"));
        var failed = _cli.Run("sync", "--from", From, "--to", To);

        Assert.Equal((0, 2, 2, 1), (ok.Exit, usage.Exit, unknown.Exit, failed.Exit));
        Assert.Contains("FAKT.FDB", failed.Err);
    }

    [Fact]
    public void Programs_inspect_raks_lists_the_AD_FIRMS_columns_and_no_row_data()
    {
        _office.Configure(_cli);

        var inspect = Ok(_cli.Run("programs", "inspect", "raks", "--json"));

        var system = inspect.Json.EnumerateArray().Single(s => s.GetProperty("source").GetString()!.EndsWith("Raks3000.fdb"));
        var columns = system.GetProperty("columns").EnumerateArray().Where(c => c.GetProperty("table").GetString() == "AD_FIRMS")
            .Select(c => c.GetProperty("column").GetString()).ToList();
        Assert.Equal(["ID", "NUMBER", "SHORTNAME", "TAXID", "FIRM_EMAIL_ADDRESS", "FIRM_PHONE_NUMBERS", "FULL_NAME", "STREET",
            "ZIPCODE", "PLACE", "REGON"], columns);
        Assert.Equal(8, inspect.Json.GetArrayLength());
        Assert.All(_office.Raks.Firms, f =>
        {
            Assert.DoesNotContain(f.Nip, inspect.Out);
            Assert.DoesNotContain(f.Name, inspect.Out);
        });
        Assert.DoesNotContain("biuro1@", inspect.Out);
    }
}
