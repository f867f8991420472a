using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.RateLimiting;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Remote;
using KonektoSync.Load.Sinks;
using KonektoSync.Panel.Web.Client;
using KonektoSync.Panel.Web.Office;
using KonektoSync.Panel.Web.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel;

/// <summary>How a panel server runs: its database, its addresses, its limits.</summary>
public sealed record PanelServerOptions(ServerStore Store, string Urls)
{
    /// <summary>Failed authentications a client address may make per minute before it is refused (429).</summary>
    public int FailedAuthPerMinute { get; init; } = 10;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 32 * 1024 * 1024;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the server logs go besides the console (tests read them).</summary>
    public ILoggerProvider? ExtraLog { get; init; }

    public bool ConsoleLog { get; init; } = true;

    /// <summary>
    /// Where the keys that protect the pages' cookies are kept (folder 0700); none: keys in
    /// memory, so that signing in again is needed after a restart.
    /// </summary>
    public string? KeysFolder { get; init; }

    /// <summary>What sends summaries and activation links for the pages; none: the pages cannot send.</summary>
    public IPanelMessenger? Messenger { get; init; }
}

/// <summary>
/// The office panel over HTTP (docs/panel-http.md): an ASP.NET Core minimal API under
/// <c>/api/v1</c>. Each office authenticates with its API token (<c>Authorization: Bearer</c>)
/// and reaches only its own panel (a panel file or a PostgreSQL schema) that applies every batch with the same code and
/// the same pure rules as the local panel (<see cref="LocalPanel"/>).
/// </summary>
public static class PanelServer
{
    private const string OfficeItem = "konektosync.office";

