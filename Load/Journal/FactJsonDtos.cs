namespace KonektoSync.Load.Journal;

// The stored shape of a fact. Property order is the JSON order; money and dates are
// invariant text so the same fact always gives the same bytes.

internal sealed record FactDto(KeyDto Key, string Source, string Hash, BodyDto Body);

internal sealed record KeyDto(string Firm, string Kind, string? Period, string Subject);

internal sealed record BodyDto(
    string Type, FirmDto? Firm = null, ZusDto? Zus = null, TaxDto? Tax = null,
    TrialBalanceDto? TrialBalance = null, TaxBookDto? TaxBook = null);

internal sealed record FirmDto(
    string Nip, string Name, string? Regon, string Address, string? Email, string? Phone,
    IReadOnlyList<PersonDto> People);

/// <summary>
/// A person; on the panel protocol <c>Pesel</c> is absent and <c>PeselDigest</c> (keyed digest)
/// and <c>PeselMasked</c> stand for it (absent in the outbox).
/// </summary>
internal sealed record PersonDto(
    string FirstName, string LastName, string? Pesel, string? Nip, string? Email,
    string? Phone, string Role, string? PeselDigest = null, string? PeselMasked = null);

/// <summary>A payer; <c>Digest</c> is a PESEL payer's digest (absent in bodies staged before keyed digests).</summary>
internal sealed record PayerDto(string Kind, string Id, string Label, string? Digest = null);

internal sealed record ZusDto(
    string Firm, PayerDto Payer, string PayerType, string Period, string Origin,
    string DueDate, IReadOnlyList<string> Components);

internal sealed record TaxDto(string Firm, string Kind, string Period, string Amount, string DueDate);

internal sealed record TrialBalanceDto(
    string Firm, string Period, string Account, string Name, IReadOnlyList<string> Amounts);

internal sealed record TaxBookDto(string Firm, string Period, IReadOnlyList<string> Amounts);
