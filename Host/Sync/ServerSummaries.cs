using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Remote;
using KonektoSync.Load.Sinks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>
/// <c>sync --send-summary</c> connected to a panel server: the server sends the summaries with its
/// own settings (<c>POST /api/v1/summaries</c>, rule 11 as on its firm pages) and records them in
/// the office's message log there; the sync turns each line of the server's answer into an event.
/// </summary>
public static class ServerSummaries
{
    /// <summary>
    /// Asks the server to send the summary of <paramref name="month"/> to <paramref name="firms"/>;
    /// an event per firm and channel the server answered, or one error when the server cannot be
    /// reached or refuses: then nothing is told as sent.
    /// </summary>
    public static async Task<Seq<SyncEvent>> Ask(HttpPanelSink remote, string server, RunId run, Period month, Set<Nip> firms,
        CancellationToken cancel)
    {
        if (firms.IsEmpty) return Seq<SyncEvent>();
        try
        {
            var answer = await remote.SendSummaries(run.Value, month, firms, cancel);
            return answer.Firms.ToSeq().Bind(f => Nip.Create(f.Nip).ToOption().Match(
                Some: nip => f.Messages.ToSeq().Map(m => Event(nip, month, m, Texts.Texts.Culture)),
                None: () => Seq<SyncEvent>()));
        }
        catch (PanelRefusedException e)
        {
            return Seq1(SyncEvent.Of(Severity.Error, "summary.server.refused",
                $"no summary was sent: the panel server {server} refused the request: {e.Message}",
                "update the panel server to this version (it sends summaries through POST /api/v1/summaries) or check the office's token: konektosync panel status",
                period: month, args: [server, e.Message]));
        }
        catch (Exception e) when (remote.IsDown(e) && !cancel.IsCancellationRequested)
        {
            return Seq1(SyncEvent.Of(Severity.Error, "summary.server.unreachable",
                $"no summary was sent: the panel server {server} cannot be reached ({e.GetType().Name})",
                "start the panel server or check the address and the network, then run the sync with --send-summary again",
                period: month, args: [server, e.GetType().Name]));
        }
    }

    /// <summary>A line of the server's answer as an event, its reason in <paramref name="language"/>.</summary>
    public static SyncEvent Event(Nip firm, Period month, SummaryOutcome o, CultureInfo language)
    {
        var reason = o.Reason is { } r ? Problem.Of(r.Code, r.Message, [.. r.Args]) : null;
        string[] args = [firm.Formatted, month.ToString(), o.Channel, o.Recipient, reason is null ? "" : Texts.Texts.Of(reason, language)];
        return o.Status switch
        {
            SummaryOutcome.SentStatus => SyncEvent.Of(Severity.Info, "summary.server.sent",
                $"summary of {month} sent by {o.Channel} to {o.Recipient}", firm: firm, period: month, args: args),
            SummaryOutcome.FailedStatus when o.Channel.Length > 0 => SyncEvent.Of(Severity.Error, "summary.server.failed",
                $"summary of {month} not sent by {o.Channel} to {o.Recipient}: {reason?.Message}",
                "check the panel server's mail and SMS settings and the firm's address; the firm's page there sends it again",
                firm: firm, period: month, args: args),
            SummaryOutcome.FailedStatus => SyncEvent.Of(Severity.Error, "summary.server.not-sent",
                $"summary of {month} not sent: {reason?.Message}", "sync the firm again, then send its summary",
                firm: firm, period: month, args: args),
            _ => SyncEvent.Of(o.Channel.Length > 0 ? Severity.Warning : Severity.Info, "summary.server.skipped",
                $"summary of {month} not sent: {reason?.Message}",
                "turn on the client's SMS or e-mail channel in the panel server's data folder (and its mail settings for e-mail)",
                firm: firm, period: month, args: args),
        };
    }
}
