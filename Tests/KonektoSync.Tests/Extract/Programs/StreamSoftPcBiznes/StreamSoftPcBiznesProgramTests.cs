using System.Buffers.Binary;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Paradox;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.StreamSoftPcBiznes;
using KonektoSync.Tests.Extract.Programs.Files;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.StreamSoftPcBiznes;

/// <summary>
/// What the StreamSoft PCBiznes connector reads from Ala's and Aga's Paradox tables, and how bad input
/// (a missing year folder, a cut table, a changed layout, a wrong code page) gives one clear problem
/// naming the file while the other firms go on.
/// </summary>
public sealed class StreamSoftPcBiznesProgramTests(PcBiznesFixture pc) : IClassFixture<PcBiznesFixture>
{
    private readonly IProgramConnector _pc = StreamSoftPcBiznesProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;

    internal static ProgramConfig Config(string folder, string? codePage = null)
    {
        var values = new Dictionary<string, string> { ["path"] = folder };
        if (codePage is not null) values["codePage"] = codePage;
        return new(ProgramId.StreamSoftPcBiznes, values, null);
    }

    private string Copy()
    {
        var target = Path.Combine(pc.Root, "copy-" + Guid.NewGuid().ToString("N")[..8]);
        TableFilesContract.CopyTree(pc.Folder, target);
        return target;
    }

    private static string Ala(string root, string firm, int year) => Path.Combine(root, "Ala", "DANE", firm, year.ToString());

    private static ReadPlan Plan(IEnumerable<SampleFirmInfo> firms, Period from, Period to, params DataKind[] kinds) =>
        new(firms.Select(f => new ReadItem(f.FirmKey, Nip(f.Nip), LanguageExt.Prelude.toSet(kinds))).ToSeq(), from, to);

    private static void Replace(string path, ParadoxWriter table)
    {
        File.Delete(path);
        table.WriteTo(path);
    }

    private static ParadoxWriter Book() => new ParadoxWriter(1250).Field("LP", ParadoxFieldKind.Long).Field("DATA", ParadoxFieldKind.Date)
        .Field("PRZYCHOD", ParadoxFieldKind.Currency).Field("WYDATKI", ParadoxFieldKind.Currency);

    private static ParadoxWriter Vat() => new ParadoxWriter(1250).Field("LP", ParadoxFieldKind.Long).Field("DATA", ParadoxFieldKind.Date)
        .Field("RODZAJ", ParadoxFieldKind.Alpha, 1).Field("NETTO", ParadoxFieldKind.Currency).Field("VAT", ParadoxFieldKind.Currency);

