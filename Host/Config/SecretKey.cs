using System.Security.Cryptography;
using KonektoSync.Load.Journal;

namespace KonektoSync.Host.Config;

/// <summary>
/// The data folder's secret: 32 random bytes as hex in <c>secret.key</c>, made at
/// <c>init</c> or on first use, readable by its owner only (0600 on Linux and macOS), never
/// shown or logged. It seals the PESELs of the outbox (<see cref="PeselSeal"/>).
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
