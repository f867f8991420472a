using System.Runtime.InteropServices;

namespace KonektoSync.Domain;

/// <summary>
/// SHA-256 through OpenSSL 3's EVP interface with the algorithm fetched once
/// (<c>EVP_MD_fetch</c>, "explicit fetching"), for the many short digests of a group's facts.
/// The runtime's <see cref="System.Security.Cryptography.IncrementalHash"/> on .NET 10 resets its
/// state with the implicitly fetched algorithm, which looks the algorithm up again on every digest:
/// about half of the time of a digest of a 120-byte text
/// (https://docs.openssl.org/3.0/man7/crypto/#performance,
/// https://github.com/dotnet/runtime/pull/118613). Used only where <c>libcrypto.so.3</c> loads and
/// the algorithm is fetched (<see cref="Available"/>); anywhere else the runtime's SHA-256 is used.
/// The digest is SHA-256 either way (FIPS 180-4): the same bytes give the same digest.
/// </summary>
internal static class OpenSslSha256
{
    private const string Library = "libcrypto.so.3";

    /// <summary>The fetched algorithm (never freed: one for the process), or zero when not available.</summary>
    private static readonly nint Algorithm = Fetch();

    public static bool Available => Algorithm != 0;

    private static nint Fetch()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out var library)) return 0;
        foreach (var name in (string[])["EVP_MD_fetch", "EVP_MD_CTX_new", "EVP_MD_CTX_free", "EVP_DigestInit_ex",
                     "EVP_DigestUpdate", "EVP_DigestFinal_ex"])
            if (!NativeLibrary.TryGetExport(library, name, out _)) return 0;
        ReadOnlySpan<byte> sha256 = "SHA256\0"u8;
        return Native.EVP_MD_fetch(0, ref MemoryMarshal.GetReference(sha256), 0);
    }

    /// <summary>An OpenSSL digest context, freed with the handle. Not for use by two threads at once.</summary>
    public sealed class Context : SafeHandle
    {
        private Context() : base(0, ownsHandle: true) => SetHandle(Native.EVP_MD_CTX_new());

        public override bool IsInvalid => handle == 0;

        /// <summary>A new context, or null when OpenSSL is not <see cref="Available"/> (or out of memory).</summary>
        public static Context? Create()
        {
            if (!Available) return null;
            var context = new Context();
            if (!context.IsInvalid) return context;
            context.Dispose();
            return null;
        }

        /// <summary>The SHA-256 of <paramref name="data"/> into <paramref name="digest"/> (32 bytes).</summary>
        public void Hash(ReadOnlySpan<byte> data, Span<byte> digest) => Hash(data, [], digest);

        /// <summary>The SHA-256 of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
        public void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest)
        {
            if (digest.Length < 32) throw new ArgumentException("a SHA-256 digest has 32 bytes", nameof(digest));
            var ok = Native.EVP_DigestInit_ex(handle, Algorithm, 0) == 1
                     && Native.EVP_DigestUpdate(handle, ref MemoryMarshal.GetReference(first), (nuint)first.Length) == 1
                     && Native.EVP_DigestUpdate(handle, ref MemoryMarshal.GetReference(second), (nuint)second.Length) == 1
                     && Native.EVP_DigestFinal_ex(handle, ref MemoryMarshal.GetReference(digest), out var size) == 1
                     && size == 32;
            GC.KeepAlive(this);
            if (!ok) throw new InvalidOperationException("OpenSSL could not make a SHA-256 digest");
        }

        /// <summary>
        /// HMAC-SHA256 (https://www.rfc-editor.org/rfc/rfc2104) of <paramref name="text"/> under a
        /// <paramref name="key"/> of at most one block (64 bytes), from two digests of this context:
        /// H((K xor opad) || H((K xor ipad) || text)), K the key padded with zeros to a block.
        /// </summary>
        public void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> text, Span<byte> mac)
        {
            const int block = 64;
            if (key.Length > block) throw new ArgumentException("an HMAC key of at most one block", nameof(key));
            Span<byte> pad = stackalloc byte[block];
            Span<byte> inner = stackalloc byte[32];
            for (var i = 0; i < block; i++) pad[i] = (byte)((i < key.Length ? key[i] : 0) ^ 0x36);
            Hash(pad, text, inner);
            for (var i = 0; i < block; i++) pad[i] = (byte)((i < key.Length ? key[i] : 0) ^ 0x5c);
            Hash(pad, inner, mac);
        }

        protected override bool ReleaseHandle()
        {
            Native.EVP_MD_CTX_free(handle);
            return true;
        }
    }

    private static class Native
    {
        [DllImport(Library)]
        public static extern nint EVP_MD_fetch(nint context, ref byte algorithm, nint properties);

        [DllImport(Library)]
        public static extern nint EVP_MD_CTX_new();

        [DllImport(Library)]
        public static extern void EVP_MD_CTX_free(nint context);

        [DllImport(Library)]
        public static extern int EVP_DigestInit_ex(nint context, nint algorithm, nint engine);

        [DllImport(Library)]
        public static extern int EVP_DigestUpdate(nint context, ref byte data, nuint size);

        [DllImport(Library)]
        public static extern int EVP_DigestFinal_ex(nint context, ref byte digest, out uint size);
    }
}
