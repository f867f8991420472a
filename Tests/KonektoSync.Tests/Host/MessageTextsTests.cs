using KonektoSync.Domain;
using KonektoSync.Host.Texts;
using KonektoSync.Load.Panel;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host;

/// <summary>The summary and activation messages to clients: Polish, amounts as "1 184,27 zł", dates as dd.MM.yyyy.</summary>
public sealed class MessageTextsTests
{
    private static readonly Period March = Period.Parse("2025-03").SuccessToSeq().Head;

    private static readonly SummaryContent Content = new("Piekarnia Łódź Sp. z o.o.", March,
        [new SummaryItem("Piekarnia Łódź", 1184.27m, new DateOnly(2025, 4, 15))],
        [new SummaryItem("VAT-7", 12345.5m, new DateOnly(2025, 4, 25)), new SummaryItem("PIT-4", 300m, new DateOnly(2025, 4, 22))],
        "https://panel.example.pl");

    [Fact]
    public void The_polish_summary_names_the_firm_the_month_and_each_payment_in_polish_format()
    {
        var m = MessageTexts.Summary(Content, MessageTexts.Polish);

        Assert.Equal("Piekarnia Łódź Sp. z o.o.: płatności za 03.2025", m.Subject);
        Assert.Equal("""
            Dzień dobry,

            oto płatności firmy Piekarnia Łódź Sp. z o.o. za 03.2025:

            Składki ZUS:
            - Piekarnia Łódź: 1 184,27 zł, termin płatności 15.04.2025

            Podatki:
            - VAT-7: 12 345,50 zł, termin płatności 25.04.2025
            - PIT-4: 300,00 zł, termin płatności 22.04.2025

            Szczegóły w panelu: https://panel.example.pl

            Państwa biuro rachunkowe

            """.ReplaceLineEndings("\n"), m.Body);
    }

    [Fact]
    public void The_sms_summary_is_one_paragraph_with_every_payment()
    {
        var sms = MessageTexts.SummarySms(Content, MessageTexts.Polish);

        Assert.Equal("Piekarnia Łódź Sp. z o.o., płatności za 03.2025: ZUS Piekarnia Łódź 1 184,27 zł do 15.04.2025; "
            + "VAT-7 12 345,50 zł do 25.04.2025; PIT-4 300,00 zł do 22.04.2025. https://panel.example.pl", sms);
    }

    [Fact]
    public void A_month_without_payments_says_so_and_without_a_panel_address_names_none()
    {
        var m = MessageTexts.Summary(Content with { Zus = [], Taxes = [], PanelUrl = null }, MessageTexts.Polish);

        Assert.Contains("Brak płatności za ten miesiąc.", m.Body);
        Assert.DoesNotContain("panel", m.Body);
    }

    [Fact]
    public void The_activation_message_holds_the_link_and_its_expiry()
    {
        var link = MessageTexts.ActivationLink("https://panel.example.pl/", "abc_-123");
        var m = MessageTexts.Activation("Piekarnia Łódź", "Zofia Żak", link, new DateOnly(2025, 4, 8), MessageTexts.Polish);

        Assert.Equal("https://panel.example.pl/activate/abc_-123", link);
        Assert.Equal("Konto w panelu firmy Piekarnia Łódź", m.Subject);
        Assert.Contains("Dzień dobry, Zofia Żak,", m.Body);
        Assert.Contains("\n" + link + "\n", m.Body);
        Assert.Contains("Link jest ważny do 08.04.2025.", m.Body);
    }

    [Fact]
    public void The_content_takes_only_approved_zus_and_taxes_of_the_month_and_kinds_asked_for()
    {
        static PanelEntry Entry(string kind, string period, bool approved, string subject, string amountField, string amount) =>
            new(kind, kind, period, subject, approved, "raks",
                [KeyValuePair.Create(amountField, amount), KeyValuePair.Create("due_date", "2025-04-15")]);
        var view = new PanelFirmView("5260250274", "Firma Ćma", "", "", "", "raks", [],
        [
            Entry("zus", "2025-03", true, "Firma Ćma", "total_due", "1184.27"),
            Entry("zus", "2025-02", true, "Firma Ćma", "total_due", "999.00"),
            Entry("taxes", "2025-03", false, "VAT-7", "amount", "50.00"),
            Entry("taxes", "2025-03", true, "PIT-4", "amount", "20.00"),
        ]);

        var all = MessageTexts.Content(view, March, toSet(new[] { DataKind.Zus, DataKind.Taxes }), null);
        var zusOnly = MessageTexts.Content(view, March, toSet(new[] { DataKind.Zus }), null);

        Assert.Equal([new SummaryItem("Firma Ćma", 1184.27m, new DateOnly(2025, 4, 15))], all.Zus);
        Assert.Equal([new SummaryItem("PIT-4", 20m, new DateOnly(2025, 4, 15))], all.Taxes);
        Assert.Empty(zusOnly.Taxes);
    }
}