    public static WebApplication Build(PanelServerOptions o)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(o.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = o.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        if (o.ConsoleLog) builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        if (o.ExtraLog is not null) builder.Logging.AddProvider(o.ExtraLog);
        // the cookie keys' folder is the server's own (0700); its notes on creating keys are not for the console
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // a request's address can hold an activation token (/activate/{token}): the request lines are not logged
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", d => d.AddDocumentTransformer((doc, _, _) =>
        {
            // the same document whatever address serves it (docs/panel-openapi.json)
            doc.Servers?.Clear();
            doc.Info.Title = "KonektoSync panel";
            doc.Info.Version = "v1";
            doc.Info.Description = "The office panel over HTTP (docs/panel-http.md). Every /api/v1 request carries "
                + "'Authorization: Bearer <office API token>'; errors are application/problem+json with 'code' and, for a 400, 'field'.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddPanelWeb(o);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePanelWeb();
        app.MapOpenApi("/openapi/{documentName}.json");
        var state = new ServerState(o);
        app.MapOfficePages(state);
        app.MapClientPages(state);
        var api = app.MapGroup("/api/v1").AddEndpointFilter(state.Authenticate).WithTags("panel");
        api.MapGet("/mark", async (HttpContext h, CancellationToken ct) =>
                Results.Ok(MarkOf(await (await state.Panel(h, false, ct)).Mark(ct))))
            .WithName("GetMark").Produces<MarkAnswer>();
        api.MapPost("/deliveries", state.Deliver)
            .WithName("PostDelivery").Accepts<JsonElement>("application/json").Produces<DeliveryAnswer>()
            .ProducesProblem(400).ProducesProblem(413);
        api.MapGet("/firms", async (HttpContext h, CancellationToken ct) =>
                Results.Ok(await (await state.Panel(h, false, ct)).ListFirms(ct)))
            .WithName("GetFirms").Produces<IReadOnlyList<PanelFirmSummary>>();
        api.MapGet("/firms/{nip}", async (string nip, HttpContext h, CancellationToken ct) =>
                await WithNip(nip, async n => (await (await state.Panel(h, false, ct)).ShowFirm(n, ct))
                    .Match(v => Results.Ok(v), UnknownFirm)))
            .WithName("GetFirm").Produces<PanelFirmView>().ProducesProblem(400).ProducesProblem(404);
        api.MapPost("/firms/{nip}/approvals", state.Approve)
            .WithName("PostApproval").Produces<ApprovalCounts>().ProducesProblem(400).ProducesProblem(404);
        api.MapPost("/firms/{nip}/summaries", state.Summary)
            .WithName("PostSummary").Produces(204).ProducesProblem(400);
        api.MapPost("/summaries", state.SendSummaries)
            .WithName("PostSummaries").Produces<SummariesAnswer>().ProducesProblem(400).ProducesProblem(409);
        api.MapPost("/firms/{nip}/activations", state.Activation)
            .WithName("PostActivation").Produces<ActivationAnswer>().ProducesProblem(400);
        api.MapGet("/export", async (HttpContext h, bool? excel, CancellationToken ct) =>
                Results.Ok(await state.Export(h, excel ?? false, ct)))
            .WithName("GetExport").Produces<ExportAnswer>();
        api.MapPost("/runs", state.RecordRun)
            .WithName("PostRun").Accepts<JsonElement>("application/json").Produces(204).ProducesProblem(400);
        api.MapGet("/runs", async (HttpContext h, CancellationToken ct) =>
                Results.Text("[" + string.Join(",", await o.Store.Runs(OfficeOf(h), ct)) + "]", "application/json"))
            .WithName("GetRuns").Produces<IReadOnlyList<JsonElement>>();
        return app;
    }

    internal static Office OfficeOf(HttpContext h) => (Office)h.Items[OfficeItem]!;

    private static MarkAnswer MarkOf(PanelMark? m) => new(m?.Identity, m?.Generation);

    internal static IResult Invalid(string field, string what) => Invalid(PanelWire.InvalidField(field, what));

    internal static IResult Invalid(Problem p) =>
        Results.Problem(p.Message, statusCode: 400, title: "invalid request",
            extensions: new Dictionary<string, object?> { ["code"] = p.Code, ["field"] = p.Args.HeadOrNone().IfNoneUnsafe((string?)null) });

    private static IResult UnknownFirm(Problem p) =>
        Results.Problem(p.Message, statusCode: 404, title: "unknown firm",
            extensions: new Dictionary<string, object?> { ["code"] = p.Code });

    internal static Task<IResult> WithNip(string nip, Func<Nip, Task<IResult>> then) =>
        Nip.Create(nip).Match(
            Succ: then,
            Fail: _ => Task.FromResult(Invalid("nip", "is not a valid NIP")));

    /// <summary>What the API and the pages share: the offices' panels, one writer per office at a time.</summary>
    internal sealed class ServerState(PanelServerOptions o)
    {
        // the panel server never gets a PESEL, so this key digests nothing; one per process
        private readonly PeselKey unused = PeselKey.Of(RandomNumberGenerator.GetBytes(PeselKey.Size));
        private const int MaxSummaryFirms = 100_000;
        private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web);
        private readonly ConcurrentDictionary<long, SemaphoreSlim> locks = new();
        private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.FailedAuthPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));

        public async ValueTask<object?> Authenticate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var h = context.HttpContext;
            var address = h.Connection.RemoteIpAddress?.ToString() ?? "";
            // an address that failed too often is refused before its token is even looked at
            if (failures.GetStatistics(address)?.CurrentAvailablePermits == 0)
                return TooMany();
            var header = h.Request.Headers.Authorization.ToString();
            var office = header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length is > 7 and < 200
                ? await o.Store.OfficeOf(header[7..].Trim(), h.RequestAborted)
                : null;
            if (office is null)
            {
                using var lease = failures.AttemptAcquire(address);
                if (!lease.IsAcquired) return TooMany();
                h.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem("an office API token is needed: Authorization: Bearer <token>",
                    statusCode: 401, title: "unauthorised",
                    extensions: new Dictionary<string, object?> { ["code"] = "panel.auth" });
            }
            h.Items[OfficeItem] = office;
            return await next(context);
        }

        private static IResult TooMany() =>
            Results.Problem("too many failed authentications from this address: wait a minute", statusCode: 429,
                title: "too many requests", extensions: new Dictionary<string, object?> { ["code"] = "panel.auth.rate" });

        // Kestrel stops reading at the size limit (MaxRequestBodySize): a 413 problem
        private static async Task<(string Json, IResult? TooLarge)> Body(HttpContext h, CancellationToken ct)
        {
            try
            {
                using var reader = new StreamReader(h.Request.Body);
                return (await reader.ReadToEndAsync(ct), null);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return ("", Results.Problem("the request body is larger than the server accepts", statusCode: 413,
                    title: "too large", extensions: new Dictionary<string, object?> { ["code"] = "panel.request.too-large", ["field"] = "body" }));
            }
        }

        public PanelServerOptions Options => o;

        private static readonly TimeSpan ResultsKept = TimeSpan.FromMinutes(10);
        private readonly ConcurrentDictionary<string, SentSummary> sentSummaries = new();

        /// <summary>
        /// Keeps what became of a summary sent from a firm page until the page shows it (in the
        /// page's language, <see cref="IPanelMessenger.Describe"/>): its random key goes into the
        /// address the page is sent back to, and only the same office reads it, for ten minutes.
        /// </summary>
        public string KeepSent(Office office, Nip firm, Period month, IReadOnlyList<SummaryOutcome> outcomes)
        {
            var now = o.Clock.GetUtcNow();
            foreach (var (key, old) in sentSummaries)
                if (now - old.At > ResultsKept) sentSummaries.TryRemove(key, out _);
            var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            sentSummaries[id] = new SentSummary(office.Id, firm, month, outcomes, now);
            return id;
        }

        /// <summary>What <see cref="KeepSent"/> kept under <paramref name="id"/> for this office and firm; none when it is not there (any more).</summary>
        public SentSummary? Sent(Office office, Nip firm, string? id) =>
            id is not null && sentSummaries.TryGetValue(id, out var r) && r.Office == office.Id && r.Firm == firm
                && o.Clock.GetUtcNow() - r.At <= ResultsKept ? r : null;

        public Task<LocalPanel> Panel(HttpContext h, bool updateBasicData, CancellationToken ct) =>
            Panel(OfficeOf(h), updateBasicData, ct);

        public Task<LocalPanel> Panel(Office office, bool updateBasicData, CancellationToken ct) =>
            o.Store.Panel(office, updateBasicData, o.Clock, unused, ct);

        private Task<T> Locked<T>(HttpContext h, Func<Task<T>> run) => Locked(OfficeOf(h), run, h.RequestAborted);

        /// <summary>Runs <paramref name="run"/> as the only writer of the office's panel.</summary>
        public async Task<T> Locked<T>(Office office, Func<Task<T>> run, CancellationToken ct)
        {
            var gate = locks.GetOrAdd(office.Id, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct);
            try { return await run(); }
            finally { gate.Release(); }
        }

        public async Task<IResult> Deliver(HttpContext h, CancellationToken ct)
        {
            if (h.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
                return Invalid("body", "is not application/json");
            var (json, tooLarge) = await Body(h, ct);
            if (tooLarge is not null) return tooLarge;
            var read = PanelWire.Read(json);
            if (read.IsLeft) return Invalid(read.LeftToSeq().Head);
            var wire = read.RightToSeq().Head;
            var (receipt, repeated) = await Locked(h, async () =>
                await (await Panel(h, wire.UpdateBasicData, ct)).DeliverOnce(wire.Batch, wire.Digests, wire.Id, ct));
            return Results.Ok(new DeliveryAnswer(wire.Id, receipt.Run.Value, receipt.Applied,
                receipt.Mark!.Identity, receipt.Mark.Generation, repeated));
        }

        public Task<IResult> Approve(string nip, HttpContext h, ApprovalRequest? body, CancellationToken ct) =>
            WithNip(nip, async n =>
            {
                var at = body?.ApprovedAt ?? o.Clock.GetUtcNow();
                var months = (body?.Months ?? []).Select(m => Period.Parse(m ?? "")).ToList();
                if (months.Any(m => m.IsFail)) return Invalid("months", "holds months YYYY-MM");
                var approved = await Locked(h, async () => await (await Panel(h, false, ct))
                    .Approve(n, at, months.SelectMany(m => m.SuccessToSeq()).ToSeq(), ct));
                return approved.Match(c => Results.Ok(c), UnknownFirm);
            });

        public Task<IResult> Summary(string nip, HttpContext h, SummaryRequest? body, CancellationToken ct) =>
            WithNip(nip, async n =>
            {
                if (body is null) return Invalid("body", "is missing");
                var period = Period.Parse(body.Period ?? "");
                if (period.IsFail) return Invalid("period", "is not a month YYYY-MM");
                var channels = body.Channels ?? [];
                if (channels.Any(c => c is not ("email" or "sms")) || channels.Count == 0)
                    return Invalid("channels", "holds 'email', 'sms' or both");
                await Locked(h, async () =>
                {
                    await (await Panel(h, false, ct)).RecordSummary(n, period.SuccessToSeq().Head,
                        new Channels(channels.Contains("sms"), channels.Contains("email")), body.SentAt ?? o.Clock.GetUtcNow(), ct);
                    return 0;
                });
                return Results.NoContent();
            });

        public Task<IResult> Activation(string nip, HttpContext h, ActivationRequest? body, CancellationToken ct) =>
            WithNip(nip, async n =>
            {
                if (body is null) return Invalid("body", "is missing");
                if (string.IsNullOrWhiteSpace(body.PersonKey) || body.PersonKey.Length > 300
                    || !(body.PersonKey.StartsWith("pesel:", StringComparison.Ordinal) || body.PersonKey.StartsWith("nip:", StringComparison.Ordinal)
                        || body.PersonKey.StartsWith("name:", StringComparison.Ordinal)))
                    return Invalid("personKey", "is the panel's key of a person: pesel:<digest>, nip:<NIP> or name:<name>");
                if (body.PersonKey.StartsWith("pesel:", StringComparison.Ordinal) && body.PersonKey.Length != 22)
                    return Invalid("personKey", "holds a PESEL digest, never a PESEL");
                if (string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > 300 || !body.Email.Contains('@'))
                    return Invalid("email", "is not an e-mail address");
                var recorded = await Locked(h, async () => await (await Panel(h, false, ct))
                    .RecordActivation(n, body.PersonKey, body.Email, body.SentAt ?? o.Clock.GetUtcNow(), ct));
                return Results.Ok(new ActivationAnswer(recorded));
            });

        /// <summary>
        /// Sends the summary of a month to each firm a sync's run loaded, with the server's own
        /// messenger (the firm page's code, rule 11), and answers per firm and channel. A firm the
        /// run's earlier request already had is answered from what was kept: nothing is sent twice.
        /// </summary>
        public async Task<IResult> SendSummaries(HttpContext h, SummariesRequest? body, CancellationToken ct)
        {
            if (body is null) return Invalid("body", "is missing");
            var runId = RunId.Create(body.Run);
            if (runId.IsFail) return Invalid("run", "is not a run id");
            var period = Period.Parse(body.Period ?? "");
            if (period.IsFail) return Invalid("period", "is not a month YYYY-MM");
            var nips = (body.Firms ?? []).Select(f => Nip.Create(f ?? "")).ToList();
            if (nips.Count > MaxSummaryFirms || nips.Any(n => n.IsFail))
                return Invalid("firms", $"holds up to {MaxSummaryFirms} NIPs");
            if (o.Messenger is not { } messenger)
                return Results.Problem("this panel server sends no messages: start it with a data folder that has mail or SMS settings",
                    statusCode: 409, title: "no messages", extensions: new Dictionary<string, object?> { ["code"] = "panel.messages.off" });
            var (office, month, run) = (OfficeOf(h), period.SuccessToSeq().Head, runId.SuccessToSeq().Head.Value);
            var log = await o.Store.Messages(office, ct);
            var answers = new List<FirmSummaries>();
            foreach (var firm in nips.SelectMany(n => n.SuccessToSeq()).Distinct())
                answers.Add(await Locked(office, async () =>
                {
                    // looked up under the office's lock: a retry waits for the first request's firm, then finds its answer
                    if (await o.Store.SummaryAnswer(office, run, firm.Value, ct) is { } earlier)
                        return new FirmSummaries(firm.Value, true,
                            JsonSerializer.Deserialize<List<SummaryOutcome>>(earlier, WireJson) ?? []);
                    var outcomes = await messenger.SendSummary(await Panel(office, false, ct), log, firm, month, ct);
                    await o.Store.RecordSummaryAnswer(office, run, firm.Value, JsonSerializer.Serialize(outcomes, WireJson),
                        CancellationToken.None);
                    return new FirmSummaries(firm.Value, false, outcomes);
                }, ct));
            return Results.Ok(new SummariesAnswer(run, month.ToString(), answers));
        }

        public async Task<ExportAnswer> Export(HttpContext h, bool excel, CancellationToken ct)
        {
            var folder = Path.Combine(Path.GetTempPath(), "konektosync-export-" + Guid.NewGuid().ToString("N"));
            try
            {
                var files = await (await Panel(h, false, ct)).ExportCsv(folder, excel, ct);
                var answer = new List<ExportFile>();
                foreach (var f in files)
                    answer.Add(new ExportFile(Path.GetFileName(f), Convert.ToBase64String(await File.ReadAllBytesAsync(f, ct))));
                return new ExportAnswer(answer);
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }

        public async Task<IResult> RecordRun(HttpContext h, CancellationToken ct)
        {
            var (json, tooLarge) = await Body(h, ct);
            if (tooLarge is not null) return tooLarge;
            string? run;
            try
            {
                using var doc = JsonDocument.Parse(json);
                run = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("run", out var r)
                    && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            }
            catch (JsonException)
            {
                return Invalid("body", "is not valid JSON");
            }
            if (RunId.Create(run).IsFail) return Invalid("run", "is not a run id");
            await o.Store.RecordRun(OfficeOf(h), run!, json, ct);
            return Results.NoContent();
        }
    }
}

/// <summary>What became of a summary sent from a firm page, kept until the page shows it.</summary>
public sealed record SentSummary(long Office, Nip Firm, Period Month, IReadOnlyList<SummaryOutcome> Outcomes, DateTimeOffset At);

/// <summary>The answer to a delivery: what the panel holds of it and its mark after it.</summary>
public sealed record DeliveryAnswer(string Id, string Run, int Applied, string Identity, long Generation, bool Repeated);

/// <summary>The panel's identity and generation (docs/load.md, "A lost, emptied or restored panel").</summary>
public sealed record MarkAnswer(string? Identity, long? Generation);

public sealed record ActivationAnswer(bool Recorded);

/// <summary>An approval: when, and of which months (all unapproved data when none are given).</summary>
public sealed record ApprovalRequest(DateTimeOffset? ApprovedAt, IReadOnlyList<string?>? Months = null);

public sealed record SummaryRequest(string? Period, IReadOnlyList<string>? Channels, DateTimeOffset? SentAt);

public sealed record ActivationRequest(string? PersonKey, string? Email, DateTimeOffset? SentAt);

public sealed record ExportFile(string Name, string Content);

public sealed record ExportAnswer(IReadOnlyList<ExportFile> Files);
