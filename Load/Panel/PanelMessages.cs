using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Data.Common;

namespace KonektoSync.Load.Panel;

/// <summary>One attempt to send a message: what, to whom, through which channel, and how it ended.</summary>
/// <param name="Kind">"summary" or "activation".</param>
/// <param name="Channel">"email" or "sms".</param>
/// <param name="Period">The month of a summary (YYYY-MM), empty for an activation.</param>
/// <param name="PersonKey">The panel's key of the person an activation went to, empty for a summary.</param>
/// <param name="Status">"sent" or "failed".</param>
/// <param name="Reason">Why it failed: the SMTP server's reply, the gateway's status; empty when sent.</param>
/// <param name="Attempt">1 for the first attempt at this message, 2 for its first retry...</param>
public sealed record MessageRecord(
    string Id, string FirmNip, string Kind, string Channel, string Recipient, string Period,
    string PersonKey, string Subject, string Status, string Reason, int Attempt, string At);

/// <summary>
/// An activation token just used (<see cref="PanelMessages.RedeemActivation"/>): the firm, person
/// and e-mail it was made for. Only a redemption makes one, so that a client account is made only
/// through an activation link.
/// </summary>
public sealed record RedeemedActivation
{
    internal RedeemedActivation(string firmNip, string personKey, string email) =>
        (FirmNip, PersonKey, Email) = (firmNip, personKey, email);

    public string FirmNip { get; }
    public string PersonKey { get; }
    public string Email { get; }
}

/// <summary>A summary whose last attempt through a channel failed: the next `--send-summary` retries it.</summary>
public sealed record FailedSummary(string FirmNip, string Period, string Channel, int Attempts);

/// <summary>
/// The message log of the panel (panel.db): a <c>messages</c> row per attempt to send a summary or
/// an activation link, with its status and the reason of a failure, and the activation tokens
/// (<c>activation_tokens</c>), kept only as SHA-256 digests with their expiry and the time they
/// were used. Plain SQL with named parameters, which SQLite and PostgreSQL both run: the log is
/// in the local panel's file, or in an office's panel on the panel server (a panel file or a
/// PostgreSQL schema, <see cref="PanelDatabase"/>).
/// </summary>
public sealed class PanelMessages
{
    private readonly PanelDatabase database;

    private PanelMessages(PanelDatabase database) => this.database = database;

    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>The message log of the panel file at <paramref name="path"/> (the local panel).</summary>
    public static Task<PanelMessages> Open(string path, CancellationToken cancel) =>
        Open(PanelDatabase.SqliteFile(path), cancel);

    /// <summary>The message log in <paramref name="database"/>, its tables made when missing.</summary>
    public static async Task<PanelMessages> Open(PanelDatabase database, CancellationToken cancel)
    {
        await using var connection = await database.Connect(cancel).ConfigureAwait(false);
        foreach (var ddl in Schema)
            await connection.Execute(database.Dialect.Ddl(ddl), null, cancel).ConfigureAwait(false);
        return new PanelMessages(database);
    }

    private Task<DbConnection> Connect(CancellationToken cancel) => database.Connect(cancel);

