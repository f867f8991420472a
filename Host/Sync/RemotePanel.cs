using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Load.Remote;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>The panel server the configuration names (<c>panel connect</c>), if any.</summary>
public static class RemotePanel
{
    /// <summary>
    /// The HTTP panel of <paramref name="cfg"/>, or none when the sync delivers to the local
    /// panel; a token that cannot be read is a problem.
    /// </summary>
    public static Either<Problem, Option<HttpPanelSink>> Open(AppConfig cfg, DataDir dir, bool updateBasicData,
        HttpPanelOptions? options = null)
    {
        if (cfg.Panel is not { } p) return Right<Problem, Option<HttpPanelSink>>(None);
        return SecretRefs.Resolve(p.Token, "panel").Bind(token => token.Match(
            Some: t => Right<Problem, Option<HttpPanelSink>>(Some(new HttpPanelSink(new Uri(p.Url), t.Reveal(),
                SecretKey.PeselKey(dir), updateBasicData, options ?? new HttpPanelOptions
                {
                    RequestTimeout = TimeSpan.FromSeconds(Math.Clamp(p.TimeoutSeconds, 1, 600)),
                    Retries = Math.Clamp(p.Retries, 0, 20),
                }))),
            None: () => Left<Problem, Option<HttpPanelSink>>(Problem.Of("panel.token-missing",
                "the panel server's token is not set: run 'konektosync panel connect URL --token-env NAME'"))));
    }

    /// <summary>A panel server address: absolute http or https, no user info, query or fragment.</summary>
    public static Either<Problem, Uri> ParseUrl(string? raw) =>
        Uri.TryCreate(raw?.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            && u.UserInfo.Length == 0 && u.Query.Length == 0 && u.Fragment.Length == 0
            ? Right<Problem, Uri>(u)
            : Left<Problem, Uri>(Problem.Of("panel.url", $"'{raw}' is not a panel server address such as https://panel.example.pl", raw ?? ""));
}
