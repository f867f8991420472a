namespace KonektoSync.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher; or <c>raw ...</c>: the raw read of a sample office (<see cref="RawRead"/>);
    /// or <c>facts</c>: how many facts one call of <see cref="RuleEngineBenchmarks.BuildFacts"/> builds (for facts per second).
    /// </summary>
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == "raw" ? RawRead.Run(args[1..])
        : args.Length > 0 && args[0] == "facts" ? Facts()
        : BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args) is null ? 1 : 0;

    private static readonly int Repeat = int.TryParse(Environment.GetEnvironmentVariable("KONEKTOSYNC_FACTS_REPEAT"), out var n) ? n : 0;

    /// <summary>
    /// The facts of one call of each benchmark, and facts per second of processor time (not of the
    /// clock: a loaded machine changes the clock time, much less the processor time) over
    /// KONEKTOSYNC_FACTS_REPEAT calls after a warm-up of at least two seconds, so that the code
    /// measured is the fully optimised one (also what a profiler needs).
    /// </summary>
    private static int Facts()
    {
        foreach (var accounts in new[] { 1, 40 })
        {
            var b = new RuleEngineBenchmarks { Accounts = accounts };
            b.Make();
            Measure($"Raks firm-year, Accounts={accounts}", b.BuildFacts);
        }
        var office = new OfficeMix(4);
        Measure($"office mix ({office.Groups.Count} groups)", office.Build);
        return 0;
    }

    private static void Measure(string what, Func<int> build)
    {
        var facts = build();
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (Repeat > 0 && warm.Elapsed < TimeSpan.FromSeconds(2)) build();
        GC.Collect();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var total = 0L;
        for (var i = 0; i < Repeat; i++) total += build();
        process.Refresh();
        var seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(Repeat == 0 || seconds <= 0
            ? $"{what}: {facts} facts"
            : $"{what}: {facts} facts, {total / seconds:N0} facts per processor second ({seconds * 1e6 / Repeat:N1} µs a call)");
    }
}
