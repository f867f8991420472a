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
/// assigned and is reported, except when exactly one of them has the payer's own NIP: the owner of
/// a sole-trader firm who is also a partner in a civil partnership files DRA as that firm (the
/// partnership's own DRA is filed under its NIP), so the payer goes to the sole-trader firm and an
/// info event names the partnership.
/// </summary>
public static class PayerMatching
{
    public static PayerAssignment Assign(Seq<PayerIdentity> payers, Seq<MergedFirm> firms)
    {
        var unique = payers.GroupBy(p => p.PayerKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Map(g => (Payer: g.First(), Repeated: g.Count() > 1)).ToSeq().Strict();
        var found = unique.Map(u => (u.Payer, Firms: FirmsOf(u.Payer, firms))).Strict();
        // the owner of a sole-trader firm who is also a partner elsewhere: the payer is the firm of its own NIP
        var own = found.Map(m => (m.Payer, Own: m.Firms.Count > 1 ? OwnFirm(m.Payer, m.Firms) : None, m.Firms)).Strict();
        var matches = own.Map(m => (m.Payer, Firms: m.Own.Match(f => Seq1(f), () => m.Firms))).Strict();
        var assigned = matches.Filter(m => m.Firms.Count == 1)
            .Map(m => (m.Payer.PayerKey, m.Firms[0]));
        var counts = assigned.Fold(Map<Nip, int>(),
            (acc, a) => acc.AddOrUpdate(a.Item2, n => n + 1, 1));
        var events = unique.Filter(u => u.Repeated).Map(u => Repeated(u.Payer))
            + matches.Filter(m => m.Firms.Count > 1).Map(m => Ambiguous(m.Payer, m.Firms))
            + own.Filter(m => m.Own.IsSome).Map(m => AlsoPartner(m.Payer, m.Own.Head(), m.Firms.Filter(f => Some(f) != m.Own)));
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

    /// <summary>Of several matching firms, the one whose own NIP is the payer's NIP (when exactly one is).</summary>
    private static Option<Nip> OwnFirm(PayerIdentity payer, Seq<Nip> firms)
    {
        var nip = payer.Nip.Filter(n => !FirmValidation.IsPlaceholder(n));
        var own = firms.Filter(f => nip == Some(f));
        return own.Count == 1 ? Some(own[0]) : None;
    }

    private static SyncEvent AlsoPartner(PayerIdentity payer, Nip firm, Seq<Nip> others) =>
        SyncEvent.Of(Severity.Info, "payer.also-partner",
            $"Płatnik payer '{payer.Name}' is assigned to the firm of its own NIP {firm.Formatted}; the same person is " +
            $"also a user of {string.Join(", ", others.Map(f => f.Formatted))}, whose contributions it does not pay",
            "", ProgramId.Platnik, firm,
            args: [payer.PayerKey, payer.Name, firm.Formatted, string.Join(", ", others.Map(f => f.Formatted))]);

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
