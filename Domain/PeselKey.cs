using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Domain;

/// <summary>
/// The key of the one-way PESEL digests that the panel, the journal and the content hashes hold
/// in place of a PESEL: the first 16 hex digits of HMAC-SHA256 under a secret of the data folder
/// (https://www.rfc-editor.org/rfc/rfc2104). Without the secret a digest cannot be reversed by
/// trying every PESEL of a birth date, which an unkeyed SHA-256 allows in seconds. The key is
/// handed in (never read here); <see cref="ToString"/> never shows it.
/// </summary>
public sealed class PeselKey
{
    public const int Size = 32;
    private readonly byte[]? secret;

    private PeselKey(byte[]? secret) => this.secret = secret;

    /// <summary>A key of <see cref="Size"/> bytes.</summary>
    public static PeselKey Of(ReadOnlySpan<byte> secret) =>
        secret.Length == Size
            ? new PeselKey(secret.ToArray())
            : throw new ArgumentException($"a PESEL key has {Size} bytes", nameof(secret));

    /// <summary>
    /// The digest of versions before keyed digests, a bare SHA-256 prefix. Used only to recognise
    /// what an older data folder holds, so that it can be re-keyed; never to write.
    /// </summary>
    public static PeselKey Unkeyed { get; } = new(null);

    public bool IsKeyed => secret is not null;

    public string Digest(Pesel pesel) => Digest(pesel.Value);

    /// <summary>The digest of a PESEL's text (16 lower-case hex digits).</summary>
    public string Digest(string pesel)
    {
        var text = Encoding.UTF8.GetBytes(pesel);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (secret is null) SHA256.HashData(text, hash);
        else if (OpenSslSha256.Context.Create() is { } openSsl)
        {
            // the same HMAC as HMACSHA256.HashData, without OpenSSL 3 looking up HMAC and SHA-256 on every call
            using (openSsl) openSsl.Hmac(secret, text, hash);
        }
        else HMACSHA256.HashData(secret, text, hash);
        return Convert.ToHexStringLower(hash[..8]); // the first 16 hex digits
    }

    public override string ToString() => secret is null ? "PeselKey(unkeyed)" : "PeselKey(hidden)";
}
