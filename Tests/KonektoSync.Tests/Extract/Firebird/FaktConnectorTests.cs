using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Fakt;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

[Collection("Firebird")]
public sealed class FaktConnectorTests(FirebirdFixture fb)
{
    private readonly IProgramConnector _fakt = FaktProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private (string Key, string Nip) Firm(int index) => (fb.Fakt.Firms[index].FirmKey, fb.Fakt.Firms[index].Nip);

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Discover_lists_FIRMY_with_the_same_shared_firm_as_raks(string mode)
    {
        var firms = Right(await _fakt.Discover(Config(ProgramId.Fakt, fb.FaktFolder, mode), None));

        Assert.Equal(6, firms.Count);
        Assert.Equal((Shared.Nip, Shared.Name), (firms.Head.Nip, firms.Head.Name));
        Assert.Contains(firms, f => f.Name == "Przedsiębiorstwo Ślęża Sp. z o.o.");
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task Read_gives_tax_reports_newest_first_with_the_regenerated_report_before_the_older_one(string mode)
    {
        var regenerated = fb.Fakt.Cases.Single(c => c.Case == SampleCases.RegeneratedWithoutTax);
        Assert.Equal("1", regenerated.FirmKey);

        var records = await All(_fakt.Read(Config(ProgramId.Fakt, fb.FaktFolder, mode), Plan([Firm(0)], 3, 4, DataKind.Taxes), None));

        var reports = records.OfType<RawReport>().ToList();
        Assert.Equal(3, reports.Count);
        Assert.Equal(reports.OrderByDescending(r => r.GeneratedAt), reports);
        var (newest, older) = (reports[1], reports[2]);
        Assert.Equal(("taxes", new DateTime(2024, 4, 20, 14, 30, 0)), (newest.ReportKind, newest.GeneratedAt));
        Assert.Equal(["VAT-7"], newest.Items.Select(i => i.Code));
        Assert.Equal("both", older.ReportKind);
        Assert.Equal(["PIT-5", "VAT-7"], older.Items.Select(i => i.Code));
        Assert.Equal(older.Items.Single(i => i.Code == "VAT-7").Amount, newest.Items.Single().Amount);
        Assert.All(reports.SelectMany(r => r.Items), i => Assert.Null(i.Zus));
        Assert.Null(Assert.IsType<GroupEnd>(records[^1]).Failure);
    }

    [Fact]
    public async Task Read_gives_zus_items_with_the_payer_and_contributions()
    {
        var records = await All(_fakt.Read(Config(ProgramId.Fakt, fb.FaktFolder, "embedded"), Plan([Firm(0)], 1, 2, DataKind.Zus), None));

        var reports = records.OfType<RawReport>().ToList();
        Assert.Equal(2, reports.Count);
        var zus = reports.SelectMany(r => r.Items).Select(i => i.Zus!).ToList();
        Assert.All(zus, z =>
        {
            Assert.Equal(Shared.Nip, z.PayerNip);
            Assert.Equal(812.23m, z.Emerytalne);
            Assert.True(Pesel.Create(z.PayerPesel).IsSuccess);
            Assert.Equal(z.Emerytalne + z.Rentowe + z.Chorobowe + z.Wypadkowe + z.Zdrowotne + z.FpFs, z.TotalDue);
        });
        Assert.Equal([2, 1], zus.Select(z => z.Month));
    }

    [Fact]
    public async Task Statements_are_not_read_from_fakt_and_basic_data_is()
    {
        var records = await All(_fakt.Read(Config(ProgramId.Fakt, fb.FaktFolder, "embedded"),
            Plan([Firm(1)], 1, 1, DataKind.Basic, DataKind.Statements), None));

        Assert.Equal(fb.Fakt.Firms[1].Name, records.OfType<RawBasicData>().Single().Data.Name);
        var statements = records.OfType<GroupEnd>().Single(e => e.Kind == DataKind.Statements);
        Assert.Equal("program.kind-unsupported", statements.Failure!.Code);
    }

    [Fact]
    public async Task A_missing_archive_table_is_named_as_an_older_program_version()
    {
        var copy = fb.Copy(fb.FaktFolder, "fakt-noarchive");
        await Execute(Path.Combine(copy, "FAKT.FDB"), "DROP TABLE ARCHIWUM_WYDRUKOW");

        var records = await All(_fakt.Read(Config(ProgramId.Fakt, copy, "server"),
            Plan([Firm(0), Firm(1)], 1, 12, DataKind.Basic, DataKind.Taxes), None));
        var check = Left(await _fakt.Check(Config(ProgramId.Fakt, copy, "server"), None));

        var failed = records.OfType<GroupEnd>().Where(e => e.Failure is not null).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, e => Assert.Equal(
            $"Fakt: table ARCHIWUM_WYDRUKOW missing in {copy}/FAKT.FDB: program version older than supported: update Fakt, or name the table in a profile override", e.Failure!.Message));
        Assert.Equal(2, records.OfType<RawBasicData>().Count());
        Assert.Contains("table ARCHIWUM_WYDRUKOW missing", check.Message);
    }

    [Fact]
    public async Task A_profile_override_renames_a_column_and_check_names_what_is_missing()
    {
        var dir = NewFolder(Path.Combine(fb.Root, "profiles-" + Guid.NewGuid().ToString("N")[..6]));
        File.WriteAllText(Path.Combine(dir, "fakt.profile.json"),
            """{ "items": { "column.firms.nip": { "value": "NIP_FIRMY" }, "column.firms.email": { "value": "E_MAIL" } } }""");

        var check = Left(await _fakt.Check(Config(ProgramId.Fakt, fb.FaktFolder, "embedded", profileDir: dir), None));
        var discover = Left(await _fakt.Discover(Config(ProgramId.Fakt, fb.FaktFolder, "embedded", profileDir: dir), None));

        Assert.Contains("column FIRMY.NIP_FIRMY missing", check.Message);
        Assert.DoesNotContain("E_MAIL missing", check.Message);
        Assert.Contains("lacks columns NIP_FIRMY", discover.Message);
    }

    [Fact]
    public async Task A_profile_override_with_an_unknown_item_is_refused()
    {
        var dir = NewFolder(Path.Combine(fb.Root, "profiles-" + Guid.NewGuid().ToString("N")[..6]));
        File.WriteAllText(Path.Combine(dir, "fakt.profile.json"), """{ "items": { "column.firms.nipp": { "value": "NIP" } } }""");

        var problem = Left(await _fakt.Discover(Config(ProgramId.Fakt, fb.FaktFolder, "embedded", profileDir: dir), None));

        Assert.Equal("profile.key", problem.Code);
        Assert.Contains("unknown profile item 'column.firms.nipp'", problem.Message);
    }
}
