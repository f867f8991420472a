using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace KonektoSync.Host.Sync;

/// <summary>
/// The generic host a sync runs in: the clock, the data folder and the Serilog file log as
/// services. The worker of the automatic update (`service run`) has a host of its own, with the
/// systemd and Windows service lifetimes (ServiceRunCommand).
/// </summary>
public static class SyncHost
{
    public static IHost Create(DataDir dir, TimeProvider clock)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "konektosync",
            ContentRootPath = dir.Path,
        });
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(dir);
        builder.Services.AddSerilog(EventLogging.Create(dir), dispose: true);
        return builder.Build();
    }
}
