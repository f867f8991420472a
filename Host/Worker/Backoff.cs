namespace KonektoSync.Host.Worker;

/// <summary>
/// How long a program that keeps failing waits before the worker reads it again: doubling from
/// <see cref="First"/> after each failed run in a row, never more than <see cref="Longest"/>.
/// The other programs run meanwhile as scheduled.
/// </summary>
public static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(2);

    public static TimeSpan After(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var doublings = Math.Min(failures - 1, 30);
        var ticks = First.Ticks * (1L << doublings);
        return ticks >= Longest.Ticks || ticks <= 0 ? Longest : TimeSpan.FromTicks(ticks);
    }
}
