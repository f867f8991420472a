using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;

namespace KonektoSync.Tests.Domain;

public class HashingProperties
{
    /// <summary>
    /// Texts of any length and content: the short canonical texts of facts, texts longer than the
    /// reused buffer (1 KB), and any characters (Polish letters, surrogates, control characters).
    /// </summary>
    private static Gen<string> Texts() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
            Gen.Elements("trialbalance/1|1234563218|2024-03|205-2|Konto|1234.50", "zus/1|Żółć|\\0|", "")
                .SelectMany(head => Gen.Choose(0, 3000).Select(n => head + new string('ł', n))),
            Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c)).Select(cs => new string(cs)));

    [Property(MaxTest = 300)]
    public Property A_reused_state_gives_each_text_the_digest_of_the_one_shot_SHA_256() =>
        Prop.ForAll(Gen.ListOf(Texts()).ToArbitrary(), texts =>
        {
            using var reused = new Hashing.Reused();

            return texts.All(text => reused.Hex(text) == Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))
                                     && reused.Hex(text) == Hashing.Hex(text));
        });
}
