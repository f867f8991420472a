using KonektoSync.Domain;
using KonektoSync.Host.Config;
using Serilog;
using Serilog.Events;

namespace KonektoSync.Host.State;

/// <summary>
/// The file log beside the event log: structured Serilog events in the data folder
/// (logs/konektosync-YYYYMMDD.log, kept 31 days). Events carry no secrets by construction.
/// </summary>
public static class EventLogging
{
    public static Serilog.Core.Logger Create(DataDir dir) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.WithProperty("App", "konektosync")
            .WriteTo.File(Path.Combine(dir.LogDir, "konektosync-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {RunId} {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

    public static void Write(ILogger log, string runId, SyncEvent e)
    {
        var level = e.Severity switch
        {
            Severity.Error => LogEventLevel.Error,
            Severity.Warning => LogEventLevel.Warning,
            _ => LogEventLevel.Information,
        };
        log.ForContext("RunId", runId).Write(level,
            "{Code} {Program} {Firm} {Kind} {Period}: {Text} {Remedy}",
            e.Code,
            e.Program.Map(p => p.Code()).IfNone(""),
            e.Firm.Map(n => n.Value).IfNone(""),
            e.Kind.Map(k => k.Code()).IfNone(""),
            e.Period.Map(p => p.ToString()).IfNone(""),
            e.Message, e.Remedy);
    }
}
