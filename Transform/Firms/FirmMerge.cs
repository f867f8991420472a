using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Firms;

/// <summary>
/// Rule 1: firms are one per NIP. Firms found in several programs are merged by normalised,
/// checked NIP; a firm that does not validate (above all: without a valid NIP) is reported and
/// never merged by name. A firm with a placeholder NIP (<see cref="FirmValidation.IsPlaceholder"/>)
/// gets one event, <c>firm.placeholder-nip</c>, and is neither merged with another firm nor
/// synchronised: the panel knows a client by its NIP, and a placeholder would join unrelated
/// firms. The result does not depend on the order firms were found in.
/// </summary>
public static class FirmMerge
{
    public static FirmMergeResult Merge(Seq<RawFirm> found)
    {
        var cleaned = found.Map(SourceText.Clean).Strict();
        var checkedFirms = cleaned.Map(c => c.Firm).OrderBy(OrderKey, StringComparer.Ordinal)
            .Select(raw => (Raw: raw, Result: FirmValidation.ValidateWithWarnings(raw)))
            .ToSeq().Strict();
        var valid = checkedFirms.Bind(c => c.Result.SuccessToSeq().Map(v =>
            (Source: new FirmInProgram(c.Raw.Program, c.Raw.FirmKey, v.Firm), v.Warnings)));
        var rejected = checkedFirms.Bind(c => c.Result.Match(
            Succ: _ => Seq<SyncEvent>(), Fail: problems => Rejected(c.Raw, problems)));
        var firms = OnePerNip(valid.Map(v => v.Source));
        var events = rejected + Cleaned(cleaned) + valid.Bind(v => v.Warnings) + firms.Bind(Duplicates);
        return new FirmMergeResult(firms, events.Strict());
    }

    private static Seq<SyncEvent> Cleaned(Seq<(RawFirm Firm, bool Changed)> firms) =>
        firms.Filter(f => f.Changed).Map(f => f.Firm)
            .OrderBy(OrderKey, StringComparer.Ordinal)
            .Select(f => SourceText.Cleaned(f.Program, f.FirmKey,
                $"'{ContactDetails.Text(f.Name).IfNone("(no name)")}'",
                FirmValidation.OwnNip(f.Nip).ToOption().MatchUnsafe(n => n, () => null)))
            .ToSeq();

    private static Seq<MergedFirm> OnePerNip(Seq<FirmInProgram> sources) =>
        sources.GroupBy(s => s.Firm.Nip).OrderBy(g => g.Key)
            .Select(g => new MergedFirm(g.Key, g.OrderBy(s => s.Program)
                .ThenBy(s => s.FirmKey, StringComparer.Ordinal).ToSeq().Strict()))
            .ToSeq().Strict();

    private static Seq<SyncEvent> Rejected(RawFirm raw, Seq<Problem> problems)
    {
        var name = ContactDetails.Text(raw.Name).IfNone("(no name)");
        var nipProblem = problems.Find(p => p.Code.StartsWith("nip.", StringComparison.Ordinal));
        return nipProblem.Match(
            Some: p => Seq1(p.Code == "nip.placeholder" ? PlaceholderNip(raw, name, p) : InvalidNip(raw, name, p)),
            None: () => problems.Map(p => SyncEvent.Of(Severity.Warning, "firm.invalid",
                $"Firm '{name}' (key {raw.FirmKey}) in {raw.Program} was left out: {p.Message}",
                $"Correct it in {raw.Program}.", raw.Program,
                args: [raw.Program.Code(), raw.FirmKey, name, p.Code, raw.Program.ToString(), p.Message, .. p.Args])));
    }

    private static SyncEvent InvalidNip(RawFirm raw, string name, Problem p)
    {
        var given = raw.Nip?.Trim() ?? "";
        var why = p.Code == "nip.missing" ? "has no NIP" : $"has an invalid NIP: {p.Message}";
        return SyncEvent.Of(Severity.Warning, "firm.invalid-nip",
            $"Firm '{name}' (key {raw.FirmKey}) in {raw.Program} {why}; it is not synchronised",
            $"Correct the NIP in {raw.Program}.", raw.Program,
            args: [raw.Program.Code(), raw.FirmKey, name, given, p.Code, raw.Program.ToString(), p.Message]);
    }

    private static SyncEvent PlaceholderNip(RawFirm raw, string name, Problem p) =>
        SyncEvent.Of(Severity.Warning, "firm.placeholder-nip",
            $"Firm '{name}' (key {raw.FirmKey}) in {raw.Program} has the placeholder NIP {p.Args[0]}; " +
            "it is not merged with other firms and not synchronised",
            $"Enter the firm's own NIP in {raw.Program}.", raw.Program,
            args: [raw.Program.Code(), raw.FirmKey, name, p.Args[0], raw.Program.ToString()]);

    private static Seq<SyncEvent> Duplicates(MergedFirm firm) =>
        firm.Sources.GroupBy(s => s.Program).Filter(g => g.Count() > 1).OrderBy(g => g.Key)
            .Map(g => SyncEvent.Of(Severity.Warning, "firm.duplicate-in-program",
                $"NIP {firm.Nip.Formatted} is listed {g.Count()} times in {g.Key} (keys " +
                $"{string.Join(", ", g.Select(s => s.FirmKey))}); the first key is read",
                $"Remove the duplicate firm in {g.Key}, or correct its NIP.", g.Key, firm.Nip,
                args: [g.Key.Code(), string.Join(", ", g.Select(s => s.FirmKey)), firm.Nip.Formatted,
                    $"{g.Count()}", g.Key.ToString()]))
            .ToSeq();

    /// <summary>Every field, so that equal keys in a different input order sort the same.</summary>
    private static string OrderKey(RawFirm r) => string.Join('\u001f',
        [r.Program.ToString(), r.FirmKey, r.Nip ?? "", r.Name ?? "", r.Street ?? "",
         r.PostalCode ?? "", r.City ?? "", r.Email ?? "", r.Phone ?? "", r.Regon ?? "",
         .. (r.People ?? []).Select(p => $"{p.FirstName}|{p.LastName}|{p.Pesel}|{p.Nip}|" +
             $"{p.Email}|{p.Phone}|{p.Role}")]);
}
