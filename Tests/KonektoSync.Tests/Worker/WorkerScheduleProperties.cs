using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Host.Config;
using KonektoSync.Host.Worker;

namespace KonektoSync.Tests.Worker;

/// <summary>The worker's pure rules: the next run of a schedule, the months a run reads, the backoff of a failing program.</summary>
public class WorkerScheduleProperties
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
    private static readonly RunWhen Default = ((RunWhen.OnSchedule)WorkerSettings.From(new AutoUpdateEntry { When = "schedule" })
        .RightToSeq().Head.When);

    private static readonly Gen<DateTimeOffset> Instants =
        from minutes in Gen.Choose(0, 6 * 366 * 24 * 60)
        from seconds in Gen.Choose(0, 59)
        select new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes).AddSeconds(seconds);

    /// <summary>The default schedule, read by hand: every 30 minutes from 7:00 to 18:30, Monday to Friday, Warsaw time.</summary>
    private static bool InDefaultSchedule(DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, Warsaw);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
               && local.Hour is >= 7 and <= 18 && local.Minute % 30 == 0 && local.Second == 0;
    }

    [Property]
    public Property The_default_schedule_runs_at_the_first_working_half_hour_after_any_instant() =>
        Prop.ForAll(Instants.ToArbitrary(), after =>
        {
            var next = Default.Next(after, Warsaw);
            if (next is not { } n) return false;
            // every whole minute between is not in the schedule (the first candidate minute is after "after")
            var first = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            for (var m = first; m < n; m = m.AddMinutes(1))
                if (InDefaultSchedule(m)) return false;
            return n > after && InDefaultSchedule(n);
        });

    [Property]
    public Property After_a_change_the_next_check_is_one_interval_later() =>
        Prop.ForAll(Instants.ToArbitrary(), Gen.Choose(WorkerSettings.MinCheckSeconds, 86400).ToArbitrary(), (after, seconds) =>
            new RunWhen.AfterChange(TimeSpan.FromSeconds(seconds)).Next(after, Warsaw) == after.AddSeconds(seconds));

    [Property]
    public Property A_run_reads_the_set_number_of_months_ending_with_the_current_one() =>
        Prop.ForAll(Instants.ToArbitrary(), Gen.Choose(1, 36).ToArbitrary(), (now, months) =>
        {
            var settings = WorkerSettings.From(new AutoUpdateEntry { Months = months }).RightToSeq().Head;
            var (from, to) = settings.Range(now);
            var request = settings.Request(now);
            return to.Year == now.Year && to.Month == now.Month && to.Index - from.Index == months - 1
                   && (request.From, request.To) == (from, to) && !request.SendSummary && !request.Manual;
        });

    [Property]
    public Property A_schedule_that_is_not_cron_is_refused_with_its_text() =>
        Prop.ForAll(Gen.Elements("* * *", "61 * * * *", "*/30 7-25 * * 1-5", "every minute", "", "* * * * * * *").ToArbitrary(), text =>
        {
            var problem = WorkerSettings.From(new AutoUpdateEntry { Schedule = text }).LeftToSeq();
            return problem.Count == 1 && problem.Head.Code == "auto-update.schedule" && problem.Head.Args[0] == text;
        });

    [Property]
    public Property A_failing_programs_wait_doubles_from_one_minute_up_to_two_hours() =>
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), n =>
        {
            var wait = Backoff.After(n);
            var next = Backoff.After(n + 1);
            return wait >= Backoff.First && wait <= Backoff.Longest && next >= wait
                   && (next == Backoff.Longest || next == wait * 2)
                   && (n > 1 || wait == Backoff.First);
        });

    [Fact]
    public void A_program_that_has_not_failed_does_not_wait() => Assert.Equal(TimeSpan.Zero, Backoff.After(0));
}
