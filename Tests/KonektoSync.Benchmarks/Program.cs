using KonektoSync.Transform.Facts;

namespace KonektoSync.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher; or <c>raw ...</c>: the raw read of a sample office (<see cref="RawRead"/>);
    /// or <c>engine-office ...</c> / <c>engine-raw ...</c>: a sample office on PostgreSQL, MariaDB or DBF and its raw read (<see cref="EngineOffice"/>);
    /// or <c>dbf-file PATH MB</c>: a generated DBF; or <c>dump PATH</c>: in-process times of dumping it as CSV; or <c>delivery N</c>: N firms' batches to the local panel and the panel server; or <c>facts</c>: how many facts one call of <see cref="RuleEngineBenchmarks.BuildFacts"/> builds (for facts per second); or <c>facts kinds</c>: the office mix's processor time per fact of each program and data kind.
    /// </summary>
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == "raw" ? RawRead.Run(args[1..])
        : args.Length > 0 && args[0] == "engine-office" ? EngineOffice.Write(args[1..]).GetAwaiter().GetResult()
        : args.Length > 0 && args[0] == "engine-raw" ? EngineOffice.Raw(args[1..]).GetAwaiter().GetResult()
        : args.Length > 0 && args[0] == "delivery" ? DeliveryRun.Run(args[1..])
        : args.Length == 2 && args[0] == "dump" ? DumpTimes(args[1])
        : args.Length == 3 && args[0] == "dbf-file" ? DbfFile(args[1], long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture))
        : args.Length == 2 && args[0] == "facts" && args[1] == "kinds" ? FactsByKind()
        : args.Length > 0 && args[0] == "facts" ? Facts()
        : BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args) is null ? 1 : 0;

    /// <summary><c>dbf-file PATH MB</c>: writes a DBF of about MB megabytes (the benchmark's table) for scripts/bench-files.sh.</summary>
    private static int DbfFile(string path, long megabytes)
    {
        DbfReadBenchmarks.Write(path, megabytes * 1024 * 1024 / DbfReadBenchmarks.RecordLength);
        return 0;
    }

    /// <summary>
    /// <c>dump PATH</c>: <see cref="DbfReadBenchmarks.Dump"/> of a file five times in this process, then the
    /// best time and the bytes allocated per row of the last run.
    /// </summary>
    private static int DumpTimes(string path)
    {
        var best = TimeSpan.MaxValue;
        long allocated = 0, rows = 0;
        for (var run = 0; run < 5; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            rows = DbfReadBenchmarks.Dump(path).Read;
            if (clock.Elapsed < best) best = clock.Elapsed;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"rows={rows} best={best.TotalSeconds:0.000}s allocated={allocated} bytes ({(double)allocated / Math.Max(1, rows):0.000} per row)"));
        return 0;
    }

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

    /// <summary>
    /// <c>facts kinds</c>: the groups of the office mix (<see cref="OfficeMix"/>) of each program
    /// and data kind alone, each warmed up for eight seconds (so that the code measured is the
    /// fully optimised one), then KONEKTOSYNC_FACTS_REPEAT calls (default 800).
    /// </summary>
    private static int FactsByKind()
    {
        var office = new OfficeMix(4);
        var repeat = Repeat > 0 ? Repeat : 800;
        foreach (var kind in office.Groups.GroupBy(g => (g.Program, g.Kind)))
        {
            var groups = kind.ToList();
            int Build()
            {
                var facts = 0;
                foreach (var g in groups)
                    facts += FactBuilder.Build(g.Program, g.Firm, g.Kind, g.Records, OfficeMix.From, OfficeMix.To, g.Options).Facts.Count;
                return facts;
            }
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(8)) Build();
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var total = 0L;
            for (var i = 0; i < repeat; i++) total += Build();
            process.Refresh();
            var seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"{kind.Key.Program} {kind.Key.Kind}: {total / repeat} facts, {seconds * 1e6 / total:0.000} µs a fact, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / total} bytes a fact"));
        }
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
