using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Domain;

/// <summary>Stable digests (same on every run and machine): SHA-256 over UTF-8 text.</summary>
public static class Hashing
{
    public static string Hex(string text) => Hex(text.AsSpan());

    /// <summary>The same digest of text held in a buffer (no string made of it first).</summary>
    public static string Hex(ReadOnlySpan<char> text) => HexOf(text, null);

    /// <summary>
    /// One SHA-256 state for many digests in a row (the digests of a group's facts): setting up
    /// the state costs about as much as hashing a short text. Not for use by two threads at once.
    /// </summary>
    public sealed class Reused : IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>The same digest as <see cref="Hashing.Hex(ReadOnlySpan{char})"/>.</summary>
        public string Hex(ReadOnlySpan<char> text) => HexOf(text, _sha);

        public void Dispose() => _sha.Dispose();
    }

    private static string HexOf(ReadOnlySpan<char> text, IncrementalHash? reused)
    {
        const int onStack = 1024;
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = size > onStack ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[onStack];
            bytes = bytes[..Encoding.UTF8.GetBytes(text, bytes)];
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            if (reused is null)
            {
                SHA256.HashData(bytes, digest);
            }
            else
            {
                reused.AppendData(bytes);
                reused.GetHashAndReset(digest);
            }
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
