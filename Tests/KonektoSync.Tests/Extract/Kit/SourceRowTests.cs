using KonektoSync.Extract.Kit;

namespace KonektoSync.Tests.Extract.Kit;

public sealed class SourceRowTests
{
    private static readonly SourceRow Row = SourceRow.Of(
    [
        ("name", "  Ślęża  "), ("amount", 12.5m), ("count", (short)7), ("text", "1 234,50"), ("day", new DateTime(2024, 2, 29, 8, 1, 0)),
        ("missing", null), ("number", 42L), ("textDate", "2024-03-31"),
    ]);

    [Fact]
    public void Text_is_trimmed_and_numbers_are_shown_invariantly() =>
        Assert.Equal(("Ślęża", "12.5", "42"), (Row.Text("name"), Row.Text("amount"), Row.Text("number")));

    [Fact]
    public void Numbers_read_from_any_numeric_type_or_text_with_a_decimal_comma()
    {
        Assert.Equal((7, 12.5m, 42), (Row.Int("count"), Row.Decimal("amount"), Row.Int("number")));
        Assert.Null(Row.Decimal("text")); // a thousands separator is not guessed
        Assert.Equal(3.5m, SourceRow.Of([("x", "3,5")]).Decimal("x"));
    }

    [Fact]
    public void A_number_out_of_range_reads_as_no_value_not_an_overflow()
    {
        var row = SourceRow.Of([("huge", 1e300), ("nan", double.NaN), ("big", long.MaxValue), ("inf", double.PositiveInfinity)]);
        Assert.Equal(((decimal?)null, (decimal?)null, (int?)null, (int?)null),
            (row.Decimal("huge"), row.Decimal("nan"), row.Int("big"), row.Int("inf")));
        Assert.Equal(long.MaxValue, row.Decimal("big"));
    }

    [Fact]
    public void Dates_and_timestamps_read_from_date_values_and_iso_text()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Row.Date("day"));
        Assert.Equal(new DateTime(2024, 2, 29, 8, 1, 0), Row.Timestamp("day"));
        Assert.Equal(new DateOnly(2024, 3, 31), Row.Date("textDate"));
    }

    [Fact]
    public void A_null_value_reads_as_null_in_every_type() =>
        Assert.Equal((null, null, null, null), (Row.Text("missing"), Row.Int("missing"), Row.Decimal("missing"), Row.Date("missing")));

    [Fact]
    public void A_field_the_query_does_not_have_is_a_bug_not_a_null()
    {
        Assert.False(Row.Has("nip"));
        Assert.Throws<KeyNotFoundException>(() => Row.Text("nip"));
    }

    [Fact]
    public void A_row_filled_from_a_later_row_keeps_its_values_and_takes_only_the_empty_ones()
    {
        var first = SourceRow.Of([("key", "7"), ("nip", null), ("pesel", "  "), ("name", "Jan")]);
        var later = SourceRow.Of([("key", "7"), ("nip", "5260250995"), ("pesel", "44051401359"), ("name", "Other")]);

        var filled = first.FilledFrom(later);

        Assert.Equal(new[] { "7", "5260250995", "44051401359", "Jan" },
            new[] { filled.Text("key"), filled.Text("nip"), filled.Text("pesel"), filled.Text("name") });
        Assert.Null(first.Text("nip"));
    }
}
