using System.Text.Json;

namespace KonektoSync.Tests.Host;

public sealed class CliTests : IDisposable
{
    private readonly CliRunner _cli = new();
    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Init_creates_the_configuration_and_a_second_init_is_a_usage_error()
    {
        var first = _cli.Run("init");
        var second = _cli.Run("init");

        Assert.Equal(0, first.Exit);
        Assert.True(File.Exists(Path.Combine(_cli.DataDir, "konektosync.json")));
        Assert.True(File.Exists(Path.Combine(_cli.DataDir, "konektosync.db")));
        Assert.Equal(2, second.Exit);
        Assert.Contains("--force", second.Err);
    }

    [Fact]
    public void A_command_before_init_says_to_run_init()
    {
        var r = _cli.Run("firms");

        Assert.Equal(2, r.Exit);
        Assert.Contains("konektosync init", r.Err);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        Assert.Equal(2, _cli.Run("frobnicate").Exit);
    }

    [Fact]
    public void A_password_in_plain_text_is_refused_and_never_stored()
    {
        _cli.Run("init");

        var r = _cli.Run("programs", "set", "raks", "path=/srv/raks", "password=Sekret123");

        Assert.Equal(2, r.Exit);
        Assert.DoesNotContain("Sekret123", File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")));
        Assert.DoesNotContain("Sekret123", r.Err + r.Out);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_password_file_readable_by_others_is_refused()
    {
        _cli.Run("init");
        // outside the data folder: every run closes the data folder's own files to others
        using var outside = new KonektoSync.Tests.Load.TempFolder();
        var file = outside.File("pw.txt");
        File.WriteAllText(file, "Sekret123");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = _cli.Run("programs", "set", "raks", "path=/srv/raks", "--password-file", file);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var accepted = _cli.Run("programs", "set", "raks", "--password-file", file);

        Assert.Equal(2, refused.Exit);
        Assert.Contains("chmod 600", refused.Err);
        Assert.Equal(0, accepted.Exit);
        Assert.Contains("file:" + file, File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")));
        Assert.DoesNotContain("Sekret123", File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")));
    }

    [Fact]
    public void Program_list_as_json_names_every_program_of_the_manual_without_secrets()
    {
        _cli.Run("init");
        _cli.Run("programs", "set", "fakt", "path=/srv/fakt", "--password-env", "FAKT_PASSWORD");

        var r = _cli.Run("programs", "list", "--json");

        Assert.Equal(0, r.Exit);
        var rows = r.Json.EnumerateArray().ToList();
        Assert.Equal(23, rows.Count);
        var fakt = rows.Single(x => x.GetProperty("program").GetString() == "fakt");
        Assert.True(fakt.GetProperty("passwordSet").GetBoolean());
        Assert.Equal("/srv/fakt", fakt.GetProperty("settings").GetProperty("path").GetString());
        Assert.DoesNotContain("FAKT_PASSWORD", r.Out);
    }

    [Fact]
    public void Settings_switch_options_on_and_off_and_reject_other_words()
    {
        _cli.Run("init");

        var on = _cli.Run("settings", "--auto-activation", "on", "--update-basic-data", "off", "--json");
        var bad = _cli.Run("settings", "--auto-activation", "maybe");

        var rows = on.Json.EnumerateArray().Where(x => x.TryGetProperty("on", out _))
            .ToDictionary(x => x.GetProperty("setting").GetString()!, x => x.GetProperty("on").GetBoolean());
        Assert.True(rows["auto-activation"]);
        Assert.False(rows["update-basic-data"]);
        Assert.Equal(2, bad.Exit);
    }

    [Fact]
    public void Config_clear_forgets_the_programs()
    {
        _cli.Run("init");
        _cli.Run("programs", "set", "fakt", "path=/srv/fakt");

        var r = _cli.Run("config", "clear");
        var list = _cli.Run("programs", "list", "--json");

        Assert.Equal(0, r.Exit);
        Assert.All(list.Json.EnumerateArray(), x => Assert.False(x.GetProperty("configured").GetBoolean()));
    }

    [Fact]
    public void Sync_without_selected_firms_reads_nothing_and_says_what_to_do()
    {
        _cli.Run("init");

        var r = _cli.Run("sync", "--from", "2024-01", "--to", "2024-03");

        Assert.Equal(0, r.Exit);
        Assert.Contains("firms select", r.Out);
    }

    [Fact]
    public void Sync_with_a_reversed_range_or_an_unknown_kind_is_a_usage_error()
    {
        _cli.Run("init");

        Assert.Equal(2, _cli.Run("sync", "--from", "2024-05", "--to", "2024-03").Exit);
        Assert.Equal(2, _cli.Run("sync", "--kinds", "zus,vat").Exit);
        Assert.Equal(2, _cli.Run("sync", "--from", "2024-13").Exit);
    }

    [Fact]
    public void Selecting_a_firm_not_found_in_any_program_is_refused_with_its_nip()
    {
        _cli.Run("init");

        var r = _cli.Run("firms", "select", "PL 856-734-62-15");
        var invalid = _cli.Run("firms", "select", "526-025-02-75");

        Assert.Equal(2, r.Exit);
        Assert.Contains("856-734-62-15", r.Err);
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("wrong check digit", invalid.Err);
    }

    [Fact]
    public void Log_before_any_sync_is_empty_and_since_must_be_a_date()
    {
        _cli.Run("init");

        Assert.Contains("empty", _cli.Run("log").Out);
        Assert.Equal(2, _cli.Run("log", "--since", "yesterday").Exit);
    }

    [Fact]
    public void Files_dump_prints_an_access_table_as_csv_with_counts()
    {
        var mdb = KonektoSync.Tests.Files.Access.MdbTools.Fixture("nwind.mdb");

        var r = _cli.Run("files", "dump", mdb, "--table", "Customers", "--limit", "2");

        Assert.Equal(0, r.Exit);
        var lines = r.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("CustomerID,CompanyName", lines[0]);
        Assert.StartsWith("ALFKI,Alfreds Futterkiste", lines[1]);
        Assert.Contains("2 records read", r.Err);
    }

    [Fact]
    public void Files_dump_of_a_truncated_file_names_the_file_and_the_offset()
    {
        var bad = Path.Combine(_cli.DataDir, "BROKEN.DBF");
        Directory.CreateDirectory(_cli.DataDir);
        File.WriteAllBytes(bad, [0x03, 0x7D, 0x01]);

        var r = _cli.Run("files", "dump", bad);

        Assert.Equal(1, r.Exit);
        Assert.Contains("BROKEN.DBF @", r.Err);
    }

    [Fact]
    public void Dpapi_protection_is_refused_off_windows_with_the_alternatives_named()
    {
        _cli.Run("init");

        var r = _cli.Run("programs", "set", "raks", "--password-dpapi");

        Assert.Equal(OperatingSystem.IsWindows() ? 0 : 2, r.Exit);
        if (!OperatingSystem.IsWindows()) Assert.Contains("--password-env", r.Err);
    }

    [Fact]
    public void A_password_reference_is_resolved_from_the_environment_and_never_from_plain_text()
    {
        var name = "KONEKTOSYNC_TEST_PW_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, "Sekret123");

        var fromEnv = KonektoSync.Host.Config.SecretRefs.Resolve("env:" + name, "Raks");
        var missing = KonektoSync.Host.Config.SecretRefs.Resolve("env:" + name + "_NONE", "Raks");
        var plain = KonektoSync.Host.Config.SecretRefs.Resolve("Sekret123", "Raks");
        Environment.SetEnvironmentVariable(name, null);

        Assert.Equal("Sekret123", fromEnv.Match(s => s.Match(x => x.Reveal(), () => ""), _ => ""));
        Assert.Equal("secret.env-missing", missing.Match(_ => "", p => p.Code));
        Assert.Equal("secret.reference", plain.Match(_ => "", p => p.Code));
        Assert.DoesNotContain("Sekret123", plain.Match(_ => "", p => p.Message));
    }
}
