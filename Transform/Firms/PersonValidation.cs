using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>A firm's user as validated, or None, with the warnings about what was dropped.</summary>
internal sealed record PersonValidated(Option<Person> Person, Seq<SyncEvent> Warnings);

/// <summary>
/// A user without a name is left out; an invalid PESEL, NIP or e-mail is dropped and the user
/// kept. Messages show a PESEL only masked.
/// </summary>
internal static class PersonValidation
{
    public static PersonValidated Validate(RawPerson raw, FirmContext at)
    {
        var first = ContactDetails.Text(raw.FirstName).IfNone("");
        var last = ContactDetails.Text(raw.LastName).IfNone("");
        var who = $"{first} {last}".Trim();
        if (who.Length == 0)
            return new PersonValidated(None, Seq1(at.Warning("person.name-missing",
                $"Firm {at.Describe}: a user without a first or last name was left out",
                $"Enter the user's name in {at.Program}.")));
        var whose = $"Firm {at.Describe}, user {who}";
        var (pesel, peselWarnings) = Identifier(raw.Pesel, Pesel.Create, "person.invalid-pesel",
            whose, who, at);
        var (nip, nipWarnings) = Identifier(raw.Nip, FirmValidation.OwnNip, "person.invalid-nip", whose, who, at);
        var (email, emailWarnings) = FirmValidation.Email(raw.Email, at, "person", whose, who);
        var person = new Person(first, last, pesel, nip, email, ContactDetails.Text(raw.Phone),
            Role(raw.Role));
        return new PersonValidated(Some(person), peselWarnings + nipWarnings + emailWarnings);
    }

    private static (Option<T>, Seq<SyncEvent>) Identifier<T>(string? raw,
        Func<string?, Validation<Problem, T>> create, string code, string whose, string who, FirmContext at) =>
        ContactDetails.Text(raw).Match(
            Some: r => create(r).Match(
                Succ: v => (Some(v), Seq<SyncEvent>()),
                Fail: errors => (Option<T>.None, errors.Map(e => at.Warning(code,
                    $"{whose}: {e.Message}; the user was kept without it",
                    $"Correct it in {at.Program}.", [e.Code, who, e.Message, .. e.Args])))),
            None: () => (Option<T>.None, Seq<SyncEvent>()));

    private static PersonRole Role(string? raw) =>
        ContactDetails.Text(raw).IfNone("").ToLowerInvariant() switch
        {
            "partner" or "wspolnik" or "wspólnik" => PersonRole.Partner,
            _ => PersonRole.Owner,
        };
}
