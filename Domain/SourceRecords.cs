namespace KonektoSync.Domain;

/// <summary>
/// What a connector reads, exactly as the program gives it (text, nullable numbers, dates):
/// nothing here is validated. <see cref="FirmKey"/> is the program's own key of the firm
/// (a firm number, a database name); <see cref="Firm"/> is the firm of the plan the record
/// was read for.
/// </summary>
public abstract record SourceRecord(ProgramId Program, string FirmKey, Nip Firm);

public sealed record RawPerson(
    string? FirstName, string? LastName, string? Pesel, string? Nip,
    string? Email, string? Phone, string? Role);

/// <summary>A firm as a program lists it (discovery and basic data).</summary>
public sealed record RawFirm(
    ProgramId Program, string FirmKey, string? Nip, string? Name,
    string? Street, string? PostalCode, string? City,
    string? Email, string? Phone, string? Regon, IReadOnlyList<RawPerson> People);

/// <summary>A firm's basic data read for a plan.</summary>
public sealed record RawBasicData(ProgramId Program, string FirmKey, Nip Firm, RawFirm Data)
    : SourceRecord(Program, FirmKey, Firm);

/// <summary>
/// A tax declaration as the program stores it: its form name (as the program names it,
/// e.g. "VAT-7", "JPK_V7M", "PIT-4R"), the date it is made out for, when it was created,
/// and the tax amount.
/// </summary>
public sealed record RawDeclaration(
    ProgramId Program, string FirmKey, Nip Firm, string DocumentId, string FormName,
    DateOnly? DeclarationDate, DateTime? CreatedAt, decimal? Amount)
    : SourceRecord(Program, FirmKey, Firm);

/// <summary>A ZUS declaration (DRA) for a payer and month, with its amounts.</summary>
public sealed record RawZusDeclaration(
    ProgramId Program, string FirmKey, Nip Firm, string DocumentId,
    string? PayerNip, string? PayerPesel, string? PayerName, string? PayerType,
    int Year, int Month,
    decimal? Emerytalne, decimal? Rentowe, decimal? Chorobowe, decimal? Wypadkowe,
    decimal? Zdrowotne, decimal? FpFs, decimal? Fgsp, decimal? Fep, decimal? TotalDue)
    : SourceRecord(Program, FirmKey, Firm);

/// <summary>One item of a generated report: a tax (Code e.g. "VAT-7") or a contribution (Zus set).</summary>
public sealed record RawReportItem(string Code, int Year, int Month, decimal? Amount, RawZusDeclaration? Zus);

/// <summary>
/// A report a program generated and keeps in its print archive (Fakt): its kind
/// ("taxes", "zus", "both"), when it was generated, and what it contains.
/// </summary>
public sealed record RawReport(
    ProgramId Program, string FirmKey, Nip Firm, string ReportId, string ReportKind,
    DateTime GeneratedAt, IReadOnlyList<RawReportItem> Items)
    : SourceRecord(Program, FirmKey, Firm);

public sealed record RawTrialBalanceLine(
    ProgramId Program, string FirmKey, Nip Firm, int Year, int Month, string Account, string? Name,
    decimal? OpeningDt, decimal? OpeningCt, decimal? TurnoverDt, decimal? TurnoverCt,
    decimal? CumulativeDt, decimal? CumulativeCt, decimal? ClosingDt, decimal? ClosingCt)
    : SourceRecord(Program, FirmKey, Firm);

public sealed record RawTaxBook(
    ProgramId Program, string FirmKey, Nip Firm, int Year, int Month,
    decimal? Revenue, decimal? Costs)
    : SourceRecord(Program, FirmKey, Firm);

/// <summary>
/// What the program says of a month of its group for which it gives no value (Reset2: the firm's VAT
/// settings do not cover the month): the group's fact builder turns it into a warning event with
/// <see cref="Remedy"/>; it carries no value.
/// </summary>
public sealed record RawMonthNote(
    ProgramId Program, string FirmKey, Nip Firm, int Year, int Month, Problem Note, string Remedy)
    : SourceRecord(Program, FirmKey, Firm);

/// <summary>
/// Closes a (firm, data kind) group in a connector's stream: every record of the group came
/// before it. A failed group carries the problem; its records are discarded, never half loaded.
/// </summary>
public sealed record GroupEnd(
    ProgramId Program, string FirmKey, Nip Firm, DataKind Kind, Problem? Failure)
    : SourceRecord(Program, FirmKey, Firm);
