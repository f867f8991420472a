using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using Live = System.Collections.Generic.Dictionary<string, System.Collections.Generic.HashSet<string>>;

namespace KonektoSync.Tests.Extract.Kit;

public sealed class QueryTextTests
{
    private static ProgramProfile Profile(ProgramId program) =>
        ProgramProfile.Load(program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));

    private static QuerySpec Query(ProgramProfile p, string name) =>
        p.Query(name).IfNone(() => throw new KeyNotFoundException(name));

    private static Live LiveOf(ProgramProfile p, params string[] without)
    {
        var live = new Live(StringComparer.OrdinalIgnoreCase);
        foreach (var t in p.Items.Where(i => i.IsTable))
            live[t.Value] = p.ColumnsOf(t.Key["table.".Length..]).Select(c => c.Value)
                .Where(c => !without.Contains($"{t.Value}.{c}")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return live;
    }

    private static readonly QueryRun March = new("1", Nip.Create("5260250995").Match(n => n, _ => throw new Exception()),
        Period.Create(2024, 3).Match(p => p, _ => throw new Exception()), Period.Create(2024, 5).Match(p => p, _ => throw new Exception()));

    private static SqlQuery Build(ProgramProfile p, string name, Live? live) =>
        QueryText.Build(Query(p, name), p, SqlDialect.Firebird, live, "Raks", "Raks3000.fdb")
            .Match(q => q, e => throw new InvalidOperationException(e.Message));

    [Fact]
    public void Raks_declarations_are_filtered_by_the_spellings_of_the_nip_so_an_index_on_the_column_serves()
    {
        var raks = Profile(ProgramId.Raks);

        var sql = Build(raks, "taxes", LiveOf(raks));
        var (text, args) = sql.Command(March).Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("d.\"NIP\" IN (@nip0, @nip1, @nip2, @nip3, @nip4)", text);
        Assert.DoesNotContain("REPLACE", text);
        Assert.Contains("JOIN \"R3_DEFINICJE_DEKLARACJI\" n ON n.\"ID\" = d.\"ID_DEFINICJI_DEKLARACJI\"", text);
        Assert.Equal(["5260250995", "PL5260250995", "526-025-09-95", "526-02-50-995", "526 025 09 95"],
            args.Where(a => a.Name.StartsWith("@nip")).Select(a => a.Value));
        Assert.Contains(("@from", (object?)new DateTime(2024, 3, 1)), args);
        Assert.Contains(("@to", (object?)new DateTime(2024, 6, 1)), args);
    }

    [Fact]
    public void An_all_firms_query_restricted_to_some_firms_lists_each_nip_by_the_spellings_the_per_firm_filter_matches()
    {
        var raks = Profile(ProgramId.Raks);

        var sql = QueryText.Build(Query(raks, "taxes"), raks, SqlDialect.Firebird, LiveOf(raks), "Raks", "Raks3000.fdb",
            allFirms: true, someFirms: true).Match(q => q, e => throw new InvalidOperationException(e.Message));
        var (text, args) = sql.Command(March with { Firms = ["5260250995", "1234563218"] })
            .Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("d.\"NIP\" IN (" + string.Join(", ", Enumerable.Range(0, 10).Select(i => "@f" + i)) + ")", text);
        Assert.Equal([.. QueryText.NipSpellings("5260250995"), .. QueryText.NipSpellings("1234563218")],
            args.Where(a => System.Text.RegularExpressions.Regex.IsMatch(a.Name, @"^@f\d+$")).Select(a => a.Value));
        Assert.DoesNotContain("@nip", text);
        Assert.Contains("ORDER BY REPLACE(", text);
        Assert.Contains(("@from", (object?)new DateTime(2024, 3, 1)), args);
        Assert.Equal(QueryText.MaxRestrictedValues / 5, QueryText.FirmsPerRestrictedRun(Query(raks, "taxes").Firm!));
    }

    [Fact]
    public void An_all_firms_query_restricted_to_some_firms_lists_firm_numbers_as_numbers_and_a_run_without_a_usable_one_lists_null()
    {
        var fakt = Profile(ProgramId.Fakt);
        var spec = Query(fakt, "taxes");

        var sql = QueryText.Build(spec, fakt, SqlDialect.Firebird, LiveOf(fakt), "Fakt", "FAKT.FDB", allFirms: true, someFirms: true)
            .Match(q => q, e => throw new InvalidOperationException(e.Message));
        var (text, args) = sql.Command(March with { Firms = ["7", "12"] }).Match(c => c, e => throw new Exception(e.Message));
        var (none, noArgs) = sql.Command(March with { Firms = ["x"] }).Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("w.\"ID_FIRMY\" IN (@f0, @f1)", text);
        Assert.Equal([7, 12], args.Where(a => System.Text.RegularExpressions.Regex.IsMatch(a.Name, @"^@f\d+$")).Select(a => a.Value));
        Assert.Contains("w.\"ID_FIRMY\" IN (@f0)", none);
        Assert.Equal([null], noArgs.Where(a => System.Text.RegularExpressions.Regex.IsMatch(a.Name, @"^@f\d+$")).Select(a => a.Value));
        Assert.Equal(QueryText.MaxRestrictedValues, QueryText.FirmsPerRestrictedRun(spec.Firm!));
    }

    [Fact]
    public void A_firm_fingerprint_groups_the_query_by_its_firm_column_with_the_months_filter_and_no_firm_filter()
    {
        var raks = Profile(ProgramId.Raks);

        var sql = QueryText.Fingerprint(Query(raks, "taxes"), raks, SqlDialect.Firebird, LiveOf(raks), "Raks", "Raks3000.fdb")!.Value
            .Match(q => q, e => throw new InvalidOperationException(e.Message));
        var (text, args) = sql.Command(March).Match(c => c, e => throw new Exception(e.Message));

        Assert.StartsWith("SELECT CAST(COUNT(*) AS VARCHAR(20)) || ':' || CAST(COALESCE(SUM(1 * MOD(COALESCE(HASH(d.\"ID\"), 7), 1000003)", text);
        Assert.Contains("MAX(d.RDB$RECORD_VERSION)", text);
        Assert.Contains("MAX(n.RDB$RECORD_VERSION)", text);
        Assert.EndsWith("GROUP BY d.\"NIP\"", text);
        Assert.DoesNotContain("@nip", text);
        Assert.DoesNotContain("ORDER BY", text);
        Assert.Equal([QueryText.FingerprintField, QueryText.FirmField], sql.Shape.Fields);
        Assert.Contains(("@from", (object?)new DateTime(2024, 3, 1)), args);
    }

    [Fact]
    public void The_postgresql_and_mysql_fingerprints_hash_the_columns_and_postgresql_sums_each_tables_row_versions()
    {
        var raks = Profile(ProgramId.Raks);

        var pg = QueryText.Fingerprint(Query(raks, "taxes"), raks, SqlDialect.PostgreSql, LiveOf(raks), "Raks", "db")!.Value
            .Match(q => q.Text, e => throw new InvalidOperationException(e.Message));
        var my = QueryText.Fingerprint(Query(raks, "taxes"), raks, SqlDialect.MySql, LiveOf(raks), "Raks", "db")!.Value
            .Match(q => q.Text, e => throw new InvalidOperationException(e.Message));

        Assert.StartsWith("SELECT count(*)::text || ':' || coalesce(sum(1::bigint * coalesce(hashtext((d.\"ID\")::text), 7)", pg);
        Assert.Contains("coalesce(sum(d.xmin::text::bigint), 0)::text", pg);
        Assert.Contains("coalesce(sum(n.xmin::text::bigint), 0)::text", pg);
        Assert.EndsWith("GROUP BY d.\"NIP\"", pg);
        Assert.StartsWith("SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(1 * COALESCE(CRC32(d.`ID`), 7)", my);
        Assert.EndsWith("GROUP BY d.`NIP`", my);
        Assert.Null(SqlStatement.WhyNot(pg));
        Assert.Null(SqlStatement.WhyNot(my));
    }

    [Fact]
    public void An_engine_without_a_fingerprint_aggregate_or_a_query_without_a_firm_filter_has_no_fingerprint()
    {
        var raks = Profile(ProgramId.Raks);

        Assert.Null(QueryText.Fingerprint(Query(raks, "taxes"), raks, new KonektoSync.Extract.Engines.Odbc.OdbcDialect("Pervasive"), LiveOf(raks), "Raks", "db"));
        Assert.Null(QueryText.Fingerprint(Query(raks, "firms"), raks, SqlDialect.Firebird, LiveOf(raks), "Raks", "db"));
    }

    [Fact]
    public void Rows_are_read_by_logical_name_in_the_order_of_the_fields()
    {
        var raks = Profile(ProgramId.Raks);

        var sql = Build(raks, "firms", LiveOf(raks));

        Assert.Equal(["key", "nip", "shortName", "name", "street", "postalCode", "city", "email", "phone", "regon"], sql.Shape.Fields);
        Assert.StartsWith("SELECT f.\"NUMBER\", f.\"TAXID\", f.\"SHORTNAME\", f.\"FULL_NAME\"", sql.Text);
        Assert.EndsWith("ORDER BY f.\"NUMBER\"", sql.Text);
    }

    [Fact]
    public void An_optional_column_the_live_table_lacks_reads_as_null()
    {
        var raks = Profile(ProgramId.Raks);

        var sql = Build(raks, "firms", LiveOf(raks, "AD_FIRMS.REGON", "AD_FIRMS.PLACE"));

        Assert.Contains("f.\"ZIPCODE\", NULL, f.\"FIRM_EMAIL_ADDRESS\"", sql.Text);
        Assert.EndsWith("NULL FROM \"AD_FIRMS\" f ORDER BY f.\"NUMBER\"", sql.Text);
    }

    [Fact]
    public void Required_columns_the_live_table_lacks_give_one_problem_naming_them_all()
    {
        var raks = Profile(ProgramId.Raks);

        var problem = QueryText.Build(Query(raks, "firms"), raks, SqlDialect.Firebird,
            LiveOf(raks, "AD_FIRMS.TAXID", "AD_FIRMS.NUMBER", "AD_FIRMS.REGON"), "Raks", "Raks3000.fdb")
            .Match(_ => throw new Exception("expected a problem"), p => p);

        Assert.Equal("source.column-missing", problem.Code);
        Assert.Equal(new[] { "Raks", "Firebird", "Raks3000.fdb", "AD_FIRMS", "NUMBER, TAXID", "table" }, problem.Args.ToArray());
    }

    [Fact]
    public void An_optional_model_table_the_source_lacks_makes_its_kind_unsupported_and_a_required_one_missing()
    {
        var raks = Profile(ProgramId.Raks);
        var live = LiveOf(raks);
        live.Remove("KS_ZUS_DRA");
        live.Remove("R3_DEKLARACJE");

        var zus = QueryText.Build(Query(raks, "zus"), raks, SqlDialect.Firebird, live, "Raks", "F00001.fdb");
        var taxes = QueryText.Build(Query(raks, "taxes"), raks, SqlDialect.Firebird, live, "Raks", "Raks3000.fdb");

        Assert.Equal("program.kind-unsupported", zus.Match(_ => "", p => p.Code));
        Assert.Equal("source.table-missing", taxes.Match(_ => "", p => p.Code));
    }

    [Fact]
    public void Year_and_month_columns_are_filtered_by_the_year_first_then_by_the_month_number()
    {
        var raks = Profile(ProgramId.Raks);

        var (text, args) = Build(raks, "zus", LiveOf(raks)).Command(March).Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("t.\"ROK\" BETWEEN @fromYear AND @toYear AND t.\"ROK\" * 12 + t.\"MIESIAC\" BETWEEN @from AND @to", text);
        Assert.Equal([("@fromYear", (object?)2024), ("@toYear", 2024), ("@from", 2024 * 12 + 3), ("@to", 2024 * 12 + 5)], args);
    }

    [Fact]
    public void A_fakt_report_query_has_its_join_conditions_codes_firm_key_and_overlapping_period()
    {
        var fakt = Profile(ProgramId.Fakt);

        var (text, args) = QueryText.Build(Query(fakt, "zus"), fakt, SqlDialect.Firebird, LiveOf(fakt), "Fakt", "FAKT.FDB")
            .Bind(q => q.Command(March)).Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("LEFT JOIN \"ARCHIWUM_POZYCJE\" i ON i.\"ID_WYDRUKU\" = w.\"ID\" AND i.\"KOD\" = @c0", text);
        Assert.Contains("w.\"RODZAJ\" IN (@c1, @c2) AND w.\"ID_FIRMY\" = @firm", text);
        Assert.Contains("w.\"OKRES_OD\" <= @to AND w.\"OKRES_DO\" >= @from", text);
        Assert.Contains("ORDER BY w.\"DATA_WYDRUKU\" DESC, w.\"ID\" DESC", text);
        Assert.Equal([("@c0", (object?)"ZUS"), ("@c1", "RAPORT_ZUS"), ("@c2", "RAZEM"), ("@firm", 1)], args.Take(4));
    }

    [Fact]
    public void A_firm_key_that_is_not_a_number_of_a_numeric_key_column_is_a_firm_missing_problem()
    {
        var fakt = Profile(ProgramId.Fakt);
        var sql = QueryText.Build(Query(fakt, "taxes"), fakt, SqlDialect.Firebird, LiveOf(fakt), "Fakt", "FAKT.FDB")
            .Match(q => q, e => throw new Exception(e.Message));

        var problem = sql.Command(March with { FirmKey = "A7" }).Match(_ => throw new Exception("expected a problem"), p => p);

        Assert.Equal("program.firm-missing", problem.Code);
    }

    [Theory]
    [InlineData("MMyyyy", "032024")]
    [InlineData("yyyy-MM", "2024-03")]
    [InlineData("MM/yy", "03/24")]
    public void A_month_is_spelled_as_the_text_column_stores_it(string format, string expected) =>
        Assert.Equal(expected, QueryText.MonthSpelling(March.From, format));

    [Fact]
    public void A_month_text_filter_lists_every_month_of_the_run()
    {
        var example = ProgramProfile.Load(ProgramId.Optima, "example", typeof(QueryTextTests).Assembly,
            "KonektoSync.Tests.Extract.Kit.Example.example.profile.json", null).Match(p => p, e => throw new Exception(e.Message));

        var (text, args) = QueryText.Build(Query(example, "taxes"), example, SqlDialect.PostgreSql, null, "Example", "db")
            .Bind(q => q.Command(March)).Match(c => c, e => throw new Exception(e.Message));

        Assert.Contains("FROM \"cdn\".\"deklaracje\" d WHERE d.\"okres\" IN (@m0, @m1, @m2)", text);
        Assert.Equal([("@m0", (object?)"032024"), ("@m1", "042024"), ("@m2", "052024")], args);
    }

    [Fact]
    public void A_pivot_folds_key_value_rows_into_one_row_of_fields()
    {
        var example = ProgramProfile.Load(ProgramId.Optima, "example", typeof(QueryTextTests).Assembly,
            "KonektoSync.Tests.Extract.Kit.Example.example.profile.json", null).Match(p => p, e => throw new Exception(e.Message));
        var sql = QueryText.Build(Query(example, "basic"), example, SqlDialect.PostgreSql, null, "Example", "db")
            .Match(q => q, e => throw new Exception(e.Message));

        var row = sql.Pivot([SourceRow.Of([("key", "NAZWA"), ("value", "Gęś i Łabędź s.c.")]),
            SourceRow.Of([("key", "miasto"), ("value", " Kraków ")]), SourceRow.Of([("key", "WERSJA"), ("value", "2024.1")])]);

        Assert.Contains("WHERE k.\"klucz\" IN (@k0, @k1, @k2, @k3, @k4, @k5)", sql.Text);
        Assert.Equal(("Gęś i Łabędź s.c.", "Kraków", null), (row.Text("name"), row.Text("city"), row.Text("email")));
    }
}
