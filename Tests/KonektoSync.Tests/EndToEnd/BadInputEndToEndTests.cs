using System.Text.Json;
using KonektoSync.Extract;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

public sealed class BadInputOfficeFixture : IAsyncLifetime
{
    public Office Office { get; private set; } = null!;
    public async Task InitializeAsync() => Office = await Office.Write(seed: 11, raksFirms: 2, faktFirms: 2);
    public Task DisposeAsync() { Office.Dispose(); return Task.CompletedTask; }
}

/// <summary>
/// A broken program, in the whole command: one clear event naming what is wrong, exit 1, no secret
/// anywhere, and the other program's firms loaded all the same.
/// </summary>
[Collection("EndToEnd")]
public sealed class BadInputEndToEndTests(BadInputOfficeFixture fixture) : IClassFixture<BadInputOfficeFixture>, IDisposable
{
    private readonly Office _office = fixture.Office;
    private readonly CliRunner _cli = new();
    private readonly string _export = NewTemp("bad-export");

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_export, true); } catch (IOException) { }
    }

    private CliRunner.Result Sync(params string[] more) => _cli.Run(["sync", "--from", "2024-01", "--to", "2024-12", "--json", .. more]);

    private static List<JsonElement> Errors(CliRunner.Result sync) => sync.Json.GetProperty("errors").EnumerateArray().ToList();

    /// <summary>The firms with ZUS rows in the exported panel (ZUS comes from Fakt).</summary>
    private SortedSet<string> FirmsWithZus()
    {
        Ok(_cli.Run("panel", "export", _export));
        return new(File.ReadAllLines(Path.Combine(_export, "zus.csv")).Skip(1).Select(l => l.Split(',')[1]), StringComparer.Ordinal);
    }

    private SortedSet<string> FaktNips => new(_office.Fakt.Firms.Select(_office.Nip), StringComparer.Ordinal);

    [Fact]
    public void A_wrong_server_password_is_one_login_error_that_shows_the_password_nowhere_and_fakt_is_still_loaded()
    {
        var variable = "KONEKTOSYNC_E2E_BAD_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        const string wrong = "Zle-Haslo-Ąę-48213";
        Environment.SetEnvironmentVariable(variable, wrong);
        try
        {
            _office.Configure(_cli, "server", variable);

            var check = _cli.Run("programs", "check", "raks");
            var json = Sync();
            var text = _cli.Run("sync", "--from", "2024-01", "--to", "2024-12");
            var log = Ok(_cli.Run("log", "--json"));

            Assert.Equal((1, 1, 1), (check.Exit, json.Exit, text.Exit));
            var error = Assert.Single(Errors(json));
            Assert.Equal(("source.login", "raks"), (error.GetProperty("code").GetString(), error.GetProperty("program").GetString()));
            Assert.Contains("login refused for SYSDBA", error.GetProperty("message").GetString());
            Assert.Single(text.Err.Split('\n'), l => l.Contains("login"));
            Assert.Equal(FaktNips, FirmsWithZus());
            var logFiles = Directory.GetFiles(Path.Combine(_cli.DataDir, "logs"));
            Assert.NotEmpty(logFiles);
            string[] everywhere = [check.Out, check.Err, json.Out, json.Err, text.Out, text.Err, log.Out,
                File.ReadAllText(Path.Combine(_cli.DataDir, "konektosync.json")), .. logFiles.Select(File.ReadAllText)];
            Assert.All(everywhere, s => Assert.DoesNotContain(wrong, s));
            Assert.Contains("login refused", string.Join("\n", logFiles.Select(File.ReadAllText)));
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Fact]
    public void A_raks_folder_without_Raks3000_fdb_is_one_file_missing_error_and_fakt_is_still_loaded()
    {
        var empty = FirebirdFixture.NewFolder(Path.Combine(_office.Root, "empty-" + Guid.NewGuid().ToString("N")[..6]));
        _office.Configure(_cli, raksPath: empty);

        var check = _cli.Run("programs", "check", "--json");
        var sync = Sync();

        Assert.Equal((1, 1), (check.Exit, sync.Exit));
        var raks = check.Json.EnumerateArray().Single(p => p.GetProperty("program").GetString() == "raks");
        Assert.False(raks.GetProperty("ok").GetBoolean());
        Assert.StartsWith($"Raks: cannot open {empty}/Raks3000.fdb: file missing", raks.GetProperty("message").GetString());
        var error = Assert.Single(Errors(sync));
        Assert.Equal("firebird.file-missing", error.GetProperty("code").GetString());
        Assert.Equal(FaktNips, FirmsWithZus());
    }

    [Fact]
    public void A_raks_file_of_firebird_4_is_one_error_saying_it_needs_firebird_4_and_fakt_is_still_loaded()
    {
        var copy = _office.Copy(_office.RaksFolder, "ods");
        var file = Path.Combine(copy, "Raks3000.fdb");
        var bytes = File.ReadAllBytes(file);
        (bytes[18], bytes[19], bytes[64], bytes[65]) = (13, 0x80, 0, 0);
        File.WriteAllBytes(file, bytes);
        _office.Configure(_cli, raksPath: copy);

        var sync = Sync();

        Assert.Equal(1, sync.Exit);
        var error = Assert.Single(Errors(sync));
        Assert.Equal("source.version", error.GetProperty("code").GetString());
        Assert.Contains("this file needs Firebird 4 (ODS 13.0); this installation has Firebird 3", error.GetProperty("message").GetString());
        Assert.Equal(FaktNips, FirmsWithZus());
    }

    [Fact]
    public async Task A_raks_database_without_the_declarations_table_is_one_error_naming_the_table_and_fakt_is_still_loaded()
    {
        var copy = _office.Copy(_office.RaksFolder, "notable");
        await FirebirdFixture.Execute(Path.Combine(copy, "Raks3000.fdb"), "DROP TABLE R3_DEKLARACJE");
        _office.Configure(_cli, raksPath: copy);

        var sync = Sync();

        Assert.Equal(1, sync.Exit);
        var error = Assert.Single(Errors(sync));
        Assert.Equal("program.check", error.GetProperty("code").GetString());
        Assert.Equal($"Raks: {copy}/Raks3000.fdb: table R3_DEKLARACJE missing: program version older than supported: update Raks, or name them in a profile override",
            error.GetProperty("message").GetString());
        Assert.Equal(FaktNips, FirmsWithZus());
    }

    [Fact]
    public void A_raks_password_that_turns_wrong_after_a_good_sync_is_one_login_error_and_the_panel_keeps_its_values()
    {
        var variable = "KONEKTOSYNC_E2E_PW_LATER_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, ServerPassword);
        try
        {
            _office.Configure(_cli, "server", variable);
            Ok(Sync());
            Ok(_cli.Run("panel", "export", _export));
            var before = ReadExport(_export);
            Environment.SetEnvironmentVariable(variable, "Zle-Haslo-Pozniej-5521");

            // with nothing changed the programs are not read (change markers), so no login is tried
            var unchanged = Sync();
            // a sync that reads them (after a change of their files, or --full) logs in and is refused
            var sync = Sync("--full");
            Ok(_cli.Run("panel", "export", _export));

            Assert.Equal(0, unchanged.Exit);
            Assert.Equal(1, sync.Exit);
            var error = Assert.Single(Errors(sync));
            Assert.Equal("source.login", error.GetProperty("code").GetString());
            Assert.Equal(before, ReadExport(_export));
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Fact]
    public void A_raks_firm_with_an_invalid_nip_is_one_warning_naming_it_and_every_other_firm_is_loaded()
    {
        _office.Configure(_cli);
        var invalid = _office.Raks.Firms.Single(f => f.Name == "Firma Błędny NIP");

        var sync = Sync();
        var log = Ok(_cli.Run("log", "--json")).Json.EnumerateArray().ToList();
        Ok(_cli.Run("panel", "export", _export));

        Assert.Equal(0, sync.Exit);
        var warning = Assert.Single(log, e => e.GetProperty("code").GetString() == "firm.invalid-nip");
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal($"Firm 'Firma Błędny NIP' (key {invalid.FirmKey}) in Raks has an invalid NIP: NIP {invalid.Nip}: wrong check digit; it is not synchronised",
            warning.GetProperty("message").GetString());
        var firms = File.ReadAllLines(Path.Combine(_export, "firms.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var valid = _office.Raks.Firms.Concat(_office.Fakt.Firms).Where(f => f != invalid).Select(_office.Nip).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(valid, firms);
        var taxed = File.ReadAllLines(Path.Combine(_export, "taxes.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(_office.Raks.Firms.Where(f => f != invalid).Select(_office.Nip).Order(StringComparer.Ordinal), taxed);
    }
}
