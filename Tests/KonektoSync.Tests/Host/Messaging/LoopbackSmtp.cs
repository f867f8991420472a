using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace KonektoSync.Tests.Host.Messaging;

/// <summary>
/// A real SMTP server on the loopback: Debian's aiosmtpd (python3-aiosmtpd, installed by
/// scripts/install-deps.sh) started on a free port, with a handler that writes each message
/// received to a folder as it came over the wire, and with AUTH PLAIN/LOGIN that accepts only
/// <see cref="User"/> with <see cref="Password"/>.
/// </summary>
public sealed class LoopbackSmtp : IDisposable
{
    public const string User = "biuro";
    public const string Password = "Hasło-SMTP-7#";

    private readonly Process process;
    public string Folder { get; }
    public int Port { get; }

    private const string Server = """
        import asyncio, os, sys, itertools
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        port, folder, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()
        counter = itertools.count(1)

        class Keep:
            async def handle_DATA(self, server, session, envelope):
                n = next(counter)
                with open(os.path.join(folder, f"{n:04d}.tmp"), "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                with open(os.path.join(folder, f"{n:04d}.rcpt"), "w", encoding="utf-8") as f:
                    f.write("\n".join(envelope.rcpt_tos))
                os.rename(os.path.join(folder, f"{n:04d}.tmp"), os.path.join(folder, f"{n:04d}.eml"))
                return "250 OK kept"

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, handled=False)

        controller = Controller(Keep(), hostname="127.0.0.1", port=port, authenticator=authenticate,
                                auth_require_tls=False, enable_SMTPUTF8=True)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    public LoopbackSmtp()
    {
        Folder = Directory.CreateTempSubdirectory("konektosync-smtp-").FullName;
        var script = Path.Combine(Folder, "server.py");
        File.WriteAllText(script, Server);
        Directory.CreateDirectory(Path.Combine(Folder, "in"));
        Port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(Folder, "in"), User, Password })
            start.ArgumentList.Add(a);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONUTF8"] = "1";
        process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "ready")
            throw new InvalidOperationException("aiosmtpd did not start (is python3-aiosmtpd installed? run scripts/install-deps.sh): "
                + process.StandardError.ReadToEnd());
    }

    /// <summary>The messages received, in order: the envelope's recipients and the message parsed by MimeKit.</summary>
    public IReadOnlyList<(string[] Recipients, MimeMessage Message)> Received() =>
        Directory.GetFiles(Path.Combine(Folder, "in"), "*.eml").Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllLines(Path.ChangeExtension(f, ".rcpt")), MimeMessage.Load(f)))
            .ToList();

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000)) process.Kill();
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
