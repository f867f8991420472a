using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;

namespace KonektoSync.Tests.Domain;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class NipProperties
{
    private static readonly string[] Codes = ["nip.missing", "nip.format", "nip.checksum"];

    [Property]
    public Property A_valid_nip_is_accepted_in_any_style_and_round_trips_to_its_digits() =>
        Prop.ForAll(
            (from d in DomainGen.NipDigits
             from written in DomainGen.NipWritten(d)
             select (d, written)).ToArbitrary(),
            x => Nip.Create(x.written).Match(Succ: n => n.Value == x.d, Fail: _ => false));

    [Property]
    public Property Changing_one_digit_is_rejected() =>
        Prop.ForAll(
            (from d in DomainGen.NipDigits
             from i in Gen.Choose(0, 9)
             from delta in Gen.Choose(1, 9)
             select d[..i] + (char)('0' + (d[i] - '0' + delta) % 10) + d[(i + 1)..]).ToArbitrary(),
            changed => Nip.Create(changed).IsFail);

    [Property]
    public bool A_created_nip_is_created_again_from_its_formatted_text(Nip nip) =>
        Nip.Create(nip.Formatted).Match(Succ: n => n == nip, Fail: _ => false);

    [Property]
    public bool Any_string_gives_a_nip_or_a_known_code_and_never_throws(string? raw) =>
        Nip.Create(raw).Match(
            Succ: n => n.Value.Length == 10 && n.Value.All(char.IsAsciiDigit),
            Fail: problems => problems.ForAll(p => Codes.Contains(p.Code)));
}
