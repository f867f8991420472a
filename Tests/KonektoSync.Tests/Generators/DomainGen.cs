using FsCheck;
using FsCheck.Fluent;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Tests.Generators;

/// <summary>Valid domain values, built through the smart constructors.</summary>
public static class DomainGen
{
    private static readonly int[] NipWeights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    private static readonly int[] PeselWeights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    /// <summary>10 digits with a right check digit.</summary>
    public static Gen<string> NipDigits =>
        from body in Gen.Choose(0, 9).ArrayOf(9)
        let check = body.Select((d, i) => d * NipWeights[i]).Sum() % 11
        where check != 10
        select string.Concat(body) + check;

    public static Gen<Nip> Nip => NipDigits.Select(d => Valid(global::KonektoSync.Domain.Nip.Create(d)));

    /// <summary>The same NIP as people write it: bare, with "PL", spaces or either dash style.</summary>
    public static Gen<string> NipWritten(string d) => Gen.Elements(
        d, "PL" + d, "PL " + d, "pl" + d, $" {d} ",
        $"{d[..3]}-{d[3..6]}-{d[6..8]}-{d[8..]}", $"{d[..3]}-{d[3..5]}-{d[5..7]}-{d[7..]}",
        $"PL {d[..3]}-{d[3..6]}-{d[6..8]}-{d[8..]}", $"{d[..3]} {d[3..6]} {d[6..8]} {d[8..]}");

    /// <summary>11 digits of a real date (1800-2299), the century in the month, a right check digit.</summary>
    public static Gen<string> PeselDigits =>
        from year in Gen.Choose(1800, 2299)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
        from serial in Gen.Choose(0, 9999)
        select WithCheckDigit(PeselDatePart(new DateOnly(year, month, day)) + serial.ToString("D4"));

    public static Gen<Pesel> Pesel => PeselDigits.Select(d => Valid(global::KonektoSync.Domain.Pesel.Create(d)));

    public static Gen<Period> Period =>
        from year in Gen.Choose(1990, 2199)
        from month in Gen.Choose(1, 12)
        select Valid(global::KonektoSync.Domain.Period.Create(year, month));

    public static Gen<ProgramId> Program => Gen.Elements(Enum.GetValues<ProgramId>());

    public static string PeselDatePart(DateOnly date)
    {
        var offset = (date.Year / 100) switch { 18 => 80, 19 => 0, 20 => 20, 21 => 40, _ => 60 };
        return $"{date.Year % 100:D2}{date.Month + offset:D2}{date.Day:D2}";
    }

    public static string WithCheckDigit(string tenDigits) =>
        tenDigits + (10 - tenDigits.Select((c, i) => (c - '0') * PeselWeights[i]).Sum() % 10) % 10;

    /// <summary>The value of a validation that must succeed (a generator bug otherwise).</summary>
    public static T Valid<T>(Validation<Problem, T> v) => v.Match(
        Succ: x => x,
        Fail: e => throw new InvalidOperationException($"generator built an invalid value: {e.Head}"));
}
