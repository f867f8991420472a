using System.Diagnostics;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Files.Writing;

/// <summary>
/// Table files an accounting program writes while they are read: a DBF that python-dbf (a writer
/// not ours) appends to in a loop reads as the table before or after an append, never a mix, with at
/// most one reread; a file another process holds under an exclusive lock gives one source.locked.
/// </summary>
public sealed class FilesBeingWrittenTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _dir = NewFolder(Path.Combine(Path.GetTempPath(), "konektosync-writing-" + Guid.NewGuid().ToString("N")[..8]));
    private readonly List<Process> _started = [];

    private const string Script = """
        import dbf, sys, time, os
        path, mode, arg = sys.argv[1], sys.argv[2], sys.argv[3]
        if mode == "create":
            t = dbf.Table(path, 'ID N(8,0); NAME C(40)', codepage='cp1250')
            t.open(dbf.READ_WRITE)
            for i in range(1, int(arg) + 1):
                t.append((i, "Rekord %d Łódź" % i))
            t.close()
        else:
            t = dbf.Table(path)
            t.open(dbf.READ_WRITE)
            n = len(t)
            print("appending", flush=True)
            end = time.time() + float(arg)
            while time.time() < end and not os.path.exists(path + ".stop"):
                n += 1
                t.append((n, "Rekord %d Łódź" % n))
            t.close()
        """;

    private Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        _started.Add(process);
        return process;
    }

    private string Table(int records)
    {
        var path = Path.Combine(_dir, "KSIEGA.DBF");
        var create = Start(Python, "-c", Script, path, "create", records.ToString());
        Assert.True(create.WaitForExit(60_000), "python-dbf did not write the table in time");
        Assert.True(create.ExitCode == 0, create.StandardError.ReadToEnd());
        return path;
    }

    private TableFolderSession Session() => Right(TableFolderSession.Folder("Test", _dir, EncodingOption.Auto));

    [Fact]
    public async Task A_table_appended_to_during_the_read_reads_whole_before_or_after_an_append_with_at_most_one_reread()
    {
        var path = Table(3000);
        var appender = Start(Python, "-c", Script, path, "append", "20");
        Assert.Equal("appending", await appender.StandardOutput.ReadLineAsync());
        var session = Session();
        var results = new List<(int Rows, int Rereads)>();

        for (var i = 0; i < 25; i++)
        {
            var rows = Right(await session.List("ksiega", r => (Id: Convert.ToInt32(r.GetValue(0)), Name: r.GetString(1)), CancellationToken.None));
            // a consistent table: records 1..n, each whole
            Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Id));
            Assert.All(rows, r => Assert.Equal($"Rekord {r.Id} Łódź", r.Name));
            results.Add((rows.Count, session.LastRereads));
        }
        File.WriteAllText(path + ".stop", "");
        Assert.True(appender.WaitForExit(30_000));

        Assert.All(results, r => Assert.InRange(r.Rereads, 0, 1));
        Assert.True(results[^1].Rows > 3000, "the writer appended during the reads");
        Assert.Contains(results, r => r.Rereads == 1); // the header changed during some read: it was read again
        Assert.True(results.Select(r => r.Rows).Distinct().Count() > 1, "the reads saw the table grow");
    }

    [Fact]
    public async Task A_table_that_does_not_change_is_read_once()
    {
        Table(500);
        var session = Session();

        var rows = Right(await session.List("KSIEGA", r => Convert.ToInt32(r.GetValue(0)), CancellationToken.None));

        Assert.Equal(500, rows.Count);
        Assert.Equal(0, session.LastRereads);
    }

    [Fact]
    public async Task A_file_held_under_an_exclusive_lock_is_one_locked_problem_naming_it()
    {
        var path = Table(10);
        // util-linux flock takes flock(LOCK_EX) as a program opening the file exclusively does; .NET opens
        // every file with an advisory flock (LOCK_SH for a shared open), so the reader's open is refused
        var holder = Start("/usr/bin/flock", "--exclusive", path, "-c", "echo held; sleep 30");
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync());

        var locked = Left(await Session().List("KSIEGA", r => 0, CancellationToken.None));

        holder.Kill(entireProcessTree: true);
        Assert.Equal("source.locked", locked.Code);
        Assert.Contains(path, locked.Args);
        Assert.Contains("the program holds the file; retry after closing it", locked.Message);
        await holder.WaitForExitAsync();
        // the lock lives in the open file description that flock's child (sleep) shares: it is free
        // only once every process of the tree is gone, which the wait for flock alone does not see
        await LockFreed(path);
        Assert.Equal(10, Right(await Session().List("KSIEGA", r => 0, CancellationToken.None)).Count);
    }

    private async Task LockFreed(string path)
    {
        for (var i = 0; i < 100; i++)
        {
            var probe = Start("/usr/bin/flock", "--nonblock", "--exclusive", path, "-c", "true");
            await probe.WaitForExitAsync();
            if (probe.ExitCode == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{path} is still locked 10 s after its holder was killed");
    }

    [Fact]
    public async Task A_shared_lock_of_a_program_that_only_reads_does_not_stop_the_read()
    {
        var path = Table(10);
        var holder = Start("/usr/bin/flock", "--shared", path, "-c", "echo held; sleep 30");
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync());

        var rows = Right(await Session().List("KSIEGA", r => 0, CancellationToken.None));

        holder.Kill(entireProcessTree: true);
        Assert.Equal(10, rows.Count);
    }

    public void Dispose()
    {
        foreach (var p in _started)
        {
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
