using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>A firm that passed validation, with what was dropped from it on the way.</summary>
public sealed record FirmValidated(Firm Firm, Seq<SyncEvent> Warnings);

/// <summary>
/// Raw firm → <see cref="Firm"/>. The NIP and the name are required and a REGON, when given,
/// must be valid: these fail the firm. A placeholder NIP (<see cref="IsPlaceholder"/>) passes
/// the check digit but is no firm's own number, so it fails the firm too (<c>nip.placeholder</c>). An e-mail that is plainly not one, and a user's invalid
/// PESEL or NIP, are dropped with a warning: the rest of the firm is kept.
/// </summary>
public static class FirmValidation
{
    public static Validation<Problem, Firm> Validate(RawFirm raw) =>
        ValidateWithWarnings(raw).Map(v => v.Firm);

    public static Validation<Problem, FirmValidated> ValidateWithWarnings(RawFirm raw) =>
        (OwnNip(raw.Nip), Name(raw), OptionalRegon(raw.Regon))
            .Apply((nip, name, regon) => Build(raw, nip, name, regon));

    /// <summary>
    /// NIPs that pass the check digit but are typed where the real NIP is unknown: the ten
    /// same-digit numbers (all pass: the weights sum to 45, and 45·d mod 11 = d) and the
    /// ascending 0123456789. Two firms that share one of them are not the same firm.
    /// </summary>
    public static bool IsPlaceholder(Nip nip) =>
        nip.Value.All(c => c == nip.Value[0]) || nip.Value == "0123456789";

    /// <summary>A NIP that is someone's own: valid, and not a placeholder.</summary>
    internal static Validation<Problem, Nip> OwnNip(string? raw) =>
        Nip.Create(raw).Bind(nip => IsPlaceholder(nip)
            ? Fail<Problem, Nip>(Problem.Of("nip.placeholder",
                $"NIP {nip.Formatted} is a placeholder, not a firm's own NIP", nip.Formatted))
            : Success<Problem, Nip>(nip));

    private static FirmValidated Build(RawFirm raw, Nip nip, string name, Option<Regon> regon)
    {
        var at = new FirmContext(raw.Program, raw.FirmKey, name, nip);
        var (email, emailWarnings) = Email(raw.Email, at, "firm", $"Firm {at.Describe}");
        var people = toSeq(raw.People ?? []).Map(p => PersonValidation.Validate(p, at)).Strict();
        var firm = new Firm(nip, name, regon, ContactDetails.Address(raw.Street, raw.PostalCode,
            raw.City), email, ContactDetails.Text(raw.Phone), people.Map(p => p.Person).Somes());
        return new FirmValidated(firm, emailWarnings + people.Bind(p => p.Warnings));
    }

    private static Validation<Problem, string> Name(RawFirm raw) =>
        ContactDetails.Text(raw.Name).ToValidation(Problem.Of("firm.name-missing",
            $"Firm with key {raw.FirmKey} in {raw.Program}: the name is missing",
            raw.Program.Code(), raw.FirmKey, raw.Program.ToString()));

    private static Validation<Problem, Option<Regon>> OptionalRegon(string? raw) =>
        ContactDetails.Text(raw).Match(
            Some: r => Regon.Create(r).Map(Some),
            None: () => Success<Problem, Option<Regon>>(None));

    /// <summary>A trimmed e-mail, or None with a warning when it is plainly not an address.</summary>
    internal static (Option<string>, Seq<SyncEvent>) Email(
        string? raw, FirmContext at, string owner, string whose, params string[] who) =>
        ContactDetails.Text(raw).Match(
            Some: e => ContactDetails.LooksLikeEmail(e)
                ? (Some(e), Seq<SyncEvent>())
                : (None, Seq1(at.Warning($"{owner}.invalid-email",
                    $"{whose}: e-mail '{e}' is not an e-mail address; it was left out",
                    $"Correct the e-mail in {at.Program}.", [e, .. who]))),
            None: () => (Option<string>.None, Seq<SyncEvent>()));
}

/// <summary>Where a validated firm came from, for the events about it.</summary>
internal sealed record FirmContext(ProgramId Program, string FirmKey, string Name, Nip Nip)
{
    public string Describe => $"'{Name}' (key {FirmKey}) in {Program}";

    public SyncEvent Warning(string code, string message, string remedy, params string[] args) =>
        SyncEvent.Of(Severity.Warning, code, message, remedy, Program, Nip,
            args: [Program.Code(), FirmKey, .. args, Name, Program.ToString()]);
}
