using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Kpr;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Kpr;

/// <summary>KPR's year folders and its export read as text tables.</summary>
public sealed class KprProgramTests(KprFixture kpr) : IClassFixture<KprFixture>
{
    private readonly IProgramConnector _kpr = KprProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    private ProgramConfig Config(params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string> { ["path"] = kpr.Folder };
        foreach (var (k, v) in more) values[k] = v;
        return new ProgramConfig(ProgramId.Kpr, values, null);
    }

    [Fact]
    public async Task The_KPR_year_folders_are_the_installations_and_their_export_gives_the_firm()
    {
        var firms = Right(await _kpr.Discover(Config(), None));

        Assert.True(Directory.Exists(Path.Combine(kpr.Folder, $"KPR_{Year}")));
        Assert.Equal(kpr.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)).OrderBy(f => f.FirmKey, StringComparer.Ordinal),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)).OrderBy(f => f.FirmKey, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Off_Windows_the_export_already_in_the_year_folder_is_read_even_with_the_exporter_set()
    {
        var first = kpr.Sample.Firms[0];
        var plan = Plan([(first.FirmKey, first.Nip)], 1, 2, DataKind.Taxes, DataKind.Zus);

        var records = await All(_kpr.Read(Config(("exporter", @"C:\KPR\ImportDoKPR.exe")), plan, None));

        Assert.False(OperatingSystem.IsWindows());
        Assert.Equal(4, records.OfType<RawDeclaration>().Count());
        Assert.Equal(2, records.OfType<RawZusDeclaration>().Count());
        Assert.Equal(new DateOnly(Year, 2, 20), records.OfType<RawDeclaration>().First().DeclarationDate);
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.Contains(_kpr.Settings, s => s.Key == "exporter");
    }

    [Fact]
    public async Task The_years_of_the_range_are_read_from_their_folders_and_a_year_without_one_is_empty()
    {
        var first = kpr.Sample.Firms[0];
        var item = new ReadItem(first.FirmKey, Nip(first.Nip), LanguageExt.Prelude.toSet(new[] { DataKind.Taxes }));

        var records = await All(_kpr.Read(Config(), new ReadPlan(LanguageExt.Prelude.Seq1(item), Month(Year - 1, 11), Month(Year, 1)), None));

        Assert.Equal(new[] { (Year, 1), (Year, 1) }, records.OfType<RawDeclaration>().Select(d => (d.DeclarationDate!.Value.Year, d.DeclarationDate.Value.Month - 1)));
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }
}
