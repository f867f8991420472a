using System.Diagnostics;
using FirebirdSql.Data.FirebirdClient;

namespace KonektoSync.Benchmarks;

/// <summary>
/// The raw read of a sample office, the yardstick of scripts/bench-sync.sh: the rows a sync of
/// the office reads (Raks firms, declarations, ZUS and trial balance of every firm database; Fakt
/// firms, reports and their items), one forward-only query per table, each value read and dropped.
/// Usage: <c>raw &lt;office folder&gt; &lt;first year&gt; &lt;last year&gt;</c>; prints "rows seconds".
/// </summary>
public static class RawRead
{
    public static int Run(string[] args)
    {
        if (args.Length != 3) { Console.Error.WriteLine("usage: raw <office folder> <first year> <last year>"); return 2; }
        var (root, from, to) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        var raks = Path.Combine(root, "raks", "Data");
        var (first, next) = (new DateTime(from, 1, 1), new DateTime(to + 1, 1, 1));
        using (var system = Open(Path.Combine(raks, "Raks3000.fdb"), "WIN1250"))
        {
            rows += Read(system, "SELECT NUMBER, TAXID, SHORTNAME, FULL_NAME, STREET, ZIPCODE, PLACE, FIRM_EMAIL_ADDRESS, FIRM_PHONE_NUMBERS, REGON FROM AD_FIRMS");
            rows += Read(system, "SELECT d.ID, n.NAZWA, d.DATA_DEKLARACJI, d.C_DATE, d.PODATEK, d.NIP FROM R3_DEKLARACJE d JOIN R3_DEFINICJE_DEKLARACJI n ON n.ID = d.ID_DEFINICJI_DEKLARACJI WHERE d.DATA_DEKLARACJI >= @a AND d.DATA_DEKLARACJI < @b",
                ("@a", first), ("@b", next));
        }
        foreach (var file in Directory.EnumerateFiles(raks, "F*.fdb").Order(StringComparer.Ordinal))
        {
            using var firm = Open(file, "WIN1250");
            rows += Read(firm, "SELECT ID, PLATNIK_NIP, PLATNIK_PESEL, PLATNIK_NAZWA, PLATNIK_TYP, ROK, MIESIAC, EMERYTALNE, RENTOWE, CHOROBOWE, WYPADKOWE, ZDROWOTNE, FP_FS, FGSP, FEP, DO_ZAPLATY FROM KS_ZUS_DRA WHERE ROK BETWEEN @a AND @b",
                ("@a", from), ("@b", to));
            rows += Read(firm, "SELECT ROK, MIESIAC, KONTO, NAZWA, BO_WN, BO_MA, OBROTY_WN, OBROTY_MA, NARAST_WN, NARAST_MA, SALDO_WN, SALDO_MA FROM KS_ZOIS WHERE ROK BETWEEN @a AND @b",
                ("@a", from), ("@b", to));
        }
        var fakt = Directory.EnumerateFiles(Path.Combine(root, "fakt")).Single(f => f.EndsWith(".fdb", StringComparison.OrdinalIgnoreCase));
        using (var main = Open(fakt, "UTF8"))
        {
            rows += Read(main, "SELECT ID, NIP, NAZWA, ULICA, KOD, MIEJSCOWOSC, EMAIL, TELEFON, REGON FROM FIRMY");
            rows += Read(main, "SELECT w.ID, w.ID_FIRMY, w.RODZAJ, w.DATA_WYDRUKU, i.KOD, i.ROK, i.MIESIAC, i.KWOTA, i.PLATNIK_NIP, i.PLATNIK_PESEL, i.PLATNIK_NAZWA, i.EMERYTALNE, i.RENTOWE, i.CHOROBOWE, i.WYPADKOWE, i.ZDROWOTNE, i.FP_FS, i.FGSP, i.FEP FROM ARCHIWUM_WYDRUKOW w LEFT JOIN ARCHIWUM_POZYCJE i ON i.ID_WYDRUKU = w.ID WHERE w.OKRES_OD <= @b AND w.OKRES_DO >= @a",
                ("@a", first), ("@b", next.AddDays(-1)));
        }
        Console.WriteLine($"{rows} {clock.Elapsed.TotalSeconds:F2}");
        return 0;
    }

    private static FbConnection Open(string path, string charset)
    {
        var b = new FbConnectionStringBuilder
        {
            Database = path, UserID = "SYSDBA", Password = "", Charset = charset, Dialect = 3, Pooling = false,
            ServerType = FbServerType.Embedded, ClientLibrary = "libfbclient.so.2",
        };
        var c = new FbConnection(b.ToString());
        c.Open();
        return c;
    }

    private static long Read(FbConnection c, string sql, params (string Name, object Value)[] args)
    {
        using var tx = c.BeginTransaction(new FbTransactionOptions
            { TransactionBehavior = FbTransactionBehavior.Read | FbTransactionBehavior.ReadCommitted | FbTransactionBehavior.RecVersion | FbTransactionBehavior.NoWait });
        using var cmd = new FbCommand(sql, c, tx);
        foreach (var (name, value) in args) cmd.Parameters.Add(name, value);
        using var r = cmd.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
        long n = 0;
        while (r.Read())
        {
            for (var i = 0; i < r.FieldCount; i++) _ = r.GetValue(i);
            n++;
        }
        return n;
    }
}
