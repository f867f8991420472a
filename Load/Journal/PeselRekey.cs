using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using LanguageExt;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Journal;

/// <summary>
/// The move of a data folder written before keyed PESEL digests (a bare SHA-256 prefix,
/// <see cref="PeselKey.Unkeyed"/>) to keyed ones. A digest cannot be turned into another
/// without the PESEL, so a group's facts say which digests to move: for each PESEL they hold,
/// the old digest and the keyed one (<see cref="Digests"/>), and for each fact that holds a
/// PESEL, the content hash the old version gave it and the one it has now (<see cref="Hashes"/>).
/// The panel (<c>LocalPanel.Rekey</c>) and the journal (<see cref="Journal"/>) then rename their
/// keys in place, and a stored hash equal to the old one becomes the new one, so an unchanged
/// fact stays unchanged and keeps its approval. Idempotent: on a moved folder nothing matches.
/// </summary>
public sealed record PeselRekey(Seq<(string Old, string New)> Digests, Seq<(string FactKey, string Old, string New)> Hashes)
{
    public bool IsEmpty => Digests.IsEmpty;

    public static PeselRekey Of(Seq<Fact> facts, PeselKey key)
    {
        if (!key.IsKeyed) return new PeselRekey([], []);
        var pesels = new SortedSet<string>(StringComparer.Ordinal);
        var hashes = new List<(string, string, string)>();
        foreach (var fact in facts)
        {
            var held = PeselsOf(fact.Body).ToList();
            if (held.Count == 0) continue;
            pesels.UnionWith(held);
            hashes.Add((fact.Key.Text, ContentHash.Of(Unkeyed(fact.Body), PeselKey.Unkeyed), fact.ContentHash));
        }
        return new PeselRekey(pesels.Select(p => (PeselKey.Unkeyed.Digest(p), key.Digest(p))).ToSeq().Strict(),
            hashes.ToSeq().Strict());
    }

    /// <summary>The journal as read, with the moves applied (for a dry run, which writes nothing).</summary>
    public IReadOnlyDictionary<string, Confirmed> Apply(IReadOnlyDictionary<string, Confirmed> journal)
    {
        if (IsEmpty) return journal;
        var subjects = Digests.ToDictionary(d => "pesel:" + d.Old, d => "pesel:" + d.New, StringComparer.Ordinal);
        var moved = new Dictionary<string, Confirmed>(StringComparer.Ordinal);
        foreach (var c in journal.Values.Where(c => !subjects.ContainsKey(c.Subject)))
            moved[c.Key] = c;
        foreach (var c in journal.Values.Where(c => subjects.ContainsKey(c.Subject)))
        {
            var subject = subjects[c.Subject];
            var key = c.Key[..^c.Subject.Length] + subject;
            moved.TryAdd(key, c with { Key = key, Subject = subject });
        }
        foreach (var (factKey, oldHash, newHash) in Hashes)
            if (moved.TryGetValue(factKey, out var c) && c.Hash == oldHash)
                moved[factKey] = c with { Hash = newHash };
        return moved;
    }

    /// <summary>Moves the journal rows of <paramref name="sink"/> and firm; returns how many rows changed.</summary>
    public async Task<int> Journal(SqliteConnection connection, string sink, Nip firm, CancellationToken cancel)
    {
        if (IsEmpty) return 0;
        // a moved journal (every sync after the first) is only read
        if (!await Finds(connection, NeedsMoveSql,
                c => c.With("$sink", sink).With("$firm", firm.Value), cancel).ConfigureAwait(false))
            return 0;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        var changed = 0;
        foreach (var (old, @new) in Digests)
        {
            await using (var move = connection.Command(MoveJournalSql, tx).With("$sink", sink)
                .With("$firm", firm.Value).With("$old", "pesel:" + old).With("$new", "pesel:" + @new))
                changed += await move.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            // a key already there under the new digest is the newer row: the old one goes
            await using (var drop = connection.Command(DropJournalSql, tx).With("$sink", sink)
                .With("$firm", firm.Value).With("$old", "pesel:" + old))
                changed += await drop.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        foreach (var (factKey, oldHash, newHash) in Hashes)
            await using (var hash = connection.Command(JournalHashSql, tx).With("$sink", sink)
                .With("$key", factKey).With("$old", oldHash).With("$new", newHash))
                changed += await hash.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return changed;
    }

    /// <summary>
    /// Whether a store holds anything to move, asked in one statement: <paramref name="sql"/> gets
    /// the old digests as a JSON array ($olds) and each fact's key with its old hash as a JSON
    /// array of pairs ($hashes), and answers 1 or 0. The statement is kept for the connection.
    /// </summary>
    public async Task<bool> Finds(SqliteConnection connection, string sql,
        Func<SqliteCommand, SqliteCommand> with, CancellationToken cancel)
    {
        var olds = JsonSerializer.Serialize(Digests.Map(d => d.Old).ToArray());
        var hashes = JsonSerializer.Serialize(Hashes.Map(h => new[] { h.FactKey, h.Old }).ToArray());
        var cmd = with(connection.Prepared(sql, null)).With("$olds", olds).With("$hashes", hashes);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false)) != 0;
    }

    private static IEnumerable<string> PeselsOf(FactBody body) => body switch
    {
        FactBody.BasicData b => b.Firm.People.Bind(p => p.Pesel).Map(p => p.Value),
        FactBody.Zus z when z.Contribution.Payer.Kind == "pesel" => [z.Contribution.Payer.Id],
        _ => [],
    };

    // The body as the old version hashed it: a PESEL payer's digest unkeyed (people are
    // digested by ContentHash under the key it is given).
    private static FactBody Unkeyed(FactBody body) => body is FactBody.Zus z
        ? z with { Contribution = z.Contribution with { Payer = z.Contribution.Payer.DigestedWith(PeselKey.Unkeyed) } }
        : body;

    // CROSS JOIN keeps the JSON list the outer loop, so each entry is one indexed lookup
    // (https://www.sqlite.org/optoverview.html#manual_control_of_query_plans_using_cross_join);
    // with a plain join the planner may scan the whole journal once per entry.
    private const string NeedsMoveSql = """
        SELECT EXISTS (SELECT 1 FROM json_each($olds) d
                       CROSS JOIN journal j WHERE j.sink = $sink AND j.firm = $firm AND j.subject = 'pesel:' || d.value)
            OR EXISTS (SELECT 1 FROM json_each($hashes) h
                       CROSS JOIN journal j WHERE j.sink = $sink AND j.fact_key = json_extract(h.value, '$[0]')
                                     AND j.content_hash = json_extract(h.value, '$[1]'))
        """;

    // A subject is the last field of a fact key (FactKey.Text), so the key keeps all before it.
    private const string MoveJournalSql = """
        UPDATE OR IGNORE journal
        SET fact_key = substr(fact_key, 1, length(fact_key) - length($old)) || $new, subject = $new
        WHERE sink = $sink AND firm = $firm AND subject = $old
        """;

    private const string DropJournalSql =
        "DELETE FROM journal WHERE sink = $sink AND firm = $firm AND subject = $old";

    private const string JournalHashSql = """
        UPDATE journal SET content_hash = $new
        WHERE sink = $sink AND fact_key = $key AND content_hash = $old
        """;
}
