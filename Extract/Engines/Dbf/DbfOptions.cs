using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>How to open a DBF table.</summary>
public sealed record DbfOptions
{
    public static readonly DbfOptions Default = new();

    /// <summary>Auto: language driver byte, then the Polish heuristic for byte 0; or a fixed code page.</summary>
    public EncodingOption Encoding { get; init; } = EncodingOption.Auto;

    /// <summary>How many bytes of records the encoding heuristic looks at (from the start of the data).</summary>
    public int HeuristicSampleBytes { get; init; } = 4 * 1024 * 1024;
}
