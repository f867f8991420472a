using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Panel;
using LanguageExt;
using System.Data.Common;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Panel;

public sealed partial class LocalPanel
{
    /// <summary>Every firm the panel holds data of, by NIP.</summary>
    public async Task<IReadOnlyList<PanelFirmSummary>> ListFirms(CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(ListFirmsSql, null);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var firms = new List<PanelFirmSummary>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            firms.Add(new PanelFirmSummary(rdr.GetString(0), rdr.GetString(1),
                rdr.Long(2) > 0, rdr.Int(3), rdr.Int(4), rdr.Int(5),
                rdr.Int(6)));
        return firms;
    }

    /// <summary>Everything of a firm, per kind and month; a firm not in the panel is a problem.</summary>
    public async Task<Either<Problem, PanelFirmView>> ShowFirm(Nip nip, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        var entries = new List<PanelEntry>();
        foreach (var (table, kind, sql) in EntrySql)
            entries.AddRange(await Entries(connection, nip, table, kind, sql, cancel)
                .ConfigureAwait(false));
        var people = await People(connection, nip, cancel).ConfigureAwait(false);
        var firm = await FirmRow(connection, nip, cancel).ConfigureAwait(false);
        if (firm is null && entries.Count == 0)
            return Left<Problem, PanelFirmView>(UnknownFirm(nip));
        var f = firm ?? ["", "", "", "", ""];
        return Right<Problem, PanelFirmView>(
            new PanelFirmView(nip.Value, f[0], f[1], f[2], f[3], f[4], people, entries));
    }

    /// <summary>
    /// The users of a firm as the panel holds them, as matching sees them (a PESEL only as its
    /// digest): what rule 12 compares the users found with.
    /// </summary>
    public async Task<Seq<PersonIdentity>> PeopleIdentities(Nip nip, CancellationToken cancel)
    {
        await using var lease = await Lease(cancel).ConfigureAwait(false);
        var cmd = lease.Connection.Prepared(IdentitiesSql, null).With("@nip", nip.Value);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var people = new List<PersonIdentity>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
        {
            var person = new Person(Text(rdr, 0), Text(rdr, 1), None, Nip.Create(Text(rdr, 3)).ToOption(),
                None, None, PersonRole.Partner);
            people.Add(new PersonIdentity(Optional(Text(rdr, 2)).Filter(d => d.Length > 0), person.Nip,
                PersonMatching.NameKey(person)));
        }
        return people.ToSeq();
    }

    /// <summary>
    /// Approves the data of a firm that rule 10 (<see cref="Approval.ApproveFirm"/>) picks from
    /// what the panel holds: all of its unapproved data, at <paramref name="approvedAt"/>.
    /// </summary>
    public Task<Either<Problem, ApprovalCounts>> Approve(Nip nip,
        DateTimeOffset approvedAt, CancellationToken cancel) => Approve(nip, approvedAt, Seq<Period>(), cancel);

