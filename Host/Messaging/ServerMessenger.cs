using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using KonektoSync.Load.Panel;
using KonektoSync.Panel;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Messaging;

/// <summary>
/// The panel server's messenger (<c>panel serve</c>): summaries and activation links sent from
/// the office pages with the mail and SMS settings of the data folder the server runs with, the
/// same way as <c>sync --send-summary</c> and <c>panel activate</c> (rule 11: only the channels
/// switched on for the firm, e-mail only with mail settings). Every attempt goes to the office's
/// message log, which the server keeps in the office's own panel database.
/// </summary>
public sealed class ServerMessenger(AppConfig cfg, TimeProvider clock, HttpClient? http = null) : IPanelMessenger
{
    public async Task<IReadOnlyList<SummaryOutcome>> SendSummary(IOfficePanel panel, PanelMessages log, Nip firm, Period month,
        CancellationToken cancel)
    {
        var messenger = Messenger.Open(cfg, log, clock, http);
        var request = new SyncRequest(month, month, toSet(new[] { DataKind.Zus, DataKind.Taxes, DataKind.Statements }),
            None, true, true, Manual: true);
        var attempts = await SyncService.SummaryAttempts(panel, messenger, firm, cfg.ChannelsOf(firm), request, cfg.ToOptions(), cancel)
            .ConfigureAwait(false);
        return attempts.Map(a => a.Outcome).ToList();
    }

    public string Describe(Nip firm, Period month, SummaryOutcome outcome, CultureInfo language) =>
        Texts.Texts.Of(ServerSummaries.Event(firm, month, outcome, language), language);

    public async Task<MessageOutcome> SendActivation(IOfficePanel panel, PanelMessages log, Nip firm, string personKey,
        CancellationToken cancel)
    {
        var view = await panel.ShowFirm(firm, cancel).ConfigureAwait(false);
        if (view.IsLeft) return new MessageOutcome(false, view.LeftToSeq().Head.Code, Texts.Texts.Of(view.LeftToSeq().Head));
        var v = view.RightToSeq().Head;
        if (v.People.FirstOrDefault(p => p.Key == personKey) is not { Email.Length: > 0 } who)
        {
            var p = Problem.Of("panel.person.no-email", $"{personKey} has no e-mail address in the panel", personKey);
            return new MessageOutcome(false, p.Code, Texts.Texts.Of(p));
        }
        var (sent, e) = await Messenger.Open(cfg, log, clock, http).Activation(firm, v.Name.Length > 0 ? v.Name : firm.Formatted,
            who.Key, $"{who.FirstName} {who.LastName}".Trim(), who.Email, cancel).ConfigureAwait(false);
        return new MessageOutcome(sent, e.Code, Texts.Texts.Of(e));
    }
}
