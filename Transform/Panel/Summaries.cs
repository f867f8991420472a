using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Panel;

public enum SummaryChannel { Sms, Email }

/// <summary>Whether a client is sent a summary (*Wyślij zestawienie*), how, and of what.</summary>
public abstract record SummaryDecision
{
    private SummaryDecision() { }

    /// <summary>
    /// Send the summary of <paramref name="Month"/> for <paramref name="Kinds"/> through
    /// <paramref name="Channels"/>; <paramref name="Skipped"/> says which channel was left out and why.
    /// </summary>
    public sealed record Send(Period Month, Set<DataKind> Kinds, Seq<SummaryChannel> Channels,
        Seq<Problem> Skipped) : SummaryDecision;

    /// <summary>No summary, and why.</summary>
    public sealed record NotSent(Problem Why) : SummaryDecision;
}

/// <summary>
/// Rule 11: a summary of the last month goes only on a manual update that asks for it, only
/// through the channels the client has on (SMS, e-mail), and by e-mail only when the mail
/// settings exist. Automatic updates never send summaries.
/// </summary>
public static class Summaries
{
    public static SummaryDecision Decide(
        SyncRequest request, Channels channels, Options options, Period lastMonth)
    {
        if (!request.Manual)
            return NotSent("summary.automatic", "Automatic updates never send summaries", "");
        if (!request.SendSummary)
            return NotSent("summary.not-asked", "The update did not ask to send summaries",
                "Tick Wyślij zestawienie (--send-summary) to send one.");
        var mailSkipped = channels.Email && !options.MailConfigured
            ? Seq1(MailNotConfigured()) : Seq<Problem>();
        var sendBy = Seq(
                channels.Sms ? Some(SummaryChannel.Sms) : None,
                channels.Email && options.MailConfigured ? Some(SummaryChannel.Email) : None)
            .Somes();
        return sendBy.IsEmpty
            ? mailSkipped.HeadOrNone().Match<SummaryDecision>(
                Some: p => new SummaryDecision.NotSent(p),
                None: () => NotSent("summary.no-channel",
                    "The client has neither SMS nor e-mail on; no summary was sent",
                    "Switch a channel on for the client in the panel."))
            : new SummaryDecision.Send(lastMonth, request.Kinds, sendBy, mailSkipped);
    }

    private static Problem MailNotConfigured() => Problem.Of("summary.mail-not-configured",
        "The summary was not e-mailed: the mail settings are missing. " +
        "Enter them in the options (mail server, sender).");

    private static SummaryDecision NotSent(string code, string message, string remedy) =>
        new SummaryDecision.NotSent(Problem.Of(code,
            remedy.Length == 0 ? message : $"{message}. {remedy}"));
}
