using KonektoSync.Extract;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Tests.Extract.Sql;

public sealed class SqlDialectTests
{
    public static TheoryData<string, string, string> Quoted() => new()
    {
        { "Firebird", "R3_DEKLARACJE", "\"R3_DEKLARACJE\"" },
        { "PostgreSQL", "CDN.DeklNag", "\"CDN\".\"DeklNag\"" },
        { "SQL Server", "ModelDanychContainer.Podmioty", "\"ModelDanychContainer\".\"Podmioty\"" },
        { "MySQL", "firmy", "`firmy`" },
        { "MySQL", "gt.Kontrahent", "`gt`.`Kontrahent`" },
        { "PostgreSQL", "Zakład", "\"Zakład\"" },
    };

    private static SqlDialect Of(string engine) =>
        new[] { SqlDialect.Firebird, SqlDialect.PostgreSql, SqlDialect.SqlServer, SqlDialect.MySql }.Single(d => d.Engine == engine);

    [Theory]
    [MemberData(nameof(Quoted))]
    public void Each_part_of_a_name_is_quoted_in_the_engines_way(string engine, string name, string quoted) =>
        Assert.Equal(quoted, Of(engine).Quote(name));

    [Theory]
    [InlineData("a\"b")]
    [InlineData("t; DROP TABLE x")]
    [InlineData("a.b.c")]
    [InlineData("")]
    [InlineData("x`y")]
    [InlineData("1abc")]
    public void A_name_that_is_not_an_identifier_is_refused(string name)
    {
        foreach (var d in new[] { SqlDialect.Firebird, SqlDialect.PostgreSql, SqlDialect.SqlServer, SqlDialect.MySql })
            Assert.Throws<ArgumentException>(() => d.Quote(name));
        Assert.False(SqlDialect.IsName(name));
    }

    [Fact]
    public void A_parameter_marker_is_at_name_for_every_engine()
    {
        Assert.Equal("@nip", SqlDialect.MySql.Param("nip"));
        Assert.Equal("@nip", SqlDialect.PostgreSql.Param("@nip"));
        Assert.Throws<ArgumentException>(() => SqlDialect.SqlServer.Param("a b"));
    }

    [Theory]
    [InlineData(18456, "Login failed for user 'sa'.", FaultKind.Login, null)]
    [InlineData(1222, "Lock request time out period exceeded.", FaultKind.Locked, null)]
    [InlineData(208, "Invalid object name 'CDN.DeklNag'.", FaultKind.TableMissing, "CDN.DeklNag")]
    [InlineData(207, "Invalid column name 'DkN_Rok'.", FaultKind.ColumnMissing, "DkN_Rok")]
    [InlineData(4060, "Cannot open database \"CDN_Firma\" requested by the login.", FaultKind.DatabaseMissing, null)]
    [InlineData(53, "A network-related or instance-specific error occurred", FaultKind.Unreachable, null)]
    [InlineData(229, "The SELECT permission was denied on the object 'Firma'", FaultKind.Privilege, null)]
    [InlineData(50000, "something else", FaultKind.Other, null)]
    public void SQL_Server_error_numbers_map_to_faults(int number, string message, FaultKind kind, string? name)
    {
        var fault = SqlServerDialect.Classify([number], message, message);
        Assert.Equal((kind, name), (fault.Kind, fault.Name));
    }

    [Fact]
    public void A_SQL_Server_certificate_chain_error_is_a_certificate_fault_whose_problem_names_the_setting()
    {
        const string chain = "A connection was successfully established with the server, but then an error occurred during the " +
            "login process. | The certificate chain was issued by an authority that is not trusted.";
        var fault = SqlServerDialect.Classify([-2146893019], "A connection was successfully established", chain);
        var problem = SourceProblems.From("Optima", "SQL Server", "srv\\OPTIMA/CDN_Firma", "srv\\OPTIMA", "sa", fault, opening: true);

        Assert.Equal(FaultKind.Certificate, fault.Kind);
        Assert.Equal("source.certificate", problem.Code);
        Assert.Contains("trustServerCertificate=true", problem.Message);
    }

    [Theory]
    [InlineData("28P01", "password authentication failed for user \"konekto\"", FaultKind.Login, null)]
    [InlineData("55P03", "canceling statement due to lock timeout", FaultKind.Locked, null)]
    [InlineData("42P01", "relation \"CDN.Nope\" does not exist", FaultKind.TableMissing, "CDN.Nope")]
    [InlineData("42703", "column \"nope\" does not exist", FaultKind.ColumnMissing, "nope")]
    [InlineData("25006", "cannot execute UPDATE in a read-only transaction", FaultKind.ReadOnly, null)]
    [InlineData("3D000", "database \"x\" does not exist", FaultKind.DatabaseMissing, null)]
    public void PostgreSQL_states_map_to_faults(string state, string message, FaultKind kind, string? name)
    {
        var fault = PostgreSqlDialect.Classify(state, message);
        Assert.Equal((kind, name), (fault.Kind, fault.Name));
    }

    [Theory]
    [InlineData(1045, "Access denied for user 'konekto'@'localhost' (using password: YES)", FaultKind.Login, null)]
    [InlineData(1146, "Table 'gt_firma.Nope' doesn't exist", FaultKind.TableMissing, "Nope")]
    [InlineData(1054, "Unknown column 'nope' in 'field list'", FaultKind.ColumnMissing, "nope")]
    [InlineData(1205, "Lock wait timeout exceeded; try restarting transaction", FaultKind.Locked, null)]
    [InlineData(1792, "Cannot execute statement in a READ ONLY transaction", FaultKind.ReadOnly, null)]
    [InlineData(1042, "Unable to connect to any of the specified MySQL hosts.", FaultKind.Unreachable, null)]
    public void MySQL_error_numbers_map_to_faults(int number, string message, FaultKind kind, string? name)
    {
        var fault = MySqlDialect.Classify(number, message);
        Assert.Equal((kind, name), (fault.Kind, fault.Name));
    }

    [Fact]
    public void A_table_of_the_default_schema_is_found_qualified_and_plain_others_only_qualified()
    {
        var tables = SqlSession.TablesOf(
            [new CatalogColumn("dbo.Firmy", "Nip", "NVARCHAR(20)"), new CatalogColumn("CDN.DeklNag", "DkN_Rok", "INT")], "dbo");

        Assert.Contains("NIP", tables["DBO.FIRMY"]);
        Assert.Contains("Nip", tables["Firmy"]);
        Assert.Contains("dkn_rok", tables["cdn.deklnag"]);
        Assert.False(tables.ContainsKey("DeklNag"));
    }
}
