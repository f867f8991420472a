using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using LanguageExt;

namespace KonektoSync.Host.Texts;

/// <summary>One payment of a summary: what (a ZUS payer, a tax), how much, by when.</summary>
public sealed record SummaryItem(string Label, decimal Amount, DateOnly Due);

/// <summary>What a summary tells a client: the firm, the month, its ZUS and tax payments, the panel's address.</summary>
public sealed record SummaryContent(string Firm, Period Month, IReadOnlyList<SummaryItem> Zus,
    IReadOnlyList<SummaryItem> Taxes, string? PanelUrl)
{
    public bool IsEmpty => Zus.Count == 0 && Taxes.Count == 0;
}

/// <summary>A message to send: its subject (e-mail only) and its text.</summary>
public sealed record ComposedMessage(string Subject, string Body);

/// <summary>
/// The texts of the messages to clients, from strings.tsv in the client's language (Polish first):
/// the summary of a month by e-mail and by SMS, and the activation link. Pure: the same content
/// and language always make the same text.
/// </summary>
public static class MessageTexts
{
    /// <summary>The language of messages to clients.</summary>
    public static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>
    /// What a summary of <paramref name="month"/> holds of a firm as the panel shows it: only
    /// approved values (what the client may see), ZUS and taxes of the kinds asked for.
    /// </summary>
    public static SummaryContent Content(PanelFirmView view, Period month, Set<DataKind> kinds, string? panelUrl)
    {
        var period = month.ToString();
        IReadOnlyList<SummaryItem> Items(string kind, string amountField) =>
            kinds.Contains(kind == "zus" ? DataKind.Zus : DataKind.Taxes)
                ? view.Entries.Where(e => e.Kind == kind && e.Approved && e.Period == period)
                    .Select(e => Item(e, amountField)).OfType<SummaryItem>().ToList()
                : [];
        return new SummaryContent(view.Name.Length > 0 ? view.Name : view.Nip, month,
            Items("zus", "total_due"), Items("taxes", "amount"), panelUrl);
    }

    private static SummaryItem? Item(PanelEntry e, string amountField)
    {
        var fields = e.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return fields.TryGetValue(amountField, out var a)
               && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
               && fields.TryGetValue("due_date", out var d)
               && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? new SummaryItem(e.Subject, amount, due)
            : null;
    }

    public static ComposedMessage Summary(SummaryContent c, CultureInfo culture)
    {
        var month = Month(c.Month, culture);
        var lines = new List<string> { T("message.greeting", culture), "", T("message.summary.intro", culture, c.Firm, month) };
        void Section(string title, IReadOnlyList<SummaryItem> items)
        {
            if (items.Count == 0) return;
            lines.Add("");
            lines.Add(T(title, culture));
            lines.AddRange(items.Select(i => T("message.summary.item", culture, i.Label,
                Formats.Amount(i.Amount, culture), Formats.Date(i.Due, culture))));
        }
        Section("message.summary.zus", c.Zus);
        Section("message.summary.taxes", c.Taxes);
        if (c.IsEmpty) lines.AddRange(["", T("message.summary.nothing", culture)]);
        if (c.PanelUrl is { } url) lines.AddRange(["", T("message.summary.panel", culture, url)]);
        lines.AddRange(["", T("message.signature", culture)]);
        return new ComposedMessage(T("message.summary.subject", culture, c.Firm, month), string.Join("\n", lines) + "\n");
    }

    /// <summary>The summary in one SMS-sized paragraph: the firm and month, then each payment.</summary>
    public static string SummarySms(SummaryContent c, CultureInfo culture)
    {
        var items = c.Zus.Select(i => (Prefix: "ZUS ", Item: i)).Concat(c.Taxes.Select(i => (Prefix: "", Item: i)))
            .Select(x => T("message.sms.item", culture, x.Prefix + x.Item.Label,
                Formats.Amount(x.Item.Amount, culture), Formats.Date(x.Item.Due, culture)))
            .ToList();
        var text = T("message.sms.summary", culture, c.Firm, Month(c.Month, culture),
            items.Count == 0 ? T("message.summary.nothing", culture) : string.Join("; ", items));
        return c.PanelUrl is { } url ? text + " " + url : text;
    }

    public static ComposedMessage Activation(string firm, string person, string link, DateOnly validUntil, CultureInfo culture) =>
        new(T("message.activation.subject", culture, firm),
            string.Join("\n",
                T("message.activation.greeting", culture, person), "",
                T("message.activation.invite", culture, firm), link, "",
                T("message.activation.valid", culture, Formats.Date(validUntil, culture)), "",
                T("message.signature", culture)) + "\n");

    /// <summary>The address of an activation link: the panel's address, /activate/ and the token.</summary>
    public static string ActivationLink(string panelUrl, string token) => panelUrl.TrimEnd('/') + "/activate/" + token;

    private static string Month(Period p, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "pl" ? $"{p.Month:00}.{p.Year:0000}" : p.ToString();

    private static string T(string key, CultureInfo culture, params object[] args)
    {
        var template = Texts.Find(key, culture) ?? throw new InvalidOperationException($"no text {key}");
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
