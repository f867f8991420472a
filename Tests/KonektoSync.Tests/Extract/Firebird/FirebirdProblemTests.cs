using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

[Collection("Firebird")]
public sealed class FirebirdProblemTests(FirebirdFixture fb)
{
    private readonly IProgramConnector _raks = RaksProgram.Connector(DetectPlaces.None);
    private static readonly CancellationToken None = CancellationToken.None;
    private const string SecretPassword = "Tajne-Hasło-7731";

    private (string Key, string Nip) Firm(int index) =>
        (fb.Raks.Firms[index].FirmKey, fb.Raks.Firms[index].Nip.Replace("-", ""));

    [Fact]
    public async Task A_wrong_password_is_a_login_problem_that_does_not_show_the_password()
    {
        var problem = Left(await _raks.Discover(Config(ProgramId.Raks, fb.RaksFolder, "server", SecretPassword), None));

        Assert.Equal("source.login", problem.Code);
        Assert.Equal($"Raks: cannot open {Path.Combine(fb.RaksFolder, "Raks3000.fdb")}: login refused for SYSDBA (Firebird): check the user and password",
            problem.Message);
        Assert.DoesNotContain(SecretPassword, problem.ToString());
    }

    [Theory, InlineData("server"), InlineData("embedded")]
    public async Task A_missing_system_database_is_named(string mode)
    {
        var empty = NewFolder(Path.Combine(fb.Root, "empty-" + mode));

        var problem = Left(await _raks.Discover(Config(ProgramId.Raks, empty, mode), None));

        Assert.Equal("firebird.file-missing", problem.Code);
        Assert.StartsWith($"Raks: cannot open {empty}/Raks3000.fdb: file missing", problem.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_host_and_port()
    {
        var problem = Left(await _raks.Discover(Config(ProgramId.Raks, fb.RaksFolder, "server", port: 3059), None));

        Assert.Equal("source.unreachable", problem.Code);
        Assert.Equal(new[] { "Raks", "Firebird" }, problem.Args.Take(2).ToArray());
        Assert.Contains("Firebird server 127.0.0.1:3059 unreachable", problem.Message);
    }

    [Theory]
    [InlineData(11, 2, "Firebird 2.5 (ODS 11.2)")]
    [InlineData(13, 0, "Firebird 4 (ODS 13.0)")]
    [InlineData(13, 1, "Firebird 5 (ODS 13.1)")]
    public async Task A_file_of_another_firebird_version_is_named_before_attaching(int major, int minor, string needs)
    {
        var copy = fb.Copy(fb.RaksFolder, "ods");
        var file = Path.Combine(copy, "Raks3000.fdb");
        var bytes = File.ReadAllBytes(file);
        bytes[18] = (byte)major; bytes[19] = 0x80;
        var at = major >= 12 ? 64 : 62;
        bytes[at] = (byte)minor; bytes[at + 1] = 0;
        File.WriteAllBytes(file, bytes);

        foreach (var mode in new[] { "embedded", "server" })
        {
            var problem = Left(await _raks.Discover(Config(ProgramId.Raks, copy, mode), None));
            Assert.Equal("source.version", problem.Code);
            Assert.Contains($"this file needs {needs}; this installation has Firebird 3", problem.Message);
        }
    }

    [Fact]
    public async Task The_header_page_of_a_file_written_here_says_ODS_12_0()
    {
        var ods = Right(OdsHeader.Read(Path.Combine(fb.RaksFolder, "Raks3000.fdb")));

        Assert.Equal(new OdsVersion(12, 0), ods);
        Assert.Equal("3", ods.Firebird);
    }

    [Fact]
    public async Task A_missing_declarations_table_fails_only_the_tax_groups()
    {
        var copy = fb.Copy(fb.RaksFolder, "notable");
        await Execute(Path.Combine(copy, "Raks3000.fdb"), "DROP TABLE R3_DEKLARACJE");

        var records = await All(_raks.Read(Config(ProgramId.Raks, copy, "server"),
            Plan([Firm(0), Firm(2)], 1, 12, DataKind.Basic, DataKind.Taxes), None));

        var failed = records.OfType<GroupEnd>().Where(e => e.Failure is not null).ToList();
        Assert.Equal([DataKind.Taxes, DataKind.Taxes], failed.Select(e => e.Kind));
        Assert.Equal($"Raks: table R3_DEKLARACJE missing in {copy}/Raks3000.fdb: program version older than supported: update Raks, or name the table in a profile override",
            failed[0].Failure!.Message);
        Assert.Equal(2, records.OfType<RawBasicData>().Count());
        var check = Left(await _raks.Check(Config(ProgramId.Raks, copy, "embedded"), None));
        Assert.Contains("table R3_DEKLARACJE missing", check.Message);
    }

    [Fact]
    public async Task A_missing_firm_database_fails_that_firm_only()
    {
        var copy = fb.Copy(fb.RaksFolder, "nofirm");
        File.Delete(Path.Combine(copy, "F00003.fdb"));

        var records = await All(_raks.Read(Config(ProgramId.Raks, copy, "embedded"),
            Plan([Firm(0), Firm(2), Firm(3)], 1, 12, DataKind.Zus, DataKind.Taxes), None));

        var failed = Assert.Single(records.OfType<GroupEnd>(), e => e.Failure is not null);
        Assert.Equal(("3", DataKind.Zus), (failed.FirmKey, failed.Kind));
        Assert.Contains("F00003.fdb: file missing", failed.Failure!.Message);
        Assert.Equal(24, records.OfType<RawZusDeclaration>().Count());
        Assert.Contains(records.OfType<RawDeclaration>(), d => d.FirmKey == "3");
    }

    [Fact]
    public async Task A_firm_database_without_the_model_zus_table_says_zus_is_not_read()
    {
        var copy = fb.Copy(fb.RaksFolder, "nozus");
        await Execute(Path.Combine(copy, "F00001.fdb"), "DROP TABLE KS_ZUS_DRA");

        var records = await All(_raks.Read(Config(ProgramId.Raks, copy, "embedded"), Plan([Firm(0)], 1, 12, DataKind.Zus), None));

        var failure = Assert.IsType<GroupEnd>(Assert.Single(records)).Failure!;
        Assert.Equal("program.kind-unsupported", failure.Code);
        Assert.StartsWith("Raks: ZUS contributions: no data: model table KS_ZUS_DRA not in", failure.Message);
    }

    [Fact]
    public async Task A_session_refuses_writes_because_its_transaction_is_read_only()
    {
        var path = Path.Combine(fb.RaksFolder, "Raks3000.fdb");
        await using var session = Right(await FirebirdSession.Open("Raks", FirebirdTarget.Embedded(), path, None));

        var update = await session.ExecuteUnchecked("UPDATE AD_FIRMS SET SHORTNAME = 'x'", None);
        var rows = await session.List("SELECT SHORTNAME FROM AD_FIRMS WHERE SHORTNAME = 'x'", [], r => r.GetString(0), None);

        Assert.Equal("source.read-only", Left(update).Code);
        Assert.Empty(Right(rows));
        Assert.Equal("WIN1250", session.Charset);
    }

    [Fact]
    public async Task A_session_refuses_a_statement_that_is_not_a_select_before_sending_and_reads_on()
    {
        var path = Path.Combine(fb.RaksFolder, "Raks3000.fdb");
        await using var session = Right(await FirebirdSession.Open("Raks", FirebirdTarget.Embedded(), path, None));

        var refused = Left(await session.List("SELECT 1 FROM RDB$DATABASE; DELETE FROM AD_FIRMS", [], r => 0, None));
        var missing = Left(await session.List($"SELECT 1 FROM {session.Dialect.Quote("NO_SUCH_TABLE")}", [], r => 0, None));
        var firms = Right(await session.List($"SELECT COUNT(*) FROM {session.Dialect.Quote("AD_FIRMS")} WHERE 1 = @one",
            [("@one", 1)], r => Convert.ToInt32(r.GetValue(0)), None));

        Assert.Equal(("source.refused", "more than one statement"), (refused.Code, refused.Args[3]));
        Assert.Equal(("source.table-missing", "NO_SUCH_TABLE", "Firebird"), (missing.Code, missing.Args[3], missing.Args[1]));
        Assert.True(firms.Single() > 0);
        Assert.Equal("WIN1250", session.DeclaredCharset);
    }

    [Fact]
    public async Task No_problem_message_carries_a_password()
    {
        var raks = Config(ProgramId.Raks, fb.RaksFolder, "server", SecretPassword);
        var fakt = Config(ProgramId.Fakt, fb.FaktFolder, "server", SecretPassword);
        var badPort = Config(ProgramId.Raks, fb.RaksFolder, "server", SecretPassword, port: 3059);
        var plan = Plan([Firm(0)], 1, 2, DataKind.Basic, DataKind.Taxes, DataKind.Zus, DataKind.Statements);
        var faktConnector = FaktProgram.Connector(DetectPlaces.None);

        var problems = new List<Problem>
        {
            Left(await _raks.Discover(raks, None)), Left(await _raks.Check(raks, None)), Left(await _raks.Inspect(raks, None)),
            Left(await _raks.Discover(badPort, None)), Left(await faktConnector.Discover(fakt, None)),
            Left(await faktConnector.Check(fakt, None)),
        };
        problems.AddRange((await All(_raks.Read(raks, plan, None))).OfType<GroupEnd>().Select(e => e.Failure!));
        problems.AddRange((await All(faktConnector.Read(fakt, plan, None))).OfType<GroupEnd>().Select(e => e.Failure!));

        Assert.Equal(14, problems.Count);
        Assert.All(problems, p =>
        {
            Assert.DoesNotContain(SecretPassword, p.Message);
            Assert.DoesNotContain(p.Args, a => a.Contains(SecretPassword));
            Assert.DoesNotContain("Password=", p.Message, StringComparison.OrdinalIgnoreCase);
        });
    }
}
