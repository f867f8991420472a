using KonektoSync.Extract.Programs.Platnik;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>
/// The settings Płatnik's registry key "Baza" gives. Reading the registry itself runs on Windows
/// only and is not tested here; these tests cover what its values are turned into.
/// </summary>
public sealed class PlatnikRegistryTests
{
    private static IReadOnlyDictionary<string, string>? Of(params (string, string)[] values) =>
        PlatnikRegistry.Settings(values.ToDictionary(v => v.Item1, v => v.Item2));

    [Fact]
    public void A_Jet_provider_is_an_Access_file_at_the_data_source()
    {
        var s = Of(("Provider", "Microsoft.Jet.OLEDB.4.0"), ("Data Source", @"C:\Platnik\Baza\Platnik.mdb"));

        Assert.Equal("access", s!["storage"]);
        Assert.Equal(@"C:\Platnik\Baza\Platnik.mdb", s["path"]);
    }

    [Fact]
    public void A_SQL_Server_provider_with_a_named_instance_and_a_SQL_login_is_a_server_database()
    {
        var s = Of(("Provider", "MSOLEDBSQL"), ("Data Source", @"BIURO\PLATNIK"), ("Initial Catalog", "PLATNIK_2024"),
            ("User ID", "platnik"), ("Password", "secret-from-registry"));

        Assert.Equal("sqlserver", s!["storage"]);
        Assert.Equal("BIURO", s["host"]);
        Assert.Equal("PLATNIK", s["instance"]);
        Assert.Equal("PLATNIK_2024", s["database"]);
        Assert.Equal("sql", s["auth"]);
        Assert.Equal("platnik", s["user"]);
        Assert.DoesNotContain("secret-from-registry", s.Values);
    }

    [Fact]
    public void A_host_and_port_with_integrated_security_is_a_Windows_login()
    {
        var s = Of(("Provider", "SQLOLEDB"), ("Data Source", "10.0.0.5,1433"), ("Initial Catalog", "Platnik"),
            ("Integrated Security", "SSPI"));

        Assert.Equal("10.0.0.5", s!["host"]);
        Assert.Equal("1433", s["port"]);
        Assert.Equal("windows", s["auth"]);
        Assert.False(s.ContainsKey("user"));
    }

    [Fact]
    public void Values_naming_no_database_give_nothing()
    {
        Assert.Null(Of(("Provider", "MSOLEDBSQL"), ("Data Source", "BIURO")));
        Assert.Null(Of(("Provider", "Microsoft.Jet.OLEDB.4.0")));
    }
}
