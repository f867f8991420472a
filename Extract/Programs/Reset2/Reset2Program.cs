using System.Globalization;
using System.Runtime.CompilerServices;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;

namespace KonektoSync.Extract.Programs.Reset2;

/// <summary>
/// What the Reset2 programs (Firma, Księga) share: one SQL Server database (server, database and
/// authentication as Zbiory > Narzędzia > Zmiana bazy danych shows them) holding many firms, each
/// table's rows carrying the firm's ID_FIRMY. VAT-7 values come only for months the firm's VAT
/// settings (firm settings, VAT tab) cover with a declaration type and validity period; a month outside
/// them gives a note that says so. Table names are our model: <c>programs check</c> names each one a
/// real installation lacks. A program differs only in its id, name, profile and statements reader.
/// </summary>
public static class Reset2Program
{
    /// <summary>The code of the note on a VAT month the firm's VAT settings do not cover.</summary>
    public const string VatSettingsCode = "reset2.vat-settings";

    public static ProgramDefinition Define(ProgramId program, string name, KindReader statements, ISourceEngine engine) =>
        Server(program, name, engine) with
        {
            Kinds = new Dictionary<DataKind, KindReader>
            {
                [DataKind.Basic] = new KindReader.FromFirms(),
                [DataKind.Taxes] = new KindReader.Custom("main", (ctx, cancel) => Taxes(ctx, program, name, cancel)),
                [DataKind.Zus] = new KindReader.Query("zus", Records.Zus(program)),
                [DataKind.Statements] = statements,
            },
        };

    /// <summary>
    /// What every Reset2 program's definition shares (Firma, Księga, Płatnik): its profile, one server
    /// database configured as Zbiory &gt; Narzędzia &gt; Zmiana bazy danych shows it, detect's values; no kinds.
    /// </summary>
    public static ProgramDefinition Server(ProgramId program, string name, ISourceEngine engine) => new(
        program, name, ProfileSource.Of(program), engine,
        $"{name} database (Reset2: Zbiory > Narzędzia > Zmiana bazy danych)", new Layout.ServerDatabase())
    {
        DetectValues = new Dictionary<string, string> { ["host"] = "localhost", ["auth"] = "windows" },
    };

    /// <summary>A validity period of the firm's VAT settings that names a declaration type.</summary>
    private sealed record VatValidity(string Type, DateOnly From, DateOnly? To)
    {
        public bool Covers(Period month) => From <= month.FirstDay && (To is null || To >= month.LastDay);
    }

    /// <summary>
    /// The firm's liabilities of the plan's months as declarations (dated the month's last day). VAT rows
    /// are kept only for months a VAT setting covers; for every other month of the plan of a firm with VAT
    /// settings or a VAT row, a note names the month and where the settings are.
    /// </summary>
    private static async IAsyncEnumerable<Streamed<SourceRecord>> Taxes(KindContext ctx, ProgramId program, string name,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var item = ctx.Item;
        var vat = ctx.Profile.Code("vat");
        var settings = new List<VatValidity>();
        var rows = 0;
        await foreach (var row in ctx.Rows("vatSettings", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            rows++;
            var r = row.Value;
            if (r.Text("declarationType") is { } type && !string.IsNullOrWhiteSpace(type) && r.Date("validFrom") is { } from)
                settings.Add(new VatValidity(type.Trim(), from, r.Date("validTo")));
        }
        var vatMonths = new System.Collections.Generic.HashSet<Period>();
        var declarations = new List<SourceRecord>();
        await foreach (var row in ctx.Rows("taxes", cancel).ConfigureAwait(false))
        {
            if (row.Fault is not null) { yield return new(null!, row.Fault); yield break; }
            var r = row.Value;
            var (year, month) = (r.Int("year") ?? 0, r.Int("month") ?? 0);
            var period = Period.Create(year, month).Match(p => (Period?)p, _ => null);
            var type = r.Text("type")?.Trim() ?? "";
            if (type.Equals(vat, StringComparison.OrdinalIgnoreCase))
            {
                if (period is { } p) vatMonths.Add(p);
                var setting = period is { } q ? settings.FirstOrDefault(s => s.Covers(q)) : null;
                if (setting is null) continue;
                type = setting.Type;
            }
            declarations.Add(new RawDeclaration(program, item.FirmKey, item.Firm, r.Text("id") ?? "", type,
                period?.LastDay, null, r.Decimal("amount")));
        }
        foreach (var d in declarations) yield return new(d, null);
        if (rows == 0 && vatMonths.Count == 0) yield break; // no VAT settings and no VAT: not a VAT payer
        for (var m = ctx.Plan.From; m <= ctx.Plan.To; m = m.Next)
            if (!settings.Exists(s => s.Covers(m)))
                yield return new(VatNote(program, name, item, m), null);
    }

    /// <summary>The note on a month the firm's VAT settings do not cover.</summary>
    public static RawMonthNote VatNote(ProgramId program, string name, ReadItem item, Period month) =>
        new(program, item.FirmKey, item.Firm, month.Year, month.Month,
            Problem.Of(VatSettingsCode,
                $"{name}: no VAT-7 value for {month}: the firm's VAT settings name no declaration type with a validity period covering {month}",
                name, month.ToString()),
            $"in {name} open Zbiory > Narzędzia and the firm's settings, VAT tab: set the declaration type and a validity period covering {month}, then update again");

    /// <summary>A month of a tax book: year, month, revenue, costs.</summary>
    public static Func<ReadItem, SourceRow, SourceRecord> TaxBook(ProgramId program) =>
        (item, r) => new RawTaxBook(program, item.FirmKey, item.Firm, r.Int("year") ?? 0, r.Int("month") ?? 0,
            r.Decimal("revenue"), r.Decimal("costs"));
}
