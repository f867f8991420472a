using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Host.Texts;

namespace KonektoSync.Tests.Host;

/// <summary>Every payment of a summary appears in its e-mail and its SMS, and Polish letters stay intact.</summary>
public sealed class MessageTextsProperties
{
    private const string Letters = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄCĆEĘŁŃÓŚŹŻ -.";

    private static readonly Gen<string> Words =
        Gen.Elements(Letters.ToCharArray()).ArrayOf().Select(cs => "Firma " + new string(cs).Trim() + "ż");

    private static readonly Gen<SummaryItem> Items =
        from label in Words
        from cents in Gen.Choose(0, 200_000_000)
        from day in Gen.Choose(0, 3000)
        select new SummaryItem(label, cents / 100m, new DateOnly(2020, 1, 1).AddDays(day));

    private static readonly Arbitrary<SummaryContent> Contents =
        (from firm in Words
         from year in Gen.Choose(2020, 2030)
         from month in Gen.Choose(1, 12)
         from zus in Items.ListOf()
         from taxes in Items.ListOf()
         select new SummaryContent(firm, Period.Of(new DateOnly(year, month, 1)), zus.ToList(), taxes.ToList(), null)).ToArbitrary();

    [Property]
    public Property Every_payment_appears_with_its_amount_and_due_date_and_the_letters_are_intact() =>
        Prop.ForAll(Contents, c =>
        {
            var mail = MessageTexts.Summary(c, MessageTexts.Polish);
            var sms = MessageTexts.SummarySms(c, MessageTexts.Polish);
            return c.Zus.Concat(c.Taxes).All(i =>
                    mail.Body.Contains($"- {i.Label}: {Formats.Amount(i.Amount, MessageTexts.Polish)}, termin płatności "
                        + i.Due.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    && sms.Contains(i.Label, StringComparison.Ordinal)
                    && sms.Contains(Formats.Amount(i.Amount, MessageTexts.Polish), StringComparison.Ordinal))
                && mail.Subject.StartsWith(c.Firm, StringComparison.Ordinal)
                && sms.StartsWith(c.Firm, StringComparison.Ordinal)
                && mail.Body.Contains($"{c.Month.Month:00}.{c.Month.Year}", StringComparison.Ordinal);
        });
}
