using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Texts;
using KonektoSync.Load.Panel;
using KonektoSync.Panel;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Messaging;

/// <summary>A summary's event (for the sync's report) and its outcome (for a panel server's answer).</summary>
public sealed record SummaryAttempt(SyncEvent Event, SummaryOutcome Outcome)
{
    public static SummaryAttempt Of(SyncEvent e, string status, string channel, string recipient, Problem? reason) =>
        new(e, new SummaryOutcome(status, channel, recipient, e.Code, e.Message, e.Args.ToArray(),
            reason is null ? null : new MessageReason(reason.Code, reason.Message, reason.Args.ToArray())));
}

/// <summary>
/// Sends the messages to clients through the configured channels and records every attempt in the
/// panel's message log (<see cref="PanelMessages"/>): sent, or failed and why. Only a message the
/// SMTP server or the SMS gateway accepted is recorded as sent; each attempt gives an event.
/// </summary>
public sealed class Messenger
{
    /// <summary>How long an activation link can be used.</summary>
    public static readonly TimeSpan ActivationValidity = TimeSpan.FromDays(7);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly Either<Problem, MailSender> mail;
    private readonly Either<Problem, SmsGateway> sms;
    private readonly string? panelUrl;
    private readonly TimeProvider clock;

    public PanelMessages Log { get; }

    public TimeProvider Clock => clock;

    private Messenger(Either<Problem, MailSender> mail, Either<Problem, SmsGateway> sms, string? panelUrl,
        PanelMessages log, TimeProvider clock) =>
        (this.mail, this.sms, this.panelUrl, Log, this.clock) = (mail, sms, panelUrl, log, clock);

    public static async Task<Messenger> Open(AppConfig cfg, string panelDb, TimeProvider clock, CancellationToken cancel,
        HttpClient? http = null)
    {
        return Open(cfg, await PanelMessages.Open(panelDb, cancel).ConfigureAwait(false), clock, http);
    }

    /// <summary>A messenger that records in <paramref name="log"/> (a panel server office's message log).</summary>
    public static Messenger Open(AppConfig cfg, PanelMessages log, TimeProvider clock, HttpClient? http = null)
    {
        var mail = cfg.Mail is { } m
            ? MailSettings.Of(m).Map(s => new MailSender(s))
            : Left<Problem, MailSender>(Problem.Of("mail.not-configured",
                "the mail settings are missing: konektosync settings mail --host HOST --from ADDRESS"));
        var sms = cfg.Sms is { } s
            ? SmsSettings.Of(s).Map(x => new SmsGateway(x, http ?? Http))
            : Left<Problem, SmsGateway>(Problem.Of("sms.not-configured",
                "no SMS gateway is set: konektosync settings sms --url-template URL --token-env VARIABLE"));
        return new Messenger(mail, sms, cfg.PanelUrl, log, clock);
    }

    /// <summary>
    /// Sends the summary of <paramref name="month"/> to a firm through one channel (its e-mail
    /// address or its phone as the panel holds them): an event of how it went, and the outcome.
    /// </summary>
    public async Task<SummaryAttempt> Summary(Nip firm, PanelFirmView view, Period month, Set<DataKind> kinds,
        SummaryChannel channel, CancellationToken cancel)
    {
        var content = MessageTexts.Content(view, month, kinds, panelUrl);
        var composed = MessageTexts.Summary(content, MessageTexts.Polish);
        var (name, recipient) = channel == SummaryChannel.Email ? ("email", view.Email) : ("sms", view.Phone);
        var outcome = content.IsEmpty
            ? Left<Problem, Unit>(Problem.Of("summary.nothing-approved",
                $"nothing of {month} is approved: approve the data first (--approve)", month.ToString()))
            : recipient.Length == 0
                ? Left<Problem, Unit>(Problem.Of("summary.no-recipient",
                    $"the firm has no {name} address in the panel", name))
                : channel == SummaryChannel.Email
                    ? await Mail(recipient, composed, cancel).ConfigureAwait(false)
                    : await Sms(recipient, MessageTexts.SummarySms(content, MessageTexts.Polish), cancel).ConfigureAwait(false);
        var record = await Record(firm, "summary", name, recipient, month.ToString(), "", composed.Subject, outcome, cancel)
            .ConfigureAwait(false);
        return outcome.Match(
            Right: _ => SummaryAttempt.Of(SyncEvent.Of(Severity.Info, "summary.sent", $"summary of {month} sent by {name}", "",
                firm: firm, period: month, args: [month.ToString(), name]), SummaryOutcome.SentStatus, name, recipient, null),
            Left: p => SummaryAttempt.Of(SyncEvent.Of(Severity.Error, "summary.failed",
                $"summary of {month} not sent by {name} (attempt {record.Attempt}): {p.Message}",
                "check the settings (konektosync settings show) and the firm's address; the next --send-summary tries again",
                firm: firm, period: month, args: [month.ToString(), name, $"{record.Attempt}", Texts.Texts.Of(p)]),
                SummaryOutcome.FailedStatus, name, recipient, p));
    }

