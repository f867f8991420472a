using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// A SQL Server instance found on the network or on this machine: its server and instance name as
/// SQL Server reports them, the version and TCP port where known, and where it was found
/// ("SQL Browser at 192.168.1.5", "registry").
/// </summary>
public sealed record SqlServerInstance(string ServerName, string InstanceName, string? Version, int? TcpPort, string FoundBy)
{
    /// <summary>The default instance's name: it is reached by the server name alone.</summary>
    public const string DefaultInstance = "MSSQLSERVER";

    /// <summary>The value of the "host" setting: "SERVER" for the default instance, else "SERVER\INSTANCE".</summary>
    public string Host => InstanceName.Equals(DefaultInstance, StringComparison.OrdinalIgnoreCase)
        ? ServerName : $"{ServerName}\\{InstanceName}";
}

/// <summary>
/// The SQL Server Resolution Protocol (MS-SQLR): the SQL Browser service answers on UDP port 1434
/// with the instances of its machine. Requests: CLNT_BCAST_EX (0x02, to every machine of the
/// network), CLNT_UCAST_EX (0x03, one machine, all its instances), CLNT_UCAST_INST (0x04 and the
/// instance name, one instance). The answer SVR_RESP (0x05, a little-endian size, then the text
/// "ServerName;S;InstanceName;I;IsClustered;No;Version;V;tcp;1433;np;\\S\pipe\sql\query;;" once per
/// instance). Source: https://learn.microsoft.com/en-us/openspecs/windows_protocols/mc-sqlr/
/// </summary>
public static class SqlBrowser
{
    /// <summary>The SQL Browser's UDP port.</summary>
    public const int Port = 1434;

    public const byte ClntBcastEx = 0x02;
    public const byte ClntUcastEx = 0x03;
    public const byte ClntUcastInst = 0x04;
    public const byte SvrResp = 0x05;

    /// <summary>An instance name is at most 32 bytes (MS-SQLR 2.2.3).</summary>
    public const int MaxInstanceName = 32;

    /// <summary>How long a query waits for answers by default.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMilliseconds(1500);

    // MS-SQLR strings are in the machine's multi-byte code page; names are ASCII in practice
    private static readonly Encoding Text = Encoding.Latin1;

    /// <summary>CLNT_UCAST_INST: 0x04, the instance name, a terminating zero.</summary>
    public static byte[] InstanceRequest(string instance)
    {
        var name = Text.GetBytes(instance);
        if (name.Length is 0 or > MaxInstanceName)
            throw new ArgumentException($"'{instance}' is not an instance name (1-{MaxInstanceName} bytes)", nameof(instance));
        return [ClntUcastInst, .. name, 0];
    }

    /// <summary>
    /// The instances of one SVR_RESP message; an answer that is not SVR_RESP, or shorter than it
    /// says, gives none (a stray datagram is not a server).
    /// </summary>
    public static IReadOnlyList<SqlServerInstance> Parse(ReadOnlySpan<byte> response, string foundBy)
    {
        if (response.Length < 3 || response[0] != SvrResp) return [];
        int size = response[1] | (response[2] << 8);
        if (response.Length < 3 + size) return [];
        var text = Text.GetString(response.Slice(3, size));
        var list = new List<SqlServerInstance>();
        foreach (var record in text.Split(";;", StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = record.Split(';');
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i + 1 < parts.Length; i += 2) values.TryAdd(parts[i], parts[i + 1]);
            if (!values.TryGetValue("ServerName", out var server) || server.Length == 0) continue;
            if (!values.TryGetValue("InstanceName", out var instance) || instance.Length == 0) continue;
            int? port = values.TryGetValue("tcp", out var p) && int.TryParse(p, out var n) && n is > 0 and <= 65535 ? n : null;
            list.Add(new SqlServerInstance(server, instance, values.GetValueOrDefault("Version"), port, foundBy));
        }
        return list;
    }

    /// <summary>CLNT_BCAST_EX to the network's broadcast address (or <paramref name="to"/>): every SQL Browser that answers in time.</summary>
    public static Task<IReadOnlyList<SqlServerInstance>> Broadcast(TimeSpan wait, CancellationToken cancel,
        IPAddress? to = null, int port = Port) =>
        Ask(new IPEndPoint(to ?? IPAddress.Broadcast, port), [ClntBcastEx], wait, broadcast: to is null, many: true, cancel);

