using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>ZUS contributions: DRA declarations (or Fakt report items), validated, copied forward when asked.</summary>
internal static class ZusFacts
{
    public static (IEnumerable<Fact>, IEnumerable<SyncEvent>) Build(
        GroupContext ctx, SourceRecord[] group, BuildOptions options)
    {
        var events = new List<SyncEvent>();
        var declarations = new List<RawZusDeclaration>(Records.OfType<RawZusDeclaration>(group));
        if (options.Rules == RuleSet.Fakt)
        {
            var resolved = ReportOrder.Resolve(Records.OfType<RawReport>(group), ctx.From, ctx.To, zus: true);
            events.AddRange(resolved.Events);
            foreach (var i in resolved.Items)
                declarations.Add(i.Item.Zus! with
                    {
                        Year = i.Period.Year, Month = i.Period.Month, TotalDue = i.Item.Zus!.TotalDue ?? i.Item.Amount,
                    });
        }

        // a payer's PESEL digest (a keyed hash) made once per group, not once per month
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        string Digest(Pesel p) =>
            digests.TryGetValue(p.Value, out var made) ? made : digests[p.Value] = options.PeselKey.Digest(p);
        var filed = new Dictionary<(string Payer, Period Period), (ZusContribution C, RawZusDeclaration Raw)>();
        foreach (var raw in declarations)
        {
            if (Valid(ctx.Firm, raw, options.DefaultPayerType, Digest) is { } valid)
            {
                Keep(filed, valid, raw);
                continue;
            }
            Validate(ctx.Firm, raw, options.DefaultPayerType, Digest).Match(
                Succ: c => Keep(filed, c, raw),
                Fail: problems => events.AddRange(problems.Map(p => Rejected(ctx, raw, p))));
        }

        var sorted = new ZusContribution[filed.Count];
        var n = 0;
        foreach (var v in filed.Values) sorted[n++] = v.C;
        System.Array.Sort(sorted, static (a, b) =>
            string.CompareOrdinal(a.Payer.Key, b.Payer.Key) is var byPayer and not 0 ? byPayer : a.Period.CompareTo(b.Period));
        var contributions = sorted.ToSeq();
        if (options.CopyZusForward)
        {
            var (result, copyEvents) = CopyForward.Apply(contributions, ctx.From, ctx.To);
            contributions = result;
            events.AddRange(copyEvents);
        }
        else
        {
            // a declaration before the range read is only the source of copies (Płatnik reads the last earlier one)
            contributions = contributions.Where(c => c.Period >= ctx.From && c.Period <= ctx.To).ToArray().ToSeq();
        }
        var facts = new List<Fact>(contributions.Count);
        foreach (var c in contributions)
            facts.Add(ctx.Fact(Some(c.Period), c.Payer.Key, new FactBody.Zus(c, DueDates.ForZus(c.PayerType, c.Period))));
        return (facts, events);
    }

    /// <summary>Of two declarations for one payer and month (a correction), the larger document id wins.</summary>
    private static void Keep(
        Dictionary<(string, Period), (ZusContribution C, RawZusDeclaration Raw)> filed,
        ZusContribution c, RawZusDeclaration raw)
    {
        var key = (c.Payer.Key, c.Period);
        if (!filed.TryGetValue(key, out var held) || IsNewer(raw, held.Raw)) filed[key] = (c, raw);
    }

    private static bool IsNewer(RawZusDeclaration a, RawZusDeclaration b) =>
        long.TryParse(a.DocumentId, out var x) && long.TryParse(b.DocumentId, out var y)
            ? x > y
            : string.CompareOrdinal(a.DocumentId, b.DocumentId) > 0;

    public static Validation<Problem, ZusContribution> Validate(Nip firm, RawZusDeclaration raw, PayerType fallback,
        PeselKey key) =>
        Validate(firm, raw, fallback, key.Digest);

    private static Validation<Problem, ZusContribution> Validate(Nip firm, RawZusDeclaration raw, PayerType fallback,
        Func<Pesel, string> digest) =>
        (Period.Create(raw.Year, raw.Month), Payer(raw, digest), TotalDue(raw)).Apply((period, payer, total) =>
            Contribution(firm, raw, fallback, period, payer, total));

