using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Ini;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.SymfoniaMk;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.SymfoniaMk;

/// <summary>Symfonia MK's own parts: MKP.INI as Windows writes it, the values read, and bad input.</summary>
public sealed class SymfoniaMkProgramTests(SymfoniaMkFixture mk) : IClassFixture<SymfoniaMkFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Text as CP1250 bytes, built by hand (the Polish letters of Windows-1250).</summary>
    private static byte[] Cp1250(string text)
    {
        var map = new Dictionary<char, byte>
        {
            ['Ł'] = 0xA3, ['ł'] = 0xB3, ['ó'] = 0xF3, ['ź'] = 0x9F, ['Ś'] = 0x8C, ['ś'] = 0x9C, ['Ż'] = 0xAF, ['ż'] = 0xBF,
            ['ą'] = 0xB9, ['ę'] = 0xEA, ['ć'] = 0xE6, ['ń'] = 0xF1,
        };
        return text.Select(c => c < 0x80 ? (byte)c : map[c]).ToArray();
    }

    private string WriteIni(string name, string text)
    {
        var dir = Directory.CreateDirectory(Path.Combine(mk.Root, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var file = Path.Combine(dir, MkpIni.FileName);
        File.WriteAllBytes(file, Cp1250(text));
        return file;
    }

    [Fact]
    public void A_windows_MKP_INI_in_CP1250_names_the_data_folder_and_the_firm_folders()
    {
        var file = WriteIni("windows",
            "; Symfonia Mała Księgowość\r\n[Ogolne]\r\nWersja=2011.a\r\n\r\n[Dane]\r\nKatalog = \"C:\\Symfonia\\MK\\Dane Łódź\"\r\n" +
            "[Firmy]\r\nFirma1=C:\\Symfonia\\MK\\Dane Łódź\\Piekarnia Żąłę\r\nFirma2=Biuro Śródmieście\r\n" +
            "Firma3=\\\\serwer\\mk\\Firma3\\\r\nFirma4=C:\\Inne\\piekarnia żąłę\r\n");

        var ini = Assert.IsType<MkpIni>(MkpIni.Load(file).Match(i => i, f => (object)f));

        Assert.Equal(@"C:\Symfonia\MK\Dane Łódź", ini.DataFolder);
        Assert.Equal(
            [
                new MkpFirm("Piekarnia Żąłę", @"C:\Symfonia\MK\Dane Łódź\Piekarnia Żąłę"),
                new MkpFirm("Biuro Śródmieście", @"C:\Symfonia\MK\Dane Łódź\Biuro Śródmieście"),
                new MkpFirm("Firma3", @"\\serwer\mk\Firma3\"),
            ],
            ini.Firms);
    }

    [Fact]
    public void Without_a_firms_section_the_firms_are_the_folders_of_the_data_folder()
    {
        var data = Directory.CreateDirectory(Path.Combine(mk.Root, "dane-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        Directory.CreateDirectory(Path.Combine(data, "Żabka"));
        Directory.CreateDirectory(Path.Combine(data, "Alfa"));
        var file = WriteIni("nofirms", "[Dane]\r\nKatalog=" + data + "\r\n");

        var ini = MkpIni.Load(file).Match(i => i, f => throw new Xunit.Sdk.XunitException(f.ToString()));

        Assert.Equal(new[] { "Alfa", "Żabka" }, ini.Firms.Select(f => f.Key));
    }

    [Fact]
    public async Task A_file_naming_no_firm_or_no_file_at_all_is_one_problem_naming_the_file()
    {
        var empty = WriteIni("empty", "[Ogolne]\r\nWersja=2011\r\n");
        var absent = Path.Combine(mk.Root, "absent", MkpIni.FileName);

        var none = Left(await SymfoniaMkProgram.Connector().Discover(SymfoniaMkFixture.Config(empty), None));
        var missing = Left(await SymfoniaMkProgram.Connector().Discover(SymfoniaMkFixture.Config(absent), None));

        Assert.Equal("source.file", none.Code);
        Assert.Contains(empty, none.Message);
        Assert.Contains("names no firm", none.Message);
        Assert.Equal("source.file", missing.Code);
        Assert.Contains(absent, missing.Message);
    }

    [Fact]
    public async Task Discover_names_each_firm_by_its_own_firm_table()
    {
        var firms = Right(await SymfoniaMkProgram.Connector().Discover(SymfoniaMkFixture.Config(mk.Ini), None));

        Assert.Equal(mk.Sample.Firms.Select(f => (f.FirmKey, f.Nip, f.Name)),
            firms.Select(f => (f.FirmKey, f.Nip!, f.Name!)));
        Assert.Contains(firms, f => f.FirmKey == "Biuro Łódź-Śródmieście");
        Assert.All(firms, f => Assert.NotNull(f.City));
    }

    [Fact]
    public async Task The_months_read_are_the_plan_s_with_their_declarations_and_contributions()
    {
        var firm = mk.Sample.Firms[1];
        var plan = new ReadPlan(LanguageExt.Prelude.Seq1(new ReadItem(firm.FirmKey, Nip(firm.Nip),
            LanguageExt.Prelude.toSet([DataKind.Taxes, DataKind.Zus]))), Month(Year, 3), Month(Year, 4));

        var records = await All(SymfoniaMkProgram.Connector().Read(SymfoniaMkFixture.Config(mk.Ini), plan, None));

        var taxes = records.OfType<RawDeclaration>().ToList();
        Assert.Equal(new[] { "VAT-7", "PIT-5", "VAT-7", "PIT-5" }, taxes.Select(t => t.FormName));
        Assert.All(taxes, t => Assert.True(t.Amount > 0));
        Assert.Equal(new DateOnly(Year, 4, 20), taxes[0].DeclarationDate);
        var zus = records.OfType<RawZusDeclaration>().ToList();
        Assert.Equal(new[] { 3, 4 }, zus.Select(z => z.Month));
        Assert.All(zus, z => Assert.Equal(z.Emerytalne + z.Rentowe + z.Chorobowe + z.Wypadkowe + z.Zdrowotne + z.FpFs, z.TotalDue));
        Assert.All(records.OfType<GroupEnd>(), e => Assert.Null(e.Failure));
    }

    [Fact]
    public async Task A_firm_whose_database_is_gone_is_named_by_check_and_the_other_firms_go_on()
    {
        var copy = mk.Copy("gone");
        var gone = mk.Sample.Firms[0];
        File.Delete(Path.Combine(Path.GetDirectoryName(copy)!, "Dane", gone.FirmKey, SymfoniaMkSampleWriter.StandInFile));

        var firms = Right(await SymfoniaMkProgram.Connector().Discover(SymfoniaMkFixture.Config(copy), None));

        Assert.Equal(mk.Sample.Firms.Skip(1).Select(f => f.FirmKey), firms.Select(f => f.FirmKey));
    }

    [Fact]
    public async Task Inspect_lists_the_model_tables_of_each_firm_and_no_row_data()
    {
        var catalog = Right(await SymfoniaMkProgram.Connector().Inspect(SymfoniaMkFixture.Config(mk.Ini), None));

        Assert.Equal(mk.Sample.Firms.Count, catalog.Sources.Count);
        Assert.All(catalog.Sources, s =>
        {
            Assert.Contains(s.Columns, c => c is { Table: "DEKLARACJE", Column: "KWOTA" });
            Assert.Contains(s.Columns, c => c is { Table: "ZUS_DRA", Column: "RAZEM" });
        });
        var text = string.Join("\n", catalog.Sources.SelectMany(s => s.Columns.Select(c => $"{s.Source} {c}")));
        Assert.All(mk.Sample.Firms, f => Assert.DoesNotContain(f.Nip, text));
    }

    [Fact]
    public async Task Without_the_vendor_s_driver_the_problem_says_what_to_install()
    {
        var config = new ProgramConfig(ProgramId.SymfoniaMk, new Dictionary<string, string> { ["path"] = mk.Ini }, null);

        var check = Left(await SymfoniaMkProgram.Connector().Check(config, None));
        var records = await All(SymfoniaMkProgram.Connector().Read(config, new ReadPlan(LanguageExt.Prelude.Seq1(
            new ReadItem(mk.Sample.Firms[0].FirmKey, Nip(mk.Sample.Firms[0].Nip), LanguageExt.Prelude.toSet([DataKind.Taxes]))),
            Month(Year, 1), Month(Year, 1)), None));

        Assert.Contains($"'{OdbcEngine.DefaultDriver}' is not installed", check.Message);
        var end = Assert.Single(records.OfType<GroupEnd>());
        Assert.Equal("source.error", end.Failure?.Code);
        Assert.Contains("is not installed", end.Failure!.Message);
    }

    [Theory]
    [InlineData("MK")]
    [InlineData("{0}{2}")]
    public async Task A_firm_database_setting_without_the_firm_is_a_setting_problem(string pattern)
    {
        var values = new Dictionary<string, string>(SymfoniaMkSampleWriter.StandInSettings) { ["path"] = mk.Ini, ["firmDatabase"] = pattern };

        var p = Left(await SymfoniaMkProgram.Connector().Discover(new ProgramConfig(ProgramId.SymfoniaMk, values, null), None));

        Assert.Equal("program.setting", p.Code);
        Assert.Contains("firmDatabase", p.Args);
    }

    [Fact]
    public async Task Detect_finds_MKP_INI_in_every_user_profile()
    {
        var users = Directory.CreateDirectory(Path.Combine(mk.Root, "Users-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        foreach (var user in new[] { "anna", "Księgowa" })
        {
            var config = Directory.CreateDirectory(Path.Combine(users, user, "AppData", "Roaming", "Sage", "Config")).FullName;
            File.Copy(mk.Ini, Path.Combine(config, MkpIni.FileName));
        }
        Directory.CreateDirectory(Path.Combine(users, "Public"));

        var found = await SymfoniaMkProgram.Connector(new DetectPlaces([], MkpIni.PerUser(users, null))).Detect(None);

        Assert.Equal(new[] { "anna", "Księgowa" }, found.Select(c => c.Get("path")!.Split(Path.DirectorySeparatorChar)[^6]));
    }
}
