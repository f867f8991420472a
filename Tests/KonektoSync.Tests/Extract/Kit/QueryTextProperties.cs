using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Tests.Extract.Kit;

public sealed class QueryTextProperties
{
    private static Gen<string> Digits => Gen.Choose(0, 9).ArrayOf(10).Select(d => string.Concat(d));

    private static Gen<Period> Months => Gen.Choose(1990, 2099).SelectMany(y => Gen.Choose(1, 12)
        .Select(m => Period.Create(y, m).Match(p => p, _ => throw new InvalidOperationException())));

    [Property]
    public Property Every_spelling_of_a_nip_is_the_nip_once_the_prefix_and_separators_are_removed() =>
        Prop.ForAll(Digits.ToArbitrary(), nip =>
        {
            var spellings = QueryText.NipSpellings(nip);
            return spellings.Distinct().Count() == 5
                && spellings.All(s => new string(s.Where(char.IsDigit).ToArray()) == nip && s.Replace("PL", "").Length >= 10);
        });

    [Property]
    public Property A_month_spelled_in_a_format_reads_back_as_the_same_month() =>
        Prop.ForAll(Months.ToArbitrary(), Gen.Elements("MMyyyy", "yyyy-MM", "MM.yyyy", "yyyyMM").ToArbitrary(), (month, format) =>
        {
            var text = QueryText.MonthSpelling(month, format);
            return DateOnly.ParseExact(text + (format.EndsWith("MM") ? "01" : ""), format + (format.EndsWith("MM") ? "dd" : ""),
                System.Globalization.CultureInfo.InvariantCulture) is var d && d.Year == month.Year && d.Month == month.Month;
        });
}
