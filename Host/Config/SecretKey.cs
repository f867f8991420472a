using System.Security.Cryptography;
using KonektoSync.Load.Journal;

namespace KonektoSync.Host.Config;

/// <summary>
/// The data folder's secret: 32 random bytes as hex in <c>secret.key</c>, made at
/// <c>init</c> or on first use, readable by its owner only (0600 on Linux and macOS), never
/// shown or logged. It seals the PESELs of the outbox (<see cref="PeselSeal"/>), and a key
/// derived from it (<see cref="PeselKey"/>) makes the PESEL digests of the panel, the journal
/// and the content hashes.
/// </summary>
public static class SecretKey
{
    public static byte[] LoadOrCreate(DataDir dir)
    {
        dir.Ensure();
        if (!File.Exists(dir.SecretFile)) Create(dir.SecretFile);
        var text = File.ReadAllText(dir.SecretFile).Trim();
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length == 32) return key;
        }
        catch (FormatException) { }
        throw new InvalidDataException($"{dir.SecretFile} does not hold a 32-byte key");
    }

    public static PeselSeal Seal(DataDir dir) => new(LoadOrCreate(dir));

    /// <summary>The key of the PESEL digests (<see cref="Domain.PeselKey"/>) of the data folder.</summary>
    public static Domain.PeselKey PeselKey(DataDir dir) => DerivePeselKey(LoadOrCreate(dir));

    /// <summary>
    /// HKDF-SHA256 (https://www.rfc-editor.org/rfc/rfc5869) of the secret with its own label:
    /// one secret to keep and back up, and a digest key that is not the sealing key.
    /// </summary>
    public static Domain.PeselKey DerivePeselKey(byte[] secret) =>
        Domain.PeselKey.Of(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Domain.PeselKey.Size,
            salt: [], info: "konektosync pesel digest v1"u8.ToArray()));

    private static void Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // another konektosync made it first: that key is used
        }
    }
}
