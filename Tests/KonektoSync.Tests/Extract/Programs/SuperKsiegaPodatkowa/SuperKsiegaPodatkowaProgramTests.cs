using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.SuperKsiegaPodatkowa;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.SuperKsiegaPodatkowa;

/// <summary>What the Super Księga Podatkowa connector reads from one year's folder.</summary>
public sealed class SuperKsiegaPodatkowaProgramTests(SkpFixture skp) : IClassFixture<SkpFixture>
{
    private readonly IProgramConnector _skp = SuperKsiegaPodatkowaProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;
    private ProgramConfig Config() => new(ProgramId.SuperKsiegaPodatkowa, new Dictionary<string, string> { ["path"] = skp.Folder }, null);

    [Fact]
    public async Task The_firm_folders_are_the_firms_with_the_name_and_NIP_of_their_firm_table()
    {
        var firms = Right(await _skp.Discover(Config(), None));

        Assert.Contains(firms, f => f.FirmKey == "Pierwszy" && f.Name == "Zakład Usługowy Łukasz Żółć");
        Assert.Equal(skp.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)).OrderBy(f => f.FirmKey, StringComparer.Ordinal),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
    }

    [Fact]
    public async Task The_months_of_the_folder_s_year_are_read_and_another_year_reads_as_no_rows()
    {
        var first = skp.Sample.Firms[0];
        var item = new ReadItem(first.FirmKey, Nip(first.Nip), LanguageExt.Prelude.toSet(new[] { DataKind.Taxes, DataKind.Zus }));
        var thisYear = await All(_skp.Read(Config(), new ReadPlan(LanguageExt.Prelude.Seq1(item), Month(Year, 3), Month(Year, 4)), None));
        var lastYear = await All(_skp.Read(Config(), new ReadPlan(LanguageExt.Prelude.Seq1(item), Month(Year - 1, 1), Month(Year - 1, 12)), None));

        // the sample's case: the first firm has no PIT-5 for March
        Assert.Equal(new[] { "VAT-7", "VAT-7", "PIT-5" }, thisYear.OfType<RawDeclaration>().Select(d => d.FormName));
        Assert.Equal(2, thisYear.OfType<RawZusDeclaration>().Count());
        Assert.Equal(new DateOnly(Year, 4, 20), thisYear.OfType<RawDeclaration>().First().DeclarationDate);
        Assert.Equal(2, lastYear.Count);
        Assert.All(lastYear, r => Assert.Null(Assert.IsType<GroupEnd>(r).Failure));
    }
}
