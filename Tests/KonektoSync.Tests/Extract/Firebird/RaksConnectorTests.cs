using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Raks;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

[Collection("Firebird")]
public sealed class RaksConnectorTests(FirebirdFixture fb)
{
    private readonly IProgramConnector _raks = RaksProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private (string Key, string Nip) Firm(int index) =>
        (fb.Raks.Firms[index].FirmKey, fb.Raks.Firms[index].Nip.Replace("-", ""));

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Discover_lists_the_firms_of_AD_FIRMS_with_numbers_nips_and_polish_names(string mode)
    {
        var firms = Right(await _raks.Discover(Config(ProgramId.Raks, fb.RaksFolder, mode), None));

        Assert.Equal(6, firms.Count); // 1 explicit + 4 generated + 1 with an invalid NIP
        var first = firms.Head;
        Assert.Equal("1", first.FirmKey);
        Assert.Equal(Shared.Nip, first.Nip);
        Assert.Equal("Zakład Usługowy Łukasz Żółć", first.Name);
        Assert.Contains(firms, f => f.Name == "Przedsiębiorstwo Ślęża Sp. z o.o.");
        Assert.All(firms, f => Assert.StartsWith("biuro", f.Email));
    }

    /// <summary>Every attach of a Firebird file rewrites its header page, so a file's time says whether it was attached.</summary>
    [Fact]
    public async Task A_syncs_check_attaches_no_firm_database_while_programs_check_attaches_them()
    {
        var config = Config(ProgramId.Raks, fb.RaksFolder, "embedded");
        var firmFiles = Directory.EnumerateFiles(fb.RaksFolder)
            .Where(f => Path.GetFileName(f).StartsWith('F') && f.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        List<DateTime> Times() => firmFiles.Select(File.GetLastWriteTimeUtc).ToList();

        var before = Times();
        Right(await _raks.Check(config with { CheckBeforeRead = true }, None));
        var afterSyncCheck = Times();
        Right(await _raks.Check(config, None));
        var afterCheck = Times();

        Assert.NotEmpty(firmFiles);
        Assert.Equal(before, afterSyncCheck);
        Assert.NotEqual(afterSyncCheck, afterCheck);
    }

    [Fact]
    public async Task A_firm_with_an_invalid_nip_is_discovered_with_the_nip_as_given()
    {
        var invalid = fb.Raks.Cases.Single(c => c.Case == SampleCases.InvalidNip);

        var firms = Right(await _raks.Discover(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), None));

        var firm = firms.Single(f => f.FirmKey == invalid.FirmKey);
        Assert.Equal(fb.Raks.Firms.Single(f => f.FirmKey == invalid.FirmKey).Nip, firm.Nip);
        Assert.True(KonektoSync.Domain.Nip.Create(firm.Nip).IsFail);
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Read_gives_the_declarations_by_definition_name_dated_in_the_range(string mode)
    {
        var plan = Plan([Firm(0)], 1, 12, DataKind.Taxes);

        var records = await All(_raks.Read(Config(ProgramId.Raks, fb.RaksFolder, mode), plan, None));

        var declarations = records.OfType<RawDeclaration>().ToList();
        Assert.Equal(12, declarations.Count(d => d.FormName == "VAT-7"));
        Assert.Equal(12, declarations.Count(d => d.FormName == "PIT-4R"));
        var feb = declarations.Single(d => d.FormName == "PIT-4R" && d.DeclarationDate!.Value.Month == 2);
        Assert.Equal(new DateOnly(2024, 2, 29), feb.DeclarationDate);
        Assert.Equal(new DateTime(2024, 3, 10, 8, 1, 0), feb.CreatedAt);
        Assert.True(feb.Amount > 0);
        Assert.IsType<GroupEnd>(records[^1]);
        Assert.Null(((GroupEnd)records[^1]).Failure);
    }

    [Fact]
    public async Task A_firm_stored_with_a_dashed_nip_is_read_by_its_digits()
    {
        Assert.Contains('-', fb.Raks.Firms[1].Nip);
        var plan = Plan([Firm(1)], 1, 12, DataKind.Taxes);

        var records = await All(_raks.Read(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), plan, None));

        Assert.NotEmpty(records.OfType<RawDeclaration>());
    }

    [Fact]
    public async Task The_missing_declaration_and_missing_vat_month_cases_are_absent_from_the_read()
    {
        var missingPit = fb.Raks.Cases.Single(c => c.Case == SampleCases.MissingDeclaration);
        var missingVat = fb.Raks.Cases.Single(c => c.Case == SampleCases.MissingVatMonth);
        var firms = new[] { missingPit.FirmKey, missingVat.FirmKey }
            .Select(k => fb.Raks.Firms.Single(f => f.FirmKey == k)).Select(f => (f.FirmKey, f.Nip.Replace("-", "")));

        var records = await All(_raks.Read(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), Plan(firms, 1, 12, DataKind.Taxes), None));

