using System.Runtime.Versioning;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Sinks.SystemConsole.Themes;

namespace KonektoSync.Host.Service;

/// <summary>
/// The service's console output. Under systemd each line starts with its syslog priority, <c>&lt;3&gt;</c>
/// for an error to <c>&lt;7&gt;</c> for debug, which journald reads as the entry's priority
/// (https://www.freedesktop.org/software/systemd/man/latest/sd-daemon.html), without colours or a time
/// (the journal has its own). Elsewhere plain lines with the time and the level.
/// </summary>
public static class ServiceConsole
{
    private const string Template = "{RunId} {Message:lj}{NewLine}{Exception}";

    public static void Add(LoggerConfiguration config, bool underSystemd)
    {
        if (underSystemd) config.WriteTo.Console(new JournalFormatter());
        else config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} [{Level:u3}] " + Template, theme: ConsoleTheme.None);
    }

    /// <summary>The syslog priority of a level: 2 critical, 3 error, 4 warning, 6 informational, 7 debug.</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    /// <summary>A rendered event as journald lines: every line (a stack trace's too) with the priority prefix. Pure.</summary>
    public static string JournalLines(LogEventLevel level, string rendered)
    {
        var prefix = $"<{Priority(level)}>";
        var lines = rendered.TrimEnd('\r', '\n').Split('\n').Select(l => prefix + l.TrimEnd('\r').TrimStart());
        return string.Join('\n', lines) + "\n";
    }

    private sealed class JournalFormatter : ITextFormatter
    {
        private readonly MessageTemplateTextFormatter _inner = new(Template);

        public void Format(LogEvent logEvent, TextWriter output)
        {
            using var rendered = new StringWriter();
            _inner.Format(logEvent, rendered);
            output.Write(JournalLines(logEvent.Level, rendered.ToString()));
        }
    }
}

/// <summary>
/// Warnings and errors of the Windows service in the Application event log under the source
/// "KonektoSync" (made by <c>service install</c>); compiled everywhere, wired only on Windows.
/// </summary>
public static class WindowsEventLog
{
    public const string Source = "KonektoSync";

    [SupportedOSPlatform("windows")]
    public static void Add(LoggerConfiguration config) =>
        config.WriteTo.Sink(new Sink(), LogEventLevel.Warning);

    [SupportedOSPlatform("windows")]
    private sealed class Sink : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _format = new("{RunId} {Message:lj}{NewLine}{Exception}");

        public void Emit(LogEvent logEvent)
        {
            using var text = new StringWriter();
            _format.Format(logEvent, text);
            var type = logEvent.Level >= LogEventLevel.Error
                ? System.Diagnostics.EventLogEntryType.Error : System.Diagnostics.EventLogEntryType.Warning;
            try
            {
                var message = text.ToString();
                System.Diagnostics.EventLog.WriteEntry(Source, message.Length > 30000 ? message[..30000] : message, type);
            }
            // a source that was not registered, a full log: the file log still has the line
            catch (Exception e) when (e is InvalidOperationException or System.Security.SecurityException
                                      or System.ComponentModel.Win32Exception or ArgumentException) { }
        }
    }
}
