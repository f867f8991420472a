using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>
/// Płatnik's connector on a real Płatnik .mdb database named by KONEKTOSYNC_TEST_PLATNIK_MDB (its
/// password in KONEKTOSYNC_TEST_PLATNIK_PASSWORD, if any), through MDBTools. Skipped, with the
/// reason, when the variable names no file: no such database is public.
/// </summary>
public sealed class PlatnikRealDatabaseTests
{
    private const string Variable = "KONEKTOSYNC_TEST_PLATNIK_MDB";
    private static readonly CancellationToken None = CancellationToken.None;

    private static ProgramConfig Config()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(path) || !File.Exists(path), $"{Variable} names no Płatnik .mdb file");
        var password = Environment.GetEnvironmentVariable("KONEKTOSYNC_TEST_PLATNIK_PASSWORD");
        return new ProgramConfig(ProgramId.Platnik, new Dictionary<string, string> { ["path"] = path! },
            string.IsNullOrEmpty(password) ? null : new Secret(password));
    }

    [SkippableFact]
    public async Task Check_accepts_a_real_Platnik_database_or_names_what_it_lacks()
    {
        var config = Config();
        var check = await PlatnikProgram.Connector().Check(config, None);

        check.Match(r => Assert.Contains("firms", r.Summary), p => Assert.Fail($"the real database differs from the profile: {p.Message}"));
    }

    [SkippableFact]
    public async Task Every_payer_s_DRA_of_last_year_is_read_with_valid_periods()
    {
        var config = Config();
        var payers = Right(await PlatnikProgram.Connector().Discover(config, None));
        var year = DateTime.Today.Year - 1;
        var plan = new ReadPlan(payers.Map(p => new ReadItem(p.FirmKey, Nip("5260250995"), LanguageExt.Prelude.Set(DataKind.Zus))),
            Month(year, 1), Month(year, 12));

        var records = await All(PlatnikProgram.Connector().Read(config, plan, None));

        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.All(records.OfType<RawZusDeclaration>().Where(z => z.Year != 0), z => Assert.InRange(z.Month, 1, 12));
    }
}
