using KonektoSync.Domain;
using KonektoSync.Host.Config;
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
        IProgress<ProgramProgress>? progress, Serilog.ILogger log, CancellationToken cancel) =>
        SyncWorkflow.Run(cfg, dir, request, dryRunFolder, clock, progress, log, cancel);

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

    /// <summary>Rule 11: on a manual update asked to, the summary of the last month to each firm loaded.</summary>
    public static async Task<Seq<SyncEvent>> SendSummaries(LocalPanel panel, AppConfig cfg, SyncRequest request,
        Options options, Set<Nip> firms, TimeProvider clock, CancellationToken cancel)
    {
        if (!request.SendSummary) return Seq<SyncEvent>();
        var events = new List<SyncEvent>();
        foreach (var firm in firms)
            events.Add(await SendSummary(panel, firm, cfg.ChannelsOf(firm), request, options, clock, cancel));
        return events.ToSeq();
    }

    public static async Task<SyncEvent> SendSummary(IOfficePanel panel, Nip firm, Channels channels, SyncRequest request,
        Options options, TimeProvider clock, CancellationToken cancel)
    {
        switch (Summaries.Decide(request, channels, options, request.To))
        {
            case SummaryDecision.Send send:
                var sent = new Channels(send.Channels.Contains(SummaryChannel.Sms), send.Channels.Contains(SummaryChannel.Email));
                await panel.RecordSummary(firm, send.Month, sent, clock.GetLocalNow(), cancel);
                var how = string.Join(", ", send.Channels.Map(c => c.ToString().ToLowerInvariant()));
                return SyncEvent.Of(Severity.Info, "summary.sent", $"summary of {send.Month} sent by {how}", "",
                    firm: firm, period: send.Month, args: [send.Month.ToString(), how]);
            case SummaryDecision.NotSent no:
                return SyncEvent.FromProblem(Severity.Info, no.Why,
                    "turn on the client's SMS or e-mail channel (and the mail settings for e-mail)", firm: firm);
            default:
                throw new InvalidOperationException("unknown summary decision");
        }
    }
}
