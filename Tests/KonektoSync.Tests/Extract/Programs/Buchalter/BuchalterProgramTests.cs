using System.Text;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Tests.Extract.Programs.Files;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Buchalter;

/// <summary>What Buchalter's connector reads from its sample: firms, partners' ZUS, employees' ZUS exports, and bad exports.</summary>
public sealed class BuchalterProgramTests : IClassFixture<BuchalterFixture>
{
    private readonly BuchalterFixture _sample;
    private readonly IProgramConnector _buchalter = BuchalterProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    public BuchalterProgramTests(BuchalterFixture sample) => _sample = sample;

    private static ProgramConfig Config(string path) => new(ProgramId.Buchalter, new Dictionary<string, string> { ["path"] = path }, null);

    private string CopyOf()
    {
        var copy = Path.Combine(_sample.Root, "copy-" + Guid.NewGuid().ToString("N")[..6]);
        TableFilesContract.CopyTree(_sample.Folder, copy);
        return copy;
    }

    private SampleFirmInfo FirmA => _sample.Sample.Firms[0];
    private SampleFirmInfo FirmB => _sample.Sample.Firms[1];

    private static ReadPlan Zus(SampleFirmInfo firm, int from, int to) =>
        Plan([(firm.FirmKey, firm.Nip)], from, to, DataKind.Zus);

    [Fact]
    public async Task Discover_lists_each_firm_folder_with_the_name_and_NIP_of_its_firm_table()
    {
        var firms = Right(await _buchalter.Discover(Config(_sample.Folder), None));

        Assert.Equal(_sample.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
        Assert.Equal("Zakład Usługowy Łukasz Żółć", firms[0].Name);
    }

    [Fact]
    public async Task Partners_ZUS_comes_from_the_register_and_employees_ZUS_is_the_month_s_export_summed()
    {
        var records = await All(_buchalter.Read(Config(_sample.Folder), Zus(FirmA, 3, 3), None));

        var zus = records.OfType<RawZusDeclaration>().ToList();
        var partner = Assert.Single(zus, z => z.PayerPesel is not null);
        Assert.Equal((Year, 3, "SelfOnly"), (partner.Year, partner.Month, partner.PayerType));
        Assert.EndsWith("Łucja", partner.PayerName);
        var employees = Assert.Single(zus, z => z.PayerPesel is null);
        var export = File.ReadAllLines(Path.Combine(_sample.Folder, FirmA.FirmKey, $"ZUSPRAC{Year}03.TXT"), Cp1250)
            .Skip(1).Select(l => l.Split(';')).ToList();
        Assert.Equal(export.Sum(c => decimal.Parse(c[9].Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture)),
            employees.TotalDue);
        Assert.Equal($"EKSPORT-{Year}-03", employees.DocumentId);
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_firm_without_employees_reads_its_partners_ZUS_with_no_problem()
    {
        var records = await All(_buchalter.Read(Config(_sample.Folder), Zus(FirmB, 1, 12), None));

        Assert.Equal(12, records.OfType<RawZusDeclaration>().Count());
        Assert.Null(Assert.Single(records.OfType<GroupEnd>()).Failure);
    }

    [Fact]
    public async Task A_missing_export_ends_the_group_with_one_problem_naming_the_month_after_the_other_months()
    {
        var copy = CopyOf();
        File.Delete(Path.Combine(copy, FirmA.FirmKey, $"ZUSPRAC{Year}03.TXT"));

        var records = await All(_buchalter.Read(Config(copy), Zus(FirmA, 2, 4), None));

        var end = Assert.Single(records.OfType<GroupEnd>());
        Assert.Equal("buchalter.zus-export-missing", end.Failure!.Code);
        Assert.Contains($"generate the ZUS report for {Year}-03 in Buchalter and confirm the export", end.Failure.Message);
        Assert.Equal(new[] { 2, 4 }, records.OfType<RawZusDeclaration>().Where(z => z.PayerPesel is null).Select(z => z.Month));
    }

    [Fact]
    public async Task An_export_with_a_changed_layout_gives_one_problem_naming_the_file_and_the_column()
    {
        var copy = CopyOf();
        var file = Path.Combine(copy, FirmA.FirmKey, $"ZUSPRAC{Year}05.TXT");
        var lines = File.ReadAllLines(file, Cp1250);
        lines[0] = lines[0].Replace("RAZEM", "SUMA");
        File.WriteAllLines(file, lines, Cp1250);

        var records = await All(_buchalter.Read(Config(copy), Zus(FirmA, 5, 5), None));

        var failure = Assert.Single(records.OfType<GroupEnd>()).Failure!;
        Assert.Equal("source.export-layout", failure.Code);
        Assert.Equal(new[] { "Buchalter", file, "RAZEM" }, failure.Args);
    }

    [Fact]
    public async Task An_export_cut_in_a_line_gives_a_problem_naming_the_file_and_line()
    {
        var copy = CopyOf();
        var file = Path.Combine(copy, FirmA.FirmKey, $"ZUSPRAC{Year}06.TXT");
        var text = File.ReadAllText(file, Cp1250);
        File.WriteAllText(file, text[..(text.Length - 20)], Cp1250);

        var records = await All(_buchalter.Read(Config(copy), Zus(FirmA, 6, 6), None));

        var failure = Assert.Single(records.OfType<GroupEnd>()).Failure!;
        Assert.Equal("source.file", failure.Code);
        Assert.Contains($"{file} @ 3", failure.Args);
    }

    [Fact]
    public async Task A_firm_whose_firm_table_is_cut_is_listed_by_its_folder_and_the_other_firms_by_their_names()
    {
        var copy = CopyOf();
        var file = Path.Combine(copy, FirmB.FirmKey, $"B5FIRM{Year % 100:00}.DBF");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..40]);

        var firms = Right(await _buchalter.Discover(Config(copy), None));

        Assert.Equal((FirmB.FirmKey, (string?)null), (firms[1].Name, firms[1].Nip));
        Assert.Equal((FirmA.Name, FirmA.Nip), (firms[0].Name!, firms[0].Nip!));
        Assert.Equal(_sample.Sample.Firms.Count, firms.Count);
    }

