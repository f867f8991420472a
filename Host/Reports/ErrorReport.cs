using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using KonektoSync.Host.State;

namespace KonektoSync.Host.Reports;

/// <summary>A configured program as a report names it: its code and engine, never its settings' values.</summary>
public sealed record ReportProgram(string Name, string Engine, bool Enabled);

/// <summary>An event of the run as a report holds it (scrubbed).</summary>
public sealed record ReportEvent(
    DateTimeOffset At, string Severity, string Code, string? Program, string? Firm, string? Kind,
    string? Period, string Message, string Remedy, IReadOnlyList<string> Args);

/// <summary>A line of the file log of the run: its time and level as written, its text scrubbed.</summary>
public sealed record ReportLogLine(string At, string Level, string Text);

/// <summary>
/// What a failed run sends (or leaves in <c>reports/</c>): the run, the version, the configured programs,
/// the run's events and its file log lines. Made only by <see cref="Create"/>, which scrubs every free text.
/// </summary>
public sealed record ErrorReport
{
    public string RunId { get; }
    public string Outcome { get; }
    public string Version { get; }
    public DateTimeOffset Created { get; }
    public string Os { get; }
    public IReadOnlyList<ReportProgram> Programs { get; }
    public IReadOnlyList<ReportEvent> Events { get; }
    public IReadOnlyList<ReportLogLine> Log { get; }

    [JsonConstructor]
    private ErrorReport(string runId, string outcome, string version, DateTimeOffset created, string os,
        IReadOnlyList<ReportProgram> programs, IReadOnlyList<ReportEvent> events, IReadOnlyList<ReportLogLine> log)
    {
        RunId = runId; Outcome = outcome; Version = version; Created = created; Os = os;
        Programs = programs; Events = events; Log = log;
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report of a run: every event text and log line through <see cref="Scrubber.Scrub"/>. Pure.</summary>
    public static ErrorReport Create(string runId, string outcome, string version, DateTimeOffset created, string os,
        IEnumerable<ReportProgram> programs, IEnumerable<EventRow> events, IEnumerable<string> logLines,
        IReadOnlyCollection<string> knownSecrets)
    {
        string S(string text) => Scrubber.Scrub(text, knownSecrets);
        string? O(string? text) => text is null ? null : S(text);
        return new ErrorReport(runId, outcome, version, created, os,
            programs.Select(p => p with { Name = S(p.Name), Engine = S(p.Engine) }).ToList(),
            events.Select(e => new ReportEvent(e.At, e.Severity, S(e.Code), O(e.Program), O(e.Firm), O(e.Kind),
                O(e.Period), S(e.Message), S(e.Remedy), e.Args.Select(S).ToList())).ToList(),
            logLines.Select(l => ParseLine(l) is var (at, level, text)
                ? new ReportLogLine(at, level, S(text)) : new ReportLogLine("", "", S(l))).ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // the file log's line: "2026-12-05 07:35:00.123 +01:00 [ERR] <run id> text" (EventLogging's template)
    private static readonly Regex Line = new(
        @"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{2}:\d{2}) \[([A-Z]{3})\] (\S*) ?(.*)$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>A log line's time, level and text (without its run id); null for a continuation line.</summary>
    public static (string At, string Level, string Text)? ParseLine(string line) =>
        Line.Match(line) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value) : null;

    /// <summary>The run id of a log line, or null for a continuation line (a stack trace's).</summary>
    public static string? RunOf(string line) => Line.Match(line) is { Success: true } m ? m.Groups[3].Value : null;
}
