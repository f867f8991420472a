namespace KonektoSync.Load.Panel;

/// <summary>Why a message was not sent: a problem's stable code, its English sentence and its values.</summary>
public sealed record MessageReason(string Code, string Message, IReadOnlyList<string> Args);

/// <summary>
/// What became of a firm's summary through one channel: <c>sent</c> (the SMTP server or the SMS
/// gateway accepted it), <c>failed</c> (tried, and why not) or <c>skipped</c> (not tried, and why:
/// rule 11). <see cref="Code"/>, <see cref="Message"/> and <see cref="Args"/> are the event's, in
/// English; <see cref="Channel"/> is <c>email</c>, <c>sms</c>, or empty when no channel was tried.
/// </summary>
public sealed record SummaryOutcome(string Status, string Channel, string Recipient, string Code, string Message,
    IReadOnlyList<string> Args, MessageReason? Reason)
{
    public const string SentStatus = "sent";
    public const string FailedStatus = "failed";
    public const string SkippedStatus = "skipped";

    public bool Sent => Status == SentStatus;
}

/// <summary>
/// A sync's request to a panel server to send the summaries of the firms its run loaded
/// (<c>POST /api/v1/summaries</c>): the run's id makes a repeated request send nothing twice.
/// </summary>
public sealed record SummariesRequest(string? Run, string? Period, IReadOnlyList<string?>? Firms);

/// <summary>What a panel server did with a firm's summary; <see cref="Repeated"/>: told again from an earlier request of the same run.</summary>
public sealed record FirmSummaries(string Nip, bool Repeated, IReadOnlyList<SummaryOutcome> Messages);

/// <summary>A panel server's answer to <see cref="SummariesRequest"/>: per firm, per channel.</summary>
public sealed record SummariesAnswer(string Run, string Period, IReadOnlyList<FirmSummaries> Firms);
