namespace KonektoSync.Tests.Host;

public sealed class ProgramsSpecTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Programs_spec_lists_each_setting_with_required_default_and_description()
    {
        var r = _cli.Run("programs", "spec", "raks");

        Assert.Equal(0, r.Exit);
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("path ") && l.Contains("yes") && l.Contains("Raks3000.fdb"));
        Assert.Contains(lines, l => l.StartsWith("port ") && l.Contains("no") && l.Contains("3050"));
    }

    [Fact]
    public void Programs_spec_speaks_polish_with_lang_pl()
    {
        var r = _cli.RunIn("pl", "programs", "spec", "raks");

        Assert.Equal(0, r.Exit);
        Assert.Contains("ustawienie", r.Out);
        Assert.Contains("wymagane", r.Out);
        Assert.Contains("adres serwera", r.Out);
        Assert.DoesNotContain("server address", r.Out);
    }

    [Fact]
    public void Programs_spec_json_is_the_same_in_every_language()
    {
        var en = _cli.Run("programs", "spec", "fakt", "--json");
        var pl = _cli.RunIn("pl", "programs", "spec", "fakt", "--json");

        Assert.Equal(0, en.Exit);
        Assert.Equal(en.Out, pl.Out);
        var path = en.Json.GetProperty("settings").EnumerateArray().First(s => s.GetProperty("key").GetString() == "path");
        Assert.True(path.GetProperty("required").GetBoolean());
        Assert.Contains("FAKT.FDB", path.GetProperty("description").GetString());
        Assert.DoesNotContain(en.Json.GetProperty("settings").EnumerateArray(), s => s.GetProperty("key").GetString() == "password" && s.GetProperty("secret").GetBoolean() == false);
    }

    /// <summary>A program of the manual this build has no connector for, or a skip when every program has one.</summary>
    private string WithoutConnector()
    {
        var missing = _cli.Run("programs", "list", "--json").Json.EnumerateArray()
            .Where(p => !p.GetProperty("available").GetBoolean()).Select(p => p.GetProperty("program").GetString()!).FirstOrDefault();
        Skip.If(missing is null, "every program of the manual has a connector in this build");
        return missing!;
    }

    [SkippableFact]
    public void Programs_spec_of_a_program_without_a_connector_says_so_and_names_programs_list()
    {
        var r = _cli.Run("programs", "spec", WithoutConnector());

        Assert.Equal(2, r.Exit);
        Assert.Contains("programs list", r.Err);
    }

    [SkippableFact]
    public void Programs_set_for_a_program_without_a_connector_is_refused_and_nothing_is_stored()
    {
        _cli.Run("init");
        var program = WithoutConnector();
        var r = _cli.Run("programs", "set", program, "path=/srv/program");
        var list = _cli.Run("programs", "list", "--json");

        Assert.Equal(2, r.Exit);
        Assert.Contains("programs list", r.Err);
        Assert.DoesNotContain(list.Json.EnumerateArray(), p => p.GetProperty("program").GetString() == program && p.GetProperty("configured").GetBoolean());
    }
}
