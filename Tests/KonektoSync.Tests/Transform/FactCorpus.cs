using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// A fixed, broad set of raw records of every data kind, in the shapes the programs give them:
/// declarations under many form names, ZUS declarations of people, NIP payers and employees
/// (corrections, months without an amount, before the range), Fakt reports that regenerate and
/// leave items out, trial-balance lines and tax books, month notes, firms with people. Amounts
/// are negative, zero, big and half-grosz; texts hold Polish letters, '|', '\' and control
/// characters. The values depend only on the firm's index (no clock, no random generator of
/// the runtime), so the facts built from them can be pinned.
/// </summary>
public static class FactCorpus
{
    public static readonly Period From = Period.Create(2024, 1).Match(p => p, _ => throw new InvalidOperationException());
    public static readonly Period To = Period.Create(2024, 12).Match(p => p, _ => throw new InvalidOperationException());

    private static readonly string[] Nips = ["1234563218", "8567346215", "5261040828", "5252248481"];
    private static readonly string[] Pesels = ["44051401359", "02070803628", "85121208782", "90090515836"];
    private static readonly string[] Names = ["Zakład Usługowy Łukasz Żółć", "Gęś i Łabędź | s.c.", "Biuro \\ Rachunkowe Żaneta Dąb",
        "Świętokrzyska Hurtownia Ćma\u202E"];
    private static readonly string[] TaxFormNames = ["VAT-7", "JPK_V7M", "PIT-4R", "PIT-8AR", "CIT-8", "PIT-5L"];
    private static readonly string[] QuarterlyFormNames = ["VAT-7K", "PIT-5L kwartalny", "Ryczałt kwartalny", "CIT (kwartalna)", "VAT-7D"];

    /// <summary>The firm of index <paramref name="firm"/>.</summary>
    public static Nip FirmNip(int firm) =>
        Nip.Create(Nips[firm % Nips.Length]).Match(n => n, _ => throw new InvalidOperationException());

    /// <summary>An amount that is the same for the same (firm, salt): negative, zero, big or half-grosz now and then.</summary>
    public static decimal Amount(int firm, int salt)
    {
        var x = unchecked((uint)(firm * 7919 + salt * 104729 + 17) * 2654435761u) % 1_000_000u;
        return (x % 23) switch
        {
            0 => -x / 100m,
            1 => 0m,
            2 => 9_999_999_999.995m + x,
            3 => x / 1000m + 0.005m,
            _ => x / 100m,
        };
    }

    /// <summary>The records of one firm and data kind, as <paramref name="program"/> gives them.</summary>
    public static Seq<SourceRecord> Records(ProgramId program, int firm, DataKind kind) => kind switch
    {
        DataKind.Basic => LanguageExt.Prelude.Seq1(BasicData(program, firm)),
        DataKind.Zus => program == ProgramId.Fakt ? ZusReports(program, firm) : Zus(program, firm),
        DataKind.Taxes => program == ProgramId.Fakt ? TaxReports(program, firm) : Declarations(program, firm),
        _ => Statements(program, firm),
    };

    private static string Key(int firm) => firm % 5 == 4 ? $"F{firm:D5}\u001b[31m" : $"F{firm:D5}";

    private static SourceRecord BasicData(ProgramId program, int firm)
    {
        var people = new List<RawPerson>
        {
            new("Anna", "Wiśniewska", Pesels[firm % Pesels.Length], null, "anna@example.pl", "600 100 200", "Owner"),
            new("Piotr", "Wójcik|Nowak", null, Nips[(firm + 1) % Nips.Length], null, null, "Partner"),
            new("Łucja", "Kłęk", "44051401358", "123", "nie-email", null, null),
        };
        var raw = new RawFirm(program, Key(firm), "PL " + Nips[firm % Nips.Length],
            firm % 7 == 6 ? null : Names[firm % Names.Length], $"ul. Długa {firm + 1}", "00-001", "Łódź",
            $"biuro{firm}@example.pl", firm % 2 == 0 ? "+48 22 123 45 67" : null,
            firm % 3 == 0 ? "123456785" : null, firm % 4 == 1 ? [] : people);
        return new RawBasicData(program, Key(firm), FirmNip(firm), raw);
    }

