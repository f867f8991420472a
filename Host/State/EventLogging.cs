using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Service;
using Serilog;
using Serilog.Events;

namespace KonektoSync.Host.State;

/// <summary>
/// The file log beside the event log: structured Serilog events, by default in the data folder
/// (logs/konektosync-YYYYMMDD.log, kept 31 days); levels, file and retention can be set in
/// appsettings.json (<see cref="LogConfiguration"/>). Events carry no secrets by construction.
/// </summary>
public static class EventLogging
{
    /// <summary>The file log as configured (today's defaults where the configuration cannot be read: the command says why).</summary>
    public static Serilog.Core.Logger Create(DataDir dir, bool console = false) =>
        LogConfiguration.Create(LogConfiguration.Load(dir).IfLeft(LogSettings.Default(dir)), console);

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
