using System.Text;
using FsCheck.Xunit;
using KonektoSync.Host.Service;

namespace KonektoSync.Tests.Host;

public sealed class WindowsServiceCommandsTests
{
    private static readonly WindowsServiceSpec Spec = new(
        [@"C:\Program Files\KonektoSync\konektosync.exe"], @"C:\ProgramData\Konekto Sync\", @".\konektosync", "S3cret pass");

    [Fact]
    public void The_service_is_created_to_start_automatically_under_the_chosen_account()
    {
        Assert.Equal(
            [
                "create", "KonektoSync",
                "binPath=", "\"C:\\Program Files\\KonektoSync\\konektosync.exe\" service run --data-dir \"C:\\ProgramData\\Konekto Sync\"",
                "start=", "auto", "obj=", @".\konektosync", "DisplayName=", "KonektoSync automatic update",
                "password=", "S3cret pass",
            ],
            WindowsServiceCommands.Create(Spec));
    }

    [Fact]
    public void A_built_in_account_is_created_without_a_password()
    {
        var args = WindowsServiceCommands.Create(Spec with { Account = "LocalSystem", Password = null });

        Assert.DoesNotContain("password=", args);
        Assert.Equal("LocalSystem", args[args.ToList().IndexOf("obj=") + 1]);
    }

    [Fact]
    public void The_service_restarts_after_a_failure_and_is_stopped_before_it_is_deleted()
    {
        Assert.Equal(["failure", "KonektoSync", "reset=", "86400", "actions=", "restart/60000/restart/60000/restart/300000"],
            WindowsServiceCommands.Failure());
        Assert.Equal(["stop", "KonektoSync"], WindowsServiceCommands.Stop());
        Assert.Equal(["delete", "KonektoSync"], WindowsServiceCommands.Delete());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData(@"C:\a b\", "\"C:\\a b\\\\\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"a\\""b", "\"a\\\\\\\\\\\"b\"")]
    public void An_argument_is_quoted_as_the_windows_command_line_reads_it(string arg, string quoted) =>
        Assert.Equal(quoted, WindowsServiceCommands.Quote(arg));

    [Property]
    public bool Any_argument_reads_back_the_same_after_quoting(string arg)
    {
        arg = (arg ?? "").Replace("\0", "");
        return ReadFirst(WindowsServiceCommands.Quote(arg) + " next") == arg;
    }

    /// <summary>The first argument of a command line by CommandLineToArgvW's rules for backslashes and quotes.</summary>
    private static string ReadFirst(string line)
    {
        var arg = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                var n = 0;
                while (i < line.Length && line[i] == '\\') { n++; i++; }
                if (i < line.Length && line[i] == '"')
                {
                    arg.Append('\\', n / 2);
                    if (n % 2 == 1) arg.Append('"');
                    else quoted = !quoted;
                }
                else { arg.Append('\\', n); i--; }
                continue;
            }
            if (c == '"') { quoted = !quoted; continue; }
            if (!quoted && c is ' ' or '\t') break;
            arg.Append(c);
        }
        return arg.ToString();
    }
}
