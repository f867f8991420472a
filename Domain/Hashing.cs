using System.Security.Cryptography;
using System.Text;

namespace KonektoSync.Domain;

/// <summary>Stable digests (same on every run and machine): SHA-256 over UTF-8 text.</summary>
public static class Hashing
{
    public static string Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
