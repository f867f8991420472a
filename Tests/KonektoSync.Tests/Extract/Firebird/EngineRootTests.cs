using System.Diagnostics;
using System.Runtime.InteropServices;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>
/// The embedded engine gets a root of KonektoSync's own: a private folder with a firebird.conf that
/// keeps the bulk sort and the page caches small, a copy of the character sets and links to the
/// rest of the system's Firebird. It is written idempotently, found for Debian's and Firebird's own
/// layouts, and a root that cannot be written leaves the system's configuration in use.
/// </summary>
[Collection("Firebird")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EngineRootTests(FirebirdFixture fb)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly CancellationToken None = CancellationToken.None;

    private string Scratch() => NewFolder(Path.Combine(fb.Root, "engine-root-" + Guid.NewGuid().ToString("N")[..8]));

    /// <summary>A system root as Debian installs it: firebird.conf, plugins, intl with the charset library, messages.</summary>
    private static string FakeSystemRoot(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "plugins"));
        Directory.CreateDirectory(Path.Combine(folder, "intl"));
        File.WriteAllText(Path.Combine(folder, "firebird.conf"), "WireCrypt = Enabled\n");
        File.WriteAllText(Path.Combine(folder, "plugins", "libEngine12.so"), "engine");
        File.WriteAllText(Path.Combine(folder, "intl", "libfbintl.so"), "charsets");
        File.WriteAllText(Path.Combine(folder, "intl", "fbintl.conf"), "intl_module = fbintl {}\n");
        File.WriteAllText(Path.Combine(folder, "firebird.msg"), "messages");
        return folder;
    }

    [Fact]
    public void The_root_is_private_holds_small_limits_copies_the_charsets_and_links_the_rest()
    {
        var scratch = Scratch();
        var system = FakeSystemRoot(Path.Combine(scratch, "system"));

        var root = EngineRoot.Write(system, Path.Combine(scratch, "cache")).Root!;

        Assert.Equal(Private, File.GetUnixFileMode(root) & (Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(root, "tmp")) & (Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        var conf = File.ReadAllLines(Path.Combine(root, "firebird.conf"));
        Assert.Contains("TempCacheLimit = 8M", conf);
        Assert.Contains("DefaultDbCachePages = 256", conf);
        Assert.Contains("TempDirectories = " + Path.Combine(root, "tmp"), conf);
        Assert.DoesNotContain("WireCrypt = Enabled", conf);
        var charsets = new FileInfo(Path.Combine(root, "intl", "libfbintl.so"));
        Assert.Null(charsets.LinkTarget);
        Assert.Equal("charsets", File.ReadAllText(charsets.FullName));
        Assert.Equal(Path.Combine(system, "plugins"), new DirectoryInfo(Path.Combine(root, "plugins")).LinkTarget);
        Assert.Equal(Path.Combine(system, "firebird.msg"), new FileInfo(Path.Combine(root, "firebird.msg")).LinkTarget);
    }

    [Fact]
    public void Writing_the_root_again_changes_nothing_and_leaves_no_temporary_files()
    {
        var scratch = Scratch();
        var system = FakeSystemRoot(Path.Combine(scratch, "system"));
        var first = EngineRoot.Write(system, Path.Combine(scratch, "cache")).Root!;
        var written = Directory.EnumerateFileSystemEntries(first, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => File.GetLastWriteTimeUtc(p));

        var second = EngineRoot.Write(system, Path.Combine(scratch, "cache")).Root!;

        Assert.Equal(first, second);
        var again = Directory.EnumerateFileSystemEntries(second, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => File.GetLastWriteTimeUtc(p));
        Assert.Equal(written, again);
        Assert.DoesNotContain(again.Keys, p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_charset_library_of_the_system_is_copied_again()
    {
        var scratch = Scratch();
        var system = FakeSystemRoot(Path.Combine(scratch, "system"));
        var root = EngineRoot.Write(system, Path.Combine(scratch, "cache")).Root!;

        File.WriteAllText(Path.Combine(system, "intl", "libfbintl.so"), "charsets, a newer build");
        EngineRoot.Write(system, Path.Combine(scratch, "cache"));

        Assert.Equal("charsets, a newer build", File.ReadAllText(Path.Combine(root, "intl", "libfbintl.so")));
    }

    [Fact]
    public void A_root_that_cannot_be_written_leaves_the_system_configuration_in_use_with_a_note()
    {
        var scratch = Scratch();
        var system = FakeSystemRoot(Path.Combine(scratch, "system"));
        var blocked = Path.Combine(scratch, "a-file");
        File.WriteAllText(blocked, "not a folder");

        var choice = EngineRoot.Write(system, blocked);

        Assert.Null(choice.Root);
        Assert.Contains("the system's Firebird configuration is used", choice.Note);
    }

    [Fact]
    public void The_system_root_is_found_beside_Debians_library_and_above_Firebirds_own_lib_folder()
    {
        var scratch = Scratch();
        var lib = Directory.CreateDirectory(Path.Combine(scratch, "usr-lib")).FullName;
        File.WriteAllText(Path.Combine(lib, "libfbclient.so.3.0.11"), "client");
        File.CreateSymbolicLink(Path.Combine(lib, "libfbclient.so.2"), "libfbclient.so.3.0.11");
        var debian = FakeSystemRoot(Path.Combine(lib, "firebird", "3.0"));
        var opt = FakeSystemRoot(Path.Combine(scratch, "opt-firebird"));
        Directory.CreateDirectory(Path.Combine(opt, "lib"));
        File.WriteAllText(Path.Combine(opt, "lib", "libfbclient.so"), "client");

        Assert.Equal(debian, EngineRoot.SystemRoot("libfbclient.so.2", [Path.Combine(scratch, "elsewhere"), lib]));
        Assert.Equal(opt, EngineRoot.SystemRoot(Path.Combine(opt, "lib", "libfbclient.so"), []));
        Assert.Null(EngineRoot.SystemRoot("libfbclient.so.2", [Path.Combine(scratch, "elsewhere")]));
    }

    [Fact]
    public void The_system_engine_reads_Polish_letters_and_their_collation_through_the_root()
    {
        var scratch = Scratch();
        var system = EngineRoot.SystemRoot(FirebirdTarget.DefaultClientLibrary, ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"]);
        Assert.NotNull(system);
        var root = EngineRoot.Write(system, Path.Combine(scratch, "cache")).Root!;
        var database = Path.Combine(scratch, "polish.fdb");
        var sql = $"CREATE DATABASE '{database}' DEFAULT CHARACTER SET WIN1250;\n" +
                  "CREATE TABLE T (NAME VARCHAR(20) CHARACTER SET WIN1250 COLLATE PXW_PLK);\n" +
                  "INSERT INTO T VALUES ('Łódź'); INSERT INTO T VALUES ('Lublin'); COMMIT;\n" +
                  "SELECT UPPER(NAME) FROM T ORDER BY NAME;\n";

        var output = Isql(root, sql);

        Assert.DoesNotContain("not installed", output);
        var lublin = output.IndexOf("LUBLIN", StringComparison.Ordinal);
        var lodz = output.IndexOf("ŁÓDŹ", StringComparison.Ordinal);
        Assert.True(lublin >= 0 && lodz > lublin, output);
    }

    [Fact]
    public async Task The_embedded_engine_of_this_process_runs_from_its_root_and_reads_a_WIN1250_database()
    {
        var path = Path.Combine(Scratch(), "win1250.fdb");
        await using (var db = await FirebirdSampleDatabase.Create(FirebirdTarget.Embedded(), path, "WIN1250",
                         ["CREATE TABLE T (NAME VARCHAR(40))"], None))
        {
            await using (var insert = await db.Insert("T", ["NAME"], None))
                await insert.Row(None, "Zażółć gęślą jaźń");
            await db.Commit(None);
        }

        await using var session = Right(await FirebirdSession.Open("Raks", FirebirdTarget.Embedded(), path, None));
        var names = Right(await session.List("SELECT NAME FROM T", [], r => r.GetString(0), None));

        Assert.Equal("Zażółć gęślą jaźń", Assert.Single(names));
        var root = EngineRoot.Choice?.Root;
        Assert.NotNull(root);
        Assert.Equal(root, Marshal.PtrToStringUTF8(GetEnv("FIREBIRD")));
        Assert.Contains("TempCacheLimit = 8M", File.ReadAllLines(Path.Combine(root, "firebird.conf")));
    }

    private static string Isql(string root, string sql)
    {
        var start = new ProcessStartInfo("isql-fb", ["-q", "-ch", "UTF8", "-user", "SYSDBA"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8, StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.Environment["FIREBIRD"] = root;
        using var isql = Process.Start(start)!;
        isql.StandardInput.Write(sql);
        isql.StandardInput.Close();
        var error = isql.StandardError.ReadToEndAsync();
        var output = isql.StandardOutput.ReadToEnd();
        isql.WaitForExit();
        return output + error.Result;
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
