using System.Net;
using System.Text;
using KonektoSync.Domain;
using LanguageExt;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Reports;

/// <summary>Where error reports go: an HTTPS address (plain HTTP only to this machine's loopback address).</summary>
public static class ReportEndpoint
{
    public static Either<Problem, Uri> Parse(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return Left<Problem, Uri>(Problem.Of("reports.endpoint.invalid",
                $"{text}: the error report address must be an https:// URL", text));
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            return Left<Problem, Uri>(Problem.Of("reports.endpoint.plain-http",
                $"{text}: error reports are sent over HTTPS only (plain http only to 127.0.0.1 or localhost)", text));
        return Right<Problem, Uri>(uri);
    }
}

/// <summary>How a report is delivered: the address (none: the file only), the retries and their first delay, the wait for one attempt.</summary>
public sealed record DeliveryPolicy(Uri? Endpoint, int Retries, TimeSpan FirstDelay, TimeSpan AttemptTimeout)
{
    /// <summary>3 retries after 2, 4 and 8 seconds (with jitter), 30 seconds for one attempt.</summary>
    public static DeliveryPolicy For(Uri? endpoint) => new(endpoint, 3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
}

/// <summary>Where a report went: sent (after how many attempts) or written to a file (and why).</summary>
public abstract record Delivered
{
    private Delivered() { }
    public sealed record Sent(Uri Endpoint, int Attempts) : Delivered;
    public sealed record Written(string File, string Reason) : Delivered;
}

/// <summary>
/// Sends a report with retries and exponential backoff (Polly, https://www.pollydocs.org/strategies/retry),
/// or writes it to <c>&lt;data&gt;/reports/&lt;run-id&gt;.json</c> (folder 0700, file 0600) when no address is
/// set or every attempt failed.
/// </summary>
public static class ReportDelivery
{
    public static async Task<Delivered> Deliver(ErrorReport report, string reportsFolder, DeliveryPolicy policy,
        HttpMessageHandler? handler, CancellationToken cancel)
    {
        var json = report.ToJson();
        if (policy.Endpoint is null)
            return Write(reportsFolder, report.RunId, json, "no report address is set");
        var (sent, attempts, why) = await Post(policy, json, handler, cancel);
        return sent
            ? new Delivered.Sent(policy.Endpoint, attempts)
            : Write(reportsFolder, report.RunId, json, $"not delivered after {attempts} attempts ({why})");
    }

    private static async Task<(bool Sent, int Attempts, string Why)> Post(DeliveryPolicy policy, string json,
        HttpMessageHandler? handler, CancellationToken cancel)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.Retries, Delay = policy.FirstDelay,
                BackoffType = DelayBackoffType.Exponential, UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>().Handle<TimeoutRejectedException>()
                    .HandleResult(r => Transient(r.StatusCode)),
            })
            .AddTimeout(policy.AttemptTimeout)
            .Build();
        try
        {
            using var response = await pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                return await http.PostAsync(policy.Endpoint, content, ct);
            }, cancel);
            return (response.IsSuccessStatusCode, attempts, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            return (false, attempts, e.GetType().Name);
        }
    }

    private static bool Transient(HttpStatusCode code) =>
        (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static Delivered.Written Write(string folder, string runId, string json, string reason)
    {
        var file = Path.Combine(folder, runId + ".json");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(file, json);
            return new Delivered.Written(file, reason);
        }
        Directory.CreateDirectory(folder, OwnerOnlyFolder);
        File.SetUnixFileMode(folder, OwnerOnlyFolder);
        var options = new FileStreamOptions
            { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile };
        using (var writer = new StreamWriter(file, new UTF8Encoding(false), options)) writer.Write(json);
        File.SetUnixFileMode(file, OwnerOnlyFile);
        return new Delivered.Written(file, reason);
    }
}
