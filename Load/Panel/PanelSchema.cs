using System.Data.Common;

namespace KonektoSync.Load.Panel;

/// <summary>
/// The tables of the local panel (panel.db). Values are stored as invariant text (money
/// "1234.50", months "2024-02", dates "2024-03-20"); a PESEL only as digest and masked form.
/// </summary>
internal static class PanelSchema
{
    public static async Task Ensure(DbConnection connection, PanelDialect dialect, CancellationToken cancel)
    {
        await connection.Execute(dialect.Ddl(CreateTables), null, cancel).ConfigureAwait(false);
        // only a panel without a mark is written to: opening a marked panel takes no write lock
        await using (var has = connection.Command(CountMark, null))
            if (Convert.ToInt64(await has.ExecuteScalarAsync(cancel).ConfigureAwait(false) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) > 0) return;
        await using var mark = connection.Command(InsertMark, null)
            .With("@identity", Guid.NewGuid().ToString("N"));
        await mark.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    // The panel's identity is made once, when the file (or an emptied file) gets its tables.
    private const string CountMark = "SELECT COUNT(*) FROM panel_mark";

    private const string InsertMark =
        "INSERT INTO panel_mark (id, identity, generation) VALUES (1, @identity, 0) ON CONFLICT DO NOTHING";

    /// <summary>Advances the generation in a delivery's transaction; returns the new mark.</summary>
    public const string AdvanceMark =
        "UPDATE panel_mark SET generation = generation + 1 WHERE id = 1 RETURNING identity, generation";

    /// <summary>The receipt of a delivery the panel applied under its protocol id (a panel server).</summary>
    public const string ReadReceipt =
        "SELECT applied, identity, generation FROM deliveries_received WHERE delivery_id = @id";

    public const string InsertReceipt = """
        INSERT INTO deliveries_received (delivery_id, applied, identity, generation)
        VALUES (@id, @applied, @identity, @generation)
        """;

    public const string ReadMark = "SELECT identity, generation FROM panel_mark WHERE id = 1";

    public const string HasMark =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'panel_mark'";

    /// <summary>The tables holding approvable data, with their data kind.</summary>
    public static readonly (string Table, string Kind)[] DataTables =
        [("zus", "zus"), ("taxes", "taxes"), ("trial_balance", "statements"),
         ("tax_book", "statements")];

    private const string Approval = """
            approved     INTEGER NOT NULL,
            approved_at  TEXT NULL,
            source       TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            run_id       TEXT NOT NULL
        """;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS firms (
            nip      TEXT PRIMARY KEY,
            name     TEXT NOT NULL,
            address  TEXT NOT NULL,
            regon    TEXT NULL,
            email    TEXT NULL,
            phone    TEXT NULL,
            source   TEXT NOT NULL,
            run_id   TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS people (
            firm_nip     TEXT NOT NULL,
            person_key   TEXT NOT NULL,
            first_name   TEXT NOT NULL,
            last_name    TEXT NOT NULL,
            role         TEXT NOT NULL,
            pesel_digest TEXT NULL,
            pesel_masked TEXT NULL,
            nip          TEXT NULL,
            email        TEXT NULL,
            phone        TEXT NULL,
            source       TEXT NOT NULL,
            run_id       TEXT NOT NULL,
            PRIMARY KEY (firm_nip, person_key)
        );
        CREATE TABLE IF NOT EXISTS zus (
            fact_key    TEXT PRIMARY KEY,
            firm_nip    TEXT NOT NULL,
            payer_key   TEXT NOT NULL,
            payer_label TEXT NOT NULL,
            payer_type  TEXT NOT NULL,
            period      TEXT NOT NULL,
            emerytalne  TEXT NOT NULL, rentowe TEXT NOT NULL, chorobowe TEXT NOT NULL,
            wypadkowe   TEXT NOT NULL, zdrowotne TEXT NOT NULL, fp_fs TEXT NOT NULL,
            fgsp        TEXT NOT NULL, fep TEXT NOT NULL,
            total_due   TEXT NOT NULL,
            due_date    TEXT NOT NULL,
            origin      TEXT NOT NULL,
        """ + Approval + """
        );
        CREATE TABLE IF NOT EXISTS taxes (
            fact_key  TEXT PRIMARY KEY,
            firm_nip  TEXT NOT NULL,
            kind      TEXT NOT NULL,
            period    TEXT NOT NULL,
            amount    TEXT NOT NULL,
            due_date  TEXT NOT NULL,
        """ + Approval + """
        );
        CREATE TABLE IF NOT EXISTS trial_balance (
            fact_key      TEXT PRIMARY KEY,
            firm_nip      TEXT NOT NULL,
            period        TEXT NOT NULL,
            account       TEXT NOT NULL,
            name          TEXT NOT NULL,
            opening_dt    TEXT NOT NULL, opening_ct TEXT NOT NULL,
            turnover_dt   TEXT NOT NULL, turnover_ct TEXT NOT NULL,
            cumulative_dt TEXT NOT NULL, cumulative_ct TEXT NOT NULL,
            closing_dt    TEXT NOT NULL, closing_ct TEXT NOT NULL,
        """ + Approval + """
        );
        CREATE TABLE IF NOT EXISTS tax_book (
            fact_key    TEXT PRIMARY KEY,
            firm_nip    TEXT NOT NULL,
            period      TEXT NOT NULL,
            revenue     TEXT NOT NULL, costs TEXT NOT NULL, income TEXT NOT NULL,
            revenue_ytd TEXT NOT NULL, costs_ytd TEXT NOT NULL, income_ytd TEXT NOT NULL,
        """ + Approval + """
        );
        CREATE TABLE IF NOT EXISTS summaries_sent (
            firm_nip TEXT NOT NULL,
            period   TEXT NOT NULL,
            channels TEXT NOT NULL,
            sent_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS panel_mark (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            identity   TEXT NOT NULL,
            generation INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS deliveries_received (
            delivery_id TEXT PRIMARY KEY,
            applied     INTEGER NOT NULL,
            identity    TEXT NOT NULL,
            generation  INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS activations_sent (
            firm_nip   TEXT NOT NULL,
            person_key TEXT NOT NULL,
            email      TEXT NOT NULL,
            sent_at    TEXT NOT NULL,
            PRIMARY KEY (firm_nip, person_key)
        );
        -- the contributions of a firm by payer: the PESEL re-key check of every ZUS group looks them up
        CREATE INDEX IF NOT EXISTS zus_firm_payer ON zus (firm_nip, payer_key);
        """;
}
