using System.Text.Json;

namespace KonektoSync.Panel.Web.Office;

/// <summary>An event of a run as the sync reported it (<c>POST /api/v1/runs</c>).</summary>
/// <remarks><paramref name="Text"/> and <paramref name="Remedy"/> are as the log command shows them, in the sync's language.</remarks>
public sealed record RunEvent(string Severity, string Code, string Message, string? Firm, string? Text, string? Remedy);

/// <summary>A run as the sync reported it.</summary>
public sealed record RunReport(string Run, DateTimeOffset? EndedAt, string Outcome, int GroupsLoaded, int GroupsFailed,
    int FactsSent, int FactsUnchanged, IReadOnlyList<RunEvent> Events);

/// <summary>Reads the runs the server keeps as the syncs sent them; what is missing reads as empty.</summary>
public static class RunReports
{
    public static IReadOnlyList<RunReport> Read(IEnumerable<string> bodies) => bodies.Select(Read).OfType<RunReport>().ToList();

    private static RunReport? Read(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) return null;
            var events = r.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).Select(x => new RunEvent(
                    Str(x, "severity") ?? "", Str(x, "code") ?? "", Str(x, "message") ?? "", Str(x, "firm"),
                    Str(x, "text"), Str(x, "remedy"))).ToList()
                : [];
            return new RunReport(Str(r, "run") ?? "",
                r.TryGetProperty("endedAt", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var t) ? t : null,
                Str(r, "outcome") ?? "", Int(r, "groupsLoaded"), Int(r, "groupsFailed"), Int(r, "factsSent"), Int(r, "factsUnchanged"),
                events);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