    /// <summary>
    /// A direct query to one machine: CLNT_UCAST_INST for one instance, CLNT_UCAST_EX for all. A
    /// host name that does not resolve, or a machine that does not answer, gives none.
    /// </summary>
    public static async Task<IReadOnlyList<SqlServerInstance>> Query(string host, string? instance, TimeSpan wait,
        CancellationToken cancel, int port = Port)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var ip) ? [ip]
                : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback]
                : await Dns.GetHostAddressesAsync(host, cancel).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        if (address is null) return [];
        var request = instance is null ? new[] { ClntUcastEx } : InstanceRequest(instance);
        return await Ask(new IPEndPoint(address, port), request, wait, broadcast: false, many: false, cancel).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<SqlServerInstance>> Ask(IPEndPoint to, byte[] request, TimeSpan wait,
        bool broadcast, bool many, CancellationToken cancel)
    {
        using var udp = new UdpClient(to.AddressFamily);
        udp.EnableBroadcast = broadcast;
        var found = new List<SqlServerInstance>();
        try
        {
            await udp.SendAsync(request, to, cancel).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return found; // no route, no network: nothing found
        }
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(wait);
        try
        {
            while (true)
            {
                var answer = await udp.ReceiveAsync(window.Token).ConfigureAwait(false);
                found.AddRange(Parse(answer.Buffer, $"SQL Browser at {answer.RemoteEndPoint.Address}"));
                if (!many) break; // one machine answers once
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // the wait is over
        }
        catch (SocketException)
        {
            // ICMP port unreachable: no SQL Browser there
        }
        return found;
    }

    /// <summary>
    /// The instances installed on this Windows machine, from the registry
    /// (HKLM\SOFTWARE\Microsoft\Microsoft SQL Server\Instance Names\SQL, and each instance's fixed
    /// TCP port under ...\&lt;id&gt;\MSSQLServer\SuperSocketNetLib\Tcp\IPAll). Empty elsewhere.
    /// </summary>
    public static IReadOnlyList<SqlServerInstance> Installed() =>
        OperatingSystem.IsWindows() ? FromRegistry() : [];

    [SupportedOSPlatform("windows")]
    private static List<SqlServerInstance> FromRegistry()
    {
        var list = new List<SqlServerInstance>();
        foreach (var view in new[] { Microsoft.Win32.RegistryView.Registry64, Microsoft.Win32.RegistryView.Registry32 })
        {
            try
            {
                using var root = Microsoft.Win32.RegistryKey.OpenBaseKey(Microsoft.Win32.RegistryHive.LocalMachine, view);
                using var names = root.OpenSubKey(@"SOFTWARE\Microsoft\Microsoft SQL Server\Instance Names\SQL");
                if (names is null) continue;
                foreach (var instance in names.GetValueNames())
                {
                    int? port = null;
                    if (names.GetValue(instance) is string id)
                    {
                        using var tcp = root.OpenSubKey($@"SOFTWARE\Microsoft\Microsoft SQL Server\{id}\MSSQLServer\SuperSocketNetLib\Tcp\IPAll");
                        if (tcp?.GetValue("TcpPort") is string p && int.TryParse(p, out var n)) port = n;
                    }
                    if (!list.Exists(i => i.InstanceName.Equals(instance, StringComparison.OrdinalIgnoreCase)))
                        list.Add(new SqlServerInstance(Environment.MachineName, instance, null, port, "registry"));
                }
            }
            catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
            {
                // a registry this account may not read: nothing found there
            }
        }
        return list;
    }
}

/// <summary>
/// Every place KonektoSync looks for SQL Servers: the SQL Browsers that answer a broadcast, the
/// named hosts asked directly (all their instances, and the programs' default instance names),
/// and the instances installed on this Windows machine.
/// </summary>
public static class SqlServerDiscovery
{
    /// <summary>Instance names the programs install by default, with the program.</summary>
    public static IReadOnlyList<(string Instance, string Program)> ProgramInstances { get; } =
    [
        ("INSERTGT", "Insert GT"),
        ("INSERTNEXO", "Insert nexo"),
        ("OPTIMA", "Comarch Optima"),
    ];

    /// <summary>The program whose default instance name this is, or null.</summary>
    public static string? ProgramOf(SqlServerInstance instance) =>
        ProgramInstances.FirstOrDefault(p => p.Instance.Equals(instance.InstanceName, StringComparison.OrdinalIgnoreCase)).Program;

    /// <summary>
    /// The instances found, one per server\instance (the first way it was found). The broadcast and
    /// the direct queries run together; each waits at most <paramref name="wait"/>.
    /// </summary>
    public static async Task<IReadOnlyList<SqlServerInstance>> Find(IEnumerable<string> hosts, TimeSpan wait,
        CancellationToken cancel, bool broadcast = true, int port = SqlBrowser.Port, bool registry = true)
    {
        var asks = new List<Task<IReadOnlyList<SqlServerInstance>>>();
        if (broadcast) asks.Add(SqlBrowser.Broadcast(wait, cancel, port: port));
        foreach (var host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            asks.Add(SqlBrowser.Query(host, null, wait, cancel, port));
            asks.AddRange(ProgramInstances.Select(p => SqlBrowser.Query(host, p.Instance, wait, cancel, port)));
        }
        var answers = await Task.WhenAll(asks).ConfigureAwait(false);
        var all = (registry ? SqlBrowser.Installed() : []).Concat(answers.SelectMany(a => a));
        return all.DistinctBy(i => i.Host.ToUpperInvariant()).OrderBy(i => i.Host, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
