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

    [Fact]
    public void Every_program_of_the_manual_is_available()
    {
        var list = _cli.Run("programs", "list", "--json").Json.EnumerateArray().ToList();

        Assert.Equal(23, list.Count);
        Assert.All(list, p => Assert.True(p.GetProperty("available").GetBoolean(), p.GetProperty("program").GetString()));
    }

    [Fact]
    public void Programs_spec_of_a_name_that_is_no_program_says_so_and_names_programs_list()
    {
        var r = _cli.Run("programs", "spec", "nosuchprogram");

        Assert.Equal(2, r.Exit);
        Assert.Contains("programs list", r.Err);
    }

    [Fact]
    public void Programs_set_of_a_name_that_is_no_program_is_refused_and_nothing_is_stored()
    {
        _cli.Run("init");
        var r = _cli.Run("programs", "set", "nosuchprogram", "path=/srv/program");
        var config = File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json"));

        Assert.Equal(2, r.Exit);
        Assert.Contains("programs list", r.Err);
        Assert.DoesNotContain("nosuchprogram", config);
    }
}
