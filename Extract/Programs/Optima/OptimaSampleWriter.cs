using KonektoSync.Domain;
using KonektoSync.Extract.Samples;
using Npgsql;

namespace KonektoSync.Extract.Programs.Optima;

/// <summary>
/// Writes an Optima sample on a PostgreSQL server, the stand-in for SQL Server (same schema
/// <c>CDN</c>, same table and column names): a configuration database "&lt;prefix&gt;_knf" whose
/// <c>CDN.Bazy</c> lists a database "&lt;prefix&gt;_fN" per firm (and one inactive company with no
/// database), and in the folder a settings file naming the configuration database. Firms take turns
/// keeping a KPiR, a ryczałt record and full accounting (accounts with monthly turnover, a CIT declaration).
/// </summary>
public sealed class OptimaSampleWriter(string server, string prefix) : ISampleWriter
{
    public ProgramId Program => ProgramId.Optima;
    public string Catalog => prefix + "_knf";
    public string FirmDatabase(string firmKey) => $"{prefix}_f{firmKey}";

    /// <summary>The DkN_TypDeklar codes the sample writes (the profile's code.form.N and code.citType).</summary>
    public const int Vat7 = 1, Pit4R = 3, Cit = 21, ZusDra = 30;

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var settings = Path.Combine(folder, "konektosync-optima.ini");
        if (File.Exists(settings)) throw new IOException($"{settings} exists");
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data);
        var rows = 0L;
        await Run($"CREATE DATABASE {Catalog}", cancel).ConfigureAwait(false);
        await using (var db = await Open(Catalog, cancel).ConfigureAwait(false))
        {
            await Exec(db, """
                CREATE SCHEMA "CDN";
                CREATE TABLE "CDN"."Bazy" ("Baz_BazID" integer primary key, "Baz_Nazwa" varchar(120), "Baz_NIP" varchar(24),
                  "Baz_Dostep" varchar(254), "Baz_Nieaktywna" smallint not null default 0)
                """, cancel).ConfigureAwait(false);
            foreach (var f in firms)
                rows += await Exec(db, "INSERT INTO \"CDN\".\"Bazy\" VALUES (@id, @name, @nip, @access, 0)", cancel,
                    ("id", f.Id), ("name", f.Name), ("nip", f.Nip), ("access", $"NET:{FirmDatabase(f.Id.ToString())},127.0.0.1,NT=0")).ConfigureAwait(false);
            rows += await Exec(db, "INSERT INTO \"CDN\".\"Bazy\" VALUES (@id, 'Firma zamknięta', '5213000009', @access, 1)", cancel,
                ("id", firms.Count + 1), ("access", $"NET:{prefix}_closed,127.0.0.1,NT=0")).ConfigureAwait(false);
        }
        foreach (var f in firms)
            rows += await WriteFirm(f.Id, f.Nip, f.Name, spec, cancel).ConfigureAwait(false);
        await File.WriteAllTextAsync(settings, $"[Optima]\nserver=127.0.0.1\ndatabase={Catalog}\n", cancel).ConfigureAwait(false);
        return new SampleInfo(Program, folder, [settings, Catalog, .. firms.Select(f => FirmDatabase(f.Id.ToString()))],
            firms.Select(f => new SampleFirmInfo(f.Id.ToString(), f.Nip, f.Name)).ToList(), [], rows);
    }

    private async Task<long> WriteFirm(int id, string nip, string name, SampleSpec spec, CancellationToken cancel)
    {
        var d = SampleData.ForFirm(spec.Seed, id);
        var rows = 0L;
        await Run($"CREATE DATABASE {FirmDatabase(id.ToString())}", cancel).ConfigureAwait(false);
        await using var db = await Open(FirmDatabase(id.ToString()), cancel).ConfigureAwait(false);
        await Exec(db, """
            CREATE SCHEMA "CDN";
            CREATE TABLE "CDN"."Pieczatki" ("PC_PCID" integer primary key, "PC_Nazwa1" varchar(50), "PC_Nazwa2" varchar(50),
              "PC_NipE" varchar(20), "PC_Regon" varchar(20), "PC_Ulica" varchar(80), "PC_NrDomu" varchar(10), "PC_NrLokalu" varchar(10),
              "PC_KodP" varchar(10), "PC_Miasto" varchar(50), "PC_Telefon" varchar(20), "PC_Email" varchar(127),
              "PC_DataOd" timestamp, "PC_DataDo" timestamp);
            CREATE TABLE "CDN"."DeklNag" ("DkN_DkNID" integer primary key, "DkN_TypDeklar" smallint not null, "DkN_RokMiesiac" integer not null,
              "DkN_Kwota" numeric(15,2), "DkN_Finalna" smallint not null, "DkN_TS_Mod" timestamp);
            CREATE INDEX "DkNRokMies" ON "CDN"."DeklNag" ("DkN_TypDeklar", "DkN_RokMiesiac");
            CREATE TABLE "CDN"."DeklWydr" ("DkW_DkWID" integer primary key, "DkW_DkNID" integer not null, "DkW_Rubryka" varchar(20),
              "DkW_Wartosc" text, "DkW_Opis" varchar(200));
            CREATE TABLE "CDN"."Wyplaty" ("WPL_WplId" integer primary key, "WPL_PraId" integer, "WPL_Rok" smallint, "WPL_Miesiac" smallint);
            CREATE TABLE "CDN"."WypElementy" ("WPE_WpeId" integer primary key, "WPE_WplId" integer not null,
              "WPE_SklEmerPrac" numeric(15,2), "WPE_SklEmerFirma" numeric(15,2), "WPE_SklRentPrac" numeric(15,2), "WPE_SklRentFirma" numeric(15,2),
              "WPE_SklChorPrac" numeric(15,2), "WPE_SklWypadFirma" numeric(15,2), "WPE_SklZdrowPrac" numeric(15,2),
              "WPE_SklFP" numeric(15,2), "WPE_SklFGSP" numeric(15,2), "WPE_SklFEP" numeric(15,2));
            CREATE TABLE "CDN"."ZapisyKPR" ("KPR_KPRID" integer primary key, "KPR_RokMies" integer, "KPR_Skreslony" smallint,
              "KPR_Sprzedaz" numeric(15,2), "KPR_Inne" numeric(15,2), "KPR_Towary" numeric(15,2), "KPR_Uboczne" numeric(15,2),
              "KPR_Wynagrodz" numeric(15,2), "KPR_Pozostale" numeric(15,2));
            CREATE TABLE "CDN"."Ryczalt" ("RYC_RycID" integer primary key, "RYC_RokMies" integer, "RYC_Skreslony" smallint,
              "RYC_Przychod1" numeric(15,2), "RYC_Przychod2" numeric(15,2), "RYC_Przychod3" numeric(15,2), "RYC_Przychod4" numeric(15,2),
              "RYC_Przychod5" numeric(15,2), "RYC_Przychod6" numeric(15,2), "RYC_Przychod7" numeric(15,2), "RYC_Przychod8" numeric(15,2),
              "RYC_Przychod9" numeric(15,2), "RYC_Przychod10" numeric(15,2), "RYC_Przychod11" numeric(15,2));
            CREATE TABLE "CDN"."Konta" ("Acc_AccId" integer primary key, "Acc_Numer" varchar(30), "Acc_Nazwa" varchar(120));
            CREATE TABLE "CDN"."Obroty" ("Obr_AccId" integer not null, "Obr_RokMies" integer not null, "Obr_Typ" smallint,
              "Obr_ObrotyWn" numeric(15,2), "Obr_ObrotyMa" numeric(15,2))
            """, cancel).ConfigureAwait(false);
        rows += await Exec(db, """
            INSERT INTO "CDN"."Pieczatki" VALUES (1, @old, NULL, @nip, NULL, 'Stara', '1', NULL, '00-001', 'Warszawa', NULL, NULL, '2015-01-01', '2019-12-31'),
              (2, @name, NULL, @nip, @regon, @street, @house, NULL, @code, @city, @phone, @email, '2020-01-01', NULL)
            """, cancel, ("old", name + " (dawna)"), ("name", name), ("nip", nip), ("regon", SampleData.Regon(id)),
            ("street", d.Street().Split(' ')[0]), ("house", $"{id + 2}"), ("code", d.PostalCode()), ("city", d.City()),
            ("phone", d.Phone()), ("email", $"biuro{id}@example.pl")).ConfigureAwait(false);
        var keeps = (id - 1) % 3; // 0 KPiR, 1 ryczałt, 2 full accounting
        var n = 0;
        if (keeps == 2)
            rows += await Exec(db, """
                INSERT INTO "CDN"."Konta" VALUES (1, '100', 'Kasa'), (2, '130', 'Rachunek bankowy'), (3, '700', 'Przychody ze sprzedaży')
                """, cancel).ConfigureAwait(false);
        for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
            for (var m = 1; m <= 12; m++)
            {
                var ym = y * 100 + m;
                var modified = new DateTime(y, m, 1).AddMonths(1).AddDays(14).AddHours(9);
                foreach (var (type, final) in new[] { (Vat7, 1), (Pit4R, 1), (Vat7, 0) })
                    rows += await Exec(db, "INSERT INTO \"CDN\".\"DeklNag\" VALUES (@id, @t, @ym, @a, @f, @ts)", cancel,
                        ("id", ++n), ("t", (short)type), ("ym", ym), ("a", d.Amount(100, 20000)), ("f", (short)final), ("ts", modified)).ConfigureAwait(false);
                var dra = ++n;
                rows += await Exec(db, "INSERT INTO \"CDN\".\"DeklNag\" VALUES (@id, @t, @ym, @a, 1, @ts)", cancel,
                    ("id", dra), ("t", (short)ZusDra), ("ym", ym), ("a", d.Amount(500, 2500)), ("ts", modified)).ConfigureAwait(false);
                rows += await Exec(db, "INSERT INTO \"CDN\".\"Wyplaty\" VALUES (@id, 1, @y, @m), (@id2, 2, @y, @m)", cancel,
                    ("id", ym * 10 + 1), ("id2", ym * 10 + 2), ("y", (short)y), ("m", (short)m)).ConfigureAwait(false);
                foreach (var payslip in new[] { ym * 10 + 1, ym * 10 + 2 })
                    rows += await Exec(db, """
                        INSERT INTO "CDN"."WypElementy" VALUES (@id, @w, @ep, @ef, @rp, @rf, @ch, @wy, @zd, @fp, @fg, 0)
                        """, cancel, ("id", payslip), ("w", payslip), ("ep", d.Amount(300, 500)), ("ef", d.Amount(300, 500)),
                        ("rp", d.Amount(50, 100)), ("rf", d.Amount(200, 300)), ("ch", d.Amount(70, 120)), ("wy", d.Amount(40, 60)),
                        ("zd", d.Amount(300, 400)), ("fp", d.Amount(70, 120)), ("fg", d.Amount(3, 5))).ConfigureAwait(false);
                if (keeps == 0)
                    rows += await Exec(db, """
                        INSERT INTO "CDN"."ZapisyKPR" VALUES (@id, @ym, 0, @s, 0, @t, 0, @w, @p), (@id2, @ym, 1, 999999, 0, 0, 0, 0, 0)
                        """, cancel, ("id", ym * 10 + 1), ("id2", ym * 10 + 2), ("ym", ym), ("s", d.Amount(10000, 30000)),
                        ("t", d.Amount(2000, 5000)), ("w", d.Amount(3000, 6000)), ("p", d.Amount(500, 1500))).ConfigureAwait(false);
                if (keeps == 1)
                    rows += await Exec(db, """
                        INSERT INTO "CDN"."Ryczalt" VALUES (@id, @ym, 0, 0, 0, @a, 0, 0, 0, @b, 0, 0, 0, 0)
                        """, cancel, ("id", ym), ("ym", ym), ("a", d.Amount(5000, 9000)), ("b", d.Amount(1000, 2000))).ConfigureAwait(false);
                if (keeps == 2)
                {
                    var sale = d.Amount(10000, 40000);
                    rows += await Exec(db, """
                        INSERT INTO "CDN"."Obroty" VALUES (2, @ym, 1, @sale, 0), (3, @ym, 1, 0, @sale), (1, @ym, 1, 0, 0)
                        """, cancel, ("ym", ym), ("sale", sale)).ConfigureAwait(false);
                }
            }
        if (keeps == 2)
        {
            var cit = ++n;
            var ym = spec.Year * 100 + 12;
            rows += await Exec(db, "INSERT INTO \"CDN\".\"DeklNag\" VALUES (@id, @t, @ym, @a, 1, @ts)", cancel,
                ("id", cit), ("t", (short)Cit), ("ym", ym), ("a", 19000m), ("ts", new DateTime(spec.Year + 1, 3, 20))).ConfigureAwait(false);
            rows += await Exec(db, """
                INSERT INTO "CDN"."DeklWydr" VALUES (1, @id, 'P_23', '250000.00', 'Przychody'), (2, @id, 'P_24', '150000.00', 'Koszty'),
                  (3, @id, 'P_1', '5260250995', 'NIP')
                """, cancel, ("id", cit)).ConfigureAwait(false);
        }
        return rows;
    }

    /// <summary>Drops the sample's databases.</summary>
    public async Task Drop(SampleInfo info)
    {
        foreach (var db in info.Files.Skip(1))
            await Run($"DROP DATABASE IF EXISTS {db} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
    }

    public async Task<NpgsqlConnection> Open(string database, CancellationToken cancel)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString);
        await c.OpenAsync(cancel).ConfigureAwait(false);
        return c;
    }

    public async Task Run(string sql, CancellationToken cancel)
    {
        await using var c = await Open("postgres", cancel).ConfigureAwait(false);
        await Exec(c, sql, cancel).ConfigureAwait(false);
    }

    public static async Task<int> Exec(NpgsqlConnection c, string sql, CancellationToken cancel, params (string, object)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }
}
