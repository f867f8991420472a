using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Service;
using Serilog.Events;

namespace KonektoSync.Tests.Host;

public sealed class LogConfigurationTests : IDisposable
{
    private readonly DataDir _dir = new(Directory.CreateTempSubdirectory("konektosync-logcfg-").FullName);
    private readonly string _program = Directory.CreateTempSubdirectory("konektosync-logcfg-bin-").FullName;

    public void Dispose()
    {
        foreach (var d in new[] { _dir.Path, _program })
            try { Directory.Delete(d, recursive: true); } catch (IOException) { }
    }

    private void Write(string folder, string json) => File.WriteAllText(Path.Combine(folder, "appsettings.json"), json);

    private LogSettings Loaded() =>
        LogConfiguration.Load(_dir, _program).Match(Right: s => s, Left: p => throw new Xunit.Sdk.XunitException(p.Message));

    private Problem Refused() =>
        LogConfiguration.Load(_dir, _program).Match(Right: _ => throw new Xunit.Sdk.XunitException("accepted"), Left: p => p);

    [Fact]
    public void Without_a_configuration_the_log_keeps_todays_defaults()
    {
        var s = Loaded();

        Assert.Equal(LogEventLevel.Information, s.Minimum);
        Assert.Equal(Path.Combine(_dir.LogDir, "konektosync-.log"), s.FilePath);
        Assert.Equal(31, s.RetainedFiles);
        Assert.Empty(s.Overrides);
    }

    [Fact]
    public void Levels_file_and_retention_are_taken_from_the_data_folders_file_over_the_programs()
    {
        Write(_program, """
            { "Serilog": { "MinimumLevel": "Warning",
                           "WriteTo": [ { "Name": "File", "Args": { "retainedFileCountLimit": 5 } } ] } }
            """);
        Write(_dir.Path, """
            { "Serilog": { "MinimumLevel": { "Default": "Debug", "Override": { "Microsoft": "Error" } },
                           "WriteTo": [ { "Name": "Console" }, { "Name": "File", "Args": { "path": "mylogs/sync-.log" } } ] } }
            """);

        var s = Loaded();

        Assert.Equal(LogEventLevel.Debug, s.Minimum);
        Assert.Equal(LogEventLevel.Error, s.Overrides["Microsoft"]);
        Assert.Equal(Path.Combine(_dir.Path, "mylogs", "sync-.log"), s.FilePath);
        Assert.Equal(5, s.RetainedFiles);
    }

    [Fact]
    public void The_configured_levels_decide_what_reaches_the_file()
    {
        Write(_dir.Path, """{ "Serilog": { "MinimumLevel": "Warning", "WriteTo": [ { "Name": "File", "Args": { "path": "out/k-.log" } } ] } }""");

        using (var log = LogConfiguration.Create(Loaded(), console: false))
        {
            log.Information("an information line");
            log.Warning("a warning line");
        }

        var text = string.Concat(Directory.GetFiles(Path.Combine(_dir.Path, "out")).Select(File.ReadAllText));
        Assert.Contains("a warning line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("an information line", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Serilog": { "MinimumLevel": "Loud" } }""", "log.config.level")]
    [InlineData("""{ "Serilog": { "MinimumLevel": { "Override": { "KonektoSync": "7" } } } }""", "log.config.level")]
    [InlineData("""{ "Serilog": { "WriteTo": [ { "Name": "File", "Args": { "retainedFileCountLimit": "0" } } ] } }""", "log.config.retention")]
    [InlineData("""{ "Serilog": { "WriteTo": [ { "Name": "File", "Args": { "retainedFileCountLimit": "many" } } ] } }""", "log.config.retention")]
    [InlineData("""{ "Serilog": { "MinimumLevel": "Debug", """, "log.config.invalid")]
    public void A_bad_configuration_is_one_problem_naming_the_file(string json, string code)
    {
        Write(_dir.Path, json);

        var p = Refused();

        Assert.Equal(code, p.Code);
        Assert.Contains(Path.Combine(_dir.Path, "appsettings.json"), p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_with_a_bad_logging_configuration_says_so_in_one_line_without_a_stack_trace()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        File.WriteAllText(Path.Combine(cli.DataDir, "appsettings.json"), """{ "Serilog": { "MinimumLevel": "Loud" } }""");

        var r = cli.Run("settings");

        Assert.Equal(2, r.Exit);
        Assert.Contains("'Loud' is not a log level", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("abc", null, true)]
    [InlineData(null, "8:12345", true)]
    [InlineData(null, null, false)]
    [InlineData("", "", false)]
    public void Systemd_is_recognised_by_its_invocation_id_or_journal_stream(string? invocation, string? journal, bool under) =>
        Assert.Equal(under, Systemd.UnderSystemd(name => name switch
        {
            "INVOCATION_ID" => invocation,
            "JOURNAL_STREAM" => journal,
            _ => null,
        }));

    [Fact]
    public void Journal_lines_carry_the_syslog_priority_of_their_level_on_every_line()
    {
        Assert.Equal("<3>run-1 failed\n<3>at X.Y()\n",
            ServiceConsole.JournalLines(LogEventLevel.Error, "run-1 failed\n   at X.Y()\n"));
        Assert.Equal("<4>w\n", ServiceConsole.JournalLines(LogEventLevel.Warning, "w"));
        Assert.Equal("<6>i\n", ServiceConsole.JournalLines(LogEventLevel.Information, "i\r\n"));
        Assert.Equal("<7>d\n", ServiceConsole.JournalLines(LogEventLevel.Debug, "d"));
    }
}
