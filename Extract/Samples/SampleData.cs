namespace KonektoSync.Extract.Samples;

/// <summary>
/// Deterministic sample values shared by the sample writers: NIPs and PESELs with valid check
/// digits, Polish firm names with diacritics, amounts. The same seed gives the same values.
/// </summary>
public sealed class SampleData
{
    private readonly Random _random;
    public SampleData(int seed) => _random = new Random(seed);

    /// <summary>A generator for one firm: its values do not depend on how many firms came before.</summary>
    public static SampleData ForFirm(int seed, int index) => new(unchecked(seed * 7919 + index * 104729 + 17));

    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>An amount in złoty with grosze, between min and max.</summary>
    public decimal Amount(int min, int max) => _random.Next(min * 100, max * 100) / 100m;

    private static readonly int[] RegonWeights = [8, 9, 2, 3, 4, 5, 6, 7];

    /// <summary>A nine-digit REGON of a sample firm with a valid check digit (weights 8 9 2 3 4 5 6 7, sum mod 11, 10 as 0).</summary>
    public static string Regon(int firm)
    {
        var digits = (12345000 + Math.Abs(firm) % 1000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
        var check = digits.Select((c, i) => (c - '0') * RegonWeights[i]).Sum() % 11 % 10;
        return digits + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly int[] NipWeights = [6, 5, 7, 2, 3, 4, 5, 6, 7];

    /// <summary>A valid NIP (10 digits, mod-11 check digit that is not 10).</summary>
    public string Nip()
    {
        while (true)
        {
            var d = new int[10];
            d[0] = _random.Next(1, 10);
            for (var i = 1; i < 9; i++) d[i] = _random.Next(0, 10);
            var sum = 0;
            for (var i = 0; i < 9; i++) sum += d[i] * NipWeights[i];
            if (sum % 11 == 10) continue;
            d[9] = sum % 11;
            return string.Concat(d);
        }
    }

    private static readonly int[] PeselWeights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    /// <summary>A valid PESEL of a person born 1960-1999.</summary>
    public string Pesel()
    {
        var year = _random.Next(1960, 2000);
        var month = _random.Next(1, 13);
        var day = _random.Next(1, DateTime.DaysInMonth(year, month) + 1);
        var s = $"{year % 100:D2}{month:D2}{day:D2}{_random.Next(0, 10000):D4}";
        var sum = 0;
        for (var i = 0; i < 10; i++) sum += (s[i] - '0') * PeselWeights[i];
        return s + (10 - sum % 10) % 10;
    }

    /// <summary>A NIP with a wrong check digit (for the invalid-NIP case).</summary>
    public static string InvalidNip(string valid) => valid[..9] + (char)('0' + (valid[9] - '0' + 1) % 10);

    /// <summary>"XXX-XXX-XX-XX".</summary>
    public static string Dashed(string nip) => $"{nip[..3]}-{nip[3..6]}-{nip[6..8]}-{nip[8..]}";

    private static readonly string[] FirstNames =
        ["Zakład Usługowy Łukasz Żółć", "Przedsiębiorstwo Ślęża Sp. z o.o.", "Gęś i Łabędź s.c.",
         "Pracownia Źródło Małgorzata Kłęk", "Świętokrzyska Hurtownia Ćma", "Biuro Rachunkowe Żaneta Dąb"];

    private static readonly string[] Trades =
        ["Usługi Budowlane", "Sklep Spożywczy", "Transport Osobowy", "Piekarnia", "Warsztat Samochodowy",
         "Gabinet Fizjoterapii", "Kwiaciarnia", "Hurtownia Papiernicza"];

    private static readonly string[] Surnames =
        ["Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
         "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski"];

    private static readonly string[] Cities =
        ["Wrocław", "Łódź", "Kraków", "Gdańsk", "Poznań", "Bielsko-Biała", "Zielona Góra", "Częstochowa"];

    private static readonly string[] Streets =
        ["ul. Źródlana", "ul. Świętojańska", "ul. Łąkowa", "ul. Żeromskiego", "ul. Kościuszki", "al. Niepodległości"];

    /// <summary>The name of generated firm number <paramref name="index"/>: the first ones fixed, then composed.</summary>
    public string FirmName(int index) => index < FirstNames.Length
        ? FirstNames[index]
        : $"{Trades[_random.Next(Trades.Length)]} {Surnames[_random.Next(Surnames.Length)]} {index}";

    public string City() => Cities[_random.Next(Cities.Length)];
    public string Street() => $"{Streets[_random.Next(Streets.Length)]} {_random.Next(1, 120)}";
    public string PostalCode() => $"{_random.Next(10, 99):D2}-{_random.Next(0, 999):D3}";
    public string Phone() => $"+48 {_random.Next(500, 900)} {_random.Next(100, 999)} {_random.Next(100, 999)}";
    public string Surname() => Surnames[_random.Next(Surnames.Length)];

    /// <summary>A short ASCII name for keys and e-mail addresses.</summary>
    public static string Ascii(string text)
    {
        var map = new Dictionary<char, char>
        {
            ['ą'] = 'a', ['ć'] = 'c', ['ę'] = 'e', ['ł'] = 'l', ['ń'] = 'n', ['ó'] = 'o', ['ś'] = 's', ['ź'] = 'z', ['ż'] = 'z',
            ['Ą'] = 'A', ['Ć'] = 'C', ['Ę'] = 'E', ['Ł'] = 'L', ['Ń'] = 'N', ['Ó'] = 'O', ['Ś'] = 'S', ['Ź'] = 'Z', ['Ż'] = 'Z',
        };
        return new string(text.Select(c => map.TryGetValue(c, out var a) ? a : c)
            .Where(c => char.IsAsciiLetterOrDigit(c)).ToArray());
    }
}

/// <summary>A month's social contributions of an owner, from the year's base (sample values, not the law).</summary>
internal sealed record Contributions(decimal Emerytalne, decimal Rentowe, decimal Chorobowe, decimal Wypadkowe,
    decimal Zdrowotne, decimal FpFs)
{
    public decimal Total => Emerytalne + Rentowe + Chorobowe + Wypadkowe + Zdrowotne + FpFs;

    public static Contributions For(int year, decimal health)
    {
        var b = Math.Round(4161.00m * (1m + 0.08m * (year - 2024)), 2);
        return new(Math.Round(b * 0.1952m, 2), Math.Round(b * 0.08m, 2), Math.Round(b * 0.0245m, 2),
            Math.Round(b * 0.0167m, 2), health, Math.Round(b * 0.0245m, 2));
    }
}
