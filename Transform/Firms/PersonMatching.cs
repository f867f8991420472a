using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>How two records were found to be the same user.</summary>
public enum PersonMatch { ByPesel, ByNip, ByName }

/// <summary>
/// What matching looks at: the PESEL as its keyed digest (<see cref="PeselKey"/>; the panel keeps
/// nothing else of it), the NIP, and the name key.
/// </summary>
public sealed record PersonIdentity(Option<string> PeselDigest, Option<Nip> Nip, string NameKey)
{
    public static PersonIdentity Of(Person p, PeselKey key) =>
        new(p.Pesel.Map(key.Digest), p.Nip, PersonMatching.NameKey(p));

    /// <summary>
    /// For comparing two people in memory, where no digest is kept: the PESEL itself stands for
    /// its digest (equal PESELs, equal digests under any key).
    /// </summary>
    internal static PersonIdentity InMemory(Person p) =>
        new(p.Pesel.Map(x => x.Value), p.Nip, PersonMatching.NameKey(p));
}

/// <summary>
/// Whether two records name the same user: by PESEL when both have one, else by NIP when both
/// have one, else by full name (case and spacing ignored).
/// </summary>
public static class PersonMatching
{
    public static bool SamePerson(Person a, Person b) => Match(a, b).IsSome;

    public static Option<PersonMatch> Match(Person a, Person b) =>
        Match(PersonIdentity.InMemory(a), PersonIdentity.InMemory(b));

    public static Option<PersonMatch> Match(PersonIdentity a, PersonIdentity b)
    {
        if (a.PeselDigest.IsSome && b.PeselDigest.IsSome)
            return a.PeselDigest == b.PeselDigest ? Some(PersonMatch.ByPesel) : None;
        if (a.Nip.IsSome && b.Nip.IsSome)
            return a.Nip == b.Nip ? Some(PersonMatch.ByNip) : None;
        return a.NameKey.Length > 0 && a.NameKey == b.NameKey ? Some(PersonMatch.ByName) : None;
    }

    /// <summary>
    /// Pairs each known user with at most one found user, and each found user with at most one
    /// known user: PESEL matches first, then NIP, then names, each in list order.
    /// </summary>
    public static Seq<(Person Known, Option<Person> Found)> Pair(Seq<Person> known, Seq<Person> found) =>
        known.Zip(Partners(known.Map(PersonIdentity.InMemory), found.Map(PersonIdentity.InMemory)))
            .Map(x => (x.Item1, x.Item2.Map(f => found[f])))
            .ToSeq();

    /// <summary>
    /// The pairing of <see cref="Pair"/> on identities: for each known user, the index of the
    /// found user paired with them, if any.
    /// </summary>
    public static Seq<Option<int>> Partners(Seq<PersonIdentity> known, Seq<PersonIdentity> found)
    {
        var partner = new int?[known.Count];
        var taken = new bool[found.Count];
        foreach (var level in Enum.GetValues<PersonMatch>())
            for (var k = 0; k < known.Count; k++)
                for (var f = 0; f < found.Count && partner[k] is null; f++)
                    if (!taken[f] && Match(known[k], found[f]) == Some(level))
                        (partner[k], taken[f]) = (f, true);
        return toSeq(partner.Select(p => p is int f ? Some(f) : Option<int>.None));
    }

    /// <summary>The found users that pair with no known user, in list order.</summary>
    public static Seq<Person> Unpaired(Seq<Person> known, Seq<Person> found) =>
        Pair(found, known).Filter(p => p.Found.IsNone).Map(p => p.Known);

    public static string NameKey(Person p) =>
        string.Join(' ', p.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToUpperInvariant();
}
