using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.InsertGt;

/// <summary>
/// Writes an InsERT GT sample on a server (the PostgreSQL stand-in for SQL Server): a database
/// "gt_&lt;prefix&gt;_fN" per firm with schema dbo: pd__Podmiot and adr__Ewid (the own company, id 1, and a
/// contractor's address), a year of declarations in dekl__Ewid with their forms in dekl_Wersja (and one
/// draft a read leaves out), an owner in pd_Wspolnik with monthly contributions in pd_WspolnikSkladka, and
/// the books: firms with an odd number keep the tax book kpr__Ksiega (one cancelled entry), the others
/// full books, postings in dkr_Pozycja on the accounts of pk_PlanKont.
/// </summary>
public sealed class InsertGtSampleWriter(string prefix, SampleServer server) : ISampleWriter
{
    public ProgramId Program => ProgramId.InsertGt;

    /// <summary>The name pattern of this sample's databases ({0} the firm), for a profile override that keeps to them.</summary>
    public string Pattern => $"gt_{prefix}_{{0}}";

    public string Database(string firm) => string.Format(CultureInfo.InvariantCulture, Pattern, firm);

    private static readonly string[] Forms = ["VAT-7", "PIT-5L"];

    /// <summary>The chart of accounts of a sample firm with full books; its postings name accounts 201-1, 700, 401 and 202-1 (the last not in the chart).</summary>
    private static readonly (int Id, string Number, string Name)[] Accounts =
        [(1, "201-1", "Rozrachunki z odbiorcami"), (2, "700", "Sprzedaż produktów"), (3, "401", "Zużycie materiałów")];

