using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Reset2Platnik;
using KonektoSync.Extract.Samples;
using KonektoSync.Transform.Facts;
using KonektoSync.Transform.Planning;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Reset2;

/// <summary>
/// What Reset2 Płatnik reads from its sample on the PostgreSQL stand-in: one ZUS declaration per firm
/// and month summing its payroll lines, the month before the range as the source of copy-forward, the
/// facts built the way Płatnik's are, and the problems of a wrong installation.
/// </summary>
public sealed class Reset2PlatnikProgramTests(Reset2PlatnikFixture reset2) : IClassFixture<Reset2PlatnikFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IProgramConnector _platnik = reset2.Connector(DetectPlaces.None);

    private async Task<List<SourceRecord>> Zus(SampleFirmInfo firm, int from, int to, string? database = null) =>
        await All(_platnik.Read(reset2.Config(database ?? reset2.Database), Plan([(firm.FirmKey, firm.Nip)], from, to, DataKind.Zus), None));

    /// <summary>The sums of a firm's month straight from the stand-in (the oracle): pension, disability, sickness, accident, health.</summary>
    private async Task<decimal[]> Sums(int firm, int month)
    {
        await using var c = await SampleServer.PostgreSql.Open(reset2.Database, None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT SUM(n."SklZaklZUS_E" + n."SklPracZUS_E"), SUM(n."SklZaklZUS_R" + n."SklPracZUS_R"), SUM(n."SklPracZUS_C"),
                   SUM(n."SklZaklZUS_W"), SUM(n."KasaChor")
            FROM "dbo"."NPOZLIST" n JOIN "dbo"."LISTA" l ON l."X_I" = n."X_ILista"
            """ + $" WHERE l.\"X_IFirma\" = {firm} AND l.\"Kartoteka_z_miesiaca\" = {month} AND l.\"Kartoteka_z_roku\" = {Year}";
        await using var r = await cmd.ExecuteReaderAsync(None);
        await r.ReadAsync(None);
        return Enumerable.Range(0, 5).Select(i => r.GetDecimal(i)).ToArray();
    }

    [Fact]
    public async Task A_firm_s_month_is_one_declaration_summing_every_person_s_contributions_of_its_payroll_lists()
    {
        var firm = reset2.Sample.Firms[0];

        var records = await Zus(firm, 1, 2);

        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal([1, 2], zus.Select(z => z.Month));
        var jan = zus[0];
        Assert.Equal(await Sums(1, 1), new[] { jan.Emerytalne!.Value, jan.Rentowe!.Value, jan.Chorobowe!.Value, jan.Wypadkowe!.Value, jan.Zdrowotne!.Value });
        Assert.Equal(jan.Emerytalne + jan.Rentowe + jan.Chorobowe + jan.Wypadkowe + jan.Zdrowotne + jan.FpFs + jan.Fgsp + jan.Fep, jan.TotalDue);
        Assert.Equal((firm.Nip, firm.Name, "2024-01"), (jan.PayerNip, jan.PayerName, jan.DocumentId));
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_read_gives_the_last_earlier_month_too_and_a_month_without_a_list_gives_nothing()
    {
        var gap = reset2.Sample.Cases.Single(c => c.Case == SampleCases.MissingDeclaration);
        var firm = reset2.Sample.Firms.Single(f => f.FirmKey == gap.FirmKey);

        var records = await Zus(firm, Reset2PlatnikSampleWriter.GapMonth + 1, Reset2PlatnikSampleWriter.GapMonth + 2);

        Assert.Equal([2, 4, 5], records.OfType<RawZusDeclaration>().Select(z => z.Month));
    }

    [Fact]
    public async Task With_copy_forward_on_the_month_without_a_list_is_copied_from_the_last_one_as_Platnik_s()
    {
        var firm = reset2.Sample.Firms.Single(f => f.FirmKey == "2");
        var records = (await Zus(firm, 1, 4)).Where(r => r is not GroupEnd).ToSeq();

        var built = FactBuilder.Build(ProgramId.Reset2Platnik, Nip(firm.Nip), DataKind.Zus, records, Month(Year, 1), Month(Year, 4),
            new BuildOptions(true, PayerType.Other, RuleSet.Generic, new DateOnly(2030, 1, 1), TestKeys.Pesel));

        var origins = built.Facts.Map(f => (f.Key.Period.Map(p => p.Month).IfNone(0), ((FactBody.Zus)f.Body).Contribution.Origin)).ToArray();
        Assert.Equal(new[] { (1, ZusOrigin.Filed), (2, ZusOrigin.Filed), (3, ZusOrigin.Copied), (4, ZusOrigin.Filed) }, origins);
        var march = (FactBody.Zus)built.Facts[2].Body;
        var february = (FactBody.Zus)built.Facts[1].Body;
        Assert.Equal(february.Contribution with { Period = march.Contribution.Period, Origin = ZusOrigin.Copied }, march.Contribution);
    }

    [Fact]
    public async Task Its_firms_are_payers_matched_to_firms_by_NIP()
    {
        var firms = Right(await _platnik.Discover(reset2.Config(reset2.Database), None));

        Assert.True(PayerHook.IsPayerProgram(ProgramId.Reset2Platnik));
        Assert.Equal(reset2.Sample.Firms.Select(f => (f.FirmKey, f.Nip)), firms.Select(f => (f.FirmKey, f.Nip!)));
    }

    [Fact]
    public async Task A_list_whose_month_is_not_a_month_is_one_declaration_naming_the_list_and_the_months_go_on()
    {
        var (database, info) = await reset2.Write();
        await using (var c = await SampleServer.PostgreSql.Open(database, None))
            await SampleServer.Exec(c, "UPDATE \"dbo\".\"LISTA\" SET \"Kartoteka_z_miesiaca\" = 13 WHERE \"X_I\" = 2", None);

        var zus = (await Zus(info.Firms[0], 1, 3, database)).OfType<RawZusDeclaration>().ToList();

        Assert.Equal([(2024, 1), (2024, 3), (0, 0)], zus.Select(z => (z.Year, z.Month)));
        Assert.Equal("list 2 (its month is not a month)", zus[^1].DocumentId);
    }

    [Fact]
    public async Task Check_names_the_model_firm_column_of_LISTA_when_the_installation_lacks_it()
    {
        var (database, info) = await reset2.Write();
        await using (var c = await SampleServer.PostgreSql.Open(database, None))
            await SampleServer.Exec(c, "ALTER TABLE \"dbo\".\"LISTA\" DROP COLUMN \"X_IFirma\"", None);

        var check = Left(await _platnik.Check(reset2.Config(database), None));
        var failure = Assert.Single((await Zus(info.Firms[0], 1, 1, database)).OfType<GroupEnd>()).Failure!;

        Assert.Equal("program.check", check.Code);
        Assert.Contains("column dbo.LISTA.X_IFirma missing", check.Message);
        Assert.Equal("source.column-missing", failure.Code);
        Assert.Contains("X_IFirma", failure.Args);
    }

    [Fact]
    public async Task A_wrong_password_is_one_login_problem_without_the_password()
    {
        var problem = Left(await _platnik.Discover(reset2.Config(reset2.Database, "Zle-Haslo-81"), None));

        Assert.Equal("source.login", problem.Code);
        Assert.DoesNotContain("Zle-Haslo-81", problem.ToString());
    }

    [Fact]
    public async Task A_missing_database_is_one_problem_naming_it()
    {
        var problem = Left(await _platnik.Check(reset2.Config("reset2platnik_no_such_database"), None));

        Assert.Equal("source.database-missing", problem.Code);
        Assert.Contains("reset2platnik_no_such_database", problem.Message);
    }
}
