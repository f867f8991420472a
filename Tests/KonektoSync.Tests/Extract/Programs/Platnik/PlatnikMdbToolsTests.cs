using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Platnik;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>
/// Płatnik's connector on real .mdb files through unixODBC and the MDBTools driver (Tests/fixtures/access:
/// Access databases that are not Płatnik's): the read path opens them, lists their tables and names
/// exactly what a Płatnik database would have.
/// </summary>
public sealed class PlatnikMdbToolsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static string Fixture(string name) => Path.Combine(TestRepository.Root, "Tests", "fixtures", "access", name);

    private static ProgramConfig Config(string path, string? password = null) =>
        new(ProgramId.Platnik, new Dictionary<string, string> { ["path"] = path, ["driver"] = "MDBTools" },
            password is null ? null : new Secret(password));

    [Fact]
    public async Task Inspect_lists_the_tables_of_a_real_mdb_file_through_MDBTools()
    {
        var catalog = Right(await PlatnikProgram.Connector().Inspect(Config(Fixture("nwind.mdb")), None));

        var (source, columns) = Assert.Single(catalog.Sources);
        Assert.Contains("nwind.mdb", source);
        Assert.Contains(columns, c => c.Table == "Customers" && c.Column == "CompanyName");
    }

    [Fact]
    public async Task A_real_mdb_file_without_Platnik_s_tables_is_named_with_the_table_it_lacks()
    {
        var password = "Zle-Haslo-204";
        var problem = Left(await PlatnikProgram.Connector().Discover(Config(Fixture("nwind.mdb"), password), None));
        var check = Left(await PlatnikProgram.Connector().Check(Config(Fixture("nwind.mdb"), password), None));

        Assert.Equal("source.table-missing", problem.Code);
        Assert.Contains("PLATNIK", problem.Args);
        Assert.Contains("table PLATNIK missing", check.Message);
        Assert.DoesNotContain(password, problem.ToString() + check);
    }
}
