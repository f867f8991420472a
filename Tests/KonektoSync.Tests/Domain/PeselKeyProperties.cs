using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Tests.Generators;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Domain;

[Properties(Arbitrary = new[] { typeof(Arbs) })]
public class PeselKeyProperties
{
    private static Arbitrary<byte[]> Keys() =>
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), PeselKey.Size).ToArbitrary();

    private static Person Someone(Pesel pesel) =>
        new("Jan", "Kowalski", Some(pesel), None, None, None, PersonRole.Owner);

    [Property]
    public Property Two_different_keys_give_a_person_two_different_panel_keys(Pesel pesel) =>
        Prop.ForAll(Keys(), Keys(), (a, b) =>
            a.AsSpan().SequenceEqual(b)
            || PersonKeys.Of(Someone(pesel), PeselKey.Of(a)) != PersonKeys.Of(Someone(pesel), PeselKey.Of(b)));

    [Property]
    public Property The_same_key_gives_a_pesel_the_same_digest(Pesel pesel) =>
        Prop.ForAll(Keys(), k => PeselKey.Of(k).Digest(pesel) == PeselKey.Of(k.ToArray()).Digest(pesel.Value));

    [Property]
    public bool A_keyed_digest_is_not_the_unkeyed_one(Pesel pesel)
    {
        var digest = TestKeys.Pesel.Digest(pesel);
        return digest != PeselKey.Unkeyed.Digest(pesel) && digest.Length == 16
            && !digest.Contains(pesel.Value, StringComparison.Ordinal);
    }

    [Property]
    public Property A_digest_is_the_first_16_hex_digits_of_HMAC_SHA256_of_the_text_under_the_key() =>
        Prop.ForAll(Keys(), ArbMap.Default.ArbFor<string>(), (key, text) =>
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key,
                System.Text.Encoding.UTF8.GetBytes(text ?? "")))[..16];

            return PeselKey.Of(key).Digest(text ?? "") == expected;
        });
}