    [Fact]
    public async Task Taxes_are_the_VAT_register_s_monthly_balance_and_PIT_5L_advances_of_the_book()
    {
        var copy = Copy();
        var firm = pc.Sample.Firms[0];
        var ala = Ala(copy, firm.FirmKey, Year);
        Replace(Path.Combine(ala, "Rejvat.db"), Vat()
            .Record(1, new DateOnly(Year, 1, 3), "S", 1000m, 230m).Record(2, new DateOnly(Year, 1, 9), "S", 200m, 46m)
            .Record(3, new DateOnly(Year, 1, 20), "Z", 300m, 69m).Record(4, new DateOnly(Year, 2, 2), "Z", 434.78m, 100m));
        Replace(Path.Combine(ala, "Ksiega.db"), Book()
            .Record(1, new DateOnly(Year, 1, 5), 10000m, null).Record(2, new DateOnly(Year, 1, 6), null, 4000m)
            .Record(3, new DateOnly(Year, 2, 5), 1000m, 3000m).Record(4, new DateOnly(Year, 3, 5), 5000m, null));

        var records = await All(_pc.Read(Config(copy), Plan([firm], Month(Year, 1), Month(Year, 3), DataKind.Taxes, DataKind.Statements), None));

        Assert.Equal(
            new (string, DateOnly?, decimal?)[]
            {
                ("VAT-7", new DateOnly(Year, 1, 31), 207m), ("VAT-7", Month(Year, 2).LastDay, -100m),
                // income 6000, 4000, 9000 from January: 19 % is 1140, 760, 1710; less what was paid
                ("PIT-5L", new DateOnly(Year, 1, 31), 1140m), ("PIT-5L", Month(Year, 2).LastDay, 0m), ("PIT-5L", new DateOnly(Year, 3, 31), 570m),
            },
            records.OfType<RawDeclaration>().Select(d => (d.FormName, d.DeclarationDate, d.Amount)));
        Assert.Equal(new (int, decimal?, decimal?)[] { (1, 10000m, 4000m), (2, 1000m, 3000m), (3, 5000m, 0m) },
            records.OfType<RawTaxBook>().Select(b => (b.Month, b.Revenue, b.Costs)));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task ZUS_is_the_payroll_of_Aga_summed_per_month_with_the_firm_as_payer()
    {
        var firm = pc.Sample.Firms[1];
        var plac = Path.Combine(pc.Folder, "Aga", "DANE", firm.FirmKey, Year.ToString(), "Plac.db");
        using var table = ParadoxTable.Open(plac, ParadoxOptions.Default).Match(t => t, f => throw new Xunit.Sdk.XunitException(f.ToString()));
        var march = table.Rows(new KonektoSync.Extract.Engines.Files.ReadCounts()).Select(r => r.Values!)
            .Where(v => (int)v[3]! == 3).ToList();

        var records = await All(_pc.Read(Config(pc.Folder), Plan([firm], Month(Year, 3), Month(Year, 4), DataKind.Zus), None));

        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal(new[] { 3, 4 }, zus.Select(z => z.Month));
        Assert.Equal(2, march.Count);
        Assert.Equal(march.Sum(v => (decimal)v[4]!), zus[0].Emerytalne);
        Assert.Equal(march.Sum(v => (decimal)v[8]!), zus[0].Zdrowotne);
        Assert.Equal(march.Sum(v => Enumerable.Range(4, 7).Sum(i => (decimal)v[i]!)), zus[0].TotalDue);
        Assert.Equal(("firm", firm.Nip), (zus[0].PayerType, zus[0].PayerNip));
    }

    [Fact]
    public async Task A_firm_only_in_Aga_is_listed_by_its_folder_and_has_its_ZUS_read_and_no_taxes()
    {
        var copy = Copy();
        var firm = pc.Sample.Firms[0];
        Directory.Delete(Path.Combine(copy, "Ala", "DANE", firm.FirmKey), recursive: true);

        var firms = Right(await _pc.Discover(Config(copy), None));
        var records = await All(_pc.Read(Config(copy), Plan([firm], Month(Year, 1), Month(Year, 2), DataKind.Taxes, DataKind.Zus), None));

        Assert.Equal(pc.Sample.Firms.Select(f => f.FirmKey), firms.Select(f => f.FirmKey));
        Assert.Equal(firm.FirmKey, firms[0].Name);
        Assert.Equal(2, records.OfType<RawZusDeclaration>().Count());
        Assert.Empty(records.OfType<RawDeclaration>());
        Assert.Empty(records.OfType<RawMonthNote>());
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task A_missing_year_folder_is_one_note_naming_the_firm_s_folder_and_the_other_years_are_read()
    {
        var firms = pc.Sample.Firms.Take(2).ToList();

        var records = await All(_pc.Read(Config(pc.Folder), Plan(firms, Month(Year - 1, 11), Month(Year, 1), DataKind.Taxes), None));

        var notes = records.OfType<RawMonthNote>().ToList();
        Assert.Equal(firms.Select(f => f.FirmKey), notes.Select(n => n.FirmKey));
        Assert.All(notes, n =>
        {
            Assert.Equal(("program.year-missing", Year - 1, 11), (n.Note.Code, n.Year, n.Month));
            Assert.Contains(Path.Combine(pc.Folder, "Ala", "DANE", n.FirmKey), n.Note.Message);
            Assert.Contains($"open the year {Year - 1}", n.Remedy);
        });
        Assert.Equal(4, records.OfType<RawDeclaration>().Count()); // January's VAT-7 and PIT-5L of each firm
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task A_truncated_table_fails_its_firm_s_group_naming_the_file_and_the_other_firms_go_on()
    {
        var copy = Copy();
        var (broken, other) = (pc.Sample.Firms[0], pc.Sample.Firms[1]);
        var book = Path.Combine(Ala(copy, broken.FirmKey, Year), "Ksiega.db");
        File.WriteAllBytes(book, File.ReadAllBytes(book)[..(2048 + 500)]);

        var records = await All(_pc.Read(Config(copy), Plan([broken, other], Month(Year, 1), Month(Year, 12), DataKind.Statements), None));

        var failure = records.OfType<GroupEnd>().Single(e => e.FirmKey == broken.FirmKey).Failure!;
        Assert.Equal("source.file", failure.Code);
        Assert.Contains(book, failure.Message);
        Assert.Contains("copy it again", failure.Message);
        Assert.Null(records.OfType<GroupEnd>().Single(e => e.FirmKey == other.FirmKey).Failure);
        Assert.Equal(12, records.OfType<RawTaxBook>().Count(b => b.FirmKey == other.FirmKey));
    }

    [Fact]
    public async Task A_table_of_another_layout_fails_its_group_naming_the_column_and_check_names_the_file()
    {
        var copy = Copy();
        var (changed, other) = (pc.Sample.Firms[0], pc.Sample.Firms[1]);
        var vat = Path.Combine(Ala(copy, changed.FirmKey, Year), "Rejvat.db");
        ParadoxEdit.DropColumn(vat, "VAT");

        var records = await All(_pc.Read(Config(copy), Plan([changed, other], Month(Year, 1), Month(Year, 1), DataKind.Taxes), None));
        var check = Left(await _pc.Check(Config(copy), None));

        var failure = records.OfType<GroupEnd>().Single(e => e.FirmKey == changed.FirmKey).Failure!;
        Assert.Equal("source.column-missing", failure.Code);
        Assert.Contains("VAT", failure.Args);
        Assert.Null(records.OfType<GroupEnd>().Single(e => e.FirmKey == other.FirmKey).Failure);
        Assert.Contains($"{Ala(copy, changed.FirmKey, Year)}: column Rejvat.VAT missing", check.Message);
    }

    [Fact]
    public async Task A_wrong_code_page_in_a_header_names_the_file_and_the_codePage_setting_reads_it()
    {
        var copy = Copy();
        var (odd, other) = (pc.Sample.Firms[0], pc.Sample.Firms[1]);
        var vat = Path.Combine(Ala(copy, odd.FirmKey, Year), "Rejvat.db");
        var bytes = File.ReadAllBytes(vat);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x6A), 65001); // UTF-8: not a code page of Paradox text
        File.WriteAllBytes(vat, bytes);
        var plan = Plan([odd, other], Month(Year, 1), Month(Year, 1), DataKind.Taxes);

        var records = await All(_pc.Read(Config(copy), plan, None));
        var withSetting = await All(_pc.Read(Config(copy, codePage: "1250"), plan, None));

        var failure = records.OfType<GroupEnd>().Single(e => e.FirmKey == odd.FirmKey).Failure!;
        Assert.Contains(vat, failure.Message);
        Assert.Contains("code page 65001", failure.Message);
        Assert.Contains("set the encoding", failure.Message);
        Assert.Null(records.OfType<GroupEnd>().Single(e => e.FirmKey == other.FirmKey).Failure);
        Assert.All(withSetting.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
        Assert.Equal(2, withSetting.OfType<RawDeclaration>().Count(d => d.FirmKey == odd.FirmKey));
    }

    [Fact]
    public async Task A_firm_whose_firm_table_is_cut_keeps_its_folder_name_and_the_others_are_listed()
    {
        var copy = Copy();
        var firm = pc.Sample.Firms[2];
        var table = Path.Combine(Ala(copy, firm.FirmKey, Year), "Firma.db");
        File.WriteAllBytes(table, File.ReadAllBytes(table)[..50]);

        var firms = Right(await _pc.Discover(Config(copy), None));

        Assert.Equal(pc.Sample.Firms.Select(f => f.FirmKey), firms.Select(f => f.FirmKey));
        Assert.Equal(firm.FirmKey, firms.Single(f => f.FirmKey == firm.FirmKey).Name);
        Assert.Equal(pc.Sample.Firms[0].Name, firms[0].Name);
    }

    [Fact]
    public async Task Detect_finds_the_StreamSoft_folder_and_the_texts_name_Ala_and_Aga_folders()
    {
        var found = await StreamSoftPcBiznesProgram.Connector(new DetectPlaces([Path.Combine(pc.Folder, "Ala"), pc.Folder], [])).Detect(None);

        Assert.Equal(pc.Folder, Assert.Single(found).Get("path"));
        Assert.Contains(@"C:\ProgramData\StreamSoft", StreamSoftPcBiznesProgram.DefaultPlaces.Folders);
    }
}
