using System.Globalization;
using System.Text;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Facts;

/// <summary>
/// A stable digest of what a fact says, used to send only what changed: a canonical text
/// (invariant culture, fixed field order, amounts with two decimals, dates as yyyy-MM-dd, text
/// fields escaped, a PESEL only as its keyed digest, <see cref="PeselKey"/>) hashed with <see cref="Hashing.Hex"/>.
/// Same on every run and machine. The leading tag names the body kind and the text version.
/// </summary>
public static class ContentHash
{
    public static string Of(FactBody body, PeselKey key) => Hashing.Hex(CanonicalText(body, key));

    /// <summary>
    /// The text that is hashed; never contains a PESEL. A PESEL payer's digest is the one made with
    /// the payer (<see cref="PayerKey.Digest"/>), made under the same key.
    /// </summary>
    public static string CanonicalText(FactBody body, PeselKey key) => body switch
    {
        FactBody.Zus z => Zus(z),
        FactBody.Tax t => new Canon("tax/1").Add(t.Liability.Firm.Value).Add(t.Liability.Kind.Code())
            .Add(t.Liability.Period).Add(t.Liability.Amount).Add(t.DueDate).Text,
        FactBody.TrialBalance b => TrialBalance(b.Line),
        FactBody.TaxBook b => new Canon("taxbook/1").Add(b.Summary.Firm.Value).Add(b.Summary.Period)
            .Add(b.Summary.Revenue).Add(b.Summary.Costs).Add(b.Summary.Income)
            .Add(b.Summary.RevenueYtd).Add(b.Summary.CostsYtd).Add(b.Summary.IncomeYtd).Text,
        FactBody.BasicData f => BasicData(f.Firm, key),
        _ => throw new ArgumentOutOfRangeException(nameof(body), body.GetType().Name, "unknown fact body"),
    };

    private static string Zus(FactBody.Zus z)
    {
        var c = z.Contribution;
        var k = c.Components;
        return new Canon("zus/1").Add(c.Firm.Value).Add(c.Payer.Key).Add(c.PayerType.ToString())
            .Add(c.Period).Add(c.Origin.ToString())
            .Add(k.Emerytalne).Add(k.Rentowe).Add(k.Chorobowe).Add(k.Wypadkowe).Add(k.Zdrowotne)
            .Add(k.FpFs).Add(k.Fgsp).Add(k.Fep).Add(k.TotalDue).Add(z.DueDate).Text;
    }

    private static string TrialBalance(TrialBalanceLine l) =>
        new Canon("trialbalance/1").Add(l.Firm.Value).Add(l.Period).Add(l.Account).Add(l.Name)
            .Add(l.OpeningDt).Add(l.OpeningCt).Add(l.TurnoverDt).Add(l.TurnoverCt)
            .Add(l.CumulativeDt).Add(l.CumulativeCt).Add(l.ClosingDt).Add(l.ClosingCt).Text;

    // People in a fixed order (ordinal by their own canonical text): the order a program lists
    // them in says nothing, so it must not change the hash.
    private static string BasicData(Firm f, PeselKey key)
    {
        var canon = new Canon("firm/2").Add(f.Nip.Value).Add(f.Name)
            .Add(f.Regon.Map(r => r.Value)).Add(f.Address).Add(f.Email).Add(f.Phone)
            .Add(f.People.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var person in f.People.Map(p => PersonText(p, key)).OrderBy(t => t, StringComparer.Ordinal))
            canon.Append(person);
        return canon.Text;
    }

    private static string PersonText(Person p, PeselKey key) =>
        new Canon("person").Add(p.FirstName).Add(p.LastName)
            .Add(p.Pesel.Map(x => "pesel:" + key.Digest(x)))
            .Add(p.Nip.Map(n => n.Value)).Add(p.Email).Add(p.Phone).Add(p.Role.ToString()).Text;

    /// <summary>Fields joined by '|', each escaped so that no two field lists give the same text.</summary>
    private sealed class Canon
    {
        private readonly StringBuilder text = new();
        public Canon(string tag) => text.Append(tag);
        public string Text => text.ToString();

        public Canon Add(string? s)
        {
            text.Append('|');
            if (s is null) { text.Append("\\0"); return this; }
            foreach (var ch in s)
                text.Append(ch switch { '|' => "\\p", '\\' => "\\\\", _ => ch.ToString() });
            return this;
        }

        /// <summary>Appends a canonical text made by another <see cref="Canon"/>, as one block.</summary>
        public Canon Append(string canonical)
        {
            text.Append('|').Append(canonical);
            return this;
        }

        public Canon Add(Option<string> s) => Add(s.Case as string);
        public Canon Add(Money m) => Add(m.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        public Canon Add(Period p) => Add(p.ToString());
        public Canon Add(DateOnly d) => Add(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
