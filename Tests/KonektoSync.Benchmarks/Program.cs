namespace KonektoSync.Benchmarks;

public static class Program
{
    /// <summary>BenchmarkDotNet's switcher, or <c>raw ...</c>: the raw read of a sample office (<see cref="RawRead"/>).</summary>
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == "raw" ? RawRead.Run(args[1..])
        : BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args) is null ? 1 : 0;
}
