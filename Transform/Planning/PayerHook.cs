using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// The firms a sync works with: the firms found merged by NIP (rule 1), with the Płatnik payers
/// assigned to them (rule 7), how many payers each firm got, and what was reported on the way.
/// </summary>
public sealed record FirmsFound(Seq<MergedFirm> Firms, Map<Nip, int> PayersPerFirm, Seq<SyncEvent> Events)
{
    public int PayersOf(Nip firm) => PayersPerFirm.Find(firm).IfNone(0);
}

/// <summary>
/// The rule 7 step, before planning. A payer program (Płatnik, Reset2 Płatnik) reports its
/// payers through discovery like any program reports firms: one <see cref="RawFirm"/> per payer,
/// its key, NIP and name, and the payer's PESEL on its person when the payer is a person.
/// With the option *Dopasuj i przypisz płatników do firm* on, each payer is matched by
/// <see cref="PayerMatching.Assign"/> to the firms of the other programs (NIP or PESEL of the
/// firm or of one of its users) and becomes one more source of that firm, under the payer's key;
/// a payer that matches no firm is merged by its own NIP like any firm; a payer matching several
/// firms is reported and left out. With the option off, payers are merged by NIP like firms.
/// </summary>
public static class PayerHook
{
    /// <summary>The programs whose firms are ZUS payers.</summary>
    public static bool IsPayerProgram(ProgramId program) =>
        program is ProgramId.Platnik or ProgramId.Reset2Platnik;

    public static FirmsFound Assemble(Seq<RawFirm> found, bool matchPayers)
    {
        if (!matchPayers)
        {
            var all = FirmMerge.Merge(found);
            return new FirmsFound(all.Firms, Map<Nip, int>(), all.Events);
        }
        var payerRows = found.Filter(r => IsPayerProgram(r.Program)).Strict();
        var firmRows = found.Filter(r => !IsPayerProgram(r.Program)).Strict();
        var firms = FirmMerge.Merge(firmRows);
        var assignment = PayerMatching.Assign(payerRows.Map(Identity).Strict(), firms.Firms);
        var alone = toSet(assignment.Unmatched.Filter(p => MatchesNone(p, firms.Firms)).Map(p => p.PayerKey));
        var own = payerRows.Filter(r => alone.Contains(PayerKey(r)));
        var merged = FirmMerge.Merge(firmRows + own);
        var attached = merged.Firms.Map(f => Attach(f, payerRows, assignment.Assigned)).Strict();
        var unmatched = assignment.Unmatched.Filter(p => alone.Contains(p.PayerKey)).Map(Unmatched);
        return new FirmsFound(attached, assignment.CountPerFirm, (merged.Events + assignment.Events + unmatched).Strict());
    }

    private static SyncEvent Unmatched(PayerIdentity payer) =>
        SyncEvent.Of(Severity.Warning, "payer.unmatched",
            $"Płatnik payer '{payer.Name}' matches no firm of the other programs by NIP or PESEL; it is listed as a firm of its own",
            "Enter the owner's NIP or PESEL on the firm's user in the accounting program (or the firm's NIP in Płatnik), " +
            "or select the payer in `firms` to sync it as a firm of its own.", ProgramId.Platnik,
            args: [payer.PayerKey, payer.Name]);

    // An unmatched payer matched no firm at all, or several: asked of the rule one firm at a time.
    private static bool MatchesNone(PayerIdentity payer, Seq<MergedFirm> firms) =>
        firms.ForAll(f => PayerMatching.Assign(Seq1(payer), Seq1(f)).Assigned.IsEmpty);

    /// <summary>
    /// A payer's key among the payers of every payer program: Płatnik's own key, another program's
    /// prefixed with its code (Reset2 Płatnik's payer 1 is not Płatnik's payer 1).
    /// </summary>
    private static string PayerKey(RawFirm raw) =>
        raw.Program == ProgramId.Platnik ? raw.FirmKey : $"{raw.Program.Code()}:{raw.FirmKey}";

    private static PayerIdentity Identity(RawFirm raw) =>
        new(PayerKey(raw), Nip.Create(raw.Nip).ToOption(),
            toSeq(raw.People ?? []).Choose(p => Pesel.Create(p.Pesel).ToOption()).HeadOrNone(),
            ContactDetails.Text(raw.Name).IfNone(raw.FirmKey));

    private static MergedFirm Attach(MergedFirm firm, Seq<RawFirm> payers, Map<string, Nip> assigned)
    {
        var mine = payers.Filter(p => assigned.Find(PayerKey(p)) == Some(firm.Nip))
            .DistinctBy(p => (p.Program, p.FirmKey)).ToSeq()
            .Map(p => new FirmInProgram(p.Program, p.FirmKey, AsFirm(p, firm)));
        return mine.IsEmpty ? firm : firm with
        {
            Sources = (firm.Sources + mine).OrderBy(s => s.Program)
                .ThenBy(s => s.FirmKey, StringComparer.Ordinal).ToSeq().Strict(),
        };
    }

    // The payer's own data under the firm's NIP; a payer whose data does not validate shows the firm's.
    private static Firm AsFirm(RawFirm payer, MergedFirm firm) =>
        FirmValidation.Validate(payer with { Nip = firm.Nip.Value }).Match(
            Succ: f => f,
            Fail: _ => firm.Sources[0].Firm);
}
