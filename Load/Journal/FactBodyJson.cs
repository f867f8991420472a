using KonektoSync.Domain;
using LanguageExt;
using static KonektoSync.Load.Journal.FactJson;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>The five fact bodies to and from their stored shape.</summary>
internal static class FactBodyJson
{
    public static BodyDto ToDto(FactBody body, PeselSeal? seal) => body switch
    {
        FactBody.BasicData b => new BodyDto("basic", Firm: ToDto(b.Firm, seal)),
        FactBody.Zus z => new BodyDto("zus", Zus: ToDto(z.Contribution, z.DueDate, seal)),
        FactBody.Tax t => new BodyDto("tax", Tax: new TaxDto(t.Liability.Firm.Value,
            t.Liability.Kind.ToString(), t.Liability.Period.ToString(),
            Text(t.Liability.Amount), Text(t.DueDate))),
        FactBody.TrialBalance tb => new BodyDto("trialBalance", TrialBalance: ToDto(tb.Line)),
        FactBody.TaxBook k => new BodyDto("taxBook", TaxBook: ToDto(k.Summary)),
        _ => throw new ArgumentOutOfRangeException(nameof(body), body.GetType().Name, null),
    };

    public static FactBody FromDto(BodyDto d, PeselSeal? seal) => d.Type switch
    {
        "basic" => new FactBody.BasicData(FromDto(Required(d.Firm), seal)),
        "zus" => new FactBody.Zus(FromDto(Required(d.Zus), seal), DateOf(d.Zus!.DueDate)),
        "tax" => new FactBody.Tax(new TaxLiability(NipOf(Required(d.Tax).Firm),
            EnumOf<TaxKind>(d.Tax!.Kind), PeriodOf(d.Tax!.Period), MoneyOf(d.Tax!.Amount)),
            DateOf(d.Tax!.DueDate)),
        "trialBalance" => new FactBody.TrialBalance(FromDto(Required(d.TrialBalance))),
        "taxBook" => new FactBody.TaxBook(FromDto(Required(d.TaxBook))),
        _ => throw Invalid("body type", d.Type),
    };

    private static FirmDto ToDto(Firm f, PeselSeal? seal) => new(
        f.Nip.Value, f.Name, f.Regon.MatchUnsafe(r => r.Value, () => (string?)null), f.Address,
        OrNull(f.Email), OrNull(f.Phone), f.People.Map(p => ToDto(p, seal)).ToList());

    private static Firm FromDto(FirmDto d, PeselSeal? seal) => new(
        NipOf(d.Nip), d.Name,
        d.Regon is null ? None : Some(Valid(Regon.Create(d.Regon))), d.Address,
        Optional(d.Email), Optional(d.Phone), d.People.Select(p => FromDto(p, seal)).ToSeq().Strict());

    private static PersonDto ToDto(Person p, PeselSeal? seal) => new(
        p.FirstName, p.LastName, p.Pesel.MatchUnsafe(x => Sealed(x.Value, seal), () => (string?)null),
        p.Nip.MatchUnsafe(x => x.Value, () => (string?)null), OrNull(p.Email), OrNull(p.Phone),
        p.Role.ToString());

    private static Person FromDto(PersonDto d, PeselSeal? seal) => new(
        d.FirstName, d.LastName,
        d.Pesel is null ? None : Some(Valid(Pesel.Create(Opened(d.Pesel, seal)))),
        d.Nip is null ? None : Some(NipOf(d.Nip)),
        Optional(d.Email), Optional(d.Phone), EnumOf<PersonRole>(d.Role));

    private static ZusDto ToDto(ZusContribution z, DateOnly due, PeselSeal? seal) => new(
        z.Firm.Value, new PayerDto(z.Payer.Kind, z.Payer.Kind == "pesel" ? Sealed(z.Payer.Id, seal) : z.Payer.Id,
            z.Payer.Label, z.Payer.Kind == "pesel" ? z.Payer.Digest : null),
        z.PayerType.ToString(), z.Period.ToString(), z.Origin.ToString(), Text(due),
        Amounts(z.Components));

    private static ZusContribution FromDto(ZusDto d, PeselSeal? seal)
    {
        var m = Amounts(d.Components, 9);
        return new ZusContribution(NipOf(d.Firm),
            Payer(d.Payer, seal),
            EnumOf<PayerType>(d.PayerType), PeriodOf(d.Period),
            new ZusComponents(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]),
            EnumOf<ZusOrigin>(d.Origin));
    }

    // A body staged before keyed digests has none: its fact key was made with the unkeyed digest,
    // so that one is used again; the first sync after it re-keys the panel (PeselRekey).
    private static PayerKey Payer(PayerDto d, PeselSeal? seal)
    {
        if (d.Kind != "pesel") return new PayerKey(d.Kind, d.Id, d.Label);
        var pesel = Opened(d.Id, seal);
        return new PayerKey(d.Kind, pesel, d.Label, d.Digest ?? PeselKey.Unkeyed.Digest(pesel));
    }

    private static TrialBalanceDto ToDto(TrialBalanceLine l) => new(
        l.Firm.Value, l.Period.ToString(), l.Account, l.Name,
        [Text(l.OpeningDt), Text(l.OpeningCt), Text(l.TurnoverDt), Text(l.TurnoverCt),
         Text(l.CumulativeDt), Text(l.CumulativeCt), Text(l.ClosingDt), Text(l.ClosingCt)]);

    private static TrialBalanceLine FromDto(TrialBalanceDto d)
    {
        var m = Amounts(d.Amounts, 8);
        return new TrialBalanceLine(NipOf(d.Firm), PeriodOf(d.Period), d.Account, d.Name,
            m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    }

    private static TaxBookDto ToDto(TaxBookSummary s) => new(
        s.Firm.Value, s.Period.ToString(),
        [Text(s.Revenue), Text(s.Costs), Text(s.Income),
         Text(s.RevenueYtd), Text(s.CostsYtd), Text(s.IncomeYtd)]);

    private static TaxBookSummary FromDto(TaxBookDto d)
    {
        var m = Amounts(d.Amounts, 6);
        return new TaxBookSummary(NipOf(d.Firm), PeriodOf(d.Period),
            m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    public static string[] Amounts(ZusComponents c) =>
        [Text(c.Emerytalne), Text(c.Rentowe), Text(c.Chorobowe), Text(c.Wypadkowe),
         Text(c.Zdrowotne), Text(c.FpFs), Text(c.Fgsp), Text(c.Fep), Text(c.TotalDue)];

    private static Money[] Amounts(IReadOnlyList<string>? raw, int count) =>
        raw is { Count: var n } && n == count
            ? raw.Select(MoneyOf).ToArray()
            : throw new System.Text.Json.JsonException($"expected {count} amounts");

    private static T Required<T>(T? value) where T : class =>
        value ?? throw new System.Text.Json.JsonException($"{typeof(T).Name} is missing");

    // A PESEL (a user's, a pesel payer's key) is sealed where a seal is given (the outbox).
    private static string Sealed(string pesel, PeselSeal? seal) => seal is null ? pesel : seal.Seal(pesel);

    private static string Opened(string stored, PeselSeal? seal) =>
        stored.StartsWith(PeselSeal.Prefix, StringComparison.Ordinal)
            ? (seal ?? throw new FormatException("a sealed PESEL needs the data folder's key")).Open(stored)
            : stored;

    private static string? OrNull(Option<string> o) => o.MatchUnsafe(x => x, () => (string?)null);
}
