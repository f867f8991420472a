using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;

namespace KonektoSync.Tests.Domain;

public class RegonProperties
{
    private static readonly int[] Weights9 = [8, 9, 2, 3, 4, 5, 6, 7];
    private static readonly string[] Codes = ["regon.missing", "regon.format", "regon.checksum"];

    private static Gen<string> Regon9 =>
        from body in Gen.Choose(0, 9).ArrayOf(8)
        select string.Concat(body) + body.Select((d, i) => d * Weights9[i]).Sum() % 11 % 10;

    [Property]
    public Property A_generated_nine_digit_regon_is_accepted_and_keeps_its_digits() =>
        Prop.ForAll(Regon9.ToArbitrary(),
            d => Regon.Create(d).Match(Succ: r => r.Value == d, Fail: _ => false));

    [Property]
    public bool Any_string_gives_a_regon_or_a_known_code_and_never_throws(string? raw) =>
        Regon.Create(raw).Match(
            Succ: r => r.Value.Length is 9 or 14,
            Fail: problems => problems.ForAll(p => Codes.Contains(p.Code)));
}
