using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Panel;

/// <summary>
/// How the panel learns a person's PESEL digest and masked form: from the PESEL under the data
/// folder's key (the local panel, fed by the sync), or given with the person where the PESEL
/// itself never arrives (the panel server, fed over HTTP: <see cref="Given"/>).
/// </summary>
public sealed class PeselDigests
{
    private readonly PeselKey? key;
    private readonly ConditionalWeakTable<Person, Given> given = new();

    private PeselDigests(PeselKey? key) => this.key = key;

    /// <summary>A person's digest and masked PESEL as the sync made them.</summary>
    public sealed record Given(string Digest, string Masked);

    /// <summary>Digests made from the people's PESELs under <paramref name="key"/>.</summary>
    public static PeselDigests Keyed(PeselKey key) => new(key);

    /// <summary>Digests handed in per person (the people hold no PESEL).</summary>
    public static PeselDigests Handed() => new(null);

    /// <summary>Hands in the digest of <paramref name="person"/> (this very object).</summary>
    public void Add(Person person, Given digest) => given.AddOrUpdate(person, digest);

    public Option<string> Digest(Person p) =>
        p.Pesel.Match(
            Some: x => key is null ? throw new InvalidOperationException("a PESEL reached a panel that digests none") : Some(key.Digest(x)),
            None: () => given.TryGetValue(p, out var g) ? Some(g.Digest) : None);

    public Option<string> Masked(Person p) =>
        p.Pesel.Match(
            Some: x => Some(x.ToString()),
            None: () => given.TryGetValue(p, out var g) ? Some(g.Masked) : None);

    /// <summary>The panel's key of a person: PESEL digest, else NIP, else the name.</summary>
    public string KeyOf(Person p) =>
        Digest(p).Match(
            Some: d => $"pesel:{d}",
            None: () => p.Nip.Match(
                Some: n => $"nip:{n.Value}",
                None: () => $"name:{p.FullName.ToLowerInvariant()}"));

    /// <summary>The person as matching sees them (rule 9, rule 12).</summary>
    public PersonIdentity Identity(Person p) => new(Digest(p), p.Nip, PersonMatching.NameKey(p));
}
