using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Domain;

/// <summary>Stable digests (same on every run and machine): SHA-256 over UTF-8 text.</summary>
public static class Hashing
{
    public static string Hex(string text) => Hex(text.AsSpan());

    /// <summary>The same digest of text held in a buffer (no string made of it first).</summary>
    public static string Hex(ReadOnlySpan<char> text) => HexOf(text);

    /// <summary>
    /// One SHA-256 state and one byte buffer for many digests in a row (the digests of a group's
    /// facts): setting up the state costs about as much as hashing a short text, and a buffer on
    /// the stack is cleared on every call. The state is OpenSSL's with the algorithm fetched once
    /// where that is available (<see cref="OpenSslSha256"/>), else the runtime's. Not for use by
    /// two threads at once.
    /// </summary>
    public sealed class Reused : IDisposable
    {
        private readonly OpenSslSha256.Context? _openSsl = OpenSslSha256.Context.Create();
        private readonly IncrementalHash? _sha;
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);

        public Reused() => _sha = _openSsl is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

        /// <summary>Whether the digests are made by OpenSSL's fetched SHA-256 (else by the runtime's).</summary>
        internal bool UsesOpenSsl => _openSsl is not null;

        /// <summary>The same digest as <see cref="Hashing.Hex(ReadOnlySpan{char})"/>.</summary>
        public string Hex(ReadOnlySpan<char> text)
        {
            var size = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (size > _bytes.Length)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = ArrayPool<byte>.Shared.Rent(size);
            }
            var bytes = _bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, _bytes));
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            if (_openSsl is not null) _openSsl.Hash(bytes, digest);
            else
            {
                _sha!.AppendData(bytes);
                _sha.GetHashAndReset(digest);
            }
            return Convert.ToHexStringLower(digest);
        }

        public void Dispose()
        {
            _openSsl?.Dispose();
            _sha?.Dispose();
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private static string HexOf(ReadOnlySpan<char> text)
    {
        const int onStack = 1024;
        var size = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = size > onStack ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[onStack];
            bytes = bytes[..Encoding.UTF8.GetBytes(text, bytes)];
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