    /// <summary>A nine-digit REGON with a valid check digit (<see cref="SampleData.Regon"/>).</summary>
    public static string Regon(int firm) => SampleData.Regon(firm);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data).Select(f => (Key: $"f{f.Id}", f.Id, f.Nip, f.Name)).ToList();
        var rows = 0L;
        string T(string table) => server.Table("dbo", table);
        string C(string column) => server.Col(column);
        string M(string column) => $"{C(column)} numeric(15,2)";
        foreach (var f in firms)
        {
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            await server.Create(Database(f.Key), cancel).ConfigureAwait(false);
            await using var db = await server.Open(Database(f.Key), cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, "CREATE SCHEMA dbo", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("pd__Podmiot")} ({C("pd_Id")} integer primary key, {C("pd_LicNazwaFirmy")} varchar(250), " +
                $"{C("pd_LicNIP")} varchar(20), {C("pd_Regon")} varchar(20), {C("pd_Email")} varchar(255), {C("pd_TypKsiegowosci")} integer)", cancel)
                .ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("adr__Ewid")} ({C("adr_Id")} integer primary key, {C("adr_TypAdresu")} integer, " +
                $"{C("adr_Nazwa")} varchar(50), {C("adr_NazwaPelna")} varchar(250), {C("adr_NIP")} varchar(20), {C("adr_Adres")} varchar(100), " +
                $"{C("adr_Kod")} varchar(8), {C("adr_Miejscowosc")} varchar(40), {C("adr_Telefon")} varchar(35))", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("dekl_WersjaLatest")} ({C("dw_Id")} integer primary key, {C("dw_DeklNazwa")} varchar(60), " +
                $"{C("dw_Wersja")} integer)", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE VIEW {T("dekl_Wersja")} AS SELECT * FROM {T("dekl_WersjaLatest")}", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("dekl__Ewid")} ({C("de_Id")} integer primary key, {C("de_idWzorca")} integer, " +
                $"{C("de_Okres")} varchar(50), {C("de_OkresOd")} date, {C("de_OkresDo")} date, {M("de_DoZaplaty")}, {C("de_WersjaRobocza")} integer, " +
                $"{C("de_DataAktualizacji")} timestamp)", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("dekl_Pole")} ({C("dp_Id")} integer primary key, {C("dp_IdDeklaracji")} integer, " +
                $"{C("dp_NrPola")} integer, {C("dp_Wartosc")} varchar(3500))", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("pd_Wspolnik")} ({C("pw_Id")} integer primary key, {C("pw_Aktywny")} integer, " +
                $"{C("pw_Imie")} varchar(30), {C("pw_Nazwisko")} varchar(50), {C("pw_NIP")} varchar(20), {M("pw_Udzial")})", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("pd_WspolnikSkladka")} ({C("pws_Id")} integer primary key, {C("pws_IdWspolnika")} integer, " +
                $"{C("pws_Rok")} integer, {C("pws_Miesiac")} integer, {M("pws_SkladkaEm")}, {M("pws_SkladkaRe")}, {M("pws_SkladkaChor")}, " +
                $"{M("pws_SkladkaWyp")}, {M("pws_SkladkaFP")}, {M("pws_RazemZdr")}, {M("pws_SkladkaRazem")})", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("kpr__Ksiega")} ({C("kpr_Id")} integer primary key, {C("kpr_DataZdarzenia")} date, " +
                $"{C("kpr_NrDokumentu")} varchar(50), {C("kpr_Uniewazniony")} integer, {M("kpr_KolPrzychRazem")}, {M("kpr_ZakupyWydatki")})", cancel)
                .ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("pk_PlanKont")} ({C("ko_Id")} integer primary key, {C("ko_IdRokuObrotowego")} integer, " +
                $"{C("ko_Nr")} varchar(50), {C("ko_Nazwa")} varchar(100))", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("dkr_Pozycja")} ({C("dko_Id")} integer primary key, {C("dko_IdRoku")} integer, " +
                $"{C("dko_Konto")} varchar(50), {C("dko_DataDekretacji")} date, {M("dko_KwotaWn")}, {M("dko_KwotaMa")})", cancel).ConfigureAwait(false);
            var fullBooks = f.Id % 2 == 0;
            if (fullBooks)
                foreach (var (accountId, number, name) in Accounts)
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("pk_PlanKont")} VALUES (@id, 1, @nr, @n)", cancel,
                        ("@id", accountId), ("@nr", number), ("@n", name)).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("pd__Podmiot")} VALUES (1, @n, @nip, @regon, @mail, @books)", cancel,
                ("@n", f.Name), ("@nip", f.Nip), ("@regon", Regon(f.Id)),
                ("@mail", $"biuro{f.Id}@example.pl"), ("@books", fullBooks ? 3 : 1)).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("adr__Ewid")} VALUES (1, 1, @s, @n, @nip, 'ul. Długa 7', '00-950', 'Warszawa', @tel)",
                cancel, ("@s", f.Name.Length > 50 ? f.Name[..50] : f.Name), ("@n", f.Name), ("@nip", f.Nip), ("@tel", d.Phone())).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("adr__Ewid")} VALUES (2, 1, 'Kontrahent', 'Kontrahent Sp. z o.o.', @nip, " +
                "'ul. Krótka 1', '30-001', 'Kraków', NULL)", cancel, ("@nip", data.Nip())).ConfigureAwait(false);
            for (var i = 0; i < Forms.Length; i++)
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("dekl_WersjaLatest")} VALUES (@id, @n, 1)", cancel,
                    ("@id", i + 1), ("@n", Forms[i])).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("pd_Wspolnik")} VALUES (1, 1, 'Jan', 'Kowalski', @nip, 100)", cancel,
                ("@nip", f.Nip)).ConfigureAwait(false);
            var id = 0;
            var posting = 0;
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var start = new DateTime(y, m, 1);
                    var end = start.AddMonths(1).AddDays(-1);
                    for (var i = 0; i < Forms.Length; i++)
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("dekl__Ewid")} VALUES (@id, @form, @okres, @from, @to, @a, 0, @c)", cancel,
                            ("@id", ++id), ("@form", i + 1), ("@okres", start.ToString("MM/yyyy", CultureInfo.InvariantCulture)), ("@from", start),
                            ("@to", end), ("@a", d.Amount(100, 20000)), ("@c", end.AddDays(12).AddHours(9))).ConfigureAwait(false);
                    var c = Contributions.For(y, d.Amount(300, 900));
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("pd_WspolnikSkladka")} VALUES (@id, 1, @y, @m, @e, @r, @ch, @w, @fp, @z, @t)",
                        cancel, ("@id", id), ("@y", y), ("@m", m), ("@e", c.Emerytalne), ("@r", c.Rentowe), ("@ch", c.Chorobowe),
                        ("@w", c.Wypadkowe), ("@fp", c.FpFs), ("@z", c.Zdrowotne), ("@t", c.Total)).ConfigureAwait(false);
                    var (revenue, costs) = (d.Amount(5000, 50000), d.Amount(1000, 20000));
                    if (fullBooks)
                        foreach (var (account, dt, ct) in new[] { ("201-1", revenue, 0m), ("700", 0m, revenue), ("401", costs, 0m), ("202-1", 0m, costs) })
                            rows += await SampleServer.Exec(db, $"INSERT INTO {T("dkr_Pozycja")} VALUES (@id, 1, @k, @date, @dt, @ct)", cancel,
                                ("@id", ++posting), ("@k", account), ("@date", start.AddDays(14)), ("@dt", dt), ("@ct", ct)).ConfigureAwait(false);
                    else
                        foreach (var (no, r, k) in new[] { ("FV/1", revenue, 0m), ("FZ/1", 0m, costs) })
                            rows += await SampleServer.Exec(db, $"INSERT INTO {T("kpr__Ksiega")} VALUES (@id, @date, @no, 0, @r, @k)", cancel,
                                ("@id", ++posting), ("@date", start.AddDays(9)), ("@no", $"{no}/{m:00}/{y}"), ("@r", r), ("@k", k)).ConfigureAwait(false);
                }
            if (!fullBooks) // a cancelled entry of the first month, which a read leaves out
                rows += await SampleServer.Exec(db, $"INSERT INTO {T("kpr__Ksiega")} VALUES (@id, @date, 'FV/X', 1, 99999, 0)", cancel,
                    ("@id", ++posting), ("@date", new DateTime(spec.Year, 1, 20))).ConfigureAwait(false);
            // a draft of the first month's VAT-7, which a read leaves out
            var draftStart = new DateTime(spec.Year, 1, 1);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("dekl__Ewid")} VALUES (@id, 1, '01/draft', @from, @to, 1, 1, NULL)", cancel,
                ("@id", ++id), ("@from", draftStart), ("@to", draftStart.AddMonths(1).AddDays(-1))).ConfigureAwait(false);
        }
        return new SampleInfo(Program, folder, firms.Select(f => Database(f.Key)).ToList(),
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), [], rows);
    }

    /// <summary>Drops the sample's databases.</summary>
    public async Task Drop(SampleInfo info)
    {
        foreach (var db in info.Files) await server.Drop(db, CancellationToken.None).ConfigureAwait(false);
    }
}
