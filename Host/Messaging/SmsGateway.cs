using System.Net.Http.Headers;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Messaging;

/// <summary>The SMS gateway's settings, checked: a URL template with {phone} and {text}, a method, a token reference.</summary>
public sealed record SmsSettings(string UrlTemplate, HttpMethod Method, string? TokenRef)
{
    public static Either<Problem, SmsSettings> Of(SmsEntry e)
    {
        var sample = Fill(e.UrlTemplate ?? "", "48600100200", "x");
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !e.UrlTemplate!.Contains("{phone}", StringComparison.Ordinal) || !e.UrlTemplate.Contains("{text}", StringComparison.Ordinal))
            return Left<Problem, SmsSettings>(Problem.Of("settings.sms-template",
                $"--url-template {e.UrlTemplate}: give the gateway's http:// or https:// address with {{phone}} and {{text}}",
                e.UrlTemplate ?? ""));
        HttpMethod? method = e.Method switch { "GET" => HttpMethod.Get, "POST" => HttpMethod.Post, _ => null };
        return method is null
            ? Left<Problem, SmsSettings>(Problem.Of("settings.sms-method", $"--method {e.Method}: use GET or POST", e.Method ?? ""))
            : Right<Problem, SmsSettings>(new SmsSettings(e.UrlTemplate, method, e.Token));
    }

    /// <summary>The template with the phone number and the text URL-encoded into it (RFC 3986 percent-encoding of UTF-8).</summary>
    public static string Fill(string template, string phone, string text) =>
        template.Replace("{phone}", Uri.EscapeDataString(phone), StringComparison.Ordinal)
            .Replace("{text}", Uri.EscapeDataString(text), StringComparison.Ordinal);
}

/// <summary>
/// Sends an SMS through a configurable HTTP gateway: GET of the filled template, or POST of its
/// address with the filled query as an application/x-www-form-urlencoded body; the token goes in
/// an Authorization: Bearer header. A non-2xx answer is a failure with its status; neither the
/// token nor the address (which may hold one) reaches the problem.
/// </summary>
public sealed class SmsGateway(SmsSettings settings, HttpClient http)
{
    public async Task<Either<Problem, Unit>> Send(string phone, string text, CancellationToken cancel)
    {
        var token = SecretRefs.Resolve(settings.TokenRef, "sms");
        if (token.IsLeft) return Left<Problem, Unit>(token.LeftToSeq().Head);
        var digits = new string(phone.Where(ch => char.IsDigit(ch) || ch == '+').ToArray());
        if (digits.Count(char.IsDigit) < 9)
            return Left<Problem, Unit>(Problem.Of("sms.recipient", $"'{phone}' is not a phone number", phone));
        var filled = SmsSettings.Fill(settings.UrlTemplate, digits, text);
        using var request = Request(filled);
        token.RightToSeq().Head.IfSome(t => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", t.Reveal()));
        try
        {
            using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? Right<Problem, Unit>(unit)
                : Left<Problem, Unit>(Problem.Of("sms.refused",
                    $"the SMS gateway answered HTTP {status} {response.ReasonPhrase}", $"{status}", response.ReasonPhrase ?? ""));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            var host = new Uri(filled).Host;
            return Left<Problem, Unit>(Problem.Of("sms.unreachable",
                $"the SMS gateway {host} cannot be reached: {e.GetType().Name}", host, e.GetType().Name));
        }
    }

    private HttpRequestMessage Request(string filled)
    {
        if (settings.Method == HttpMethod.Get) return new HttpRequestMessage(HttpMethod.Get, filled);
        var q = filled.IndexOf('?', StringComparison.Ordinal);
        return new HttpRequestMessage(HttpMethod.Post, q < 0 ? filled : filled[..q])
        {
            Content = new StringContent(q < 0 ? "" : filled[(q + 1)..], System.Text.Encoding.UTF8,
                "application/x-www-form-urlencoded"),
        };
    }
}
