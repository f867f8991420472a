using System.CommandLine;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Host.Cli;
using KonektoSync.Host.Config;
using Option = System.CommandLine.Option;
using StringOption = System.CommandLine.Option<string?>;
using IntOption = System.CommandLine.Option<int?>;
using Either = LanguageExt.Either<KonektoSync.Domain.Problem, bool>;

namespace KonektoSync.Host.Worker;

/// <summary>
/// The options of `settings` for Aktualizacja automatyczna (the worker): on/off, approve, data
/// kinds, schedule or after a change, check interval, months. A change is checked as a whole
/// (<see cref="WorkerSettings.From"/>) before it is saved.
/// </summary>
public sealed class AutoUpdateOptions
{
    private readonly StringOption _enabled = new("--auto-update")
        { Description = "Aktualizacja automatyczna: the worker (konektosync service run) keeps the firms up to date (on|off)" };
    private readonly StringOption _approve = new("--auto-approve")
        { Description = "Zatwierdzaj dane przy aktualizacji automatycznej (on|off)" };
    private readonly StringOption _kinds = new("--auto-kinds")
        { Description = "Data kinds of the automatic update: zus,taxes,statements" };
    private readonly StringOption _when = new("--auto-when")
        { Description = "When the automatic update runs: schedule (the cron schedule) or change (after the programs' data changed)" };
    private readonly StringOption _schedule = new("--auto-schedule")
        { Description = "Cron schedule of the automatic update, local time (minute hour day month weekday; default '*/30 7-18 * * 1-5')" };
    private readonly IntOption _checkSeconds = new("--auto-check-seconds")
        { Description = "After a change: how often, in seconds, the programs' data is checked for changes (default 60)" };
    private readonly IntOption _months = new("--auto-months")
        { Description = "Months the automatic update reads, up to the current one (default 2: the current and the previous)" };

    private AutoUpdateOptions() { }

    public static AutoUpdateOptions AddTo(Command cmd)
    {
        var o = new AutoUpdateOptions();
        foreach (var opt in new Option[] { o._enabled, o._approve, o._kinds, o._when, o._schedule, o._checkSeconds, o._months })
            cmd.Options.Add(opt);
        return o;
    }

    /// <summary>Applies the options given to <paramref name="cfg"/>: whether anything changed, or the problem (nothing changed then).</summary>
    public Either Apply(ParseResult pr, AppConfig cfg)
    {
        var e = cfg.AutoUpdate;
        var next = new AutoUpdateEntry
        {
            Enabled = e.Enabled, Approve = e.Approve, Kinds = [.. e.Kinds], When = e.When, Schedule = e.Schedule,
            CheckSeconds = e.CheckSeconds, Months = e.Months,
        };
        var changed = false;
        foreach (var (opt, set) in new (StringOption Opt, Action<bool> Set)[]
                 { (_enabled, v => next.Enabled = v), (_approve, v => next.Approve = v) })
        {
            if (pr.GetValue(opt) is not { } text) continue;
            if (SettingsCommands.OnOff(text) is not { } v)
                return Problem.Of("settings.value", $"{opt.Name} {text}: use on or off", opt.Name.TrimStart('-'), text);
            set(v);
            changed = true;
        }
        if (pr.GetValue(_kinds) is { } kinds)
        {
            next.Kinds = [.. kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            changed = true;
        }
        if (pr.GetValue(_when) is { } when) { next.When = when.Trim().ToLowerInvariant(); changed = true; }
        if (pr.GetValue(_schedule) is { } schedule) { next.Schedule = schedule.Trim(); changed = true; }
        if (pr.GetValue(_checkSeconds) is { } seconds) { next.CheckSeconds = seconds; changed = true; }
        if (pr.GetValue(_months) is { } months) { next.Months = months; changed = true; }
        if (!changed) return false;
        return WorkerSettings.From(next).Map(_ =>
        {
            cfg.AutoUpdate = next;
            return true;
        });
    }

    /// <summary>The rows `settings` shows for the automatic update.</summary>
    public static IEnumerable<SettingsCommands.Row> Rows(AutoUpdateEntry e) =>
    [
        new("auto-update", e.Enabled, null, "Aktualizacja automatyczna"),
        new("auto-approve", e.Approve, null, "Zatwierdzaj dane przy aktualizacji automatycznej"),
        new("auto-kinds", null, string.Join(",", e.Kinds), "Data kinds of the automatic update"),
        new("auto-when", null, e.When, "When the automatic update runs: schedule or change"),
        new("auto-schedule", null, e.Schedule, "Cron schedule of the automatic update, local time"),
        new("auto-check-seconds", null, e.CheckSeconds.ToString(CultureInfo.InvariantCulture), "After a change: seconds between checks of the programs' data"),
        new("auto-months", null, e.Months.ToString(CultureInfo.InvariantCulture), "Months the automatic update reads, up to the current one"),
    ];
}