    /// <summary>
    /// The contribution of a declaration whose month, amount due and payer are all valid, as
    /// <see cref="Validate"/> makes it, without collecting problems; null for any other, which
    /// <see cref="Validate"/> then takes with its problems.
    /// </summary>
    private static ZusContribution? Valid(Nip firm, RawZusDeclaration raw, PayerType fallback, Func<Pesel, string> digest)
    {
        if (!Period.TryCreate(raw.Year, raw.Month, out var period) || raw.TotalDue is not { } total) return null;
        var name = raw.PayerName?.Trim() ?? "";
        PayerKey payer;
        if (!string.IsNullOrWhiteSpace(raw.PayerPesel))
        {
            if (Pesel.Create(raw.PayerPesel).Match(Succ: static p => Some(p), Fail: static _ => None).Case is not Pesel pesel) return null;
            payer = PayerKey.OfPesel(pesel, name, digest(pesel));
        }
        else if (!string.IsNullOrWhiteSpace(raw.PayerNip))
        {
            if (Nip.Create(raw.PayerNip).Match(Succ: static n => Some(n), Fail: static _ => None).Case is not Nip nip) return null;
            payer = PayerKey.OfNip(nip, name);
        }
        else payer = PayerKey.Employees;
        return Contribution(firm, raw, fallback, period, payer, Money.Pln(total));
    }

    private static ZusContribution Contribution(Nip firm, RawZusDeclaration raw, PayerType fallback, Period period,
        PayerKey payer, Money total) =>
        new(firm, payer, PayerTypeOf(raw.PayerType, fallback), period,
            new ZusComponents(
                Amount(raw.Emerytalne), Amount(raw.Rentowe), Amount(raw.Chorobowe), Amount(raw.Wypadkowe),
                Amount(raw.Zdrowotne), Amount(raw.FpFs), Amount(raw.Fgsp), Amount(raw.Fep), total),
            ZusOrigin.Filed);

    /// <summary>A component the declaration leaves empty does not apply to the payer: zero.</summary>
    private static Money Amount(decimal? value) => Money.Pln(value ?? 0m);

    private static Validation<Problem, Money> TotalDue(RawZusDeclaration raw) =>
        raw.TotalDue is { } total
            ? Success<Problem, Money>(Money.Pln(total))
            : Fail<Problem, Money>(Problem.Of("zus.amount-missing",
                $"ZUS declaration {raw.DocumentId} for {raw.Year:D4}-{raw.Month:D2} has no amount due; " +
                "it gives no value (not zero)", raw.DocumentId, $"{raw.Year:D4}-{raw.Month:D2}"));

    /// <summary>A person by PESEL, else by NIP; a declaration naming neither is the firm's employees.</summary>
    private static Validation<Problem, PayerKey> Payer(RawZusDeclaration raw, Func<Pesel, string> digest)
    {
        var name = raw.PayerName?.Trim() ?? "";
        if (!string.IsNullOrWhiteSpace(raw.PayerPesel))
            return Pesel.Create(raw.PayerPesel).Map(p => PayerKey.OfPesel(p, name, digest(p)));
        if (!string.IsNullOrWhiteSpace(raw.PayerNip))
            return Nip.Create(raw.PayerNip).Map(n => PayerKey.OfNip(n, name));
        return Success<Problem, PayerKey>(PayerKey.Employees);
    }

    private static PayerType PayerTypeOf(string? raw, PayerType fallback) =>
        Enum.TryParse<PayerType>(raw?.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : fallback;

    private static SyncEvent Rejected(GroupContext ctx, RawZusDeclaration raw, Problem p) =>
        ctx.Event(Severity.Warning, p,
            string.IsNullOrWhiteSpace(raw.PayerName)
                ? $"correct ZUS declaration {raw.DocumentId} in {ctx.Program} and update again"
                : $"correct ZUS declaration {raw.DocumentId} in {ctx.Program} (payer {raw.PayerName.Trim()}) and update again",
            Period.Create(raw.Year, raw.Month).SuccessToSeq().Map(x => (Period?)x).FirstOrDefault());
}
