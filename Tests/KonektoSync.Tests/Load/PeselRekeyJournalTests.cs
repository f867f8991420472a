using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Tests.Generators;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Load;

/// <summary>
/// The journal's part of the move to keyed PESEL digests (<see cref="PeselRekey.Journal"/>): one
/// statement asks whether anything is to move, for all digests and facts of a group at once; a
/// row found by its old digest, or by its key and old hash alone, is moved, and nothing else is.
/// </summary>
public sealed class PeselRekeyJournalTests : IDisposable
{
    private const string Sink = "local-panel";
    private static readonly Nip Firm = DomainGen.Valid(Nip.Create("1234563218"));
    private static readonly Nip OtherFirm = DomainGen.Valid(Nip.Create("5260250274"));
    private readonly TempFolder folder = new();

    private string StateDb => folder.File("konektosync.db");

    public void Dispose() => folder.Dispose();

    // Two people of the group, and two facts holding a PESEL, each with the hash the old version gave it.
    private static readonly PeselRekey Rekey = new(
        Seq(("old-a", "new-a"), ("old-b", "new-b")),
        Seq(("zus|k1|pesel:new-a", "hash-old-1", "hash-new-1"), ("zus|k2|pesel:new-b", "hash-old-2", "hash-new-2")));

    private async Task<int> Moved(params (Nip Firm, string Key, string Subject, string Hash)[] rows)
    {
        // the tables exist once a loader opened the file
        await (await Loader.Open(StateDb, TimeProvider.System, LoadRig.TestSeal, CancellationToken.None)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={StateDb};Pooling=False"))
        {
            await connection.OpenAsync();
            foreach (var (firm, key, subject, hash) in rows)
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO journal (sink, fact_key, firm, kind, period, subject, content_hash, approved, run_id, confirmed_at)
                    VALUES ($sink, $key, $firm, 'zus', NULL, $subject, $hash, 0, 'run', '2024-01-01T00:00:00.000Z')
                    """;
                cmd.Parameters.AddWithValue("$sink", Sink);
                cmd.Parameters.AddWithValue("$key", key);
                cmd.Parameters.AddWithValue("$firm", firm.Value);
                cmd.Parameters.AddWithValue("$subject", subject);
                cmd.Parameters.AddWithValue("$hash", hash);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        await using var again = await Loader.Open(StateDb, TimeProvider.System, LoadRig.TestSeal, CancellationToken.None);
        return await again.Rekey(Sink, Firm, Rekey, CancellationToken.None);
    }

    [Fact]
    public async Task A_row_under_the_second_old_digest_of_the_group_is_moved()
    {
        Assert.Equal(1, await Moved((Firm, "zus|k2|pesel:old-b", "pesel:old-b", "hash-x")));
    }

    [Fact]
    public async Task A_row_already_under_its_new_digest_whose_hash_is_the_old_one_gets_the_new_hash()
    {
        Assert.Equal(1, await Moved((Firm, "zus|k2|pesel:new-b", "pesel:new-b", "hash-old-2")));
    }

    [Fact]
    public async Task Rows_of_another_firm_under_an_old_digest_or_of_other_hashes_are_left_as_they_are()
    {
        Assert.Equal(0, await Moved(
            (OtherFirm, "zus|k3|pesel:old-a", "pesel:old-a", "hash-y"),
            (Firm, "zus|k1|pesel:new-a", "pesel:new-a", "hash-new-1"),
            (Firm, "zus|k4|pesel:old-c", "pesel:old-c", "hash-old-1")));
    }

    [Fact]
    public void The_group_has_two_digests_and_two_hashes_to_ask_for()
    {
        Assert.Equal(2, Rekey.Digests.Count);
        Assert.Equal(2, Rekey.Hashes.Count);
    }

    [Fact]
    public async Task An_empty_journal_has_nothing_to_move()
    {
        Assert.Equal(0, await Moved());
    }
}
