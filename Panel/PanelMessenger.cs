using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;

namespace KonektoSync.Panel;

/// <summary>How one message went: sent (a server accepted it) or not, in the reader's words.</summary>
public sealed record MessageOutcome(bool Sent, string Code, string Text);

/// <summary>
/// Sends the messages of an office's pages (summaries, activation links) with the mail and SMS
/// settings the server runs with; every attempt is recorded in the office's message log
/// (<paramref name="log"/>, kept in the office's own panel database), where the pages read it.
/// Implemented by the host (<c>Host/Messaging/ServerMessenger</c>); the panel server has none
/// when it was started without settings, and the pages say so.
/// </summary>
public interface IPanelMessenger
{
    /// <summary>The summary of <paramref name="month"/> to a firm through the channels its settings allow (rule 11).</summary>
    Task<IReadOnlyList<SummaryOutcome>> SendSummary(IOfficePanel panel, PanelMessages log, Nip firm, Period month,
        CancellationToken cancel);

    /// <summary>What became of a firm's summary, in one line in <paramref name="language"/> (a page's language).</summary>
    string Describe(Nip firm, Period month, SummaryOutcome outcome, CultureInfo language);

    /// <summary>An activation link to a person of a firm with an e-mail address (rule 12).</summary>
    Task<MessageOutcome> SendActivation(IOfficePanel panel, PanelMessages log, Nip firm, string personKey, CancellationToken cancel);
}
