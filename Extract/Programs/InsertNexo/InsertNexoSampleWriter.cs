using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.InsertNexo;

/// <summary>
/// Writes an InsERT nexo sample on a server (the PostgreSQL stand-in for SQL Server): a database
/// "nexo_&lt;prefix&gt;_fN" per firm with schema ModelDanychContainer: Podmioty (the own company, Typ 2 /
/// Podtyp 11, and a contractor), and a year of the model tables DeklaracjePodatkowe and SkladkiZus.
/// </summary>
public sealed class InsertNexoSampleWriter(string prefix, SampleServer server) : ISampleWriter
{
    public ProgramId Program => ProgramId.InsertNexo;

    /// <summary>The name pattern of this sample's databases ({0} the firm), for a profile override that keeps to them.</summary>
    public string Pattern => $"nexo_{prefix}_{{0}}";

    public string Database(string firm) => string.Format(CultureInfo.InvariantCulture, Pattern, firm);

    public async Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var data = new SampleData(spec.Seed);
        var firms = SampleServer.Firms(spec, data).Select(f => (Key: $"f{f.Id}", f.Id, f.Nip, f.Name)).ToList();
        var rows = 0L;
        string T(string table) => server.Table("ModelDanychContainer", table);
        string C(string column) => server.Col(column);
        foreach (var f in firms)
        {
            var d = SampleData.ForFirm(spec.Seed, f.Id);
            await server.Create(Database(f.Key), cancel).ConfigureAwait(false);
            await using var db = await server.Open(Database(f.Key), cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, "CREATE SCHEMA \"ModelDanychContainer\"", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("Podmioty")} ({C("Id")} integer primary key, {C("NIP")} varchar(20), " +
                $"{C("NazwaSkrocona")} varchar(60), {C("Nazwa")} varchar(250), {C("Telefon")} varchar(40), {C("Kontrahent")} boolean, " +
                $"{C("Aktywny")} boolean, {C("Typ")} integer, {C("Podtyp")} integer)", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("DeklaracjePodatkowe")} ({C("Id")} integer primary key, {C("Symbol")} varchar(20), " +
                $"{C("OkresDo")} date, {C("Kwota")} numeric(15,2), {C("DataUtworzenia")} timestamp)", cancel).ConfigureAwait(false);
            await SampleServer.Exec(db, $"CREATE TABLE {T("SkladkiZus")} ({C("Id")} integer primary key, {C("Rok")} smallint, " +
                $"{C("Miesiac")} smallint, {C("PlatnikNIP")} varchar(20), {C("Emerytalne")} numeric(15,2), {C("Rentowe")} numeric(15,2), " +
                $"{C("Chorobowe")} numeric(15,2), {C("Wypadkowe")} numeric(15,2), {C("Zdrowotne")} numeric(15,2), " +
                $"{C("FunduszPracy")} numeric(15,2), {C("Razem")} numeric(15,2))", cancel).ConfigureAwait(false);
            var shortName = f.Name.Length > 20 ? f.Name[..20] : f.Name;
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("Podmioty")} VALUES (1, @nip, @s, @n, @tel, false, true, 2, 11)", cancel,
                ("@nip", f.Nip), ("@s", shortName), ("@n", f.Name), ("@tel", d.Phone())).ConfigureAwait(false);
            rows += await SampleServer.Exec(db, $"INSERT INTO {T("Podmioty")} VALUES (2, @nip, 'Kontrahent', 'Kontrahent Sp. z o.o.', NULL, true, true, 1, 1)",
                cancel, ("@nip", data.Nip())).ConfigureAwait(false);
            var id = 0;
            for (var y = spec.Year; y < spec.Year + Math.Max(1, spec.Years); y++)
                for (var m = 1; m <= 12; m++)
                {
                    var end = new DateTime(y, m, 1).AddMonths(1).AddDays(-1);
                    foreach (var form in new[] { "VAT-7", "PIT-5L" })
                        rows += await SampleServer.Exec(db, $"INSERT INTO {T("DeklaracjePodatkowe")} VALUES (@id, @f, @to, @a, @c)", cancel,
                            ("@id", ++id), ("@f", form), ("@to", end), ("@a", d.Amount(100, 20000)), ("@c", end.AddDays(12).AddHours(9)))
                            .ConfigureAwait(false);
                    var c = Contributions.For(y, d.Amount(300, 900));
                    rows += await SampleServer.Exec(db, $"INSERT INTO {T("SkladkiZus")} VALUES (@id, @y, @m, @nip, @e, @r, @ch, @w, @z, @fp, @t)",
                        cancel, ("@id", id), ("@y", (short)y), ("@m", (short)m), ("@nip", f.Nip), ("@e", c.Emerytalne), ("@r", c.Rentowe),
                        ("@ch", c.Chorobowe), ("@w", c.Wypadkowe), ("@z", c.Zdrowotne), ("@fp", c.FpFs), ("@t", c.Total)).ConfigureAwait(false);
                }
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
