using System.Globalization;
using Cronos;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Worker;

/// <summary>When the worker runs: on a cron schedule (local time), or after a change found by a check every so often.</summary>
public abstract record RunWhen
{
    private RunWhen() { }

    public sealed record OnSchedule(CronExpression Cron, string Text) : RunWhen;

    public sealed record AfterChange(TimeSpan CheckEvery) : RunWhen;

    /// <summary>
    /// The next instant a run (or, after a change, a check) is due after <paramref name="after"/>:
    /// the schedule's next occurrence in <paramref name="zone"/>, or one check interval later.
    /// Null when a schedule never fires again.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => this switch
    {
        OnSchedule s => s.Cron.GetNextOccurrence(after, zone),
        AfterChange c => after + c.CheckEvery,
        _ => throw new InvalidOperationException("unknown run mode"),
    };
}

/// <summary>The automatic update's settings (<see cref="AutoUpdateEntry"/>), checked.</summary>
public sealed record WorkerSettings(bool Enabled, bool Approve, Set<DataKind> Kinds, RunWhen When, int Months)
{
    public const int MinCheckSeconds = 5;

    public static Either<Problem, WorkerSettings> From(AutoUpdateEntry e) =>
        from kinds in ParseKinds(e.Kinds)
        from when in ParseWhen(e)
        from months in e.Months is >= 1 and <= 36
            ? Right<Problem, int>(e.Months)
            : Left<Problem, int>(Problem.Of("auto-update.months",
                $"autoUpdate.months {e.Months}: expected a number of months from 1 to 36", Text(e.Months)))
        select new WorkerSettings(e.Enabled, e.Approve, kinds, when, months);

    /// <summary>A cron expression of five fields (minute hour day month weekday), or the problem that says what is wrong.</summary>
    public static Either<Problem, CronExpression> ParseCron(string text)
    {
        try
        {
            return CronExpression.Parse(text.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return Problem.Of("auto-update.schedule",
                $"the schedule '{text}' is not a cron expression of five fields (minute hour day month weekday, e.g. '{AutoUpdateEntry.DefaultSchedule}'): {e.Message}",
                text, AutoUpdateEntry.DefaultSchedule, e.Message);
        }
    }

    private static Either<Problem, RunWhen> ParseWhen(AutoUpdateEntry e) => e.When.Trim().ToLowerInvariant() switch
    {
        "schedule" => ParseCron(e.Schedule).Map(c => (RunWhen)new RunWhen.OnSchedule(c, e.Schedule.Trim())),
        "change" => e.CheckSeconds >= MinCheckSeconds
            ? new RunWhen.AfterChange(TimeSpan.FromSeconds(e.CheckSeconds))
            : Problem.Of("auto-update.check-seconds",
                $"autoUpdate.checkSeconds {e.CheckSeconds}: expected {MinCheckSeconds} seconds or more",
                Text(e.CheckSeconds), Text(MinCheckSeconds)),
        var other => Problem.Of("auto-update.when", $"autoUpdate.when '{other}': use schedule or change", other),
    };

    public static Either<Problem, Set<DataKind>> ParseKinds(IEnumerable<string> codes)
    {
        var kinds = Set<DataKind>();
        foreach (var k in codes)
        {
            if (DataKinds.FromCode(k.Trim()) is not { } dk)
                return Problem.Of("kinds.unknown", $"unknown data kind '{k}': use zus, taxes, statements, basic", k);
            kinds = kinds.TryAdd(dk);
        }
        return kinds;
    }

    /// <summary>
    /// The months an automatic update reads: the last <see cref="Months"/> months up to the one of
    /// <paramref name="now"/> (by default the current and the previous month).
    /// </summary>
    public (Period From, Period To) Range(DateTimeOffset now)
    {
        var to = Period.Of(DateOnly.FromDateTime(now.DateTime));
        var from = to;
        for (var i = 1; i < Months; i++) from = from.Previous;
        return (from, to);
    }

    /// <summary>The sync request of one automatic run: never manual, never sending summaries, approving as set.</summary>
    public SyncRequest Request(DateTimeOffset now)
    {
        var (from, to) = Range(now);
        return new SyncRequest(from, to, Kinds, None, Approve, SendSummary: false, Manual: false);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