    /// <summary>As the other overload, for the unapproved data of <paramref name="months"/> only (all when none).</summary>
    public async Task<Either<Problem, ApprovalCounts>> Approve(Nip nip,
        DateTimeOffset approvedAt, Seq<Period> months, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        if (!await Holds(connection, nip, cancel).ConfigureAwait(false))
            return Left<Problem, ApprovalCounts>(UnknownFirm(nip));
        await using var tx = await connection
            .BeginTransactionAsync(cancel).ConfigureAwait(false);
        var held = await HeldFacts(connection, tx, nip, cancel).ConfigureAwait(false);
        var approve = Approval.ApproveFirm(nip, held.Map(h => h.Fact), months);
        var tableOf = held.ToDictionary(h => h.Fact.Key.Text, h => h.Table, StringComparer.Ordinal);
        foreach (var key in approve)
        {
            await using var cmd = connection.Command(string.Format(
                    CultureInfo.InvariantCulture, ApproveSql, tableOf[key.Text]), tx)
                .With("@key", key.Text).With("@at", Journal.Outbox.Stamp(approvedAt));
            await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        int Count(string table) => approve.Count(k => tableOf[k.Text] == table);
        return Right<Problem, ApprovalCounts>(new ApprovalCounts(Count("zus"), Count("taxes"),
            Count("trial_balance"), Count("tax_book")));
    }

    /// <summary>Every value of a firm in the data tables, with its approval and table.</summary>
    private static async Task<Seq<(PanelFact Fact, string Table)>> HeldFacts(
        DbConnection connection, DbTransaction tx, Nip nip, CancellationToken cancel)
    {
        var facts = new List<(PanelFact, string)>();
        foreach (var (table, kind) in PanelSchema.DataTables)
        {
            var dataKind = DataKinds.FromCode(kind)
                ?? throw new InvalidOperationException($"panel table {table}: unknown kind {kind}");
            await using var cmd = connection.Command(string.Format(
                CultureInfo.InvariantCulture, HeldFactsSql, table), tx).With("@nip", nip.Value);
            await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
                facts.Add((new PanelFact(KeyOf(nip, dataKind, rdr.GetString(0)),
                    rdr.Long(1) != 0 ? ApprovalState.Approved : ApprovalState.Unapproved), table));
        }
        return facts.ToSeq();
    }

    // A stored key is FactKey.Text: "NIP|kind|period|subject"; a subject may hold '|'.
    private static FactKey KeyOf(Nip nip, DataKind kind, string text)
    {
        var parts = text.Split('|', 4);
        var key = new FactKey(nip, kind,
            parts.Length == 4 ? Period.Parse(parts[2]).ToOption() : None,
            parts.Length == 4 ? parts[3] : "");
        return key.Text == text ? key
            : throw new InvalidOperationException($"panel key {text} is not a key of firm {nip.Value}");
    }

    /// <summary>Records that a summary of <paramref name="period"/> went to a client (rule 11).</summary>
    public async Task RecordSummary(Nip firm, Period period, Channels channels,
        DateTimeOffset sentAt, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(SummarySql, null)
            .With("@nip", firm.Value).With("@period", period.ToString())
            .With("@channels", ChannelText(channels))
            .With("@at", Journal.Outbox.Stamp(sentAt));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an activation message sent to a person (rule 12); false when one was already
    /// recorded for that person, who then keeps the first record.
    /// </summary>
    public Task<bool> RecordActivation(Nip firm, Person person, string email,
        DateTimeOffset sentAt, CancellationToken cancel) =>
        RecordActivation(firm, PersonKeys.Of(person, peselKey), email, sentAt, cancel);

    /// <summary>As the other overload, for a person given by the panel's key of them.</summary>
    public async Task<bool> RecordActivation(Nip firm, string personKey, string email,
        DateTimeOffset sentAt, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(ActivationSql, null)
            .With("@nip", firm.Value).With("@person", personKey)
            .With("@email", email).With("@at", Journal.Outbox.Stamp(sentAt));
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }

    private static async Task<List<PanelEntry>> Entries(DbConnection connection, Nip nip,
        string table, string kind, string sql, CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, null).With("@nip", nip.Value);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var entries = new List<PanelEntry>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            entries.Add(new PanelEntry(kind, table, rdr.GetString(0), rdr.GetString(1),
                rdr.Long(2) != 0, rdr.GetString(3), Fields(rdr, from: 4)));
        return entries;
    }

    private static List<KeyValuePair<string, string>> Fields(DbDataReader rdr, int from) =>
        Enumerable.Range(from, rdr.FieldCount - from)
            .Select(i => KeyValuePair.Create(rdr.GetName(i), Text(rdr, i)))
            .ToList();

    private static async Task<List<PanelPerson>> People(DbConnection connection, Nip nip,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(PeopleSql, null).With("@nip", nip.Value);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var people = new List<PanelPerson>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            people.Add(new PanelPerson(Text(rdr, 0), Text(rdr, 1), Text(rdr, 2), Text(rdr, 3),
                Text(rdr, 4), Text(rdr, 5), Text(rdr, 6), Text(rdr, 7)));
        return people;
    }

    private static async Task<string[]?> FirmRow(DbConnection connection, Nip nip,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(FirmRowSql, null).With("@nip", nip.Value);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? Enumerable.Range(0, 5).Select(i => Text(rdr, i)).ToArray()
            : null;
    }

    private static async Task<bool> Holds(DbConnection connection, Nip nip,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(HoldsSql, null).With("@nip", nip.Value);
        return await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) is long n && n > 0;
    }

    internal static string Text(DbDataReader rdr, int i) =>
        rdr.IsDBNull(i) ? "" : Convert.ToString(rdr.GetValue(i), CultureInfo.InvariantCulture)!;

