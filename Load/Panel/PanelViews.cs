namespace KonektoSync.Load.Panel;

/// <summary>A firm in the panel's list.</summary>
public sealed record PanelFirmSummary(
    string Nip, string Name, bool HasUnapproved, int People, int Zus, int Taxes, int Statements);

/// <summary>A firm's user as the panel keeps it (the PESEL masked).</summary>
public sealed record PanelPerson(
    string Key, string FirstName, string LastName, string Role, string PeselMasked,
    string Nip, string Email, string Phone);

/// <summary>
/// One value of a firm: data kind ("zus", "taxes", "statements"), table, month, what it is
/// about (payer, tax, account), its approval and source, and its fields in column order.
/// </summary>
public sealed record PanelEntry(
    string Kind, string Table, string Period, string Subject, bool Approved, string Source,
    IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>Everything the panel holds of a firm.</summary>
public sealed record PanelFirmView(
    string Nip, string Name, string Address, string Email, string Phone, string Source,
    IReadOnlyList<PanelPerson> People, IReadOnlyList<PanelEntry> Entries);

/// <summary>How many values an approval approved, per table.</summary>
public sealed record ApprovalCounts(int Zus, int Taxes, int TrialBalance, int TaxBook)
{
    public int Total => Zus + Taxes + TrialBalance + TaxBook;
}

/// <summary>The panel's columns that hold amounts (PLN, invariant text such as "1184.27").</summary>
public static class PanelColumns
{
    public static IReadOnlySet<string> Amounts { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "amount", "emerytalne", "rentowe", "chorobowe", "wypadkowe", "zdrowotne", "fp_fs", "fgsp", "fep", "total_due",
        "opening_dt", "opening_ct", "turnover_dt", "turnover_ct", "cumulative_dt", "cumulative_ct", "closing_dt", "closing_ct",
        "revenue", "costs", "income", "revenue_ytd", "costs_ytd", "income_ytd",
    };
}
