using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Host.Texts;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>Every neutral problem renders from strings.tsv: in English as the message it carries, in Polish from its own text.</summary>
[Collection("Texts")]
public sealed class SourceProblemsTests
{
    public static TheoryData<string> Names() => new(All.Keys);

    private static readonly Dictionary<string, Problem> All = new()
    {
        ["login"] = SourceProblems.Login("Optima", "SQL Server", "srv\\OPTIMA/CDN_Firma", "sa"),
        ["unreachable"] = SourceProblems.Unreachable("Optima", "SQL Server", "srv\\OPTIMA/CDN_Firma", "srv\\OPTIMA"),
        ["lost"] = SourceProblems.Lost("Raks", "Firebird", "/data/F00001.fdb", "127.0.0.1:3050"),
        ["certificate"] = SourceProblems.Certificate("Optima", "SQL Server", "srv/CDN_Firma", "srv"),
        ["table"] = SourceProblems.TableMissing("Optima", "SQL Server", "srv/CDN_Firma", "CDN.DeklNag"),
        ["columns"] = SourceProblems.ColumnsMissing("Optima", "SQL Server", "srv/CDN_Firma", "CDN.Firma", ["Fir_Nip", "Fir_Regon"]),
        ["column"] = SourceProblems.ColumnUnknown("enova", "SQL Server", "srv/enova", "Podmioty.NIP"),
        ["older"] = SourceProblems.Version("Raks", "Firebird", "/data/RAKS.FDB", "2.5", "11.2", older: true),
        ["newer"] = SourceProblems.Version("Raks", "Firebird", "/data/RAKS.FDB", "4", "13.0", older: false),
        ["driver"] = SourceProblems.VersionOther("Raks", "Firebird", "/data/RAKS.FDB", "unsupported on-disk structure"),
        ["locked"] = SourceProblems.Locked("Optima", "SQL Server", "srv/CDN_Firma", "Lock request time out period exceeded."),
        ["read-only"] = SourceProblems.ReadOnly("Insert GT", "MySQL", "127.0.0.1:3306/gt"),
        ["refused"] = SourceProblems.Refused("Insert GT", "MySQL", "127.0.0.1:3306/gt", "DELETE is not allowed"),
        ["privilege"] = SourceProblems.Privilege("Optima", "SQL Server", "srv/CDN_Firma", "SELECT permission denied"),
        ["database"] = SourceProblems.DatabaseMissing("Optima", "SQL Server", "srv/CDN_X", "srv"),
        ["error"] = SourceProblems.Error("Optima", "SQL Server", "srv/CDN_Firma", "Arithmetic overflow"),
        ["file"] = SourceProblems.File("Symfonia", "DBF", new FileFault("dbf.record-flag", "/data/KONTRAH.DBF", 155, "record 3 starts with 0x58")),
        ["setting"] = SourceProblems.Setting("Optima", "port", "99999", "1-65535"),
        ["setting-missing"] = SourceProblems.SettingMissing("Optima", "user"),
        ["setting-other"] = SourceProblems.Setting("Optima", "database", "not found in CDN.Bazy"),
        ["firm"] = SourceProblems.FirmMissing("Raks", "17", "/data/Raks3000.fdb"),
        ["kind"] = SourceProblems.KindUnsupported("Raks", DataKind.Zus, "model table KS_ZUS_DRA not in /data/F00001.fdb"),
    };

    private static string In(string lang, Problem p)
    {
        Texts.UseLanguage(lang);
        try { return Texts.Of(p); }
        finally { Texts.UseLanguage("en"); }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_english_text_is_the_message_and_the_polish_text_is_its_own(string name)
    {
        var p = All[name];

        Assert.Equal(p.Message, In("en", p));
        var pl = In("pl", p);
        Assert.NotEqual(p.Message, pl);
        Assert.DoesNotContain("{", pl);
    }

    [Fact]
    public void Source_problems_name_program_and_engine_first()
    {
        foreach (var (name, p) in All.Where(kv => kv.Value.Code.StartsWith("source.", StringComparison.Ordinal)))
            Assert.True(p.Args.Count >= 3 && p.Args[1] is "SQL Server" or "Firebird" or "MySQL" or "DBF", name);
    }

    [Fact]
    public void A_login_problem_reads_in_polish()
    {
        Assert.Equal("Optima: nie można otworzyć srv\\OPTIMA/CDN_Firma: serwer odmówił logowania użytkownikowi sa (SQL Server): " +
            "sprawdź użytkownika i hasło", In("pl", All["login"]));
    }
}
