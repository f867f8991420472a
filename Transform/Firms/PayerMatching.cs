using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>A Płatnik payer as it identifies itself.</summary>
public sealed record PayerIdentity(string PayerKey, Option<Nip> Nip, Option<Pesel> Pesel, string Name);

/// <summary>
/// Which firm each payer was assigned to, how many payers each firm got, and the payers not
/// assigned (no firm matched, or several did).
/// </summary>
public sealed record PayerAssignment(
    Map<string, Nip> Assigned,
    Map<Nip, int> CountPerFirm,
    Seq<PayerIdentity> Unmatched,
    Seq<SyncEvent> Events);

/// <summary>
/// Rule 7 (*Dopasuj i przypisz płatników do firm*): a payer belongs to a firm when the payer's
/// NIP is the firm's NIP, or the payer's NIP or PESEL is that of one of the firm's users
/// (owners, partners) as another program lists them. A payer matching several firms is not
/// assigned and is reported.
/// </summary>
public static class PayerMatching
{
    public static PayerAssignment Assign(Seq<PayerIdentity> payers, Seq<MergedFirm> firms)
    {
        var unique = payers.GroupBy(p => p.PayerKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Map(g => (Payer: g.First(), Repeated: g.Count() > 1)).ToSeq().Strict();
        var matches = unique.Map(u => (u.Payer, Firms: FirmsOf(u.Payer, firms))).Strict();
        var assigned = matches.Filter(m => m.Firms.Count == 1)
            .Map(m => (m.Payer.PayerKey, m.Firms[0]));
        var counts = assigned.Fold(Map<Nip, int>(),
            (acc, a) => acc.AddOrUpdate(a.Item2, n => n + 1, 1));
        var events = unique.Filter(u => u.Repeated).Map(u => Repeated(u.Payer))
            + matches.Filter(m => m.Firms.Count > 1).Map(m => Ambiguous(m.Payer, m.Firms));
        return new PayerAssignment(toMap(assigned), counts,
            matches.Filter(m => m.Firms.Count != 1).Map(m => m.Payer).Strict(), events.Strict());
    }

    private static Seq<Nip> FirmsOf(PayerIdentity payer, Seq<MergedFirm> firms) =>
        firms.Filter(f => Matches(payer, f)).Map(f => f.Nip).Distinct().OrderBy(n => n).ToSeq();

    /// <summary>A placeholder NIP (<see cref="FirmValidation.IsPlaceholder"/>) identifies nobody: it never matches.</summary>
    private static bool Matches(PayerIdentity payer, MergedFirm firm)
    {
        var nip = payer.Nip.Filter(n => !FirmValidation.IsPlaceholder(n));
        return nip == Some(firm.Nip)
        || firm.Sources.Exists(s => s.Firm.People.Exists(person =>
            (nip.IsSome && person.Nip == nip)
            || (payer.Pesel.IsSome && person.Pesel == payer.Pesel)));
    }

    private static SyncEvent Ambiguous(PayerIdentity payer, Seq<Nip> firms) =>
        SyncEvent.Of(Severity.Warning, "payer.ambiguous",
            $"Płatnik payer '{payer.Name}' matches several firms " +
            $"({string.Join(", ", firms.Map(f => f.Formatted))}); it was not assigned",
            "Correct the NIP or PESEL of the user in the program where it is wrong, " +
            "so that the payer matches one firm.", ProgramId.Platnik,
            args: [payer.PayerKey, payer.Name, string.Join(", ", firms.Map(f => f.Formatted))]);

    private static SyncEvent Repeated(PayerIdentity payer) =>
        SyncEvent.Of(Severity.Warning, "payer.duplicate-key",
            $"Płatnik payer key {payer.PayerKey} is listed more than once; the first " +
            $"('{payer.Name}') is used", "Remove the duplicate payer in Płatnik.",
            ProgramId.Platnik, args: [payer.PayerKey, payer.Name]);
}
