using KonektoSync.Domain;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// The standard mapping of rows to records by logical field name. A profile whose queries use
/// these field names needs no mapping code; a field a query lacks reads as null.
/// </summary>
public static class Records
{
    private static string? T(SourceRow r, string f) => r.Has(f) ? r.Text(f) : null;
    private static decimal? D(SourceRow r, string f) => r.Has(f) ? r.Decimal(f) : null;
    private static int? I(SourceRow r, string f) => r.Has(f) ? r.Int(f) : null;

    /// <summary>A firm: key, nip, name (else shortName), street, postalCode, city, email, phone, regon.</summary>
    public static RawFirm Firm(ProgramId program, SourceRow r) =>
        new(program, T(r, "key") ?? "", T(r, "nip"), T(r, "name") ?? T(r, "shortName"), T(r, "street"),
            T(r, "postalCode"), T(r, "city"), T(r, "email"), T(r, "phone"), T(r, "regon"), []);

    /// <summary>Basic data from a row of firm fields (a pivot of key-value rows, say).</summary>
    public static Func<ReadItem, SourceRow, SourceRecord> BasicData(ProgramId program) =>
        (item, r) => new RawBasicData(program, item.FirmKey, item.Firm, Firm(program, r) with { FirmKey = item.FirmKey });

    /// <summary>A declaration: id, formName, date, createdAt, amount.</summary>
    public static Func<ReadItem, SourceRow, SourceRecord> Declaration(ProgramId program) =>
        (item, r) => new RawDeclaration(program, item.FirmKey, item.Firm, T(r, "id") ?? "", T(r, "formName") ?? "",
            r.Has("date") ? r.Date("date") : null, r.Has("createdAt") ? r.Timestamp("createdAt") : null, D(r, "amount"));

    /// <summary>A ZUS declaration: id, payerNip, payerPesel, payerName, payerType, year, month, the contributions, total.</summary>
    public static Func<ReadItem, SourceRow, SourceRecord> Zus(ProgramId program) =>
        (item, r) => new RawZusDeclaration(program, item.FirmKey, item.Firm, T(r, "id") ?? "", T(r, "payerNip"),
            T(r, "payerPesel"), T(r, "payerName"), T(r, "payerType"), I(r, "year") ?? 0, I(r, "month") ?? 0,
            D(r, "emerytalne"), D(r, "rentowe"), D(r, "chorobowe"), D(r, "wypadkowe"), D(r, "zdrowotne"), D(r, "fpFs"),
            D(r, "fgsp"), D(r, "fep"), D(r, "total"));

    /// <summary>A trial balance line: year, month, account, name, opening/turnover/cumulative/closing Dt and Ct.</summary>
    public static Func<ReadItem, SourceRow, SourceRecord> TrialBalanceLine(ProgramId program) =>
        (item, r) => new RawTrialBalanceLine(program, item.FirmKey, item.Firm, I(r, "year") ?? 0, I(r, "month") ?? 0,
            T(r, "account") ?? "", T(r, "name"), D(r, "openingDt"), D(r, "openingCt"), D(r, "turnoverDt"),
            D(r, "turnoverCt"), D(r, "cumulativeDt"), D(r, "cumulativeCt"), D(r, "closingDt"), D(r, "closingCt"));
}
