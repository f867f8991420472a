using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Reset2;
using KonektoSync.Extract.Programs.Reset2Firma;
using KonektoSync.Extract.Programs.Reset2Ksiega;
using KonektoSync.Extract.Samples;
using KonektoSync.Transform.Facts;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Reset2;

/// <summary>
/// What Reset2 Firma reads from its sample on the PostgreSQL stand-in: VAT-7 only for the months the
/// firm's VAT settings cover (the sample's first firm: from March), a note for the others, and the
/// problems of a wrong installation.
/// </summary>
public sealed class Reset2FirmaProgramTests(Reset2FirmaFixture reset2) : IClassFixture<Reset2FirmaFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IProgramConnector _firma = reset2.Connector(DetectPlaces.None);

    private async Task<List<SourceRecord>> Taxes(SampleFirmInfo firm, int from, int to) =>
        await All(_firma.Read(reset2.Config(reset2.Database), Plan([(firm.FirmKey, firm.Nip)], from, to, DataKind.Taxes), None));

    [Fact]
    public async Task A_month_outside_the_firm_s_VAT_settings_gives_no_VAT_7_and_a_note_naming_the_month_and_the_path()
    {
        var records = await Taxes(reset2.Sample.Firms[0], 1, 4);

        Assert.Equal([("PIT-5L", 1), ("PIT-5L", 2), ("VAT-7", 3), ("PIT-5L", 3), ("VAT-7", 4), ("PIT-5L", 4)],
            records.OfType<RawDeclaration>().Select(d => (d.FormName, d.DeclarationDate!.Value.Month)));
        var notes = records.OfType<RawMonthNote>().ToList();
        Assert.Equal([(2024, 1), (2024, 2)], notes.Select(n => (n.Year, n.Month)));
        Assert.All(notes, n => Assert.Equal(Reset2Program.VatSettingsCode, n.Note.Code));
        Assert.Equal("Reset2 Firma: no VAT-7 value for 2024-01: the firm's VAT settings name no declaration type with a validity " +
            "period covering 2024-01", notes[0].Note.Message);
        Assert.Contains("Zbiory > Narzędzia and the firm's settings, VAT tab", notes[0].Remedy);
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_firm_whose_VAT_settings_cover_the_plan_gets_every_VAT_7_and_no_note()
    {
        var records = await Taxes(reset2.Sample.Firms[1], 1, 12);

        Assert.Equal(12, records.OfType<RawDeclaration>().Count(d => d.FormName == "VAT-7"));
        Assert.Empty(records.OfType<RawMonthNote>());
    }

    [Fact]
    public async Task A_firm_without_VAT_settings_or_VAT_rows_is_no_VAT_payer_and_gets_no_note()
    {
        var records = await Taxes(reset2.Sample.Firms[^1], 1, 12);

        Assert.Equal(12, records.OfType<RawDeclaration>().Count());
        Assert.All(records.OfType<RawDeclaration>(), d => Assert.Equal("PIT-5L", d.FormName));
        Assert.Empty(records.OfType<RawMonthNote>());
    }

    [Fact]
    public async Task The_notes_become_warning_events_of_their_months_and_the_covered_months_become_VAT_facts()
    {
        var firm = reset2.Sample.Firms[0];
        var records = (await Taxes(firm, 1, 4)).Where(r => r is not GroupEnd).ToList();
        var nip = Nip(firm.Nip);

        var built = FactBuilder.Build(ProgramId.Reset2Firma, nip, DataKind.Taxes, records.ToSeq(), Month(Year, 1), Month(Year, 4),
            new BuildOptions(false, PayerType.Other, RuleSet.Generic, new DateOnly(2030, 1, 1), TestKeys.Pesel));

        var notes = built.Events.Filter(e => e.Code == Reset2Program.VatSettingsCode).ToList();
        Assert.Equal([Month(Year, 1), Month(Year, 2)], notes.Select(e => e.Period.IfNone(() => throw new InvalidOperationException())));
        Assert.All(notes, e => Assert.Equal(Severity.Warning, e.Severity));
        Assert.Equal(new[] { "2024-03", "2024-04" }, built.Facts.Filter(f => f.Key.Text.EndsWith("|VAT-7", StringComparison.Ordinal))
            .Map(f => f.Key.Period.Map(p => p.ToString()).IfNone("")).ToArray());
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_without_the_password()
    {
        var problem = Left(await _firma.Discover(reset2.Config(reset2.Database, "Zle-Haslo-55"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.DoesNotContain("Zle-Haslo-55", problem.ToString());
    }

    [Fact]
    public async Task A_missing_database_is_one_problem_naming_it_and_no_database_set_is_a_missing_setting()
    {
        var missing = Left(await _firma.Discover(reset2.Config("reset2_no_such_database"), None));
        var config = reset2.Config(reset2.Database);
        var unset = Left(await _firma.Discover(config with
        {
            Values = config.Values.Where(v => v.Key != "database").ToDictionary(v => v.Key, v => v.Value),
        }, None));

        Assert.Equal("source.database-missing", missing.Code);
        Assert.Contains("reset2_no_such_database", missing.Message);
        Assert.Equal("program.setting", unset.Code);
        Assert.Contains("setting database is required", unset.Message);
    }

    [Fact]
    public async Task Without_the_VAT_settings_table_check_names_it_and_the_taxes_group_fails_naming_it()
    {
        var (database, info) = await reset2.Write();
        await using (var c = await SampleServer.PostgreSql.Open(database, None))
            await SampleServer.Exec(c, "DROP TABLE \"dbo\".\"USTAWIENIA_VAT\"", None);
        var firm = info.Firms[0];

        var check = Left(await _firma.Check(reset2.Config(database), None));
        var records = await All(_firma.Read(reset2.Config(database), Plan([(firm.FirmKey, firm.Nip)], 1, 2, DataKind.Taxes), None));

        Assert.Equal("program.check", check.Code);
        Assert.Contains("table dbo.USTAWIENIA_VAT missing", check.Message);
        var failure = Assert.Single(records.OfType<GroupEnd>()).Failure!;
        Assert.Equal("source.table-missing", failure.Code);
        Assert.Contains("USTAWIENIA_VAT", failure.Message);
        Assert.Empty(records.OfType<RawDeclaration>());
    }
}

/// <summary>Reset2 Księga: the shared Reset2 definition, with statements from its tax book's months.</summary>
public sealed class Reset2KsiegaProgramTests(Reset2KsiegaFixture reset2) : IClassFixture<Reset2KsiegaFixture>
{
    [Fact]
    public async Task Statements_are_the_tax_book_months_of_the_firm_and_VAT_follows_the_same_settings_as_Firma()
    {
        var firm = reset2.Sample.Firms[0];

        var records = await All(reset2.Connector(DetectPlaces.None).Read(reset2.Config(reset2.Database),
            Plan([(firm.FirmKey, firm.Nip)], 2, 3, DataKind.Statements, DataKind.Taxes), CancellationToken.None));

        Assert.Equal([2, 3], records.OfType<RawTaxBook>().Select(b => b.Month));
        Assert.All(records.OfType<RawTaxBook>(), b => Assert.True(b.Revenue > 0 && b.Costs > 0));
        Assert.Equal([2], records.OfType<RawMonthNote>().Select(n => n.Month));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public void Firma_and_Ksiega_share_one_definition_differing_in_program_and_statements_only()
    {
        var firma = Reset2FirmaProgram.Definition;
        var ksiega = Reset2KsiegaProgram.Definition;

        Assert.Equal(firma.Layout, ksiega.Layout);
        Assert.Equal(firma.DetectValues, ksiega.DetectValues);
        Assert.IsType<KindReader.Custom>(ksiega.Kinds[DataKind.Taxes]);
        Assert.IsType<KindReader.Unsupported>(firma.Kinds[DataKind.Statements]);
        Assert.IsType<KindReader.Query>(ksiega.Kinds[DataKind.Statements]);
    }
}
