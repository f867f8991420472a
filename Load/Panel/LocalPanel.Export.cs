using KonektoSync.Load.Csv;
using System.Data.Common;

namespace KonektoSync.Load.Panel;

public sealed partial class LocalPanel
{
    /// <summary>
    /// Writes everything in the panel to <paramref name="folder"/>, one CSV file per table,
    /// ordered by natural key, without run ids, hashes or clock times: two panels with the
    /// same content export the same bytes. Returns the files written.
    /// </summary>
    public Task<IReadOnlyList<string>> ExportCsv(string folder, CancellationToken cancel) =>
        ExportCsv(folder, excel: false, cancel);

    /// <summary>As <see cref="ExportCsv(string, CancellationToken)"/>; with <paramref name="excel"/> ';', a UTF-8 BOM and a decimal comma in amounts.</summary>
    public async Task<IReadOnlyList<string>> ExportCsv(string folder, bool excel, CancellationToken cancel)
    {
        var style = excel ? CsvStyle.Excel(PanelColumns.Amounts) : CsvStyle.Invariant;
        Directory.CreateDirectory(folder);
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        var files = new List<string>();
        foreach (var (file, sql) in ExportSql)
        {
            var path = Path.Combine(folder, file);
            var (header, rows) = await Rows(connection, sql, cancel).ConfigureAwait(false);
            await CsvTable.Write(path, header, rows, style, cancel).ConfigureAwait(false);
            files.Add(path);
        }
        return files;
    }

    private static async Task<(string[], List<string[]>)> Rows(DbConnection connection,
        string sql, CancellationToken cancel)
    {
        await using var cmd = connection.Command(sql, null);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var header = Enumerable.Range(0, rdr.FieldCount).Select(rdr.GetName).ToArray();
        var rows = new List<string[]>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            rows.Add(Enumerable.Range(0, rdr.FieldCount).Select(i => Text(rdr, i)).ToArray());
        return (header, rows);
    }

    private static readonly (string File, string Sql)[] ExportSql =
    [
        ("firms.csv", """
            SELECT nip, name, address, regon, email, phone, source
            FROM firms ORDER BY nip
            """),
        ("people.csv", """
            SELECT firm_nip, person_key, first_name, last_name, role, pesel_digest,
                pesel_masked, nip, email, phone, source
            FROM people ORDER BY firm_nip, person_key
            """),
        ("zus.csv", """
            SELECT fact_key, firm_nip, payer_key, payer_label, payer_type, period,
                emerytalne, rentowe, chorobowe, wypadkowe, zdrowotne, fp_fs, fgsp, fep,
                total_due, due_date, origin, approved, source
            FROM zus ORDER BY fact_key
            """),
        ("taxes.csv", """
            SELECT fact_key, firm_nip, kind, period, amount, due_date, approved, source
            FROM taxes ORDER BY fact_key
            """),
        ("trial_balance.csv", """
            SELECT fact_key, firm_nip, period, account, name, opening_dt, opening_ct,
                turnover_dt, turnover_ct, cumulative_dt, cumulative_ct, closing_dt,
                closing_ct, approved, source
            FROM trial_balance ORDER BY fact_key
            """),
        ("tax_book.csv", """
            SELECT fact_key, firm_nip, period, revenue, costs, income, revenue_ytd,
                costs_ytd, income_ytd, approved, source
            FROM tax_book ORDER BY fact_key
            """),
        ("summaries_sent.csv", """
            SELECT firm_nip, period, channels
            FROM summaries_sent ORDER BY firm_nip, period, channels
            """),
        ("activations_sent.csv", """
            SELECT firm_nip, person_key, email
            FROM activations_sent ORDER BY firm_nip, person_key
            """),
    ];
}
