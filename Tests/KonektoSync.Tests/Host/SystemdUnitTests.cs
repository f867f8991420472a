using System.Diagnostics;
using KonektoSync.Host.Cli;
using KonektoSync.Host.Service;

namespace KonektoSync.Tests.Host;

public sealed class SystemdUnitTests
{
    private static UnitSpec Spec(string dataDir = "/var/lib/konektosync", params string[] programs) =>
        new(["/usr/local/bin/konektosync"], dataDir, "konektosync", programs);

    private static string Unit(UnitSpec spec) =>
        SystemdUnit.Build(spec).Match(Right: u => u, Left: p => throw new Xunit.Sdk.XunitException(p.Message));

    private static string[] Lines(string unit) => unit.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void The_unit_runs_the_worker_as_a_notify_service_of_its_own_user_in_the_data_folder()
    {
        var lines = Lines(Unit(Spec("/var/lib/konektosync", "/srv/raks", "/srv/fakt/FAKT.FDB")));

        Assert.Contains("[Service]", lines);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("ExecStart=\"/usr/local/bin/konektosync\" service run --data-dir \"/var/lib/konektosync\"", lines);
        Assert.Contains("User=konektosync", lines);
        Assert.Contains("WorkingDirectory=/var/lib/konektosync", lines);
        Assert.Contains("StateDirectory=konektosync", lines);
        Assert.Contains("StateDirectoryMode=0700", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("RestartSec=30", lines);
        Assert.Contains("WantedBy=multi-user.target", lines);
    }

    [Fact]
    public void The_unit_is_hardened_and_writes_only_to_the_data_folder_while_reading_the_programs_data()
    {
        var lines = Lines(Unit(Spec("/var/lib/konektosync", "/srv/raks", "/srv/fakt/FAKT.FDB")));

        foreach (var setting in new[] { "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes", "UMask=0077",
                     "ProtectHome=yes", "ReadWritePaths=\"/var/lib/konektosync\"",
                     "ReadOnlyPaths=-\"/srv/raks\" -\"/srv/fakt/FAKT.FDB\"" })
            Assert.Contains(setting, lines);
    }

    [Fact]
    public void The_unit_gives_the_embedded_engine_a_private_writable_cache_folder()
    {
        // ProtectHome=yes hides ~/.cache, where the embedded Firebird engine's own root would go
        var lines = Lines(Unit(Spec("/var/lib/konektosync")));

        Assert.Contains("CacheDirectory=konektosync", lines);
        Assert.Contains("CacheDirectoryMode=0700", lines);
        Assert.Contains("Environment=XDG_CACHE_HOME=%C", lines);
    }

    [Fact]
    public void A_program_or_data_folder_under_home_leaves_home_readable()
    {
        Assert.Contains("ProtectHome=read-only", Lines(Unit(Spec("/var/lib/konektosync", "/home/biuro/raks"))));
        Assert.Contains("ProtectHome=read-only", Lines(Unit(Spec("/home/biuro/konektosync"))));
    }

    [Fact]
    public void A_data_folder_outside_var_lib_has_no_state_directory()
    {
        var lines = Lines(Unit(Spec("/srv/konektosync")));

        Assert.DoesNotContain(lines, l => l.StartsWith("StateDirectory=", StringComparison.Ordinal));
        Assert.Contains("WorkingDirectory=/srv/konektosync", lines);
    }

    [Fact]
    public void A_program_without_configured_paths_gives_no_read_only_paths()
    {
        Assert.DoesNotContain(Lines(Unit(Spec())), l => l.StartsWith("ReadOnlyPaths=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/srv/my data", "\"/srv/my data\"")]
    [InlineData("/srv/100%", "\"/srv/100%%\"")]
    [InlineData("/srv/a\"b", "\"/srv/a\\\"b\"")]
    [InlineData("/srv/a\\b", "\"/srv/a\\\\b\"")]
    [InlineData("/srv/$HOME", "\"/srv/$$HOME\"")]
    public void A_command_line_word_is_quoted_with_its_quotes_backslashes_specifiers_and_variables_escaped(string value, string word) =>
        Assert.Equal(word, SystemdUnit.ExecWord(value));

    [Fact]
    public void A_path_list_entry_keeps_dollar_signs_which_paths_do_not_expand()
    {
        Assert.Equal("\"/srv/$x 1%%\"", SystemdUnit.PathWord("/srv/$x 1%"));
    }

    [Theory]
    [InlineData("/srv/a\nb", "konektosync", "service.unit-value")]
    [InlineData("relative/dir", "konektosync", "service.unit-path")]
    [InlineData("/var/lib/konektosync", "9lives", "service.user-name")]
    [InlineData("/var/lib/konektosync", "root;rm", "service.user-name")]
    public void A_value_a_unit_cannot_hold_is_a_problem(string dataDir, string user, string code)
    {
        var built = SystemdUnit.Build(new UnitSpec(["/usr/local/bin/konektosync"], dataDir, user, []));

        Assert.Equal(code, built.Match(Right: _ => "", Left: p => p.Code));
    }

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_written_unit_with_awkward_paths()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(analyze is not null,
            "systemd-analyze is missing: scripts/install-deps.sh installs systemd so that this check runs");
        var root = Directory.CreateTempSubdirectory("konektosync-unit-").FullName;
        try
        {
            var dataDir = Path.Combine(root, "data 100% \"office\"");
            Directory.CreateDirectory(dataDir);
            var spec = new UnitSpec(ServiceInstallCommands.InstalledCommand(), dataDir, "konektosync",
                ["/srv/missing raks", "/home/biuro/fakt 50%"]);
            var unitFile = Path.Combine(root, "konektosync.service");
            File.WriteAllText(unitFile, Unit(spec));

            var verify = new ProcessStartInfo(analyze!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (var a in new[] { "verify", "--man=no", unitFile }) verify.ArgumentList.Add(a);
            using var process = Process.Start(verify)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, $"systemd-analyze verify exit {process.ExitCode}: {errors}{await output}");
            // a setting systemd could not read is only a warning naming the file: none is allowed
            Assert.DoesNotContain("konektosync.service:", errors, StringComparison.Ordinal);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
