using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Domain;

/// <summary>Stable digests (same on every run and machine): SHA-256 over UTF-8 text.</summary>
public static class Hashing
{
    public static string Hex(string text) => Hex(text.AsSpan());

    /// <summary>The same digest of text held in a buffer (no string made of it first).</summary>
    public static string Hex(ReadOnlySpan<char> text)
    {
        const int onStack = 1024;
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = size > onStack ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[onStack];
            var length = Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..length], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
