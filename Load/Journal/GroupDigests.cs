using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using LanguageExt;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Journal;

/// <summary>
/// A digest of a set of (natural key, content hash) pairs that does not depend on their order:
/// the sum of the first 128 bits of SHA-256 of each pair, with the count and how many are
/// unapproved. Equal digests of the journal's rows and a command's facts say that the two hold
/// the same keys with the same hashes.
/// </summary>
public readonly record struct GroupDigest(ulong High, ulong Low, int Count, int Unapproved)
{
    public GroupDigest Add(string key, string hash, bool approved)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var text = key + "\n" + hash;
        var bytes = Encoding.UTF8.GetByteCount(text) <= 512 ? stackalloc byte[512] : new byte[Encoding.UTF8.GetByteCount(text)];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        SHA256.HashData(bytes[..length], digest);
        return new(unchecked(High + BinaryPrimitives.ReadUInt64LittleEndian(digest)),
            unchecked(Low + BinaryPrimitives.ReadUInt64LittleEndian(digest[8..])),
            Count + 1, Unapproved + (approved ? 0 : 1));
    }

    /// <summary>The digest of facts (their approval not counted).</summary>
    public static GroupDigest Of(IEnumerable<Fact> facts) =>
        facts.Aggregate(default(GroupDigest), (d, f) => d.Add(f.Key.Text, f.ContentHash, approved: true));

    public bool SameFacts(GroupDigest other) => (High, Low, Count) == (other.High, other.Low, other.Count);
}

/// <summary>
/// The journal of one sink read in one pass for a sync's firms and months: per (firm, data kind)
/// group, the digest of its rows in those months and of its basic data. A group whose facts give
/// the same digest is decided without reading its rows (<see cref="Unchanged"/>). A group the
/// sync writes is forgotten here (<see cref="Forget(Nip, DataKind)"/>) and read again if it comes
/// again.
/// </summary>
public sealed class GroupDigests
{
    private readonly Dictionary<(string Firm, string Kind), GroupDigest> groups;
    private readonly System.Collections.Generic.HashSet<string> firms;
    private readonly System.Collections.Generic.HashSet<(string, string)> stale = [];

    private GroupDigests(string sink, Period from, Period to,
        Dictionary<(string, string), GroupDigest> groups, System.Collections.Generic.HashSet<string> firms) =>
        (Sink, From, To, this.groups, this.firms) = (sink, from, to, groups, firms);

    public string Sink { get; }
    public Period From { get; }
    public Period To { get; }

    public static async Task<GroupDigests> Read(SqliteConnection connection, string sink,
        IEnumerable<Nip> firms, Period from, Period to, CancellationToken cancel)
    {
        var read = firms.Select(f => f.Value).ToHashSet(StringComparer.Ordinal);
        var groups = new Dictionary<(string, string), GroupDigest>();
        var cmd = connection.Prepared(ReadSql, null).With("$sink", sink)
            .With("$firms", System.Text.Json.JsonSerializer.Serialize(read))
            .With("$from", from.ToString()).With("$to", to.ToString());
        await using (var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            {
                var group = (rdr.GetString(0), rdr.GetString(1));
                groups[group] = groups.GetValueOrDefault(group)
                    .Add(rdr.GetString(2), rdr.GetString(3), rdr.GetInt64(4) != 0);
            }
        return new GroupDigests(sink, from, to, groups, read);
    }

    /// <summary>
    /// What the journal holds for the command when it equals the command's facts (all unchanged,
    /// nothing of its months gone, nothing to approve): the journal as <see cref="LoadPlan.Decide"/>
    /// needs it, without reading it. None when the group must be read.
    /// </summary>
    public Option<IReadOnlyDictionary<string, Confirmed>> Unchanged(LoadCommand command, IReadOnlyList<Fact> facts)
    {
        if (!firms.Contains(command.Firm.Value)) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        if (!command.Months.Exists(m => m.From == From && m.To == To)) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        if (facts.Any(f => f.Key.Period.Exists(p => p < From || p > To))) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        var group = (command.Firm.Value, command.Kind.Code());
        if (stale.Contains(group)) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        var held = groups.GetValueOrDefault(group);
        if (!held.SameFacts(GroupDigest.Of(facts))) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        if (command.Approve && held.Unapproved > 0) return Option<IReadOnlyDictionary<string, Confirmed>>.None;
        var journal = new Dictionary<string, Confirmed>(StringComparer.Ordinal);
        foreach (var f in facts)
            journal[f.Key.Text] = new Confirmed(f.Key.Text, f.Key.Period, f.Key.Subject, f.ContentHash, held.Unapproved == 0);
        return Option<IReadOnlyDictionary<string, Confirmed>>.Some(journal);
    }

    /// <summary>The group's journal rows change (a batch confirmed): it is read again when it comes again.</summary>
    public void Forget(Nip firm, DataKind kind) => stale.Add((firm.Value, kind.Code()));

    /// <summary>All rows of a firm change (PESEL digests moved).</summary>
    public void Forget(Nip firm) => firms.Remove(firm.Value);

    private const string ReadSql = """
        SELECT firm, kind, fact_key, content_hash, approved
        FROM journal
        WHERE sink = $sink AND firm IN (SELECT value FROM json_each($firms))
          AND (period IS NULL OR period BETWEEN $from AND $to)
        """;
}
