using KonektoSync.Domain;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>Reads the journal: per sink and natural key, what the sink confirmed.</summary>
public static class JournalStore
{
    public static async Task<IReadOnlyDictionary<string, Confirmed>> ReadGroup(
        SqliteConnection connection, string sink, Nip firm, DataKind kind,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(ReadGroupSql, null)
            .With("$sink", sink).With("$firm", firm.Value).With("$kind", kind.Code());
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var group = new Dictionary<string, Confirmed>(StringComparer.Ordinal);
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
        {
            var key = rdr.GetString(0);
            group[key] = new Confirmed(key, PeriodOf(rdr, 1), rdr.GetString(2),
                rdr.GetString(3), rdr.GetInt64(4) != 0);
        }
        return group;
    }

    /// <summary>How many keys the journal of a sink holds.</summary>
    public static async Task<long> Count(SqliteConnection connection, string sink,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(CountSql, null).With("$sink", sink);
        return (long)(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) ?? 0L);
    }

    private static Option<Period> PeriodOf(SqliteDataReader rdr, int i) =>
        rdr.IsDBNull(i) ? None : Some(FactJson.PeriodOf(rdr.GetString(i)));

    private const string ReadGroupSql = """
        SELECT fact_key, period, subject, content_hash, approved
        FROM journal
        WHERE sink = $sink AND firm = $firm AND kind = $kind
        """;

    private const string CountSql = "SELECT COUNT(*) FROM journal WHERE sink = $sink";
}
