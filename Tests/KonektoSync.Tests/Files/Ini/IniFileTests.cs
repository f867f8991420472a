using System.Text;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Ini;

namespace KonektoSync.Tests.Files.Ini;

public sealed class IniFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-ini-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string MkpIni =
        "; MKP.INI\r\n" +
        "Wersja=2.0\r\n" +
        "[Firma]\r\n" +
        "Nazwa = Przedsiębiorstwo Żółć Sp. z o.o. \r\n" +
        "Miasto=Łódź\r\n" +
        "# komentarz\r\n" +
        "Ścieżka=\"C:\\Symfonia\\Dane Firmy\"\r\n" +
        "[Bazy]\r\n" +
        "Baza=C:\\DANE\\2023\r\n" +
        "Baza=C:\\DANE\\2024\r\n" +
        "bez znaku równości\r\n";

    private IniFile LoadOrFail(string path, Encoding? encoding = null) =>
        IniFile.Load(path, encoding).Match(i => i, f => throw new Xunit.Sdk.XunitException(f.ToString()));

    [Fact]
    public void A_CP1250_file_with_Polish_letters_reads_by_default()
    {
        var path = Path.Combine(_dir, "MKP.INI");
        File.WriteAllBytes(path, TextEncodings.Get(1250).GetBytes(MkpIni));

        var ini = LoadOrFail(path);

        Assert.Equal("Przedsiębiorstwo Żółć Sp. z o.o.", ini.Get("Firma", "Nazwa"));
        Assert.Equal("Łódź", ini.Get("FIRMA", "miasto"));
        Assert.Equal(@"C:\Symfonia\Dane Firmy", ini.Get("firma", "ŚCIEŻKA"));
    }

    [Fact]
    public void Duplicate_keys_keep_every_value_and_lookup_returns_the_last()
    {
        var ini = IniFile.Parse(MkpIni);

        Assert.Equal([@"C:\DANE\2023", @"C:\DANE\2024"], ini.GetAll("Bazy", "Baza"));
        Assert.Equal(@"C:\DANE\2024", ini.Get("bazy", "BAZA"));
    }

    [Fact]
    public void Keys_before_the_first_section_belong_to_the_empty_section()
    {
        var ini = IniFile.Parse(MkpIni);

        Assert.Equal("2.0", ini.Get("", "Wersja"));
        Assert.Equal(["", "Firma", "Bazy"], ini.Sections);
    }

    [Fact]
    public void Comments_and_lines_without_an_equals_sign_are_not_entries()
    {
        var ini = IniFile.Parse(MkpIni);

        Assert.Equal(["Wersja", "Nazwa", "Miasto", "Ścieżka", "Baza", "Baza"], ini.Entries.Select(e => e.Key));
    }

    [Fact]
    public void A_UTF8_BOM_overrides_the_default_code_page_and_LF_line_ends_work()
    {
        var path = Path.Combine(_dir, "utf8.ini");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("[A]\nKlucz=Gęś\n")]);

        var ini = LoadOrFail(path);

        Assert.Equal("Gęś", ini.Get("a", "klucz"));
    }

    [Fact]
    public void An_explicit_encoding_is_used_for_a_file_without_BOM()
    {
        var path = Path.Combine(_dir, "dos.ini");
        File.WriteAllBytes(path, TextEncodings.Get(852).GetBytes("[A]\r\nMiasto=Łódź\r\n"));

        var ini = LoadOrFail(path, TextEncodings.Get(852));

        Assert.Equal("Łódź", ini.Get("A", "Miasto"));
    }

    [Fact]
    public void A_missing_key_or_section_is_none()
    {
        var ini = IniFile.Parse(MkpIni);

        Assert.Equal((true, true, 0), (ini.Get("Firma", "Brak").IsNone, ini.Get("Brak", "Nazwa").IsNone, ini.GetAll("Brak", "x").Count));
    }

    [Fact]
    public void A_missing_file_is_a_fault_naming_it()
    {
        var path = Path.Combine(_dir, "nie_ma.ini");

        var fault = IniFile.Load(path).MatchUnsafe(_ => null, f => f);

        Assert.Equal(("ini.unreadable", path), (fault?.Code, fault?.File));
    }
}
