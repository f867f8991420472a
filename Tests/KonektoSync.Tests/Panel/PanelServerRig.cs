using System.Collections.Concurrent;
using KonektoSync.Load.Remote;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace KonektoSync.Tests.Panel;

/// <summary>A panel server on a loopback port, on a fresh SQLite database, with its log kept.</summary>
internal sealed class PanelServerRig : IAsyncDisposable
{
    private readonly WebApplication app;
    public ServerStore Store { get; }
    public Uri Url { get; }
    public CapturedLog Log { get; }

    private PanelServerRig(WebApplication app, ServerStore store, Uri url, CapturedLog log) =>
        (this.app, Store, Url, Log) = (app, store, url, log);

    public static async Task<PanelServerRig> Start(TempFolder folder, int failedAuthPerMinute = 10, string name = "server",
        long maxBodyBytes = 32 * 1024 * 1024)
    {
        var store = (await ServerStore.Open(folder.File($"{name}/server.db"), default))
            .Match(s => s, p => throw new InvalidOperationException(p.Message));
        var log = new CapturedLog();
        var app = PanelServer.Build(new PanelServerOptions(store, "http://127.0.0.1:0")
        {
            FailedAuthPerMinute = failedAuthPerMinute, MaxBodyBytes = maxBodyBytes, ExtraLog = log, ConsoleLog = false,
        });
        await app.StartAsync();
        return new PanelServerRig(app, store, new Uri(app.Urls.First()), log);
    }

    public async Task<string> Office(string name) =>
        (await Store.AddOffice(name, LoadFixtures.Noon, default)).Match(o => o.Token, p => throw new InvalidOperationException(p.Message));

    public HttpPanelSink Sink(string token, HttpPanelOptions? options = null, Uri? url = null) =>
        new(url ?? Url, token, TestKeys.Pesel, updateBasicData: true,
            options ?? new HttpPanelOptions { FirstBackoff = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(5) });

    public HttpClient Client(string? token = null)
    {
        var c = new HttpClient { BaseAddress = Url };
        if (token is not null) c.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Every line the server logs, with its exception.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            log.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}
