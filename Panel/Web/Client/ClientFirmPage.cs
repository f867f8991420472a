using System.Globalization;
using KonektoSync.Load.Panel;

namespace KonektoSync.Panel.Web.Client;

/// <summary>A payment of a client's firm: a ZUS contribution (per payer) or a tax, its amount and due date.</summary>
/// <param name="Kind">"zus" or "taxes".</param>
/// <param name="Subject">The payer (ZUS) or the tax (PIT-4R, VAT, ...).</param>
public sealed record ClientPayment(string Kind, string Period, string Subject, decimal Amount, DateOnly? Due);

/// <summary>The payments of one month (the month they are for).</summary>
public sealed record ClientMonth(string Period, IReadOnlyList<ClientPayment> Payments)
{
    public decimal Total => Payments.Sum(p => p.Amount);
}

/// <summary>A statement row of a client's firm: trial balance account or tax book month, its fields in column order.</summary>
public sealed record ClientStatement(string Table, string Period, string Subject, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>
/// What a client sees of their firm: only approved values (rule 10: data reaches the client once
/// the office approved it). The payments due in the current month come first, then every month
/// with payments, newest first, then the statements.
/// </summary>
public sealed record ClientFirmPage(
    string Nip, string Name, DateOnly Today, IReadOnlyList<ClientPayment> DueThisMonth,
    IReadOnlyList<ClientMonth> Months, IReadOnlyList<ClientStatement> Statements)
{
    public static ClientFirmPage Of(PanelFirmView firm, DateOnly today)
    {
        var approved = firm.Entries.Where(e => e.Approved).ToList();
        var payments = approved.Where(e => e.Kind is "zus" or "taxes").Select(Payment).ToList();
        var due = payments
            .Where(p => p.Due is { } d && d.Year == today.Year && d.Month == today.Month)
            .OrderBy(p => p.Due).ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Subject, StringComparer.Ordinal)
            .ToList();
        var months = payments.GroupBy(p => p.Period, StringComparer.Ordinal)
            .OrderByDescending(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClientMonth(g.Key, g.ToList()))
            .ToList();
        var statements = approved.Where(e => e.Kind == "statements")
            .OrderByDescending(e => e.Period, StringComparer.Ordinal).ThenBy(e => e.Table, StringComparer.Ordinal)
            .Select(e => new ClientStatement(e.Table, e.Period, e.Subject, e.Fields))
            .ToList();
        return new ClientFirmPage(firm.Nip, firm.Name, today, due, months, statements);
    }

    private static ClientPayment Payment(PanelEntry e)
    {
        string? Field(string name) => e.Fields.FirstOrDefault(f => f.Key == name).Value;
        var amount = decimal.TryParse(Field(e.Kind == "zus" ? "total_due" : "amount"), NumberStyles.Number,
            CultureInfo.InvariantCulture, out var a) ? a : 0m;
        var due = DateOnly.TryParseExact(Field("due_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        return new ClientPayment(e.Kind, e.Period, e.Subject, amount, due);
    }
}