    [Fact]
    public async Task An_absent_installation_folder_is_one_problem_naming_it()
    {
        var absent = Path.Combine(_sample.Root, "NIE-MA");

        var problem = Left(await _buchalter.Discover(Config(absent), None));
        var check = Left(await _buchalter.Check(Config(absent), None));

        Assert.Equal("program.folder-missing", problem.Code);
        Assert.Contains(absent, problem.Args);
        Assert.Equal("program.folder-missing", check.Code);
    }

    [Fact]
    public async Task A_year_the_firm_has_no_tables_for_is_an_empty_group()
    {
        var plan = new ReadPlan(LanguageExt.Prelude.Seq1(new ReadItem(FirmA.FirmKey, Nip(FirmA.Nip),
            LanguageExt.Prelude.toSet(new[] { DataKind.Taxes, DataKind.Zus }))), Month(Year - 3, 1), Month(Year - 3, 12));

        var records = await All(_buchalter.Read(Config(_sample.Folder), plan, None));

        Assert.Equal(2, records.Count);
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task Inspect_names_the_tables_of_each_firm_s_year_without_their_digits()
    {
        var catalog = Right(await _buchalter.Inspect(Config(_sample.Folder), None));

        var first = catalog.Sources.First(s => s.Source.StartsWith(Path.Combine(_sample.Folder, FirmA.FirmKey), StringComparison.Ordinal));
        Assert.EndsWith($"*{Year % 100}", first.Source);
        Assert.Equal(new[] { "B5DEKL", "B5FIRM", "B5WSPL", "B5ZUSW" }, first.Columns.Select(c => c.Table).Distinct().Order());
        Assert.Contains(new CatalogColumn("B5WSPL", "PESEL", "Character(11)"), first.Columns);
    }

    private static readonly Encoding Cp1250 = KonektoSync.Extract.Samples.SampleEncodings.Get(1250);
}
