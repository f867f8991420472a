using KonektoSync.Domain;

namespace KonektoSync.Tests;

/// <summary>Fixed keys of PESEL digests for tests (a data folder's key is random).</summary>
public static class TestKeys
{
    /// <summary>The bytes 1, 2, ..., 32.</summary>
    public static PeselKey Pesel { get; } = PeselKey.Of(Enumerable.Range(1, PeselKey.Size).Select(i => (byte)i).ToArray());

    /// <summary>Another key: the bytes 101, 102, ..., 132.</summary>
    public static PeselKey Other { get; } = PeselKey.Of(Enumerable.Range(101, PeselKey.Size).Select(i => (byte)i).ToArray());
}
