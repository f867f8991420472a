using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>What a sync did, for the command's output and exit code.</summary>
public sealed record SyncReport(
    string RunId, int GroupsLoaded, int GroupsFailed, int FactsSent, int FactsUnchanged,
    int FirmsPlanned, Seq<SyncEvent> Events, bool Cancelled, string? DryRunFolder)
{
    public bool AnyFailed => GroupsFailed > 0 || Events.Exists(e => e.Severity == Severity.Error);

    /// <summary>The fault that ended the sync early, if one did (its event is among the events).</summary>
    public Option<SyncEvent> Fault => Events.Find(e => e.Code.StartsWith("sync.fault.", StringComparison.Ordinal));
}

/// <summary>
/// The entry of a sync (<see cref="SyncWorkflow"/> lists its steps) and rule 11's summaries. The
/// panel sink's name is the same for the dry run, so the dry run's new/changed/unchanged marks
/// compare with what the real panel confirmed.
/// </summary>
public static class SyncService
{
    public const string PanelSinkName = "local-panel";

    public static Task<SyncReport> Run(
        AppConfig cfg, DataDir dir, SyncRequest request, string? dryRunFolder, TimeProvider clock,
        IProgress<ProgramProgress>? progress, Serilog.ILogger log, CancellationToken cancel, bool full = false) =>
        SyncWorkflow.Run(cfg, dir, request, dryRunFolder, clock, progress, log, cancel, full: full);

    /// <summary>The warning that a panel lacked what its journal counted as delivered, and gets it again.</summary>
    public static SyncEvent Refilled(string panelPath, PanelMismatch mismatch, bool dryRun = false)
    {
        var count = mismatch.Delivered.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (dryRun)
            return SyncEvent.Of(Severity.Warning, "panel.refill-needed",
                $"the panel {panelPath} does not hold the {count} facts counted as delivered (a missing, new, emptied or older panel file): the dry run shows them as new",
                "run the sync: it sends them again",
                args: [panelPath, count, mismatch.Reason.ToString()]);
        return SyncEvent.Of(Severity.Warning, "panel.refilled",
            $"the panel {panelPath} does not hold the {count} facts counted as delivered (a new, emptied or older panel file): they are sent again",
            "nothing to do: each sync sends again what it reads; sync all firms and months to refill the whole panel",
            args: [panelPath, count, mismatch.Reason.ToString()]);
    }

    /// <summary>
    /// Rule 11: on a manual update asked to, the summary of the last month to each firm loaded, then
    /// again each summary whose last attempt failed (<see cref="PanelMessages.FailedSummaries"/>).
    /// </summary>
    public static async Task<Seq<SyncEvent>> SendSummaries(IOfficePanel panel, Messenger messenger, AppConfig cfg,
        SyncRequest request, Options options, Set<Nip> firms, CancellationToken cancel)
    {
        if (!request.SendSummary) return Seq<SyncEvent>();
        var events = new List<SyncEvent>();
        foreach (var firm in firms)
            events.AddRange(await SendSummary(panel, messenger, firm, cfg.ChannelsOf(firm), request, options, cancel));
        if (request.Manual)
            foreach (var failed in await messenger.Log.FailedSummaries(cancel))
            {
                var nip = Nip.Create(failed.FirmNip).ToOption();
                var month = Period.Parse(failed.Period).ToOption();
                if (nip.IsNone || month.IsNone) continue;
                var (firm, period) = (nip.IfNone(() => throw new InvalidOperationException()),
                    month.IfNone(() => throw new InvalidOperationException()));
                if (firms.Contains(firm) && period == request.To) continue;
                var channels = cfg.ChannelsOf(firm);
                var channel = failed.Channel == "email" ? SummaryChannel.Email : SummaryChannel.Sms;
                var stillOn = channel == SummaryChannel.Email ? channels.Email && options.MailConfigured : channels.Sms;
                if (!stillOn) continue;
                events.AddRange((await Send(panel, messenger, firm, period, request.Kinds, Seq1(channel), cancel)).Map(a => a.Event));
            }
        return events.ToSeq();
    }

    /// <summary>The summary of <c>request.To</c> to one firm through the channels rule 11 allows; an event per channel.</summary>
    public static async Task<Seq<SyncEvent>> SendSummary(IOfficePanel panel, Messenger messenger, Nip firm, Channels channels,
        SyncRequest request, Options options, CancellationToken cancel) =>
        (await SummaryAttempts(panel, messenger, firm, channels, request, options, cancel)).Map(a => a.Event);

    /// <summary>
    /// Rule 11 for one firm: the summary of <c>request.To</c> through each channel it allows (sent or
    /// failed), and each channel it does not (skipped, and why). The one implementation of who gets
    /// a summary, for the sync's local panel and for a panel server's pages and API.
    /// </summary>
    public static async Task<Seq<SummaryAttempt>> SummaryAttempts(IOfficePanel panel, Messenger messenger, Nip firm, Channels channels,
        SyncRequest request, Options options, CancellationToken cancel)
    {
        switch (Summaries.Decide(request, channels, options, request.To))
        {
            case SummaryDecision.Send send:
                var skipped = send.Skipped.Map(p => Skipped(SyncEvent.FromProblem(Severity.Warning, p,
                    "konektosync settings mail --host HOST --from ADDRESS", firm: firm), p, "email"));
                return skipped + await Send(panel, messenger, firm, send.Month, send.Kinds, send.Channels, cancel);
            case SummaryDecision.NotSent no:
                return Seq1(Skipped(SyncEvent.FromProblem(Severity.Info, no.Why,
                    "turn on the client's SMS or e-mail channel (and the mail settings for e-mail)", firm: firm), no.Why, ""));
            default:
                throw new InvalidOperationException("unknown summary decision");
        }
    }

    private static SummaryAttempt Skipped(SyncEvent e, Problem why, string channel) =>
        SummaryAttempt.Of(e, SummaryOutcome.SkippedStatus, channel, "", why);

    private static async Task<Seq<SummaryAttempt>> Send(IOfficePanel panel, Messenger messenger, Nip firm, Period month,
        Set<DataKind> kinds, Seq<SummaryChannel> channels, CancellationToken cancel)
    {
        var view = await panel.ShowFirm(firm, cancel);
        if (view.IsLeft)
        {
            var unknown = view.LeftToSeq().Head;
            return Seq1(SummaryAttempt.Of(SyncEvent.FromProblem(Severity.Error, unknown, "", firm: firm, period: month),
                SummaryOutcome.FailedStatus, "", "", unknown));
        }
        var attempts = Seq<SummaryAttempt>();
        var sent = new Channels(false, false);
        foreach (var channel in channels)
        {
            var a = await messenger.Summary(firm, view.RightToSeq().Head, month, kinds, channel, cancel);
            attempts = attempts.Add(a);
            if (a.Outcome.Sent)
                sent = channel == SummaryChannel.Email ? sent with { Email = true } : sent with { Sms = true };
        }
        // only what a server accepted is recorded as sent
        if (sent.Email || sent.Sms) await panel.RecordSummary(firm, month, sent, messenger.Clock.GetLocalNow(), cancel);
        return attempts;
    }
}
