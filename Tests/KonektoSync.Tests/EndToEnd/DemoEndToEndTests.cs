using System.Text.RegularExpressions;
using KonektoSync.Extract.Samples;
using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>The whole demo, twice into the same folder: the second run needs --force and keeps what a person put there.</summary>
[Collection("EndToEnd")]
public sealed class DemoEndToEndTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _root = Directory.CreateTempSubdirectory("konektosync-demo-e2e-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_demo_writes_a_new_folder_says_where_and_a_forced_second_run_keeps_files_it_did_not_make()
    {
        await Office.RequireFirebird();
        var folder = Path.Combine(_root, "Biuro");

        var first = _cli.Run("demo", "--folder", folder);
        var notes = Path.Combine(folder, "notatki.txt");
        File.WriteAllText(notes, "precious");
        var refused = _cli.Run("demo", "--folder", folder);
        var second = _cli.Run("demo", "--folder", folder, "--force");
        var firms = _cli.Run("panel", "firms", "--json");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains(folder, first.Out);
        Assert.Contains(_cli.DataDir, first.Out);
        Assert.Equal(2, refused.Exit);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal("precious", File.ReadAllText(notes));
        Assert.True(firms.Json.GetArrayLength() > 20);
        Assert.Contains("--sql-standin", first.Out); // the one line saying the SQL Server programs were left out
        // the file-based office: PCBiznes (Paradox) next to Buchalter (DBF), its firms in the panel with data
        var panel = firms.Json.EnumerateArray()
            .ToDictionary(f => f.GetProperty("nip").GetString()!, f => f.GetProperty("zus").GetInt32() + f.GetProperty("taxes").GetInt32());
        var pcbiznes = Regex.Match(first.Out, @"== konektosync firms source ([0-9 ]+) --zus streamsoftpcbiznes").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("StreamSoft PCBiznes (Ala, Aga; Paradox tables): 4 firms", first.Out);
        Assert.Equal(4, pcbiznes.Length);
        Assert.All(pcbiznes, nip => Assert.True(panel.GetValueOrDefault(nip) > 0, $"PCBiznes firm {nip}: no ZUS or tax data in the panel"));
    }

    [Fact]
    public async Task With_a_PostgreSQL_stand_in_the_demo_adds_the_SQL_Server_programs_and_their_firms_reach_the_panel_with_data()
    {
        await Office.RequireFirebird();
        var folder = Path.Combine(_root, "BiuroSql");
        const string password = "konekto";

        var run = _cli.Run("demo", "--folder", folder, "--sql-standin", $"Host=127.0.0.1;Port=5432;Username=konekto;Password={password}");
        var prefix = Regex.Match(run.Out, @"databases (demo_[0-9a-f]+)_\*").Groups[1].Value;
        try
        {
            var panel = _cli.Run("panel", "firms", "--json").Json.EnumerateArray()
                .ToDictionary(f => f.GetProperty("nip").GetString()!, f => f.GetProperty("zus").GetInt32() + f.GetProperty("taxes").GetInt32());
            var sources = Regex.Matches(run.Out, @"== konektosync firms source ([0-9 ]+) --zus (\w+)")
                .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

            Assert.True(run.Exit == 0, run.Err);
            Assert.NotEqual("", prefix);
            string[] sql = ["enova365", "insertgt", "insertnexo", "optima"];
            Assert.Superset(sql.ToHashSet(), sources.Keys.ToHashSet());
            foreach (var (program, nips) in sources.Where(s => sql.Contains(s.Key)))
                Assert.All(nips, nip => Assert.True(panel.GetValueOrDefault(nip) > 0, $"{program} firm {nip}: no ZUS or tax data in the panel"));
            Assert.DoesNotContain($"Password={password}", run.Out + run.Err);
        }
        finally
        {
            if (prefix.Length > 0)
            {
                var names = new List<string>();
                await using (var c = await SampleServer.PostgreSql.Open(null, CancellationToken.None))
                {
                    await using var q = c.CreateCommand();
                    q.CommandText = $"SELECT datname FROM pg_database WHERE datname LIKE '%{prefix}%'";
                    await using var r = await q.ExecuteReaderAsync();
                    while (await r.ReadAsync()) names.Add(r.GetString(0));
                }
                foreach (var name in names) await SampleServer.PostgreSql.Drop(name, CancellationToken.None);
            }
        }
    }
}
