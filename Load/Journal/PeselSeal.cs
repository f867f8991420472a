using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Load.Journal;

/// <summary>
/// Seals a PESEL for the outbox with AES-256-GCM under the data folder's secret key, so a
/// staged body (which may stay in konektosync.db after a crash) never holds it in clear text.
/// The nonce is an HMAC-SHA256 of the PESEL under the same key (a synthetic nonce,
/// https://www.rfc-editor.org/rfc/rfc8452 section 1): the same fact gives the same bytes.
/// </summary>
public sealed class PeselSeal
{
    public const string Prefix = "sealed:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public PeselSeal(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("the key must be 32 bytes", nameof(key));
        this.key = (byte[])key.Clone();
    }

    public string Seal(string pesel)
    {
        var plain = Encoding.UTF8.GetBytes(pesel);
        var nonce = HMACSHA256.HashData(key, plain)[..NonceSize];
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length),
            sealedBytes.AsSpan(NonceSize + plain.Length));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The PESEL, or a <see cref="FormatException"/> when it was sealed under another key or damaged.</summary>
    public string Open(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
            throw new FormatException("a PESEL in the outbox is not sealed");
        var bytes = Convert.FromBase64String(value[Prefix.Length..]);
        if (bytes.Length < NonceSize + TagSize) throw new FormatException("a sealed PESEL is too short");
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, plain.Length),
                bytes.AsSpan(NonceSize + plain.Length), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new FormatException("a sealed PESEL does not open with this data folder's key");
        }
        return Encoding.UTF8.GetString(plain);
    }
}
