using System.Net.Sockets;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using LanguageExt;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Messaging;

public enum MailTls { None, StartTls, Ssl }

/// <summary>The mail settings, checked: a host, a port, TLS, an optional login and a sender's address.</summary>
public sealed record MailSettings(string Host, int Port, MailTls Tls, string? User, string? PasswordRef, MailboxAddress From)
{
    public static int DefaultPort(string tls) => tls switch { "ssl" => 465, "none" => 25, _ => 587 };

    public static Either<Problem, MailSettings> Of(MailEntry e)
    {
        if (string.IsNullOrWhiteSpace(e.Host))
            return Bad("settings.mail-host", "the mail settings need the SMTP server: --host HOST");
        if (e.Port is < 1 or > 65535)
            return Bad("settings.mail-port", $"--port {e.Port}: a port is a number from 1 to 65535", $"{e.Port}");
        MailTls? tls = e.Tls switch { "none" => MailTls.None, "starttls" => MailTls.StartTls, "ssl" => MailTls.Ssl, _ => null };
        if (tls is null)
            return Bad("settings.mail-tls", $"--tls {e.Tls}: use none, starttls or ssl", e.Tls);
        if (!MailboxAddress.TryParse(e.From ?? "", out var from) || !from.Address.Contains('@'))
            return Bad("settings.mail-from", $"--from {e.From}: give the sender's e-mail address, e.g. biuro@example.pl", e.From ?? "");
        if (e.User is not null && e.Password is null)
            return Bad("settings.mail-password", "a login needs its password: --password-env VARIABLE");
        return Right<Problem, MailSettings>(new MailSettings(e.Host, e.Port, tls.Value, e.User, e.Password, from));
    }

    private static Either<Problem, MailSettings> Bad(string code, string message, params string[] args) =>
        Left<Problem, MailSettings>(Problem.Of(code, message, args));
}

/// <summary>One e-mail to send: recipient, subject and plain-text body.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>
/// Sends e-mail through the configured SMTP server with MailKit
/// (https://github.com/jstedfast/MailKit). A refused login, a refused recipient, a server that cannot
/// be reached or a TLS failure is a <see cref="Problem"/> with the server's reply, never an exception;
/// the password never reaches it.
/// </summary>
public sealed class MailSender(MailSettings settings)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static MimeMessage Message(MailboxAddress from, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(System.Text.Encoding.UTF8, mail.Body);
        message.Body = body;
        return message;
    }

    public async Task<Either<Problem, Unit>> Send(OutgoingMail mail, CancellationToken cancel)
    {
        if (!MailboxAddress.TryParse(mail.To, out _))
            return Failed("mail.recipient", $"'{mail.To}' is not an e-mail address", mail.To);
        var password = SecretRefs.Resolve(settings.PasswordRef, "mail");
        if (password.IsLeft) return Left<Problem, Unit>(password.LeftToSeq().Head);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var tls = settings.Tls switch
            {
                MailTls.Ssl => SecureSocketOptions.SslOnConnect,
                MailTls.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.Host, settings.Port, tls, cancel).ConfigureAwait(false);
            if (settings.User is { } user)
                await client.AuthenticateAsync(user, password.RightToSeq().Head.Map(s => s.Reveal()).IfNone(""), cancel)
                    .ConfigureAwait(false);
            await client.SendAsync(Message(settings.From, mail), cancel).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancel).ConfigureAwait(false);
            return Right<Problem, Unit>(unit);
        }
        catch (AuthenticationException e)
        {
            return Failed("mail.login", $"the SMTP server refused the login of {settings.User}: {Reply(e)}", settings.User ?? "", Reply(e));
        }
        catch (SmtpCommandException e)
        {
            return Failed("mail.refused", $"the SMTP server answered {(int)e.StatusCode}: {Reply(e)}", $"{(int)e.StatusCode}", Reply(e));
        }
        catch (SslHandshakeException e)
        {
            return Failed("mail.tls", $"no TLS connection to {settings.Host}:{settings.Port}: {Reply(e)}", settings.Host, $"{settings.Port}", Reply(e));
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
                                      or TimeoutException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            return Failed("mail.unreachable", $"the SMTP server {settings.Host}:{settings.Port} cannot be reached: {Reply(e)}",
                settings.Host, $"{settings.Port}", Reply(e));
        }
    }

    /// <summary>The server's reply or the library's sentence, on one line.</summary>
    private static string Reply(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();

    private static Either<Problem, Unit> Failed(string code, string message, params string[] args) =>
        Left<Problem, Unit>(Problem.Of(code, message, args));
}
