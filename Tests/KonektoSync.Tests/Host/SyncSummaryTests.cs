using KonektoSync.Domain;
using KonektoSync.Host.Cli;
using KonektoSync.Host.Sync;
using LanguageExt;

namespace KonektoSync.Tests.Host;

/// <summary>The sync's last line: groups, facts, warnings and skipped firms; "would send" in a dry run.</summary>
public sealed class SyncSummaryTests
{
    private static readonly Nip A = Nip.Create("5260250274").SuccessToSeq().Head;
    private static readonly Nip B = Nip.Create("7740001454").SuccessToSeq().Head;

    private static SyncReport Report(string? dryRun) => new("run-1", GroupsLoaded: 5, GroupsFailed: 1, FactsSent: 40,
        FactsUnchanged: 7, FirmsPlanned: 3, Events: Seq.create(
            SyncEvent.Of(Severity.Warning, "firm.not-found", "not found", firm: A),
            SyncEvent.Of(Severity.Warning, "firm.not-selected", "not selected", firm: B),
            SyncEvent.Of(Severity.Warning, "firm.not-selected", "not selected", firm: B),
            SyncEvent.Of(Severity.Warning, "source.conflict", "conflict"),
            SyncEvent.Of(Severity.Info, "source.off", "off"),
            SyncEvent.Of(Severity.Error, "group.incomplete", "incomplete")),
        Cancelled: false, DryRunFolder: dryRun);

    public SyncSummaryTests() => KonektoSync.Host.Texts.Texts.UseLanguage("en");

    [Fact]
    public void The_summary_counts_warnings_and_skipped_firms()
    {
        var line = SyncCommand.Summary(Report(dryRun: null));

        Assert.Contains("5 groups loaded, 1 failed", line);
        Assert.Contains("40 facts sent, 7 unchanged", line);
        Assert.Contains("4 warnings", line);
        Assert.Contains("2 firms skipped", line);
    }

    [Fact]
    public void A_dry_run_summary_says_would_send_and_never_sent()
    {
        var line = SyncCommand.Summary(Report(dryRun: "/tmp/out"));

        Assert.Contains("40 facts would be sent", line);
        Assert.DoesNotContain("facts sent", line);
        Assert.Contains("4 warnings", line);
    }
}
