using System.CommandLine;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `service run`: the worker of Aktualizacja automatyczna in the .NET generic host, as a systemd
/// service (Type=notify, journald-friendly lines on stdout) or a Windows service, or in a terminal.
/// It stops on SIGTERM, Ctrl+C or a service stop after the group being loaded, and exits 0.
/// </summary>
public static class ServiceRunCommand
{
    /// <summary>How long a stop waits for the run's group to finish before the host gives up.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(5);

    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("run", "Run the automatic update (Aktualizacja automatyczna) until stopped: under systemd, as a Windows service or in a terminal");
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (!c.TryConfig(out var cfg, out var configFailed)) return configFailed;
            var settings = WorkerSettings.From(cfg.AutoUpdate);
            if (settings.IsLeft) return c.Out.Fail(settings.LeftToSeq().Head);
            c.Dir.Ensure();
            using var host = Create(c.Dir, c.Clock, c.Out.Out);
            await host.RunAsync(ct);
            return Exit.Ok;
        });
        return cmd;
    }

    /// <summary>The generic host of the worker: systemd and Windows service lifetimes, the file log, the worker.</summary>
    public static IHost Create(DataDir dir, TimeProvider clock, TextWriter console)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "konektosync",
            ContentRootPath = dir.Path,
            DisableDefaults = false,
        });
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = "KonektoSync");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(dir);
        builder.Services.AddSerilog(EventLogging.Create(dir), dispose: true);
        builder.Services.AddSingleton<IChangeSource>(s => new ProgramChangeSource(s.GetRequiredService<ILogger>()));
        builder.Services.AddSingleton<ISyncRunner>(s => new WorkflowRunner(dir, clock, s.GetRequiredService<ILogger>()));
        builder.Services.AddHostedService(s => new SyncWorker(dir, clock, s.GetRequiredService<IChangeSource>(),
            s.GetRequiredService<ISyncRunner>(), s.GetRequiredService<ILogger>(), TimeZoneInfo.Local, console));
        return builder.Build();
    }
}
