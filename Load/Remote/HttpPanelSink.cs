using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using LanguageExt;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Remote;

/// <summary>How the HTTP panel client waits and retries.</summary>
public sealed record HttpPanelOptions
{
    /// <summary>The longest one request may take before it is abandoned and tried again.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a request that failed for a transient reason is tried again.</summary>
    public int Retries { get; init; } = 4;

    /// <summary>The first wait before trying again; each next wait doubles it (with jitter).</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>A panel server refused a request (4xx): not transient, so not tried again.</summary>
public sealed class PanelRefusedException(HttpStatusCode status, string detail)
    : Exception($"the panel server refused the request ({(int)status}): {detail}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// The panel over HTTP (docs/panel-http.md): a sink that posts each staged batch with its id, so
/// the server applies it once however often it is sent, and reports the server's panel mark, so
/// the journal's mark logic (docs/load.md) works as for the local panel. Requests go over one
/// pooled <see cref="SocketsHttpHandler"/> (keep-alive; HTTP/2 where the server offers it over
/// TLS) and are tried again with exponential backoff on 5xx answers, timeouts and dropped
/// connections (Polly). No PESEL is sent: people carry their digests (<see cref="PanelWire"/>).
/// </summary>
public sealed class HttpPanelSink : IPanelSink, IOfficePanel, IDisposable
{
    public const string SinkName = "http-panel";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly PeselKey peselKey;
    private readonly bool updateBasicData;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public HttpPanelSink(Uri baseUrl, string token, PeselKey peselKey, bool updateBasicData,
        HttpPanelOptions? options = null)
    {
        var o = options ?? new HttpPanelOptions();
        (this.peselKey, this.updateBasicData) = (peselKey, updateBasicData);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        http = new HttpClient(handler)
        {
            BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/v1/"),
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, o.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.FirstBackoff,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<IOException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout),
                OnRetry = a =>
                {
                    a.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(o.RequestTimeout)
            .Build();
    }

    public string Name => SinkName;

    public async Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel)
    {
        var body = PanelWire.Write(batch, peselKey, updateBasicData);
        var answer = await Send<DeliveryAnswerDto>(HttpMethod.Post, "deliveries", () => Content(body), cancel)
            .ConfigureAwait(false);
        return new SinkReceipt(Name, batch.Run, answer.Applied, new PanelMark(answer.Identity, answer.Generation));
    }

    public async Task<PanelMark?> Mark(CancellationToken cancel)
    {
        var m = await Send<MarkDto>(HttpMethod.Get, "mark", null, cancel).ConfigureAwait(false);
        return m.Identity is null ? null : new PanelMark(m.Identity, m.Generation ?? 0);
    }

    public Task<IReadOnlyList<PanelFirmSummary>> ListFirms(CancellationToken cancel) =>
        Send<IReadOnlyList<PanelFirmSummary>>(HttpMethod.Get, "firms", null, cancel);

    public async Task<Either<Problem, PanelFirmView>> ShowFirm(Nip nip, CancellationToken cancel) =>
        await Found(() => Send<PanelFirmView>(HttpMethod.Get, $"firms/{nip.Value}", null, cancel), nip)
            .ConfigureAwait(false);

    public Task<Either<Problem, ApprovalCounts>> Approve(Nip nip, DateTimeOffset approvedAt, CancellationToken cancel) =>
        Approve(nip, approvedAt, Seq<Period>(), cancel);

    public async Task<Either<Problem, ApprovalCounts>> Approve(Nip nip, DateTimeOffset approvedAt, Seq<Period> months,
        CancellationToken cancel) =>
        await Found(() => Send<ApprovalCounts>(HttpMethod.Post, $"firms/{nip.Value}/approvals",
            () => Content(JsonSerializer.Serialize(new { approvedAt, months = months.IsEmpty ? null : months.Map(m => m.ToString()).ToArray() }, Json)),
            cancel), nip).ConfigureAwait(false);

    public Task RecordSummary(Nip firm, Period period, Channels channels, DateTimeOffset sentAt, CancellationToken cancel) =>
        Send<JsonElement?>(HttpMethod.Post, $"firms/{firm.Value}/summaries", () => Content(JsonSerializer.Serialize(new
        {
            period = period.ToString(),
            channels = new[] { channels.Email ? "email" : null, channels.Sms ? "sms" : null }.Where(c => c is not null),
            sentAt,
        }, Json)), cancel);

    public async Task<bool> RecordActivation(Nip firm, Person person, string email, DateTimeOffset sentAt,
        CancellationToken cancel) =>
        (await Send<ActivationDto>(HttpMethod.Post, $"firms/{firm.Value}/activations", () => Content(JsonSerializer.Serialize(new
        {
            personKey = PersonKeys.Of(person, peselKey), email, sentAt,
        }, Json)), cancel).ConfigureAwait(false)).Recorded;

    /// <summary>
    /// Asks the server to send the summary of <paramref name="period"/> to <paramref name="firms"/>
    /// (<c>POST /summaries</c>) and returns what it answered. Tried again like every request: the
    /// run's id makes the server send nothing twice.
    /// </summary>
    public Task<SummariesAnswer> SendSummaries(string run, Period period, IEnumerable<Nip> firms, CancellationToken cancel) =>
        Send<SummariesAnswer>(HttpMethod.Post, "summaries", () => Content(JsonSerializer.Serialize(
            new SummariesRequest(run, period.ToString(), firms.Select(f => (string?)f.Value).ToList()), Json)), cancel);

    /// <summary>Reports a run of the sync (<c>POST /runs</c>); <paramref name="report"/> holds its <c>run</c> id.</summary>
    public Task RecordRun(object report, CancellationToken cancel) =>
        Send<JsonElement?>(HttpMethod.Post, "runs", () => Content(JsonSerializer.Serialize(report, Json)), cancel);

    /// <summary>The runs the office's syncs reported, as JSON.</summary>
    public Task<JsonElement> Runs(CancellationToken cancel) => Send<JsonElement>(HttpMethod.Get, "runs", null, cancel);

    /// <summary>The server's export: file name and bytes, as <c>panel export</c> writes them.</summary>
    public async Task<IReadOnlyList<(string Name, byte[] Bytes)>> Export(bool excel, CancellationToken cancel) =>
        (await Send<ExportDto>(HttpMethod.Get, excel ? "export?excel=true" : "export", null, cancel).ConfigureAwait(false))
        .Files.Select(f => (f.Name, Convert.FromBase64String(f.Content))).ToList();

    public async Task<IReadOnlyList<string>> ExportCsv(string folder, bool excel, CancellationToken cancel)
    {
        var files = await Export(excel, cancel).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (name, bytes) in files)
        {
            if (name != Path.GetFileName(name) || !name.EndsWith(".csv", StringComparison.Ordinal))
                throw new InvalidDataException($"the panel server named an export file '{name}'");
            var path = Path.Combine(folder, name);
            await SafeFile.Replace(path, s => s.WriteAsync(bytes, cancel).AsTask(), cancel).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }

    /// <summary>
    /// True for a failure that says the server cannot be reached now (refused or dropped
    /// connections, timeouts, 5xx after the retries): the batch waits in the outbox.
    /// </summary>
    public bool IsDown(Exception e) =>
        e is HttpRequestException or TimeoutRejectedException or IOException
            || e is TaskCanceledException { InnerException: TimeoutException };

    private static async Task<Either<Problem, T>> Found<T>(Func<Task<T>> send, Nip nip)
    {
        try
        {
            return Right<Problem, T>(await send().ConfigureAwait(false));
        }
        catch (PanelRefusedException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return Left<Problem, T>(Problem.Of("panel.firm.unknown", $"the panel holds no data of firm {nip.Formatted}",
                nip.Value, nip.Formatted));
        }
    }

    // a body of known length (Content-Length rather than chunked), which every proxy passes on
    private static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<T> Send<T>(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancel)
    {
        using var response = await pipeline.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await ProblemDetail(response, cancel).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
                throw new HttpRequestException($"the panel server failed ({(int)response.StatusCode}): {detail}", null, response.StatusCode);
            throw new PanelRefusedException(response.StatusCode, detail);
        }
        if (response.StatusCode == HttpStatusCode.NoContent) return default!;
        return await response.Content.ReadFromJsonAsync<T>(Json, cancel).ConfigureAwait(false)
            ?? throw new HttpRequestException("the panel server answered with nothing");
    }

    private static async Task<string> ProblemDetail(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            var p = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancel).ConfigureAwait(false);
            return p.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : response.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    public void Dispose() => http.Dispose();

    private sealed record DeliveryAnswerDto(string Id, string Run, int Applied, string Identity, long Generation, bool Repeated);

    private sealed record MarkDto(string? Identity, long? Generation);

    private sealed record ActivationDto(bool Recorded);

    private sealed record ExportFileDto(string Name, string Content);

    private sealed record ExportDto(IReadOnlyList<ExportFileDto> Files);
}