    private static Seq<SourceRecord> Zus(ProgramId program, int firm)
    {
        var records = new List<SourceRecord>();
        var nip = FirmNip(firm);
        var payers = new (string? Nip, string? Pesel, string? Name, string? Type)[]
        {
            (null, Pesels[firm % Pesels.Length], "Jan Kowalski", "SelfOnly"),
            (Nips[(firm + 2) % Nips.Length], null, "Zofia Dąbrowska", "other"),
            (null, null, null, firm % 2 == 0 ? "LegalPerson" : null),
            (null, "4405140135", "Zły PESEL", "BudgetUnit"),
        };
        var id = 1000;
        for (var p = 0; p < payers.Length; p++)
        {
            var (payerNip, pesel, name, type) = payers[p];
            for (var m = -2; m <= 12; m++)
            {
                if ((m + p + firm) % 5 == 0) continue; // months without a declaration (copied forward when asked)
                if (p == 3 && m % 4 != 0) continue; // the payer with a bad PESEL, now and then
                var (year, month) = m <= 0 ? (2023, 12 + m) : (2024, m);
                var salt = p * 100 + m;
                decimal? total = (m + firm) % 11 == 3 ? null : Amount(firm, salt);
                records.Add(new RawZusDeclaration(program, Key(firm), nip, $"{++id}", payerNip, pesel, name, type, year, month,
                    Amount(firm, salt + 1), Amount(firm, salt + 2), m % 3 == 0 ? null : Amount(firm, salt + 3),
                    Amount(firm, salt + 4), Amount(firm, salt + 5), null, m % 4 == 0 ? 12.34m : null, null, total));
                if ((m + firm) % 6 == 1)
                    records.Add(new RawZusDeclaration(program, Key(firm), nip, $"{id - 500}", payerNip, pesel, name, type,
                        year, month, 1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 36m));
            }
        }
        records.Add(new RawZusDeclaration(program, Key(firm), nip, "bad-month", null, null, null, null, 2024, 13,
            1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 8m));
        records.Add(Note(program, firm, 2024, 5));
        return records.ToSeq();
    }

    private static RawMonthNote Note(ProgramId program, int firm, int year, int month) =>
        new(program, Key(firm), FirmNip(firm), year, month,
            Problem.Of("reset2.vat-settings", $"no VAT settings for {year:D4}-{month:D2}", $"{year:D4}-{month:D2}"),
            "set the VAT settings of the month");

    private static Seq<SourceRecord> Declarations(ProgramId program, int firm)
    {
        var records = new List<SourceRecord>();
        var nip = FirmNip(firm);
        var id = 0;
        for (var m = -1; m <= 12; m++)
        {
            var (year, month) = m <= 0 ? (2023, 12 + m) : (2024, m);
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            for (var f = 0; f < TaxFormNames.Length; f++)
            {
                if ((m * 3 + f + firm) % 7 == 0) continue; // a month the office added no declaration for
                decimal? amount = (m + f + firm) % 13 == 5 ? null : Amount(firm, m * 10 + f);
                var created = last.ToDateTime(new TimeOnly(10, f)).AddDays(f % 3);
                records.Add(new RawDeclaration(program, Key(firm), nip, $"{++id}", TaxFormNames[f], last, created, amount));
                if ((m + f) % 5 == 2) // a correction created later, or a copy with the same time and a larger id
                    records.Add(new RawDeclaration(program, Key(firm), nip, $"{id + 900}", TaxFormNames[f].ToLowerInvariant(),
                        last.AddDays(-3), f % 2 == 0 ? created.AddHours(1) : created, Amount(firm, m * 10 + f + 5)));
            }
            if (month % 3 == 0)
                foreach (var q in QuarterlyFormNames)
                    records.Add(new RawDeclaration(program, Key(firm), nip, $"{++id}", q, last.AddDays(-40),
                        last.ToDateTime(TimeOnly.MinValue), Amount(firm, id)));
        }
        records.Add(new RawDeclaration(program, Key(firm), nip, "nodate", "VAT-7", null, null, 5m));
        records.Add(new RawDeclaration(program, Key(firm), nip, "x1", "ZAP-3", new DateOnly(2024, 2, 1), null, 1m));
        records.Add(new RawDeclaration(program, Key(firm), nip, "x2", "PIT-4 kwartalny", new DateOnly(2024, 3, 1), null, 1m));
        records.Add(new RawDeclaration(program, Key(firm), nip, "x3", "VAT-7(22)", new DateOnly(2025, 1, 31), null, 77.77m));
        records.Add(Note(program, firm, 2024, 8));
        return records.ToSeq();
    }

