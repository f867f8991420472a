using LanguageExt;

namespace KonektoSync.Domain;

public enum PersonRole { Owner, Partner }

/// <summary>A firm's user in the panel: an owner or a partner.</summary>
public sealed record Person(
    string FirstName,
    string LastName,
    Option<Pesel> Pesel,
    Option<Nip> Nip,
    Option<string> Email,
    Option<string> Phone,
    PersonRole Role)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>A client firm as validated from one program.</summary>
public sealed record Firm(
    Nip Nip,
    string Name,
    Option<Regon> Regon,
    string Address,
    Option<string> Email,
    Option<string> Phone,
    Seq<Person> People);

/// <summary>How the law sets a ZUS payer's deadline.</summary>
public enum PayerType
{
    /// <summary>A person paying only for themself (deadline 10th before 2022, 20th since).</summary>
    SelfOnly,
    /// <summary>Other payers without legal personality: sole traders with staff, partnerships.</summary>
    Other,
    /// <summary>Payers with legal personality (sp. z o.o., S.A., cooperatives, foundations).</summary>
    LegalPerson,
    /// <summary>Budget units and local-government budget establishments.</summary>
    BudgetUnit,
}

/// <summary>
/// Who a contribution is for: a person (by PESEL or NIP) or the firm's employees. For a PESEL,
/// <see cref="Digest"/> is its keyed digest (<see cref="PeselKey"/>), made with the payer.
/// </summary>
public sealed record PayerKey(string Kind, string Id, string Label, string Digest = "")
{
    public static PayerKey Employees => new("employees", "", "pracownicy");
    public static PayerKey OfPesel(Pesel p, string name, PeselKey key) => OfPesel(p, name, key.Digest(p));
    /// <summary>A PESEL payer whose digest (<see cref="PeselKey.Digest(Pesel)"/>) is already made.</summary>
    public static PayerKey OfPesel(Pesel p, string name, string digest) => new("pesel", p.Value, name, digest);
    public static PayerKey OfNip(Nip n, string name) => new("nip", n.Value, name);

    /// <summary>Stable text for keys and hashes; a PESEL appears only as its keyed digest.</summary>
    public string Key => Kind == "pesel"
        ? (Digest.Length > 0 ? $"pesel:{Digest}" : throw new InvalidOperationException("a PESEL payer without its digest"))
        : $"{Kind}:{Id}";

    /// <summary>A PESEL masked (<see cref="Pesel.Mask"/>): no log or test output shows it.</summary>
    public override string ToString() => $"{Kind}:{(Kind == "pesel" ? Pesel.Mask(Id) : Id)} {Label}";

    /// <summary>The same payer with its PESEL digested under <paramref name="key"/>.</summary>
    public PayerKey DigestedWith(PeselKey key) => Kind == "pesel" ? this with { Digest = key.Digest(Id) } : this;
}

public enum ZusOrigin { Filed, Copied }

/// <summary>The components of one month's ZUS declaration (DRA) for a payer.</summary>
public sealed record ZusComponents(
    Money Emerytalne, Money Rentowe, Money Chorobowe, Money Wypadkowe,
    Money Zdrowotne, Money FpFs, Money Fgsp, Money Fep, Money TotalDue);

public sealed record ZusContribution(
    Nip Firm, PayerKey Payer, PayerType PayerType, Period Period,
    ZusComponents Components, ZusOrigin Origin);

/// <summary>
/// A tax shown to the client. Monthly kinds have a month as their period; quarterly kinds
/// (<see cref="TaxKinds.IsQuarterly"/>) have the last month of their quarter (Q1 2024 is
/// 2024-03), and their code tells the panel that the value is for the whole quarter.
/// New kinds are added at the end, so that stored names and numbers keep their meaning.
/// </summary>
public enum TaxKind
{
    Vat7, Vat7K, Pit4, Pit5, Pit8A, Pit28, Cit,
    /// <summary>VAT-7D: the quarterly VAT return of payers who were not small taxpayers (until 2016).</summary>
    Vat7D,
    /// <summary>A quarterly PIT advance on business income (PIT-5 / PIT-5L, PIT-36 / PIT-36L).</summary>
    Pit5Quarterly,
    /// <summary>Ryczałt (PIT-28) paid quarterly.</summary>
    Pit28Quarterly,
    /// <summary>A quarterly CIT advance.</summary>
    CitQuarterly,
}

public static class TaxKinds
{
    public static string Label(this TaxKind k) => k switch
    {
        TaxKind.Vat7 => "VAT-7 (JPK_V7M)", TaxKind.Vat7K => "VAT-7K (JPK_V7K)",
        TaxKind.Pit4 => "PIT-4", TaxKind.Pit5 => "PIT-5 (PIT-36/36L)",
        TaxKind.Pit8A => "PIT-8A", TaxKind.Pit28 => "PIT-28", TaxKind.Cit => "CIT",
        TaxKind.Vat7D => "VAT-7D", TaxKind.Pit5Quarterly => "PIT-5 (PIT-36/36L) quarterly",
        TaxKind.Pit28Quarterly => "PIT-28 quarterly", TaxKind.CitQuarterly => "CIT quarterly",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "unknown tax kind"),
    };

    /// <summary>
    /// The stable code of the kind: the subject of its facts and the kind the panel stores.
    /// Quarterly advances whose form name is the monthly one carry "/Q" (a quarter).
    /// </summary>
    public static string Code(this TaxKind k) => k switch
    {
        TaxKind.Vat7 => "VAT-7", TaxKind.Vat7K => "VAT-7K", TaxKind.Pit4 => "PIT-4",
        TaxKind.Pit5 => "PIT-5", TaxKind.Pit8A => "PIT-8A", TaxKind.Pit28 => "PIT-28", TaxKind.Cit => "CIT",
        TaxKind.Vat7D => "VAT-7D", TaxKind.Pit5Quarterly => "PIT-5/Q",
        TaxKind.Pit28Quarterly => "PIT-28/Q", TaxKind.CitQuarterly => "CIT/Q",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "unknown tax kind"),
    };

    /// <summary>A value for a quarter, with the quarter's last month as its period.</summary>
    public static bool IsQuarterly(this TaxKind k) =>
        k is TaxKind.Vat7K or TaxKind.Vat7D or TaxKind.Pit5Quarterly or TaxKind.Pit28Quarterly
            or TaxKind.CitQuarterly;
}

public sealed record TaxLiability(Nip Firm, TaxKind Kind, Period Period, Money Amount);

/// <summary>A line of the trial balance (zestawienie obrotów i sald) for a month.</summary>
public sealed record TrialBalanceLine(
    Nip Firm, Period Period, string Account, string Name,
    Money OpeningDt, Money OpeningCt, Money TurnoverDt, Money TurnoverCt,
    Money CumulativeDt, Money CumulativeCt, Money ClosingDt, Money ClosingCt);

/// <summary>Tax-book (KPiR) figures for a month and the year to date.</summary>
public sealed record TaxBookSummary(
    Nip Firm, Period Period, Money Revenue, Money Costs, Money Income,
    Money RevenueYtd, Money CostsYtd, Money IncomeYtd);
