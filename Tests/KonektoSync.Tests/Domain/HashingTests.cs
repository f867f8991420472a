using KonektoSync.Domain;

namespace KonektoSync.Tests.Domain;

public class HashingTests
{
    [Fact]
    public void A_reused_state_gives_the_published_SHA_256_test_vectors()
    {
        using var reused = new Hashing.Reused();

        // FIPS 180-4 examples (https://csrc.nist.gov/projects/cryptographic-standards-and-guidelines/example-values)
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", reused.Hex("abc"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", reused.Hex(""));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            reused.Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    [Fact]
    public void Where_OpenSSL_3_loads_the_reused_state_is_OpenSSLs_and_elsewhere_the_runtimes()
    {
        var openSsl3 = OperatingSystem.IsLinux() && System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out _);
        using var reused = new Hashing.Reused();

        Assert.Equal(openSsl3, reused.UsesOpenSsl);
    }
}
