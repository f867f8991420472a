using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Panel;

/// <summary>An activation link to send to a user at an e-mail address.</summary>
public sealed record ActivationMessage(Person User, string Email);

/// <summary>
/// Rule 12 (*Automatycznie wysyłaj wiadomości aktywacyjne*): when on, each user found who is
/// not yet in the panel and has an e-mail address gets one activation message; when off, none
/// (the office sends them from the panel).
/// </summary>
public static class Activation
{
    public static Seq<ActivationMessage> NewUsers(
        Seq<Person> knownInPanel, Seq<Person> found, bool autoActivation) =>
        NewUsers(knownInPanel.Map(PersonIdentity.InMemory), found.Map(PersonIdentity.InMemory), found,
            autoActivation);

    /// <summary>
    /// The same decision against the users as the panel holds them: their identities, a PESEL
    /// only as its digest under <paramref name="key"/> (<c>LocalPanel.PeopleIdentities</c>).
    /// </summary>
    public static Seq<ActivationMessage> NewUsers(
        Seq<PersonIdentity> knownInPanel, Seq<Person> found, bool autoActivation, PeselKey key) =>
        NewUsers(knownInPanel, found.Map(p => PersonIdentity.Of(p, key)), found, autoActivation);

    private static Seq<ActivationMessage> NewUsers(Seq<PersonIdentity> knownInPanel,
        Seq<PersonIdentity> foundIdentities, Seq<Person> found, bool autoActivation) =>
        autoActivation
            ? found.Zip(PersonMatching.Partners(foundIdentities, knownInPanel))
                .Filter(x => x.Item2.IsNone).Map(x => x.Item1).ToSeq()
                .Fold(Seq<Person>(), (acc, p) =>
                    acc.Exists(a => PersonMatching.SamePerson(a, p)) ? acc : acc.Add(p))
                .Bind(p => p.Email.Map(e => new ActivationMessage(p, e)).ToSeq())
            : Seq<ActivationMessage>();
}