        var d = records.OfType<RawDeclaration>().ToList();
        Assert.DoesNotContain(d, x => x.FirmKey == missingPit.FirmKey && x.FormName == "PIT-4R" && x.DeclarationDate!.Value.Month == 3);
        Assert.Equal(11, d.Count(x => x.FirmKey == missingPit.FirmKey && x.FormName == "PIT-4R"));
        Assert.Equal(11, d.Count(x => x.FirmKey == missingVat.FirmKey && x.FormName == "VAT-7"));
        Assert.DoesNotContain(d, x => x.FirmKey == missingVat.FirmKey && x.FormName == "VAT-7" && x.DeclarationDate!.Value.Month == 2);
    }

    [Fact]
    public async Task Every_group_ends_once_and_basic_zus_and_statements_are_read()
    {
        var plan = Plan([Firm(0), Firm(2)], 1, 3, DataKind.Basic, DataKind.Zus, DataKind.Taxes, DataKind.Statements);

        var records = await All(_raks.Read(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), plan, None));

        var ends = records.OfType<GroupEnd>().ToList();
        Assert.Equal(8, ends.Count);
        Assert.All(ends, e => Assert.Null(e.Failure));
        var basic = records.OfType<RawBasicData>().Single(b => b.FirmKey == "1");
        Assert.Equal("Zakład Usługowy Łukasz Żółć", basic.Data.Name);
        Assert.NotNull(basic.Data.City);
        var zus = records.OfType<RawZusDeclaration>().Where(z => z.FirmKey == "1").ToList();
        Assert.Equal([1, 2, 3], zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(812.23m, z.Emerytalne));
        Assert.All(zus, z => Assert.Equal(Shared.Nip, z.PayerNip));
        var lines = records.OfType<RawTrialBalanceLine>().Where(l => l.FirmKey == "1").ToList();
        Assert.Equal(18, lines.Count);
        Assert.Contains(lines, l => l.Account == "130" && l.Name == "Rachunek bieżący");
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_data()
    {
        var folder = NewFolder(Path.Combine(fb.Root, "again-" + Guid.NewGuid().ToString("N")[..6]));
        var again = await new RaksSampleWriter().Write(folder, Spec, None);
        var config = Config(ProgramId.Raks, folder, "embedded");
        var plan = Plan([Firm(0), Firm(3)], 1, 12, DataKind.Taxes, DataKind.Zus);

        var first = await All(_raks.Read(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), plan, None));
        var second = await All(_raks.Read(config, plan, None));

        Assert.Equal(fb.Raks.Firms, again.Firms);
        Assert.Equal(first, second);
        Assert.Equal(fb.Raks.Rows, again.Rows);
    }

    [Fact]
    public async Task Detect_proposes_a_folder_holding_Raks3000_from_the_search_roots()
    {
        var raks = RaksProgram.Connector(new DetectPlaces(["/nowhere/raks", fb.RaksFolder], []));

        var found = await raks.Detect(None);

        Assert.Equal(fb.RaksFolder, Assert.Single(found).Get("path"));
        Assert.Empty(await _raks.Detect(None));
    }

    [Fact]
    public async Task Check_reports_the_firms_and_that_the_profile_matches()
    {
        var report = Right(await _raks.Check(Config(ProgramId.Raks, fb.RaksFolder, "server"), None));

        Assert.Contains("6 firms", report.Summary);
        Assert.Contains(report.Details, d => d.Contains("charset WIN1250"));
        Assert.DoesNotContain(report.Details, d => d.EndsWith(" missing"));
    }

    [Fact]
    public async Task Inspect_lists_tables_and_columns_of_every_database_without_rows()
    {
        var catalog = Right(await _raks.Inspect(Config(ProgramId.Raks, fb.RaksFolder, "embedded"), None));

        Assert.Equal(7, catalog.Sources.Count);
        var system = catalog.Sources.Head.Columns;
        Assert.Contains(system, c => c is { Table: "AD_FIRMS", Column: "TAXID", Type: "VARCHAR(20)" });
        Assert.Contains(system, c => c is { Table: "R3_DEKLARACJE", Column: "PODATEK", Type: "NUMERIC(15,2)" });
    }

    [Fact]
    public async Task A_read_abandoned_after_the_first_record_leaves_the_next_read_whole()
    {
        var config = Config(ProgramId.Raks, fb.RaksFolder, "server");
        var plan = Plan([Firm(0)], 1, 12, DataKind.Taxes);
        await foreach (var _ in _raks.Read(config, plan, None)) break;

        var records = await All(_raks.Read(config, plan, None));

        Assert.Equal(24, records.OfType<RawDeclaration>().Count());
    }
}
