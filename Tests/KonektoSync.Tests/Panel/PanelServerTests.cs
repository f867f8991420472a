using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using KonektoSync.Load.Remote;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Panel;

/// <summary>The panel server on an SQLite database and panel files.</summary>
public sealed class PanelServerOnSqliteTests : PanelServerTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

/// <summary>The panel server on PostgreSQL: its tables and each office's panel in a schema of its own.</summary>
public sealed class PanelServerOnPostgresTests : PanelServerTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;

    [Fact]
    public async Task An_office_added_with_db_postgres_VARIABLE_is_served_and_the_connection_string_is_never_printed()
    {
        var variable = "KONEKTOSYNC_TEST_PGPANEL_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Server.ConnectionString);
        try
        {
            using var cli = new KonektoSync.Tests.Host.CliRunner();
            Assert.Equal(0, cli.Run("init").Exit);
            var added = cli.Run("panel", "office", "add", "Biuro CLI", "--db", "postgres:" + variable, "--json");
            var twice = cli.Run("panel", "office", "add", "Biuro CLI", "--db", "postgres:" + variable);

            Assert.Equal(0, added.Exit);
            using var client = Server.Client(added.Json.GetProperty("token").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/firms")).StatusCode);
            Assert.Equal(2, twice.Exit);
            Assert.Contains("Biuro CLI", twice.Err + twice.Out);
            foreach (var output in new[] { added.Out + added.Err, twice.Out + twice.Err })
                Assert.DoesNotContain("Password=konekto", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_db_postgres_VARIABLE_that_is_not_set_is_a_usage_error_naming_the_variable()
    {
        using var cli = new KonektoSync.Tests.Host.CliRunner();
        Assert.Equal(0, cli.Run("init").Exit);

        var run = cli.Run("panel", "office", "add", "Biuro", "--db", "postgres:KONEKTOSYNC_TEST_PGPANEL_UNSET");

        Assert.Equal(2, run.Exit);
        Assert.Contains("KONEKTOSYNC_TEST_PGPANEL_UNSET", run.Err + run.Out);
    }
}

/// <summary>
/// The panel server: the protocol, idempotent deliveries, offices kept apart, validation, no
/// PESEL; the same tests on each storage.
/// </summary>
public abstract class PanelServerTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private const string OwnerPesel = "44051401359";
    private const string PayerPesel = "02070803628";
    private readonly TempFolder folder = new();
    private PanelServerRig server = null!;

    private protected PanelServerRig Server => server;

    public async Task InitializeAsync() => server = await PanelServerRig.Start(folder, storage: Storage);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private static Fact PeselPayerZus(Nip firm)
    {
        var zus = (FactBody.Zus)Zus(firm, Month(2024, 2), 100m).Body;
        var payer = PayerKey.OfPesel(PeselOf(PayerPesel), "Jan Kowalski", TestKeys.Pesel);
        return Make(new FactKey(firm, DataKind.Zus, Some(Month(2024, 2)), payer.Key),
            zus with { Contribution = zus.Contribution with { Payer = payer } });
    }

    /// <summary>An office's data: basic data with an owner by PESEL, ZUS with a PESEL payer, taxes, statements.</summary>
    public static LoadCommand[] Office(Nip firm, decimal vat, bool approve = false) =>
    [
        Command(DataKind.Basic, Basic(firm, "Kowalski sp. j.", "biuro@kowalski.pl",
            Owner("Jan", "Kowalski", OwnerPesel, "jan@kowalski.pl"),
            new Person("Ewa", "Nowak", None, None, None, Some("+48 601 000 000"), PersonRole.Partner))),
        Command(DataKind.Zus, Zus(firm, Month(2024, 2), 1000m), PeselPayerZus(firm)) with { Approve = approve },
        Command(DataKind.Taxes, Tax(firm, TaxKind.Vat7, Month(2024, 2), vat), Tax(firm, TaxKind.Pit4, Month(2024, 2), 300m)),
        Command(DataKind.Statements, TrialBalance(firm, Month(2024, 2), "100", 5000m), TaxBook(firm, Month(2024, 2), 900m)),
    ];

    private static async Task Load(LoadRig rig, IPanelSink sink, string run, IEnumerable<LoadCommand> commands)
    {
        var loader = await rig.Loader();
        await loader.Reconcile("panel", sink, default);
        await loader.Recover("panel", sink, default);
        foreach (var c in commands) await loader.Load(Run(run), "panel", c, sink, default);
    }

    public static async Task<IReadOnlyDictionary<string, byte[]>> Export(HttpPanelSink sink) =>
        (await sink.Export(excel: false, default)).ToDictionary(f => f.Name, f => f.Bytes);

    [Fact]
    public async Task A_sync_through_the_server_leaves_the_same_export_as_the_local_panel_byte_for_byte()
    {
        var local = new LoadRig(folder, "local");
        var remote = new LoadRig(folder, "remote");
        using var sink = server.Sink(await server.Office("Biuro A"));
        await Load(local, await local.Panel(), "r1", Office(FirmA, 500m));
        await Load(remote, sink, "r1", Office(FirmA, 500m));
        await Load(local, await local.Panel(), "r2", Office(FirmA, 501m, approve: true));
        await Load(remote, sink, "r2", Office(FirmA, 501m, approve: true));

        var expected = await local.Export();
        var actual = await Export(sink);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (file, bytes) in expected) Assert.True(bytes.SequenceEqual(actual[file]), file);
        Assert.Contains("*********59", Encoding.UTF8.GetString(actual["people.csv"]));
    }

    [Fact]
    public async Task A_batch_sent_again_changes_nothing_and_the_server_answers_with_the_receipt_it_gave()
    {
        using var sink = server.Sink(await server.Office("Biuro A"));
        var command = Office(FirmA, 500m)[2];
        var batch = Batch(Run("r1"), command, FactStatus.New) with { OutboxId = 7 };

        var first = await sink.Deliver(batch, default);
        var before = await Export(sink);
        var again = await sink.Deliver(batch, default);
        var changed = await sink.Deliver(batch with { OutboxId = 8 }, default);

        Assert.Equal(first, again);
        Assert.Equal(first.Mark!.Generation + 1, changed.Mark!.Generation);
        Assert.Equal(before, await Export(sink), new ExportComparer());
        Assert.Equal(changed.Mark, await sink.Mark(default));
    }

    [Fact]
    public async Task One_offices_token_never_reads_or_writes_another_offices_firms()
    {
        using var a = server.Sink(await server.Office("Biuro A"));
        using var b = server.Sink(await server.Office("Biuro B"));
        await Load(new LoadRig(folder, "a"), a, "r1", Office(FirmA, 500m));
        await Load(new LoadRig(folder, "b"), b, "r1", Office(FirmB, 700m));

        var firmsOfB = await b.ListFirms(default);
        var showA = await b.ShowFirm(FirmA, default);
        var approveA = await b.Approve(FirmA, Noon, default);
        var firmsOfA = await a.ListFirms(default);

        Assert.Equal([FirmB.Value], firmsOfB.Select(f => f.Nip));
        Assert.Equal("panel.firm.unknown", showA.LeftToSeq().Head.Code);
        Assert.Equal("panel.firm.unknown", approveA.LeftToSeq().Head.Code);
        Assert.Equal([FirmA.Value], firmsOfA.Select(f => f.Nip));
        Assert.True((await a.ShowFirm(FirmA, default)).RightToSeq().Head.Entries.All(e => !e.Approved));
        Assert.DoesNotContain(FirmA.Value, Encoding.UTF8.GetString((await Export(b))["zus.csv"]));
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_refused_and_repeated_failures_are_rate_limited()
    {
        await using var limited = await PanelServerRig.Start(folder, failedAuthPerMinute: 3, name: "limited", storage: Storage);
        var token = await limited.Office("Biuro A");
        using var none = limited.Client();
        using var wrong = limited.Client(OfficeTokens.New());

        var unauthenticated = await none.GetAsync("/api/v1/firms");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await wrong.GetAsync("/api/v1/firms")).StatusCode);
        using var right = limited.Client(token);
        var lockedOut = await right.GetAsync("/api/v1/firms");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client(await server.Office("Biuro B")).GetAsync("/api/v1/firms")).StatusCode);
    }

    [Fact]
    public void A_batch_naming_its_firm_with_dashes_reads_as_the_same_firm()
    {
        var batch = Batch(Run("r1"), Office(FirmA, 500m)[2], FactStatus.New) with { OutboxId = 1 };
        var firm = batch.Firm;
        var dashed = PanelWire.Write(batch, TestKeys.Pesel, true)
            .Replace($"\"firm\":\"{firm.Value}\"", $"\"firm\":\"{firm.Formatted}\"");
        Assert.Contains(firm.Formatted, dashed);

        var read = PanelWire.Read(dashed);

        Assert.Equal(firm, read.RightToSeq().Head.Batch.Firm);
        Assert.Equal(batch.Items.Count, read.RightToSeq().Head.Batch.Items.Count);
    }

    [Fact]
    public async Task A_wrong_request_is_a_400_problem_naming_the_field()
    {
        using var client = server.Client(await server.Office("Biuro A"));
        var batch = Batch(Run("r1"), Office(FirmA, 500m)[2], FactStatus.New) with { OutboxId = 1 };
        var good = PanelWire.Write(batch, TestKeys.Pesel, true);

        var badNip = await client.GetAsync("/api/v1/firms/123");
        var badKind = await Post(client, good.Replace("\"kind\":\"taxes\",\"approve\"", "\"kind\":\"wages\",\"approve\""));
        var notJson = await Post(client, "{\"id\":");
        await using var small = await PanelServerRig.Start(folder, name: "small", maxBodyBytes: 4096, storage: Storage);
        using var smallClient = small.Client(await small.Office("Biuro A"));
        var tooBig = await Post(smallClient, good + new string(' ', 8192));

        Assert.Equal(("nip", HttpStatusCode.BadRequest), (await Field(badNip), badNip.StatusCode));
        Assert.Equal(("kind", HttpStatusCode.BadRequest), (await Field(badKind), badKind.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task No_pesel_crosses_the_wire_and_the_server_refuses_a_body_that_holds_one()
    {
        var token = await server.Office("Biuro A");
        using var client = server.Client(token);
        var batches = Office(FirmA, 500m).Select((c, i) => Batch(Run("r1"), c, FactStatus.New) with { OutboxId = i + 1 }).ToList();
        var bodies = batches.Select(b => PanelWire.Write(b, TestKeys.Pesel, true)).ToList();
        foreach (var body in bodies) Assert.Equal(HttpStatusCode.OK, (await Post(client, body)).StatusCode);

        var withPesel = bodies[0].Replace("\"peselDigest\":", $"\"pesel\":\"{OwnerPesel}\",\"peselDigest\":");
        var refused = await Post(client, withPesel.Replace("\"id\":\"r1.1\"", "\"id\":\"r1.99\""));

        Assert.All(bodies, b => Assert.False(Regex.IsMatch(b, "[0-9]{11}"), b));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("items[0].fact.body.firm.people[0].pesel", await Field(refused));
        var log = string.Join("\n", server.Log.Lines);
        Assert.NotEmpty(server.Log.Lines);
        Assert.DoesNotContain(OwnerPesel, log);
        Assert.DoesNotContain(PayerPesel, log);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(token[OfficeTokens.Prefix.Length..], log);
    }

    [Fact]
    public async Task A_database_of_a_newer_server_is_refused_with_a_clear_message()
    {
        await server.Execute($"INSERT INTO schema_version (version) VALUES ({ServerStore.SchemaVersion + 1})");

        var opened = await server.Reopen();

        var problem = opened.LeftToSeq().Head;
        Assert.Equal("panel.server.newer", problem.Code);
        Assert.Contains("newer than this server", problem.Message);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string json) =>
        client.PostAsync("/api/v1/deliveries", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string?> Field(HttpResponseMessage response)
    {
        var p = await response.Content.ReadFromJsonAsync<JsonElement>();
        return p.TryGetProperty("field", out var f) ? f.GetString() : null;
    }

    private sealed class ExportComparer : IEqualityComparer<IReadOnlyDictionary<string, byte[]>>
    {
        public bool Equals(IReadOnlyDictionary<string, byte[]>? x, IReadOnlyDictionary<string, byte[]>? y) =>
            x!.Count == y!.Count && x.All(kv => y.TryGetValue(kv.Key, out var b) && b.SequenceEqual(kv.Value));

        public int GetHashCode(IReadOnlyDictionary<string, byte[]> obj) => obj.Count;
    }
}
