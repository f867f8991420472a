using System.Net;
using System.Net.Sockets;
using System.Text;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Extract.Sql;

/// <summary>
/// A SQL Browser on the loopback for tests (MS-SQLR): answers CLNT_BCAST_EX and CLNT_UCAST_EX with
/// every instance, CLNT_UCAST_INST with the instance named (and nothing for one it lacks).
/// </summary>
public sealed class SsrpResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<byte[]> _requests = [];

    public static readonly string[] Instances =
    [
        "ServerName;BIURO-SRV;InstanceName;MSSQLSERVER;IsClustered;No;Version;15.0.2000.5;tcp;1433;np;\\\\BIURO-SRV\\pipe\\sql\\query;;",
        "ServerName;BIURO-SRV;InstanceName;INSERTGT;IsClustered;No;Version;12.0.2000.8;tcp;49712;;",
    ];

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public IReadOnlyList<byte[]> Requests { get { lock (_requests) return _requests.ToList(); } }

    public SsrpResponder() => _loop = Task.Run(Serve);

    public static byte[] Response(string text)
    {
        var data = Encoding.ASCII.GetBytes(text);
        return [SqlBrowser.SvrResp, (byte)(data.Length & 0xFF), (byte)(data.Length >> 8), .. data];
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try { r = await _udp.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; }
            lock (_requests) _requests.Add(r.Buffer);
            string? answer = r.Buffer[0] switch
            {
                SqlBrowser.ClntBcastEx or SqlBrowser.ClntUcastEx => string.Concat(Instances),
                SqlBrowser.ClntUcastInst => Instances.FirstOrDefault(i =>
                    i.Contains($";InstanceName;{Encoding.ASCII.GetString(r.Buffer, 1, r.Buffer.Length - 2)};", StringComparison.OrdinalIgnoreCase)),
                _ => null,
            };
            if (answer is not null) await _udp.SendAsync(Response(answer), r.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}

public sealed class SqlBrowserTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(700);
    private readonly SsrpResponder _browser = new();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public void A_server_response_lists_each_instance_with_its_port_and_version()
    {
        var found = SqlBrowser.Parse(SsrpResponder.Response(string.Concat(SsrpResponder.Instances)), "test");

        Assert.Equal(
            [("BIURO-SRV", "MSSQLSERVER", "15.0.2000.5", (int?)1433), ("BIURO-SRV", "INSERTGT", "12.0.2000.8", 49712)],
            found.Select(i => (i.ServerName, i.InstanceName, i.Version, i.TcpPort)));
        Assert.Equal(["BIURO-SRV", "BIURO-SRV\\INSERTGT"], found.Select(i => i.Host));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x05, 0x40, 0x00, 0x41 })] // shorter than its size says
    [InlineData(new byte[] { 0x07, 0x01, 0x00, 0x41 })] // not SVR_RESP
    public void A_stray_or_cut_datagram_is_no_server(byte[] datagram) =>
        Assert.Empty(SqlBrowser.Parse(datagram, "test"));

    [Fact]
    public void An_instance_without_a_TCP_port_is_listed_without_one()
    {
        var found = SqlBrowser.Parse(SsrpResponder.Response("ServerName;PC;InstanceName;SQLEXPRESS;IsClustered;No;Version;16.0.1000.6;np;\\\\PC\\pipe\\MSSQL$SQLEXPRESS\\sql\\query;;"), "t");

        Assert.Equal(("PC\\SQLEXPRESS", (int?)null), (found.Single().Host, found.Single().TcpPort));
    }

    [Fact]
    public void An_instance_request_is_the_name_between_0x04_and_a_zero_and_a_name_over_32_bytes_is_refused()
    {
        Assert.Equal(new byte[] { 0x04, (byte)'G', (byte)'T', 0 }, SqlBrowser.InstanceRequest("GT"));
        Assert.Throws<ArgumentException>(() => SqlBrowser.InstanceRequest(new string('X', 33)));
    }

    [Fact]
    public async Task A_broadcast_gathers_the_instances_of_the_browsers_that_answer()
    {
        var found = await SqlBrowser.Broadcast(Wait, CancellationToken.None, IPAddress.Loopback, _browser.Port);

        Assert.Equal(["BIURO-SRV", "BIURO-SRV\\INSERTGT"], found.Select(i => i.Host));
        Assert.Equal("SQL Browser at 127.0.0.1", found[0].FoundBy);
        Assert.Equal(new byte[] { 0x02 }, _browser.Requests.Single());
    }

    [Fact]
    public async Task A_direct_query_for_a_named_instance_asks_for_that_instance_only()
    {
        var found = await SqlBrowser.Query("127.0.0.1", "INSERTGT", Wait, CancellationToken.None, _browser.Port);

        Assert.Equal(("BIURO-SRV\\INSERTGT", (int?)49712), (found.Single().Host, found.Single().TcpPort));
        Assert.Equal(SqlBrowser.InstanceRequest("INSERTGT"), _browser.Requests.Single());
    }

    [Fact]
    public async Task A_direct_query_for_all_instances_of_a_host_uses_CLNT_UCAST_EX()
    {
        var found = await SqlBrowser.Query("localhost", null, Wait, CancellationToken.None, _browser.Port);

        Assert.Equal(2, found.Count);
        Assert.Equal(new byte[] { 0x03 }, _browser.Requests.Single());
    }

    [Fact]
    public async Task An_instance_the_browser_does_not_have_or_a_host_without_a_browser_gives_nothing_within_the_wait()
    {
        var started = DateTime.UtcNow;
        var missing = await SqlBrowser.Query("127.0.0.1", "INSERTNEXO", Wait, CancellationToken.None, _browser.Port);
        using var closed = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = ((IPEndPoint)closed.Client.LocalEndPoint!).Port;
        closed.Dispose();
        var none = await SqlBrowser.Query("127.0.0.1", null, Wait, CancellationToken.None, closedPort);
        var unknown = await SqlBrowser.Query("no-such-host.invalid", null, Wait, CancellationToken.None, _browser.Port);

        Assert.Empty(missing);
        Assert.Empty(none);
        Assert.Empty(unknown);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Discovery_asks_a_named_host_for_all_instances_and_the_programs_default_ones_and_names_the_program()
    {
        var found = await SqlServerDiscovery.Find(["127.0.0.1"], Wait, CancellationToken.None, broadcast: false,
            port: _browser.Port, registry: false);

        Assert.Equal(["BIURO-SRV", "BIURO-SRV\\INSERTGT"], found.Select(i => i.Host));
        Assert.Equal([null, "Insert GT"], found.Select(SqlServerDiscovery.ProgramOf));
        var asked = _browser.Requests.Select(r => r[0] == SqlBrowser.ClntUcastInst ? Encoding.ASCII.GetString(r, 1, r.Length - 2) : "*");
        Assert.Equal(["*", "INSERTGT", "INSERTNEXO", "OPTIMA"], asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Programs_servers_lists_the_instances_found_for_the_host_setting()
    {
        using var cli = new CliRunner();
        var r = cli.Run("programs", "servers", "--no-broadcast", "--wait-ms", "700", "--browser-port", _browser.Port.ToString(), "--json");

        Assert.Equal(0, r.Exit);
        var rows = r.Json.EnumerateArray().Select(e => (e.GetProperty("host").GetString(), e.GetProperty("tcpPort").GetInt32())).ToList();
        Assert.Equal([("BIURO-SRV", 1433), ("BIURO-SRV\\INSERTGT", 49712)], rows);
        Assert.Equal("Insert GT", r.Json[1].GetProperty("program").GetString());
    }

    [Fact]
    public void Programs_servers_says_so_when_no_server_answers()
    {
        using var cli = new CliRunner();
        using var closed = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.Client.LocalEndPoint!).Port;
        closed.Dispose();
        var r = cli.Run("programs", "servers", "--no-broadcast", "--wait-ms", "300", "--browser-port", port.ToString());

        Assert.Equal(0, r.Exit);
        Assert.Contains("No SQL Server answered", r.Out);
    }
}
