using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>How two records were found to be the same user.</summary>
public enum PersonMatch { ByPesel, ByNip, ByName }

/// <summary>
/// Whether two records name the same user: by PESEL when both have one, else by NIP when both
/// have one, else by full name (case and spacing ignored).
/// </summary>
public static class PersonMatching
{
    public static bool SamePerson(Person a, Person b) => Match(a, b).IsSome;

    public static Option<PersonMatch> Match(Person a, Person b)
    {
        if (a.Pesel.IsSome && b.Pesel.IsSome)
            return a.Pesel == b.Pesel ? Some(PersonMatch.ByPesel) : None;
        if (a.Nip.IsSome && b.Nip.IsSome)
            return a.Nip == b.Nip ? Some(PersonMatch.ByNip) : None;
        var name = NameKey(a);
        return name.Length > 0 && name == NameKey(b) ? Some(PersonMatch.ByName) : None;
    }

    /// <summary>
    /// Pairs each known user with at most one found user, and each found user with at most one
    /// known user: PESEL matches first, then NIP, then names, each in list order.
    /// </summary>
    public static Seq<(Person Known, Option<Person> Found)> Pair(Seq<Person> known, Seq<Person> found)
    {
        var partner = new int?[known.Count];
        var taken = new bool[found.Count];
        foreach (var level in Enum.GetValues<PersonMatch>())
            for (var k = 0; k < known.Count; k++)
                for (var f = 0; f < found.Count && partner[k] is null; f++)
                    if (!taken[f] && Match(known[k], found[f]) == Some(level))
                        (partner[k], taken[f]) = (f, true);
        return toSeq(known.Select((k, i) =>
            (k, partner[i] is int f ? Some(found[f]) : Option<Person>.None)));
    }

    /// <summary>The found users that pair with no known user, in list order.</summary>
    public static Seq<Person> Unpaired(Seq<Person> known, Seq<Person> found) =>
        Pair(found, known).Filter(p => p.Found.IsNone).Map(p => p.Known);

    public static string NameKey(Person p) =>
        string.Join(' ', p.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToUpperInvariant();
}
