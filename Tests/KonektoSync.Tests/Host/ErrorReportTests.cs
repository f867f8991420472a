using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Reports;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Host;

public sealed class ErrorReportTests : IDisposable
{
    private const string Pesel = "44051401359";
    private readonly DataDir _dir = new(Directory.CreateTempSubdirectory("konektosync-report-").FullName);
    private readonly Serilog.Core.Logger _log;
    private readonly string _runId = Guid.NewGuid().ToString();

    public ErrorReportTests() => _log = EventLogging.Create(_dir);

    public void Dispose()
    {
        _log.Dispose();
        try { Directory.Delete(_dir.Path, recursive: true); } catch (IOException) { }
    }

    private static readonly DeliveryPolicy Quick = new(null, 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));

    private SyncReport FailedRun()
    {
        var failed = SyncEvent.Of(Severity.Error, "program.read-failed",
            $"raks: reading stopped: the worker {Pesel} of jan.kowalski@example.pl (tel. 600 123 456) is invalid",
            "check the program", ProgramId.Raks, args: [Pesel]);
        using (var state = StateStore.Open(_dir.StateDb))
        {
            state.StartRun(_runId, DateTimeOffset.Now);
            state.Append(_runId, DateTimeOffset.Now, [failed]);
            state.FinishRun(_runId, DateTimeOffset.Now, "some-failed");
        }
        EventLogging.Write(_log, _runId, failed);
        EventLogging.Write(_log, "another-run", SyncEvent.Of(Severity.Info, "other.run", "not this run"));
        return new SyncReport(_runId, 0, 1, 0, 0, 1, Seq1(failed), false, null);
    }

    private static AppConfig Config(bool on, string? endpoint = null) =>
        new() { Options = new OptionsEntry { SendErrorReports = on, ReportsEndpoint = endpoint } };

    private string ReportFile => Path.Combine(_dir.Path, "reports", _runId + ".json");

    [Fact]
    public async Task With_the_option_off_a_failed_run_makes_no_report()
    {
        var delivered = await ErrorReports.AfterRun(Config(on: false), _dir, FailedRun(), TimeProvider.System, _log,
            CancellationToken.None, policy: Quick);

        Assert.Null(delivered);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    public async Task A_run_without_errors_makes_no_report()
    {
        var ok = new SyncReport(_runId, 3, 0, 10, 0, 1, Seq1(SyncEvent.Of(Severity.Info, "sync.done", "done")), false, null);

        var delivered = await ErrorReports.AfterRun(Config(on: true), _dir, ok, TimeProvider.System, _log,
            CancellationToken.None, policy: Quick);

        Assert.Null(delivered);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Without_an_address_the_report_is_a_private_file_with_the_runs_events_and_log_lines_scrubbed()
    {
        var delivered = await ErrorReports.AfterRun(Config(on: true), _dir, FailedRun(), TimeProvider.System, _log,
            CancellationToken.None, policy: Quick);

        var written = Assert.IsType<Delivered.Written>(delivered);
        Assert.Equal(ReportFile, written.File);
        var text = File.ReadAllText(ReportFile);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(_runId, json.GetProperty("runId").GetString());
        Assert.Equal("program.read-failed", json.GetProperty("events")[0].GetProperty("code").GetString());
        var log = json.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
        Assert.Contains(log, l => l.StartsWith("program.read-failed raks", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("not this run", StringComparison.Ordinal));
        Assert.DoesNotContain(Pesel, text, StringComparison.Ordinal);
        Assert.DoesNotContain("kowalski", text, StringComparison.Ordinal);
        Assert.DoesNotContain("600 123 456", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ReportFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    public async Task An_endpoint_that_fails_twice_then_accepts_gets_exactly_one_report_and_no_file_is_written()
    {
        using var server = new FlakyEndpoint(failures: 2);
        var endpoint = server.Address;

        var delivered = await ErrorReports.AfterRun(Config(on: true, endpoint.ToString()), _dir, FailedRun(),
            TimeProvider.System, _log, CancellationToken.None, policy: Quick with { Endpoint = endpoint });

        var sent = Assert.IsType<Delivered.Sent>(delivered);
        Assert.Equal(3, sent.Attempts);
        Assert.Equal(3, server.Requests);
        var accepted = Assert.Single(server.Accepted);
        Assert.Equal(_runId, JsonDocument.Parse(accepted).RootElement.GetProperty("runId").GetString());
        Assert.DoesNotContain(Pesel, accepted, StringComparison.Ordinal);
        Assert.False(File.Exists(ReportFile));
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_leaves_the_report_in_the_reports_folder()
    {
        using var server = new FlakyEndpoint(failures: 100);

        var delivered = await ErrorReports.AfterRun(Config(on: true, server.Address.ToString()), _dir, FailedRun(),
            TimeProvider.System, _log, CancellationToken.None, policy: Quick with { Endpoint = server.Address });

        var written = Assert.IsType<Delivered.Written>(delivered);
        Assert.Equal(4, server.Requests);
        Assert.Contains("HTTP 500", written.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(ReportFile));
    }

    [Theory]
    [InlineData("https://reports.example.pl/konektosync", true)]
    [InlineData("http://127.0.0.1:8080/r", true)]
    [InlineData("http://localhost/r", true)]
    [InlineData("http://reports.example.pl/r", false)]
    [InlineData("ftp://reports.example.pl/r", false)]
    [InlineData("reports.example.pl", false)]
    public void An_error_report_address_is_https_or_plain_http_to_this_machine_only(string url, bool accepted) =>
        Assert.Equal(accepted, ReportEndpoint.Parse(url).IsRight);

    [Fact]
    public void A_failed_sync_with_the_option_on_leaves_a_report_without_the_programs_password()
    {
        using var cli = new CliRunner();
        Environment.SetEnvironmentVariable("KONEKTOSYNC_REPORT_TEST_PW", "Zx9-report-Secret");
        cli.Run("init");
        cli.Run("programs", "set", "fakt", "path=/nonexistent/konektosync-report", "--password-env", "KONEKTOSYNC_REPORT_TEST_PW");
        Assert.Equal(0, cli.Run("settings", "--send-error-reports", "on").Exit);

        var sync = cli.Run("sync");

        Assert.NotEqual(0, sync.Exit);
        var report = Assert.Single(Directory.GetFiles(Path.Combine(cli.DataDir, "reports"), "*.json"));
        var json = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
        Assert.Equal("fakt", json.GetProperty("programs")[0].GetProperty("name").GetString());
        Assert.NotEmpty(json.GetProperty("events").EnumerateArray());
        Assert.DoesNotContain("Zx9-report-Secret", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent/konektosync-report\"", json.GetProperty("programs").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_command_refuses_a_plain_http_report_address_and_keeps_an_https_one()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        var refused = cli.Run("settings", "--reports-endpoint", "http://reports.example.pl/r");
        var kept = cli.Run("settings", "--reports-endpoint", "https://reports.example.pl/r", "--json");

        Assert.Equal(2, refused.Exit);
        Assert.Contains("HTTPS", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, kept.Exit);
        var row = kept.Json.EnumerateArray().Single(r => r.GetProperty("setting").GetString() == "reports-endpoint");
        Assert.Equal("https://reports.example.pl/r", row.GetProperty("value").GetString());
    }

    /// <summary>An HTTP endpoint on 127.0.0.1 that answers 500 a number of times, then 200, and keeps what it accepted.</summary>
    private sealed class FlakyEndpoint : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;
        private int _failures;
        private int _requests;

        public Uri Address { get; }
        public int Requests => Volatile.Read(ref _requests);
        public List<string> Accepted { get; } = [];

        public FlakyEndpoint(int failures)
        {
            _failures = failures;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = new Uri($"http://127.0.0.1:{port}/reports/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _serving = Task.Run(Serve);
        }

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                Interlocked.Increment(ref _requests);
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                if (Interlocked.Decrement(ref _failures) >= 0) context.Response.StatusCode = 500;
                else
                {
                    lock (Accepted) Accepted.Add(body);
                    context.Response.StatusCode = 200;
                }
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
