using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Panel;
using LanguageExt;
using System.Data.Common;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Panel;

/// <summary>
/// The writes of one batch inside its transaction. The panel decides nothing itself: it reads
/// what it holds, asks the pure rules (rule 9 <see cref="BasicDataDiff"/>, rule 10
/// <see cref="Approval.OnDelivery"/>) and writes their result.
/// </summary>
internal sealed class PanelWrite(DbConnection connection, DbTransaction tx,
    DeliveryBatch batch, bool updateBasicData, DateTimeOffset now, PeselDigests digests)
{
    private ApprovalState Asked => batch.Approve ? ApprovalState.Approved : ApprovalState.Unapproved;

    public Task Upsert(Fact fact, CancellationToken cancel) => fact.Body switch
    {
        FactBody.BasicData b => UpsertFirm(b.Firm, fact, cancel),
        FactBody.Zus z => UpsertZus(z, fact, cancel),
        FactBody.Tax t => UpsertTax(t, fact, cancel),
        FactBody.TrialBalance tb => UpsertTrialBalance(tb.Line, fact, cancel),
        FactBody.TaxBook k => UpsertTaxBook(k.Summary, fact, cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Body.GetType().Name, null),
    };

    // Rule 9: the result's people are the panel's, in the order read, then the users added.
    private async Task UpsertFirm(Firm firm, Fact fact, CancellationToken cancel)
    {
        var held = await HeldFirm(firm.Nip, cancel).ConfigureAwait(false);
        var result = BasicDataDiff.DiffHeld(held.Map(h => h.Firm), firm, updateBasicData,
            firm.People.Map(digests.Identity)).Result;
        await using (var cmd = connection.Command(FirmSql, tx)
            .With("@nip", firm.Nip.Value).With("@name", result.Name)
            .With("@address", result.Address).With("@regon", result.Regon.Map(r => r.Value).ToNull())
            .With("@email", result.Email.ToNull()).With("@phone", result.Phone.ToNull())
            .With("@source", fact.Source.Code()).With("@run", batch.Run.Value))
            await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        var rows = held.Map(h => h.Keys.Zip(h.Firm.Firm.People).ToSeq())
            .IfNone(Seq<(string, Person)>());
        for (var i = 0; i < result.People.Count; i++)
        {
            var person = result.People[i];
            if (i >= rows.Count)
                await InsertPerson(firm.Nip, person, fact, cancel).ConfigureAwait(false);
            else if (person != rows[i].Item2)
                await UpdatePerson(firm.Nip, rows[i].Item1, person, fact, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The firm and its people as the panel holds them, with each person's row key.</summary>
    private async Task<Option<(PanelFirm Firm, Seq<string> Keys)>> HeldFirm(Nip nip,
        CancellationToken cancel)
    {
        Firm? firm = null;
        await using (var cmd = connection.Command(HeldFirmSql, tx).With("@nip", nip.Value))
        await using (var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            if (await rdr.ReadAsync(cancel).ConfigureAwait(false))
                firm = new Firm(nip, Text(rdr, 0), Regon.Create(Text(rdr, 2)).ToOption(),
                    Text(rdr, 1), NonEmpty(rdr, 3), NonEmpty(rdr, 4), Seq<Person>());
        if (firm is null) return None;
        var people = new List<(string Key, Person Person, PersonIdentity Identity)>();
        await using (var cmd = connection.Command(HeldPeopleSql, tx).With("@nip", nip.Value))
        await using (var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            {
                var person = new Person(Text(rdr, 1), Text(rdr, 2), None,
                    Nip.Create(Text(rdr, 5)).ToOption(), NonEmpty(rdr, 6), NonEmpty(rdr, 7),
                    Enum.TryParse<PersonRole>(Text(rdr, 3), out var role) ? role : PersonRole.Partner);
                people.Add((Text(rdr, 0), person, new PersonIdentity(NonEmpty(rdr, 4), person.Nip,
                    PersonMatching.NameKey(person))));
            }
        var panelFirm = new PanelFirm(firm with { People = people.Select(p => p.Person).ToSeq() },
            people.Select(p => p.Identity).ToSeq());
        return Some((panelFirm, people.Select(p => p.Key).ToSeq()));
    }

    private async Task InsertPerson(Nip firm, Person p, Fact fact, CancellationToken cancel)
    {
        await using var cmd = connection.Command(InsertPersonSql, tx)
            .With("@firm", firm.Value).With("@key", digests.KeyOf(p))
            .With("@first", p.FirstName).With("@last", p.LastName)
            .With("@role", p.Role.ToString())
            .With("@digest", digests.Digest(p).ToNull())
            .With("@masked", digests.Masked(p).ToNull())
            .With("@pnip", p.Nip.Map(x => x.Value).ToNull())
            .With("@email", p.Email.ToNull()).With("@phone", p.Phone.ToNull())
            .With("@source", fact.Source.Code()).With("@run", batch.Run.Value);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpdatePerson(Nip firm, string key, Person p, Fact fact,
        CancellationToken cancel)
    {
        await using var cmd = connection.Command(UpdatePersonSql, tx)
            .With("@firm", firm.Value).With("@key", key)
            .With("@first", p.FirstName).With("@last", p.LastName)
            .With("@email", p.Email.ToNull()).With("@phone", p.Phone.ToNull())
            .With("@source", fact.Source.Code()).With("@run", batch.Run.Value);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private static string Text(DbDataReader rdr, int i) => LocalPanel.Text(rdr, i);

    private static Option<string> NonEmpty(DbDataReader rdr, int i) =>
        Optional(Text(rdr, i)).Filter(s => s.Length > 0);

    private async Task UpsertZus(FactBody.Zus z, Fact fact, CancellationToken cancel)
    {
        var c = z.Contribution;
        var cmd = (await Command(ZusSql, "zus", fact, cancel).ConfigureAwait(false))
            .With("@payer_key", c.Payer.Key).With("@payer_label", c.Payer.Label)
            .With("@payer_type", c.PayerType.ToString()).With("@period", c.Period.ToString())
            .With("@due_date", FactJson.Text(z.DueDate)).With("@origin", c.Origin.ToString());
        var amounts = FactBodyJson.Amounts(c.Components);
        for (var i = 0; i < amounts.Length; i++) cmd.With($"@m{i}", amounts[i]);
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTax(FactBody.Tax t, Fact fact, CancellationToken cancel)
    {
        var cmd = (await Command(TaxSql, "taxes", fact, cancel).ConfigureAwait(false))
            .With("@kind", t.Liability.Kind.Code()).With("@period", t.Liability.Period.ToString())
            .With("@amount", FactJson.Text(t.Liability.Amount))
            .With("@due_date", FactJson.Text(t.DueDate));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTrialBalance(TrialBalanceLine l, Fact fact, CancellationToken cancel)
    {
        var cmd = (await Command(TrialBalanceSql, "trial_balance", fact, cancel)
                .ConfigureAwait(false))
            .With("@period", l.Period.ToString()).With("@account", l.Account)
            .With("@name", l.Name)
            .With("@m0", FactJson.Text(l.OpeningDt)).With("@m1", FactJson.Text(l.OpeningCt))
            .With("@m2", FactJson.Text(l.TurnoverDt)).With("@m3", FactJson.Text(l.TurnoverCt))
            .With("@m4", FactJson.Text(l.CumulativeDt)).With("@m5", FactJson.Text(l.CumulativeCt))
            .With("@m6", FactJson.Text(l.ClosingDt)).With("@m7", FactJson.Text(l.ClosingCt));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTaxBook(TaxBookSummary s, Fact fact, CancellationToken cancel)
    {
        var cmd = (await Command(TaxBookSql, "tax_book", fact, cancel).ConfigureAwait(false))
            .With("@period", s.Period.ToString())
            .With("@m0", FactJson.Text(s.Revenue)).With("@m1", FactJson.Text(s.Costs))
            .With("@m2", FactJson.Text(s.Income)).With("@m3", FactJson.Text(s.RevenueYtd))
            .With("@m4", FactJson.Text(s.CostsYtd)).With("@m5", FactJson.Text(s.IncomeYtd));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    // The parameters every data statement shares: key, firm, approval (rule 10), source, hash,
    // run. The table is one of PanelSchema.DataTables, never outside text. The statements of a
    // fact are kept for the connection (DbCommands.Prepared): a batch prepares each once.
    private async Task<DbCommand> Command(string sql, string table, Fact fact,
        CancellationToken cancel)
    {
        Option<(HeldApproval Held, string? At)> held = None;
        var read = connection.Prepared(HeldApproval[table], tx).With("@fact_key", fact.Key.Text);
        await using (var rdr = await read.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            if (await rdr.ReadAsync(cancel).ConfigureAwait(false))
                held = (new HeldApproval(rdr.GetString(0),
                        rdr.Long(1) != 0 ? ApprovalState.Approved : ApprovalState.Unapproved),
                    rdr.IsDBNull(2) ? null : rdr.GetString(2));
        var approval = Approval.OnDelivery(held.Map(h => h.Held), fact.ContentHash, Asked);
        var approved = approval.State == ApprovalState.Approved;
        var approvedAt = approval.KeepsEarlierApproval
            ? held.Match(h => h.At, () => null)
            : approved ? Outbox.Stamp(now) : null;
        return connection.Prepared(sql, tx)
            .With("@fact_key", fact.Key.Text).With("@firm_nip", fact.Key.Firm.Value)
            .With("@approved", approved ? 1 : 0).With("@approved_at", approvedAt)
            .With("@source", fact.Source.Code()).With("@hash", fact.ContentHash)
            .With("@run", batch.Run.Value);
    }

    // The read of a fact's held approval, per data table.
    private static readonly Dictionary<string, string> HeldApproval = PanelSchema.DataTables.ToDictionary(
        t => t.Table, t => $"SELECT content_hash, approved, approved_at FROM {t.Table} WHERE fact_key = @fact_key",
        StringComparer.Ordinal);

    private const string HeldFirmSql =
        "SELECT name, address, regon, email, phone FROM firms WHERE nip = @nip";

    // In key order, so that the same panel is always read the same way.
    private const string HeldPeopleSql = """
        SELECT person_key, first_name, last_name, role, pesel_digest, nip, email, phone
        FROM people WHERE firm_nip = @nip ORDER BY person_key
        """;

    private const string FirmSql = """
        INSERT INTO firms (nip, name, address, regon, email, phone, source, run_id)
        VALUES (@nip, @name, @address, @regon, @email, @phone, @source, @run)
        ON CONFLICT (nip) DO UPDATE SET
            name = excluded.name, address = excluded.address, regon = excluded.regon,
            email = excluded.email, phone = excluded.phone,
            source = excluded.source, run_id = excluded.run_id
        """;

    // A user added with a key a user of the panel already has is that row: it is kept.
    private const string InsertPersonSql = """
        INSERT INTO people (firm_nip, person_key, first_name, last_name, role, pesel_digest,
                            pesel_masked, nip, email, phone, source, run_id)
        VALUES (@firm, @key, @first, @last, @role, @digest, @masked, @pnip, @email, @phone,
                @source, @run)
        ON CONFLICT (firm_nip, person_key) DO NOTHING
        """;

    private const string UpdatePersonSql = """
        UPDATE people SET first_name = @first, last_name = @last, email = @email, phone = @phone,
            source = @source, run_id = @run
        WHERE firm_nip = @firm AND person_key = @key
        """;

    private const string ApprovalUpdate = """
            approved = excluded.approved, approved_at = excluded.approved_at,
            source = excluded.source, content_hash = excluded.content_hash,
            run_id = excluded.run_id
        """;

    private const string ZusSql = """
        INSERT INTO zus (fact_key, firm_nip, payer_key, payer_label, payer_type, period,
            emerytalne, rentowe, chorobowe, wypadkowe, zdrowotne, fp_fs, fgsp, fep, total_due,
            due_date, origin, approved, approved_at, source, content_hash, run_id)
        VALUES (@fact_key, @firm_nip, @payer_key, @payer_label, @payer_type, @period,
            @m0, @m1, @m2, @m3, @m4, @m5, @m6, @m7, @m8,
            @due_date, @origin, @approved, @approved_at, @source, @hash, @run)
        ON CONFLICT (fact_key) DO UPDATE SET
            payer_key = excluded.payer_key, payer_label = excluded.payer_label,
            payer_type = excluded.payer_type, period = excluded.period,
            emerytalne = excluded.emerytalne, rentowe = excluded.rentowe,
            chorobowe = excluded.chorobowe, wypadkowe = excluded.wypadkowe,
            zdrowotne = excluded.zdrowotne, fp_fs = excluded.fp_fs, fgsp = excluded.fgsp,
            fep = excluded.fep, total_due = excluded.total_due,
            due_date = excluded.due_date, origin = excluded.origin,
        """ + ApprovalUpdate;

    private const string TaxSql = """
        INSERT INTO taxes (fact_key, firm_nip, kind, period, amount, due_date,
            approved, approved_at, source, content_hash, run_id)
        VALUES (@fact_key, @firm_nip, @kind, @period, @amount, @due_date,
            @approved, @approved_at, @source, @hash, @run)
        ON CONFLICT (fact_key) DO UPDATE SET
            kind = excluded.kind, period = excluded.period, amount = excluded.amount,
            due_date = excluded.due_date,
        """ + ApprovalUpdate;

    private const string TrialBalanceSql = """
        INSERT INTO trial_balance (fact_key, firm_nip, period, account, name,
            opening_dt, opening_ct, turnover_dt, turnover_ct, cumulative_dt, cumulative_ct,
            closing_dt, closing_ct, approved, approved_at, source, content_hash, run_id)
        VALUES (@fact_key, @firm_nip, @period, @account, @name,
            @m0, @m1, @m2, @m3, @m4, @m5, @m6, @m7,
            @approved, @approved_at, @source, @hash, @run)
        ON CONFLICT (fact_key) DO UPDATE SET
            period = excluded.period, account = excluded.account, name = excluded.name,
            opening_dt = excluded.opening_dt, opening_ct = excluded.opening_ct,
            turnover_dt = excluded.turnover_dt, turnover_ct = excluded.turnover_ct,
            cumulative_dt = excluded.cumulative_dt, cumulative_ct = excluded.cumulative_ct,
            closing_dt = excluded.closing_dt, closing_ct = excluded.closing_ct,
        """ + ApprovalUpdate;

    private const string TaxBookSql = """
        INSERT INTO tax_book (fact_key, firm_nip, period, revenue, costs, income,
            revenue_ytd, costs_ytd, income_ytd, approved, approved_at, source, content_hash,
            run_id)
        VALUES (@fact_key, @firm_nip, @period, @m0, @m1, @m2, @m3, @m4, @m5,
            @approved, @approved_at, @source, @hash, @run)
        ON CONFLICT (fact_key) DO UPDATE SET
            period = excluded.period, revenue = excluded.revenue, costs = excluded.costs,
            income = excluded.income, revenue_ytd = excluded.revenue_ytd,
            costs_ytd = excluded.costs_ytd, income_ytd = excluded.income_ytd,
        """ + ApprovalUpdate;
}

/// <summary>How the panel keys a firm's person: PESEL digest (under the data folder's key), else NIP, else the name.</summary>
public static class PersonKeys
{
    public static string Of(Person p, PeselKey key) => PeselDigests.Keyed(key).KeyOf(p);
}

internal static class OptionText
{
    public static string? ToNull(this LanguageExt.Option<string> o) =>
        o.MatchUnsafe(x => x, () => (string?)null);
}