    private static RawZusDeclaration ReportedZus(ProgramId program, int firm, int salt) =>
        new(program, Key(firm), FirmNip(firm), $"z{salt}", null, Pesels[(firm + salt) % Pesels.Length], "Jan Kowalski",
            "SelfOnly", 0, 0, Amount(firm, salt), Amount(firm, salt + 1), 0m, 1m, Amount(firm, salt + 2),
            null, null, null, salt % 4 == 0 ? null : Amount(firm, salt + 3));

    private static Seq<RawReport> Reports(ProgramId program, int firm)
    {
        var reports = new List<RawReport>();
        for (var m = 1; m <= 12; m++)
        {
            var at = new DateTime(2024, m, 1).AddMonths(1).AddDays(firm % 9);
            var items = new List<RawReportItem>
            {
                new("VAT-7", 2024, m, Amount(firm, m), null),
                new("PIT-5", 2024, m, m % 4 == 0 ? null : Amount(firm, m + 20), null),
                new("ZUS", 2024, m, Amount(firm, m + 40), ReportedZus(program, firm, m)),
            };
            if (m % 3 == 0) items.Add(new("Ryczałt kwartalny", 2024, m, Amount(firm, m + 60), null));
            if (m == 7) items.Add(new("Opłata skarbowa", 2024, m, 17m, null));
            if (m == 9) items.Add(new("VAT-7", 2024, 14, 1m, null));
            reports.Add(new RawReport(program, Key(firm), FirmNip(firm), $"{m}", "both", at, items));
            if (m % 4 == 2) // regenerated later without PIT-5 and ZUS: the older values stay
                reports.Add(new RawReport(program, Key(firm), FirmNip(firm), $"{m + 100}", "taxes", at.AddDays(3),
                    [new("VAT-7", 2024, m, Amount(firm, m + 80), null)]));
        }
        return reports.ToSeq();
    }

    private static Seq<SourceRecord> TaxReports(ProgramId program, int firm) => Reports(program, firm).Map(r => (SourceRecord)r);

    private static Seq<SourceRecord> ZusReports(ProgramId program, int firm) =>
        Reports(program, firm).Map(r => (SourceRecord)r) + Zus(program, firm).Take(6);

    private static Seq<SourceRecord> Statements(ProgramId program, int firm)
    {
        var records = new List<SourceRecord>();
        var nip = FirmNip(firm);
        string[] accounts = ["010", "130-1", "201-2|x", "  ", "845\u0007", "Konto Żółte"];
        for (var m = 1; m <= 12; m++)
        {
            for (var a = 0; a < accounts.Length; a++)
            {
                if (a == 3 && m % 3 != 0) continue; // a line without an account number, now and then
                var salt = m * 100 + a * 10;
                records.Add(new RawTrialBalanceLine(program, Key(firm), nip, 2024, m, accounts[a],
                    a % 3 == 1 ? null : $"Rozrachunki {a} — Łódź \\ Kraków",
                    Amount(firm, salt), null, Amount(firm, salt + 1), Amount(firm, salt + 2), Amount(firm, salt + 3),
                    a == 2 ? null : Amount(firm, salt + 4), Amount(firm, salt + 5), Amount(firm, salt + 6)));
            }
            if ((m + firm) % 5 != 0)
                records.Add(new RawTaxBook(program, Key(firm), nip, 2024, m,
                    m == 6 ? null : Amount(firm, m + 1000), Amount(firm, m + 2000)));
        }
        records.Add(new RawTrialBalanceLine(program, Key(firm), nip, 2024, 0, "010", "zły miesiąc",
            1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m));
        records.Add(new RawTaxBook(program, Key(firm), nip, 2023, 12, 10m, 5m));
        return records.ToSeq();
    }
}