    /// <summary>
    /// Sends an activation link to a person's e-mail address: a new random token, kept only as its
    /// digest with its expiry, in a link to the panel's address; an event of how it went.
    /// </summary>
    public async Task<(bool Sent, SyncEvent Event)> Activation(Nip firm, string firmName, string personKey,
        string personName, string email, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        Either<Problem, Unit> outcome;
        var subject = "";
        if (panelUrl is null)
            outcome = Left<Problem, Unit>(Problem.Of("activation.no-panel-url",
                "the panel's address is not set: konektosync settings panel --url URL"));
        else
        {
            var token = await Log.NewActivationToken(firm.Value, personKey, email, now, ActivationValidity, cancel)
                .ConfigureAwait(false);
            var composed = MessageTexts.Activation(firmName, personName, MessageTexts.ActivationLink(panelUrl, token),
                DateOnly.FromDateTime(clock.GetLocalNow().Add(ActivationValidity).DateTime), MessageTexts.Polish);
            subject = composed.Subject;
            outcome = await Mail(email, composed, cancel).ConfigureAwait(false);
        }
        var record = await Record(firm, "activation", "email", email, "", personKey, subject, outcome, cancel)
            .ConfigureAwait(false);
        return outcome.Match(
            Right: _ => (true, SyncEvent.Of(Severity.Info, "activation.sent",
                $"activation link sent to {personName} <{email}>", "",
                firm: firm, kind: DataKind.Basic, args: [personName, email])),
            Left: p => (false, SyncEvent.Of(Severity.Error, "activation.failed",
                $"activation link to {personName} <{email}> not sent (attempt {record.Attempt}): {p.Message}",
                $"fix the cause, then send it from the panel: konektosync panel activate {firm.Value} --person {personKey}",
                firm: firm, kind: DataKind.Basic,
                args: [personName, email, $"{record.Attempt}", Texts.Texts.Of(p), firm.Value, personKey])));
    }

    private Task<Either<Problem, Unit>> Mail(string to, ComposedMessage m, CancellationToken cancel) =>
        mail.MatchAsync(
            RightAsync: sender => sender.Send(new OutgoingMail(to, m.Subject, m.Body), cancel),
            Left: p => Left<Problem, Unit>(p));

    private Task<Either<Problem, Unit>> Sms(string phone, string text, CancellationToken cancel) =>
        sms.MatchAsync(
            RightAsync: gateway => gateway.Send(phone, text, cancel),
            Left: p => Left<Problem, Unit>(p));

    private Task<MessageRecord> Record(Nip firm, string kind, string channel, string recipient, string period,
        string personKey, string subject, Either<Problem, Unit> outcome, CancellationToken cancel) =>
        Log.Record(firm.Value, kind, channel, recipient, period, personKey, subject,
            outcome.IsRight ? PanelMessages.Sent : PanelMessages.Failed,
            outcome.Match(Right: _ => "", Left: p => $"{p.Code}: {p.Message}"), clock.GetLocalNow(), cancel);
}
