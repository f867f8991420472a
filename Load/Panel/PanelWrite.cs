using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Sinks;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Panel;

/// <summary>
/// The upserts of one batch inside its transaction. A value whose content changed takes the
/// batch's approval; an unchanged one keeps an approval it had.
/// </summary>
internal sealed class PanelWrite(SqliteConnection connection, SqliteTransaction tx,
    DeliveryBatch batch, bool updateBasicData, DateTimeOffset now)
{
    public Task Upsert(Fact fact, CancellationToken cancel) => fact.Body switch
    {
        FactBody.BasicData b => UpsertFirm(b.Firm, fact, cancel),
        FactBody.Zus z => UpsertZus(z, fact, cancel),
        FactBody.Tax t => UpsertTax(t, fact, cancel),
        FactBody.TrialBalance tb => UpsertTrialBalance(tb.Line, fact, cancel),
        FactBody.TaxBook k => UpsertTaxBook(k.Summary, fact, cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Body.GetType().Name, null),
    };

    private async Task UpsertFirm(Firm firm, Fact fact, CancellationToken cancel)
    {
        await using (var cmd = Command(FirmSql, fact)
            .With("$nip", firm.Nip.Value).With("$name", firm.Name)
            .With("$address", firm.Address).With("$regon", firm.Regon.Map(r => r.Value).ToNull())
            .With("$email", firm.Email.ToNull()).With("$phone", firm.Phone.ToNull()))
            await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        foreach (var person in firm.People)
            await UpsertPerson(firm.Nip, person, fact, cancel).ConfigureAwait(false);
    }

    private async Task UpsertPerson(Nip firm, Person p, Fact fact, CancellationToken cancel)
    {
        await using var cmd = Command(PersonSql, fact)
            .With("$firm", firm.Value).With("$key", PersonKeys.Of(p))
            .With("$first", p.FirstName).With("$last", p.LastName)
            .With("$role", p.Role.ToString())
            .With("$digest", p.Pesel.Map(x => Hashing.Short(x.Value)).ToNull())
            .With("$masked", p.Pesel.Map(x => x.ToString()).ToNull())
            .With("$pnip", p.Nip.Map(x => x.Value).ToNull())
            .With("$email", p.Email.ToNull()).With("$phone", p.Phone.ToNull());
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertZus(FactBody.Zus z, Fact fact, CancellationToken cancel)
    {
        var c = z.Contribution;
        var cmd = Command(ZusSql, fact)
            .With("$payer_key", c.Payer.Key).With("$payer_label", c.Payer.Label)
            .With("$payer_type", c.PayerType.ToString()).With("$period", c.Period.ToString())
            .With("$due_date", FactJson.Text(z.DueDate)).With("$origin", c.Origin.ToString());
        var amounts = FactBodyJson.Amounts(c.Components);
        for (var i = 0; i < amounts.Length; i++) cmd.With($"$m{i}", amounts[i]);
        await using (cmd) await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTax(FactBody.Tax t, Fact fact, CancellationToken cancel)
    {
        await using var cmd = Command(TaxSql, fact)
            .With("$kind", t.Liability.Kind.Code()).With("$period", t.Liability.Period.ToString())
            .With("$amount", FactJson.Text(t.Liability.Amount))
            .With("$due_date", FactJson.Text(t.DueDate));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTrialBalance(TrialBalanceLine l, Fact fact, CancellationToken cancel)
    {
        await using var cmd = Command(TrialBalanceSql, fact)
            .With("$period", l.Period.ToString()).With("$account", l.Account)
            .With("$name", l.Name)
            .With("$m0", FactJson.Text(l.OpeningDt)).With("$m1", FactJson.Text(l.OpeningCt))
            .With("$m2", FactJson.Text(l.TurnoverDt)).With("$m3", FactJson.Text(l.TurnoverCt))
            .With("$m4", FactJson.Text(l.CumulativeDt)).With("$m5", FactJson.Text(l.CumulativeCt))
            .With("$m6", FactJson.Text(l.ClosingDt)).With("$m7", FactJson.Text(l.ClosingCt));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    private async Task UpsertTaxBook(TaxBookSummary s, Fact fact, CancellationToken cancel)
    {
        await using var cmd = Command(TaxBookSql, fact)
            .With("$period", s.Period.ToString())
            .With("$m0", FactJson.Text(s.Revenue)).With("$m1", FactJson.Text(s.Costs))
            .With("$m2", FactJson.Text(s.Income)).With("$m3", FactJson.Text(s.RevenueYtd))
            .With("$m4", FactJson.Text(s.CostsYtd)).With("$m5", FactJson.Text(s.IncomeYtd));
        await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    // The parameters every statement shares: key, firm, approval, source, hash, run.
    private SqliteCommand Command(string sql, Fact fact) =>
        connection.Command(sql, tx)
            .With("$fact_key", fact.Key.Text).With("$firm_nip", fact.Key.Firm.Value)
            .With("$approved", batch.Approve ? 1 : 0)
            .With("$approved_at", batch.Approve ? Outbox.Stamp(now) : null)
            .With("$source", fact.Source.Code()).With("$hash", fact.ContentHash)
            .With("$run", batch.Run.Value).With("$overwrite", updateBasicData ? 1 : 0);

    private const string FirmSql = """
        INSERT INTO firms (nip, name, address, regon, email, phone, source, run_id)
        VALUES ($nip, $name, $address, $regon, $email, $phone, $source, $run)
        ON CONFLICT (nip) DO UPDATE SET
            name = CASE WHEN $overwrite = 1 THEN excluded.name ELSE firms.name END,
            email = CASE WHEN $overwrite = 1 THEN excluded.email ELSE firms.email END,
            phone = CASE WHEN $overwrite = 1 THEN excluded.phone ELSE firms.phone END,
            address = excluded.address, regon = excluded.regon,
            source = excluded.source, run_id = excluded.run_id
        """;

    private const string PersonSql = """
        INSERT INTO people (firm_nip, person_key, first_name, last_name, role, pesel_digest,
                            pesel_masked, nip, email, phone, source, run_id)
        VALUES ($firm, $key, $first, $last, $role, $digest, $masked, $pnip, $email, $phone,
                $source, $run)
        ON CONFLICT (firm_nip, person_key) DO UPDATE SET
            first_name = CASE WHEN $overwrite = 1 THEN excluded.first_name ELSE people.first_name END,
            last_name = CASE WHEN $overwrite = 1 THEN excluded.last_name ELSE people.last_name END,
            email = CASE WHEN $overwrite = 1 THEN excluded.email ELSE people.email END,
            phone = CASE WHEN $overwrite = 1 THEN excluded.phone ELSE people.phone END,
            role = excluded.role, pesel_digest = excluded.pesel_digest,
            pesel_masked = excluded.pesel_masked, nip = excluded.nip,
            source = excluded.source, run_id = excluded.run_id
        """;

    private const string ApprovalUpdate = """
            approved = CASE WHEN content_hash = excluded.content_hash
                            THEN MAX(approved, excluded.approved)
                            ELSE excluded.approved END,
            approved_at = CASE WHEN content_hash = excluded.content_hash AND approved = 1
                               THEN approved_at ELSE excluded.approved_at END,
            source = excluded.source, content_hash = excluded.content_hash,
            run_id = excluded.run_id
        """;

    private const string ZusSql = """
        INSERT INTO zus (fact_key, firm_nip, payer_key, payer_label, payer_type, period,
            emerytalne, rentowe, chorobowe, wypadkowe, zdrowotne, fp_fs, fgsp, fep, total_due,
            due_date, origin, approved, approved_at, source, content_hash, run_id)
        VALUES ($fact_key, $firm_nip, $payer_key, $payer_label, $payer_type, $period,
            $m0, $m1, $m2, $m3, $m4, $m5, $m6, $m7, $m8,
            $due_date, $origin, $approved, $approved_at, $source, $hash, $run)
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
        VALUES ($fact_key, $firm_nip, $kind, $period, $amount, $due_date,
            $approved, $approved_at, $source, $hash, $run)
        ON CONFLICT (fact_key) DO UPDATE SET
            kind = excluded.kind, period = excluded.period, amount = excluded.amount,
            due_date = excluded.due_date,
        """ + ApprovalUpdate;

    private const string TrialBalanceSql = """
        INSERT INTO trial_balance (fact_key, firm_nip, period, account, name,
            opening_dt, opening_ct, turnover_dt, turnover_ct, cumulative_dt, cumulative_ct,
            closing_dt, closing_ct, approved, approved_at, source, content_hash, run_id)
        VALUES ($fact_key, $firm_nip, $period, $account, $name,
            $m0, $m1, $m2, $m3, $m4, $m5, $m6, $m7,
            $approved, $approved_at, $source, $hash, $run)
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
        VALUES ($fact_key, $firm_nip, $period, $m0, $m1, $m2, $m3, $m4, $m5,
            $approved, $approved_at, $source, $hash, $run)
        ON CONFLICT (fact_key) DO UPDATE SET
            period = excluded.period, revenue = excluded.revenue, costs = excluded.costs,
            income = excluded.income, revenue_ytd = excluded.revenue_ytd,
            costs_ytd = excluded.costs_ytd, income_ytd = excluded.income_ytd,
        """ + ApprovalUpdate;
}

/// <summary>How the panel keys a firm's person: PESEL digest, else NIP, else the name.</summary>
public static class PersonKeys
{
    public static string Of(Person p) =>
        p.Pesel.Match(
            Some: x => $"pesel:{Hashing.Short(x.Value)}",
            None: () => p.Nip.Match(
                Some: n => $"nip:{n.Value}",
                None: () => $"name:{p.FullName.ToLowerInvariant()}"));
}

internal static class OptionText
{
    public static string? ToNull(this LanguageExt.Option<string> o) =>
        o.MatchUnsafe(x => x, () => (string?)null);
}