    private static string ChannelText(Channels c) =>
        string.Join(",", new[] { c.Email ? "email" : "", c.Sms ? "sms" : "" }
            .Where(s => s.Length > 0));

    private static Problem UnknownFirm(Nip nip) =>
        Problem.Of("panel.firm.unknown", $"the panel holds no data of firm {nip.Formatted}",
            nip.Value, nip.Formatted);

    private const string AllNips = """
        SELECT nip FROM firms UNION SELECT firm_nip FROM people
        UNION SELECT firm_nip FROM zus UNION SELECT firm_nip FROM taxes
        UNION SELECT firm_nip FROM trial_balance UNION SELECT firm_nip FROM tax_book
        """;

    private const string ListFirmsSql = "WITH nips AS (" + AllNips + """
        )
        SELECT n.nip, COALESCE(f.name, ''),
            (SELECT COUNT(*) FROM zus WHERE firm_nip = n.nip AND approved = 0)
            + (SELECT COUNT(*) FROM taxes WHERE firm_nip = n.nip AND approved = 0)
            + (SELECT COUNT(*) FROM trial_balance WHERE firm_nip = n.nip AND approved = 0)
            + (SELECT COUNT(*) FROM tax_book WHERE firm_nip = n.nip AND approved = 0),
            (SELECT COUNT(*) FROM people WHERE firm_nip = n.nip),
            (SELECT COUNT(*) FROM zus WHERE firm_nip = n.nip),
            (SELECT COUNT(*) FROM taxes WHERE firm_nip = n.nip),
            (SELECT COUNT(*) FROM trial_balance WHERE firm_nip = n.nip)
            + (SELECT COUNT(*) FROM tax_book WHERE firm_nip = n.nip)
        FROM nips n LEFT JOIN firms f ON f.nip = n.nip
        ORDER BY n.nip
        """;

    private const string HoldsSql = "SELECT COUNT(*) FROM (" + AllNips + ") AS held WHERE nip = @nip";

    private const string FirmRowSql =
        "SELECT name, address, email, phone, source FROM firms WHERE nip = @nip";

    private const string PeopleSql = """
        SELECT person_key, first_name, last_name, role, pesel_masked, nip, email, phone
        FROM people WHERE firm_nip = @nip ORDER BY person_key
        """;

    private static readonly (string Table, string Kind, string Sql)[] EntrySql =
    [
        ("zus", "zus", """
            SELECT period, payer_label, approved, source, payer_key, payer_type,
                emerytalne, rentowe, chorobowe, wypadkowe, zdrowotne, fp_fs, fgsp, fep,
                total_due, due_date, origin
            FROM zus WHERE firm_nip = @nip ORDER BY period, fact_key
            """),
        ("taxes", "taxes", """
            SELECT period, kind, approved, source, amount, due_date
            FROM taxes WHERE firm_nip = @nip ORDER BY period, fact_key
            """),
        ("trial_balance", "statements", """
            SELECT period, account, approved, source, name, opening_dt, opening_ct,
                turnover_dt, turnover_ct, cumulative_dt, cumulative_ct, closing_dt, closing_ct
            FROM trial_balance WHERE firm_nip = @nip ORDER BY period, fact_key
            """),
        ("tax_book", "statements", """
            SELECT period, 'KPiR', approved, source, revenue, costs, income,
                revenue_ytd, costs_ytd, income_ytd
            FROM tax_book WHERE firm_nip = @nip ORDER BY period, fact_key
            """),
    ];

    private const string IdentitiesSql = """
        SELECT first_name, last_name, pesel_digest, nip
        FROM people WHERE firm_nip = @nip ORDER BY person_key
        """;

    // {0}: one of PanelSchema.DataTables, never outside text.
    private const string HeldFactsSql =
        "SELECT fact_key, approved FROM {0} WHERE firm_nip = @nip ORDER BY fact_key";

    private const string ApproveSql =
        "UPDATE {0} SET approved = 1, approved_at = @at WHERE fact_key = @key";

    private const string SummarySql = """
        INSERT INTO summaries_sent (firm_nip, period, channels, sent_at)
        VALUES (@nip, @period, @channels, @at)
        """;

    private const string ActivationSql = """
        INSERT INTO activations_sent (firm_nip, person_key, email, sent_at)
        VALUES (@nip, @person, @email, @at) ON CONFLICT DO NOTHING
        """;
}