    /// <summary>Records one attempt; its number is one more than the attempts at the same message before it.</summary>
    public async Task<MessageRecord> Record(string firmNip, string kind, string channel, string recipient,
        string period, string personKey, string subject, string status, string reason, DateTimeOffset at,
        CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancel).ConfigureAwait(false);
        int attempt;
        await using (var count = Same(connection.Command(AttemptsSql, tx), firmNip, kind, channel, period, personKey))
            attempt = Convert.ToInt32(await count.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) + 1;
        var record = new MessageRecord(Guid.NewGuid().ToString("N"), firmNip, kind, channel, recipient, period,
            personKey, subject, status, reason, attempt, Stamp(at));
        await using (var insert = Same(connection.Command(InsertSql, tx), firmNip, kind, channel, period, personKey)
            .With("@id", record.Id).With("@recipient", recipient).With("@subject", subject)
            .With("@status", status).With("@reason", reason).With("@attempt", attempt).With("@at", record.At))
            await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return record;
    }

    /// <summary>The message log, oldest first; of one firm when <paramref name="firmNip"/> is given.</summary>
    public async Task<IReadOnlyList<MessageRecord>> List(string? firmNip, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = firmNip is null
            ? connection.Command(string.Format(CultureInfo.InvariantCulture, ListSql, ""), null)
            : connection.Command(string.Format(CultureInfo.InvariantCulture, ListSql, "WHERE firm_nip = @nip"), null)
                .With("@nip", firmNip);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var list = new List<MessageRecord>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            list.Add(new MessageRecord(rdr.GetString(0), rdr.GetString(1), rdr.GetString(2), rdr.GetString(3),
                rdr.GetString(4), rdr.GetString(5), rdr.GetString(6), rdr.GetString(7), rdr.GetString(8),
                rdr.GetString(9), rdr.GetInt32(10), rdr.GetString(11)));
        return list;
    }

    /// <summary>Whether an activation link already went to this person of the firm.</summary>
    public async Task<bool> ActivationSent(string firmNip, string personKey, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(ActivationSentSql, null).With("@nip", firmNip).With("@person", personKey)
            .With("@status", Sent);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The summaries whose latest attempt through a channel failed (none sent since).</summary>
    public async Task<IReadOnlyList<FailedSummary>> FailedSummaries(CancellationToken cancel) =>
        (await List(null, cancel).ConfigureAwait(false))
            .Where(m => m.Kind == "summary")
            .GroupBy(m => (m.FirmNip, m.Period, m.Channel))
            .Select(g => (g.Key, Last: g.MaxBy(m => m.Attempt)!, Count: g.Count()))
            .Where(x => x.Last.Status == Failed)
            .Select(x => new FailedSummary(x.Key.FirmNip, x.Key.Period, x.Key.Channel, x.Count))
            .OrderBy(f => f.FirmNip, StringComparer.Ordinal).ThenBy(f => f.Period, StringComparer.Ordinal)
            .ThenBy(f => f.Channel, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A new activation token for a person: 32 random bytes (base64url) returned to put in the link;
    /// only its SHA-256 digest is kept, with its expiry.
    /// </summary>
    public async Task<string> NewActivationToken(string firmNip, string personKey, string email,
        DateTimeOffset now, TimeSpan validFor, CancellationToken cancel)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(TokenSql, null).With("@hash", TokenDigest(token))
            .With("@nip", firmNip).With("@person", personKey).With("@email", email)
            .With("@created", Stamp(now)).With("@expires", Stamp(now + validFor));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return token;
    }

    /// <summary>The firm and person of an unexpired, unused activation token, or null.</summary>
    public async Task<(string FirmNip, string PersonKey, string Email)?> FindActivation(string token,
        DateTimeOffset now, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(FindTokenSql, null).With("@hash", TokenDigest(token))
            .With("@now", Stamp(now));
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? (rdr.GetString(0), rdr.GetString(1), rdr.GetString(2))
            : null;
    }

    /// <summary>
    /// Uses an activation token: the firm, person and e-mail of an unexpired token not used
    /// before, which is marked used at <paramref name="now"/> in the same statement, or null
    /// (unknown, expired or used). Of two redemptions of one token at the same time one wins: the
    /// update takes the row's write lock and the loser finds <c>used_at</c> set.
    /// </summary>
    public async Task<RedeemedActivation?> RedeemActivation(string token, DateTimeOffset now, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(RedeemTokenSql, null).With("@hash", TokenDigest(token))
            .With("@now", Stamp(now));
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? new RedeemedActivation(rdr.GetString(0), rdr.GetString(1), rdr.GetString(2))
            : null;
    }

    public static string TokenDigest(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // UTC with a fixed width, so text order is time order in either database
    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DbCommand Same(DbCommand cmd, string firmNip, string kind, string channel,
        string period, string personKey) =>
        cmd.With("@nip", firmNip).With("@kind", kind).With("@channel", channel)
            .With("@period", period).With("@person", personKey);

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS messages (
            id         TEXT PRIMARY KEY,
            firm_nip   TEXT NOT NULL,
            kind       TEXT NOT NULL,
            channel    TEXT NOT NULL,
            recipient  TEXT NOT NULL,
            period     TEXT NOT NULL,
            person_key TEXT NOT NULL,
            subject    TEXT NOT NULL,
            status     TEXT NOT NULL,
            reason     TEXT NOT NULL,
            attempt    INTEGER NOT NULL,
            at         TEXT NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS messages_firm ON messages (firm_nip, kind, channel, period, person_key)",
        """
        CREATE TABLE IF NOT EXISTS activation_tokens (
            token_hash TEXT PRIMARY KEY,
            firm_nip   TEXT NOT NULL,
            person_key TEXT NOT NULL,
            email      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT NULL
        )
        """,
    ];

    private const string AttemptsSql = """
        SELECT COUNT(*) FROM messages
        WHERE firm_nip = @nip AND kind = @kind AND channel = @channel AND period = @period AND person_key = @person
        """;

    private const string InsertSql = """
        INSERT INTO messages (id, firm_nip, kind, channel, recipient, period, person_key, subject, status, reason, attempt, at)
        VALUES (@id, @nip, @kind, @channel, @recipient, @period, @person, @subject, @status, @reason, @attempt, @at)
        """;

    // {0}: no condition, or the firm's
    private const string ListSql = """
        SELECT id, firm_nip, kind, channel, recipient, period, person_key, subject, status, reason, attempt, at
        FROM messages {0}
        ORDER BY at, firm_nip, kind, channel, attempt
        """;

    private const string ActivationSentSql = """
        SELECT COUNT(*) FROM messages
        WHERE firm_nip = @nip AND kind = 'activation' AND person_key = @person AND status = @status
        """;

    private const string TokenSql = """
        INSERT INTO activation_tokens (token_hash, firm_nip, person_key, email, created_at, expires_at)
        VALUES (@hash, @nip, @person, @email, @created, @expires)
        """;

    private const string RedeemTokenSql = """
        UPDATE activation_tokens SET used_at = @now
        WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
        RETURNING firm_nip, person_key, email
        """;

    private const string FindTokenSql = """
        SELECT firm_nip, person_key, email FROM activation_tokens
        WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
        """;
}
