using KonektoSync.Domain;

namespace KonektoSync.Transform.Firms;

/// <summary>
/// Whether two records name the same user: by PESEL when both have one, else by NIP when both
/// have one, else by full name (case and spacing ignored).
/// </summary>
public static class PersonMatching
{
    public static bool SamePerson(Person a, Person b)
    {
        if (a.Pesel.IsSome && b.Pesel.IsSome) return a.Pesel == b.Pesel;
        if (a.Nip.IsSome && b.Nip.IsSome) return a.Nip == b.Nip;
        var name = NameKey(a);
        return name.Length > 0 && name == NameKey(b);
    }

    public static string NameKey(Person p) =>
        string.Join(' ', p.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToUpperInvariant();
}
