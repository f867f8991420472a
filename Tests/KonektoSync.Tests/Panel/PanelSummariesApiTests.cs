using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel;
using KonektoSync.Tests.Load;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Panel;

public sealed class PanelSummariesApiOnSqliteTests : PanelSummariesApiTests
{
    protected override PanelStorage Storage => PanelStorage.Sqlite;
}

public sealed class PanelSummariesApiOnPostgresTests : PanelSummariesApiTests
{
    protected override PanelStorage Storage => PanelStorage.Postgres;
}

/// <summary>
/// <c>POST /api/v1/summaries</c> on both stores: what a request must hold, the answer kept per run
/// and firm so that a repeated request sends nothing, and a server that cannot send refusing it.
/// The messages themselves (SMTP, the message log) are tested with a real server process in
/// <c>EndToEnd/PanelServerSummaryTests</c>.
/// </summary>
public abstract class PanelSummariesApiTests : IAsyncLifetime
{
    protected abstract PanelStorage Storage { get; }

    private readonly TempFolder folder = new();
    private readonly CountingMessenger messenger = new();
    private PanelServerRig server = null!;

    public async Task InitializeAsync() => server = await PanelServerRig.Start(folder, storage: Storage, messenger: messenger);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/summaries", body);

    private static async Task<(HttpStatusCode, string?, string?)> Problem(HttpResponseMessage r)
    {
        var p = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (r.StatusCode, p.TryGetProperty("field", out var f) ? f.GetString() : null, p.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_request_without_a_run_id_a_month_or_with_a_wrong_NIP_is_refused_naming_the_field_and_sends_nothing()
    {
        using var client = server.Client(await server.Office("Biuro A"));
        var run = Guid.NewGuid().ToString("N");

        var noRun = await Post(client, new { period = "2024-02", firms = new[] { FirmA.Value } });
        var badMonth = await Post(client, new { run, period = "2024-13", firms = new[] { FirmA.Value } });
        var badNip = await Post(client, new { run, period = "2024-02", firms = new[] { FirmA.Value, "123" } });
        using var stranger = server.Client();
        var noToken = await Post(stranger, new { run, period = "2024-02", firms = new[] { FirmA.Value } });

        Assert.Equal((HttpStatusCode.BadRequest, "run", "panel.request.invalid"), await Problem(noRun));
        Assert.Equal((HttpStatusCode.BadRequest, "period", "panel.request.invalid"), await Problem(badMonth));
        Assert.Equal((HttpStatusCode.BadRequest, "firms", "panel.request.invalid"), await Problem(badNip));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(0, messenger.Sent);
    }

    [Fact]
    public async Task The_same_run_and_firm_asked_again_is_answered_from_what_was_kept_and_a_new_run_sends_again()
    {
        using var client = server.Client(await server.Office("Biuro A"));
        var run = Guid.NewGuid().ToString("N");
        var request = new { run, period = "2024-02", firms = new[] { FirmA.Value, FirmB.Value, FirmA.Value } };

        var first = await (await Post(client, request)).Content.ReadFromJsonAsync<SummariesAnswer>();
        var again = await (await Post(client, request)).Content.ReadFromJsonAsync<SummariesAnswer>();
        var next = await (await Post(client, request with { run = Guid.NewGuid().ToString("N") })).Content.ReadFromJsonAsync<SummariesAnswer>();

        Assert.Equal([(FirmA.Value, false), (FirmB.Value, false)], first!.Firms.Select(f => (f.Nip, f.Repeated)));
        Assert.Equal([(FirmA.Value, true), (FirmB.Value, true)], again!.Firms.Select(f => (f.Nip, f.Repeated)));
        Assert.Equal(first.Firms.Select(f => JsonSerializer.Serialize(f.Messages)), again.Firms.Select(f => JsonSerializer.Serialize(f.Messages)));
        Assert.All(next!.Firms, f => Assert.False(f.Repeated));
        Assert.Equal(4, messenger.Sent);
    }

    [Fact]
    public async Task A_server_without_a_messenger_refuses_and_the_sync_tells_no_summary_as_sent()
    {
        await using var mute = await PanelServerRig.Start(folder, name: "mute", storage: Storage);
        var token = await mute.Office("Biuro A");
        using var sink = mute.Sink(token);

        var events = await ServerSummaries.Ask(sink, mute.Url.ToString(), RunId.Of(Guid.NewGuid()), Month(2024, 2),
            Set(FirmA), default);

        var refused = Assert.Single(events);
        Assert.Equal(("summary.server.refused", Severity.Error), (refused.Code, refused.Severity));
        Assert.Contains("sends no messages", refused.Message);
    }

    /// <summary>Counts the summaries the server asks for and answers each as sent by e-mail.</summary>
    private sealed class CountingMessenger : IPanelMessenger
    {
        public int Sent;

        public Task<IReadOnlyList<SummaryOutcome>> SendSummary(IOfficePanel panel, PanelMessages log, Nip firm, Period month,
            CancellationToken cancel)
        {
            Interlocked.Increment(ref Sent);
            return Task.FromResult<IReadOnlyList<SummaryOutcome>>(
            [
                new SummaryOutcome(SummaryOutcome.SentStatus, "email", $"{firm.Value}@example.pl", "summary.sent",
                    $"summary of {month} sent by email", [month.ToString(), "email"], null),
            ]);
        }

        public string Describe(Nip firm, Period month, SummaryOutcome outcome, CultureInfo language) => outcome.Message;

        public Task<MessageOutcome> SendActivation(IOfficePanel panel, PanelMessages log, Nip firm, string personKey,
            CancellationToken cancel) => throw new NotSupportedException("no activation in these tests");
    }
}
