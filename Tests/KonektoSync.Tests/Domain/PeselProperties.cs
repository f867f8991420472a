using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;

namespace KonektoSync.Tests.Domain;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class PeselProperties
{
    private static readonly string[] Codes = ["pesel.missing", "pesel.format", "pesel.checksum", "pesel.date"];

    [Property]
    public Property Birth_date_and_sex_decode_to_what_was_encoded() =>
        Prop.ForAll(
            (from year in Gen.Choose(1800, 2299)
             from month in Gen.Choose(1, 12)
             from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
             from serial in Gen.Choose(0, 999)
             from sexDigit in Gen.Choose(0, 9)
             select (Born: new DateOnly(year, month, day), serial, sexDigit)).ToArbitrary(),
            x =>
            {
                var digits = DomainGen.WithCheckDigit(
                    DomainGen.PeselDatePart(x.Born) + x.serial.ToString("D3") + x.sexDigit);
                var expectedSex = x.sexDigit % 2 == 0 ? Sex.Female : Sex.Male;
                return Pesel.Create(digits).Match(
                    Succ: p => p.BirthDate == x.Born && p.Sex == expectedSex && p.Value == digits,
                    Fail: _ => false);
            });

    [Property]
    public Property A_valid_pesel_is_accepted_with_spaces_or_dashes_and_keeps_its_digits() =>
        Prop.ForAll(
            (from d in DomainGen.PeselDigits
             from written in Gen.Elements(d, $" {d} ", $"{d[..6]} {d[6..]}", $"{d[..6]}-{d[6..]}")
             select (d, written)).ToArbitrary(),
            x => Pesel.Create(x.written).Match(Succ: p => p.Value == x.d, Fail: _ => false));

    [Property]
    public Property Changing_one_digit_is_rejected() =>
        Prop.ForAll(
            (from d in DomainGen.PeselDigits
             from i in Gen.Choose(0, 10)
             from delta in Gen.Choose(1, 9)
             select d[..i] + (char)('0' + (d[i] - '0' + delta) % 10) + d[(i + 1)..]).ToArbitrary(),
            changed => Pesel.Create(changed).IsFail);

    [Property]
    public bool Its_text_is_masked(Pesel pesel) =>
        pesel.ToString() == "*********" + pesel.Value[^2..];

    [Property]
    public bool Any_string_gives_a_pesel_or_a_known_code_and_never_throws(string? raw) =>
        Pesel.Create(raw).Match(
            Succ: p => p.Value.Length == 11,
            Fail: problems => problems.ForAll(p => Codes.Contains(p.Code)));
}
