using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>A profile query answered over in-memory tables means what its SELECT means (Fakt's report query).</summary>
public sealed class TableQueryTests
{
    private static readonly ProgramProfile Fakt =
        ProgramProfile.Load(ProgramId.Fakt, null).Match(p => p, p => throw new InvalidOperationException(p.Message));

    private static TableRow Row(params (string, object?)[] values) =>
        new(values.ToDictionary(v => v.Item1, v => v.Item2, StringComparer.OrdinalIgnoreCase));

    private static readonly Dictionary<string, IReadOnlyList<TableRow>> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ARCHIWUM_WYDRUKOW"] =
        [
            Row(("ID", 1), ("ID_FIRMY", 7), ("RODZAJ", "RAZEM"), ("DATA_WYDRUKU", new DateTime(2024, 4, 12)),
                ("OKRES_OD", new DateTime(2024, 3, 1)), ("OKRES_DO", new DateTime(2024, 3, 31))),
            Row(("ID", 2), ("ID_FIRMY", 7), ("RODZAJ", "RAPORT_PODATKOW"), ("DATA_WYDRUKU", new DateTime(2024, 4, 20)),
                ("OKRES_OD", new DateTime(2024, 3, 1)), ("OKRES_DO", new DateTime(2024, 3, 31))),
            Row(("ID", 3), ("ID_FIRMY", 8), ("RODZAJ", "RAZEM"), ("DATA_WYDRUKU", new DateTime(2024, 4, 12)),
                ("OKRES_OD", new DateTime(2024, 3, 1)), ("OKRES_DO", new DateTime(2024, 3, 31))),
            Row(("ID", 4), ("ID_FIRMY", 7), ("RODZAJ", "RAZEM"), ("DATA_WYDRUKU", new DateTime(2024, 2, 12)),
                ("OKRES_OD", new DateTime(2024, 1, 1)), ("OKRES_DO", new DateTime(2024, 1, 31))),
        ],
        ["ARCHIWUM_POZYCJE"] =
        [
            Row(("ID_WYDRUKU", 1), ("KOD", "VAT-7"), ("ROK", 2024), ("MIESIAC", 3), ("KWOTA", 100m)),
            Row(("ID_WYDRUKU", 1), ("KOD", "ZUS"), ("ROK", 2024), ("MIESIAC", 3), ("KWOTA", 900m)),
            Row(("ID_WYDRUKU", 1), ("KOD", "PIT-5"), ("ROK", 2024), ("MIESIAC", 3), ("KWOTA", 50m)),
            Row(("ID_WYDRUKU", 3), ("KOD", "VAT-7"), ("ROK", 2024), ("MIESIAC", 3), ("KWOTA", 1m)),
        ],
    };

    private static List<SourceRow> Run(string query, string firm) =>
        TableQuery.Evaluate(Fakt.Query(query).IfNone(() => throw new KeyNotFoundException()), Fakt,
            new QueryRun(firm, Nip.Create("5260250995").Match(n => n, _ => throw new Exception()),
                Period.Create(2024, 2).Match(p => p, _ => throw new Exception()), Period.Create(2024, 3).Match(p => p, _ => throw new Exception())),
            t => Tables[t], (_, _) => true).ToList();

    [Fact]
    public void The_taxes_query_keeps_the_firm_s_overlapping_reports_newest_first_with_their_non_zus_items()
    {
        var rows = Run("taxes", "7");

        Assert.Equal(new[] { ("2", (string?)null), ("1", "PIT-5"), ("1", "VAT-7") },
            rows.Select(r => (r.Text("reportId")!, r.Text("code"))).ToArray());
    }

    [Fact]
    public void The_zus_query_keeps_only_reports_that_hold_zus_and_their_zus_items()
    {
        var rows = Run("zus", "7");

        Assert.Equal(new[] { ("1", "ZUS", 900m) }, rows.Select(r => (r.Text("reportId")!, r.Text("code")!, r.Decimal("amount")!.Value)).ToArray());
    }

    [Fact]
    public void A_firm_key_matches_a_numeric_column_by_value_and_a_stranger_matches_nothing()
    {
        Assert.Equal(new[] { "3" }, Run("taxes", "08").Select(r => r.Text("reportId")).ToArray());
        Assert.Empty(Run("taxes", "x"));
    }

    [Fact]
    public void A_yyyyMM_month_number_keeps_the_rows_of_the_months_of_the_read()
    {
        var optima = ProgramProfile.Load(ProgramId.Optima, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var declarations = new List<TableRow>
        {
            Row(("DkN_DkNID", 1), ("DkN_TypDeklar", 1), ("DkN_RokMiesiac", 202401), ("DkN_Kwota", 1m), ("DkN_Finalna", 1)),
            Row(("DkN_DkNID", 2), ("DkN_TypDeklar", 1), ("DkN_RokMiesiac", 202402), ("DkN_Kwota", 2m), ("DkN_Finalna", 1)),
            Row(("DkN_DkNID", 3), ("DkN_TypDeklar", 1), ("DkN_RokMiesiac", 202403), ("DkN_Kwota", 3m), ("DkN_Finalna", 1)),
            Row(("DkN_DkNID", 4), ("DkN_TypDeklar", 1), ("DkN_RokMiesiac", 202304), ("DkN_Kwota", 4m), ("DkN_Finalna", 1)),
        };

        var rows = TableQuery.Evaluate(optima.Query("taxes").IfNone(() => throw new KeyNotFoundException()), optima,
            new QueryRun("1", Nip.Create("5260250995").Match(n => n, _ => throw new Exception()),
                Period.Create(2024, 2).Match(p => p, _ => throw new Exception()), Period.Create(2024, 3).Match(p => p, _ => throw new Exception())),
            _ => declarations, (_, _) => true).ToList();

        Assert.Equal(["2", "3"], rows.Select(r => r.Text("id")));
    }
}
