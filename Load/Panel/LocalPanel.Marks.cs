using System.Globalization;

namespace KonektoSync.Load.Panel;

/// <summary>
/// What the office's firm list marks besides unapproved data: the firm's last month with data,
/// whether a summary of that month went out (rule 11), its ZUS payers.
/// </summary>
public sealed record PanelFirmMarks(string Nip, string LastPeriod, bool SummarySent, int ZusPayers);

public sealed partial class LocalPanel
{
    /// <summary>The marks of every firm with data, by NIP.</summary>
    public async Task<IReadOnlyDictionary<string, PanelFirmMarks>> FirmMarks(CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(FirmMarksSql, null);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var marks = new Dictionary<string, PanelFirmMarks>(StringComparer.Ordinal);
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            marks[rdr.GetString(0)] = new PanelFirmMarks(rdr.GetString(0), rdr.GetString(1), rdr.Long(2) > 0,
                Convert.ToInt32(rdr.Long(3), CultureInfo.InvariantCulture));
        return marks;
    }

    /// <summary>The summaries recorded for a firm: month, channels, when, newest first.</summary>
    public async Task<IReadOnlyList<(string Period, string Channels, string SentAt)>> SummariesSent(string nip, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT period, channels, sent_at FROM summaries_sent WHERE firm_nip = @nip ORDER BY sent_at DESC, period DESC", null)
            .With("@nip", nip);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var sent = new List<(string, string, string)>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false)) sent.Add((rdr.GetString(0), rdr.GetString(1), rdr.GetString(2)));
        return sent;
    }

    private const string FirmMarksSql = """
        WITH last AS (
            SELECT firm_nip, MAX(period) AS period FROM (
                SELECT firm_nip, period FROM zus UNION ALL SELECT firm_nip, period FROM taxes
                UNION ALL SELECT firm_nip, period FROM trial_balance UNION ALL SELECT firm_nip, period FROM tax_book
            ) p GROUP BY firm_nip
        )
        SELECT l.firm_nip, l.period,
            (SELECT COUNT(*) FROM summaries_sent s WHERE s.firm_nip = l.firm_nip AND s.period = l.period),
            (SELECT COUNT(DISTINCT z.payer_key) FROM zus z WHERE z.firm_nip = l.firm_nip)
        FROM last l
        """;
}
