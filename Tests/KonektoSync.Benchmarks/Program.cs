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

    private static int Facts()
    {
        foreach (var accounts in new[] { 1, 40 })
        {
            var b = new RuleEngineBenchmarks { Accounts = accounts };
            b.Make();
            Console.WriteLine($"Accounts={accounts}: {b.BuildFacts()} facts");
            for (var i = 0; i < Repeat; i++) b.BuildFacts(); // for a profiler: KONEKTOSYNC_FACTS_REPEAT
        }
        return 0;
    }
}
