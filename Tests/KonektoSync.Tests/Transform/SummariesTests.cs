using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class SummariesTests
{
    private static readonly Period January = DomainGen.Valid(Period.Create(2024, 1));
    private static readonly Options MailSet = Options.Default with { MailConfigured = true };

    private static SyncRequest Request(bool manual = true, bool sendSummary = true) =>
        new(January, DomainGen.Valid(Period.Create(2024, 3)), Set(DataKind.Zus, DataKind.Taxes),
            None, Approve: true, SendSummary: sendSummary, Manual: manual);

    private static string Why(SummaryDecision d) =>
        d is SummaryDecision.NotSent n ? n.Why.Code : "sent";

    [Fact]
    public void Sends_the_last_months_summary_through_sms_and_e_mail_on_a_manual_update()
    {
        var lastMonth = DomainGen.Valid(Period.Create(2024, 3));

        var actual = Summaries.Decide(Request(), new Channels(Sms: true, Email: true), MailSet, lastMonth);

        Assert.Equal(new SummaryDecision.Send(lastMonth, Set(DataKind.Zus, DataKind.Taxes),
            Seq(SummaryChannel.Sms, SummaryChannel.Email), Seq<Problem>()), actual);
    }

    [Fact]
    public void Never_sends_on_an_automatic_update()
    {
        var actual = Summaries.Decide(Request(manual: false), new Channels(true, true), MailSet, January);

        Assert.Equal("summary.automatic", Why(actual));
    }

    [Fact]
    public void Does_not_send_when_the_update_does_not_ask_for_it()
    {
        var actual = Summaries.Decide(Request(sendSummary: false), new Channels(true, true), MailSet, January);

        Assert.Equal("summary.not-asked", Why(actual));
    }

    [Fact]
    public void Does_not_send_when_the_client_has_no_channel_on()
    {
        var actual = Summaries.Decide(Request(), new Channels(false, false), MailSet, January);

        Assert.Equal("summary.no-channel", Why(actual));
    }

    [Fact]
    public void Does_not_e_mail_without_the_mail_settings()
    {
        var actual = Summaries.Decide(Request(), new Channels(Sms: false, Email: true), Options.Default, January);

        Assert.Equal("summary.mail-not-configured", Why(actual));
    }

    [Fact]
    public void Sends_by_sms_only_and_says_why_e_mail_was_skipped_without_the_mail_settings()
    {
        var actual = Summaries.Decide(Request(), new Channels(Sms: true, Email: true), Options.Default, January);

        var send = Assert.IsType<SummaryDecision.Send>(actual);
        Assert.Equal((Seq1(SummaryChannel.Sms), Seq1("summary.mail-not-configured")),
            (send.Channels, send.Skipped.Map(p => p.Code)));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void Sends_only_through_the_channels_the_client_has_on(bool sms, bool email, bool mailConfigured)
    {
        var options = Options.Default with { MailConfigured = mailConfigured };

        var actual = Summaries.Decide(Request(), new Channels(sms, email), options, January);

        var expected = toSeq(new[] { sms ? Some(SummaryChannel.Sms) : None,
            email && mailConfigured ? Some(SummaryChannel.Email) : None }).Somes();
        Assert.Equal(expected, Assert.IsType<SummaryDecision.Send>(actual).Channels);
    }
}
