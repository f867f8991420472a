using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Panel;

/// <summary>`panel staff add|list|remove`: the password from an environment variable, never printed.</summary>
public sealed class PanelStaffCommandTests
{
    [Fact]
    public void Staff_are_added_listed_and_removed_and_the_password_is_never_printed()
    {
        var variable = "KONEKTOSYNC_TEST_STAFF_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "tajne-haslo-biura");
        try
        {
            using var cli = new CliRunner();
            Assert.Equal(0, cli.Run("init").Exit);
            var office = cli.Run("panel", "office", "add", "Biuro Staff", "--json").Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

            var added = cli.Run("panel", "staff", "add", "--office", office, "--login", "ewa", "--password-env", variable);
            var twice = cli.Run("panel", "staff", "add", "--office", office, "--login", "ewa", "--password-env", variable);
            var list = cli.Run("panel", "staff", "list", "--office", office, "--json");
            var removed = cli.Run("panel", "staff", "remove", "--office", office, "--login", "ewa");
            var empty = cli.Run("panel", "staff", "list", "--office", office, "--json");
            var noOffice = cli.Run("panel", "staff", "list", "--office", "99");

            Assert.Equal(0, added.Exit);
            Assert.Contains("ewa", added.Out);
            Assert.Equal(2, twice.Exit);
            Assert.Equal("ewa", list.Json[0].GetProperty("login").GetString());
            Assert.Equal(0, removed.Exit);
            Assert.Equal(0, empty.Json.GetArrayLength());
            Assert.Equal(2, noOffice.Exit);
            foreach (var r in new[] { added, twice, list, removed })
                Assert.DoesNotContain("tajne-haslo-biura", r.Out + r.Err);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_short_password_or_an_unset_variable_is_refused()
    {
        var variable = "KONEKTOSYNC_TEST_STAFF_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "krotkie");
        try
        {
            using var cli = new CliRunner();
            Assert.Equal(0, cli.Run("init").Exit);
            cli.Run("panel", "office", "add", "Biuro Staff");

            var shortOne = cli.Run("panel", "staff", "add", "--office", "1", "--login", "ewa", "--password-env", variable);
            var unset = cli.Run("panel", "staff", "add", "--office", "1", "--login", "ewa", "--password-env", variable + "_UNSET");

            Assert.Equal(2, shortOne.Exit);
            Assert.Contains("at least 10 characters", shortOne.Err + shortOne.Out);
            Assert.Equal(2, unset.Exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
