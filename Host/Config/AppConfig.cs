using System.Text.Json;
using System.Text.Json.Serialization;
using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Config;

/// <summary>One program's settings in konektosync.json. The password is a protected reference only.</summary>
public sealed class ProgramEntry
{
    public bool Enabled { get; set; } = true;
    public SortedDictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);
    /// <summary>"env:VARIABLE" or "file:/path/readable/by/owner/only" (or "dpapi:..." on Windows).</summary>
    public string? Password { get; set; }
}

public sealed class SourceEntry
{
    public string? Zus { get; set; }
    public string? Taxes { get; set; }
    public string? Basic { get; set; }
}

public sealed class OptionsEntry
{
    public bool SendErrorReports { get; set; }
    public bool AutoActivation { get; set; }
    public bool UpdateBasicData { get; set; } = true;
    public bool CopyZusForward { get; set; }
    public bool MatchPayers { get; set; }
    /// <summary>Where error reports are sent (https://…); none: they are written to reports/ in the data folder.</summary>
    public string? ReportsEndpoint { get; set; }
}

/// <summary>The mail server summaries and activation links are sent through (SMTP); the password is a protected reference only.</summary>
public sealed class MailEntry
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>"none", "starttls" or "ssl".</summary>
    public string Tls { get; set; } = "starttls";
    public string? User { get; set; }
    /// <summary>"env:VARIABLE" or "file:/path" (see <see cref="SecretRefs"/>).</summary>
    public string? Password { get; set; }
    public string From { get; set; } = "";
}

/// <summary>An HTTP SMS gateway: a URL template with {phone} and {text}; the token is a protected reference only.</summary>
public sealed class SmsEntry
{
    public string UrlTemplate { get; set; } = "";
    /// <summary>"env:VARIABLE" or "file:/path", sent as a Bearer token.</summary>
    public string? Token { get; set; }
    /// <summary>"GET" or "POST".</summary>
    public string Method { get; set; } = "GET";
}

public sealed class ChannelEntry
{
    public bool Sms { get; set; }
    public bool Email { get; set; }
}

public sealed class DefaultsEntry
{
    public string? From { get; set; }
    public string? To { get; set; }
    public List<string> Kinds { get; set; } = ["zus", "taxes", "statements"];
}

/// <summary>
/// Aktualizacja automatyczna: the worker (`konektosync service run`). <see cref="When"/> is
/// "schedule" (the cron expression <see cref="Schedule"/>, local time) or "change" (every
/// <see cref="CheckSeconds"/> the programs' data is compared with the last run's, and the
/// programs that changed are synced). Each run reads the last <see cref="Months"/> months up to the current one.
/// </summary>
public sealed class AutoUpdateEntry
{
    public const string DefaultSchedule = "*/30 7-18 * * 1-5";
    public bool Enabled { get; set; }
    /// <summary>Zatwierdzaj dane przy aktualizacji automatycznej.</summary>
    public bool Approve { get; set; }
    public List<string> Kinds { get; set; } = ["zus", "taxes", "statements"];
    public string When { get; set; } = "schedule";
    public string Schedule { get; set; } = DefaultSchedule;
    public int CheckSeconds { get; set; } = 60;
    public int Months { get; set; } = 2;
}

/// <summary>What a person sets: konektosync.json in the data folder.</summary>
public sealed class AppConfig
{
    public int Version { get; set; } = 1;
    public SortedDictionary<string, ProgramEntry> Programs { get; set; } = new(StringComparer.Ordinal);
    public SortedSet<string> SelectedFirms { get; set; } = new(StringComparer.Ordinal);
    public SourceEntry GlobalSources { get; set; } = new();
    public SortedDictionary<string, SourceEntry> FirmSources { get; set; } = new(StringComparer.Ordinal);
    public OptionsEntry Options { get; set; } = new();
    public DefaultsEntry Defaults { get; set; } = new();
    public SortedDictionary<string, ChannelEntry> Channels { get; set; } = new(StringComparer.Ordinal);
    public AutoUpdateEntry AutoUpdate { get; set; } = new();
    public MailEntry? Mail { get; set; }
    public SmsEntry? Sms { get; set; }
    /// <summary>The panel's address for clients (https://...), in summaries and activation links.</summary>
    public string? PanelUrl { get; set; }

    /// <summary>The panel server the sync delivers to (<c>panel connect</c>); null: the local panel.</summary>
    public RemotePanelEntry? Panel { get; set; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Options ToOptions() => new(Options.SendErrorReports, Options.AutoActivation,
        Options.UpdateBasicData, Options.CopyZusForward, Options.MatchPayers, MailConfigured: Mail is not null);

    public static SourceSetting ParseSource(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => SourceSetting.Unset,
        "none" or "off" or "nie-aktualizuj" => SourceSetting.Off,
        var t => ProgramIds.FromCode(t) is { } p ? SourceSetting.Of(p) : SourceSetting.Unset,
    };

    public static string? SourceText(SourceSetting s) => s switch
    {
        SourceSetting.FromProgram p => p.Program.Code(),
        SourceSetting.DoNotUpdate => "none",
        _ => null,
    };

    public static SourceSettings ToSettings(SourceEntry e) =>
        new(ParseSource(e.Zus), ParseSource(e.Taxes), ParseSource(e.Basic));

    [JsonIgnore]
    public SourceSettings Global => ToSettings(GlobalSources);

    [JsonIgnore]
    public Map<Nip, SourceSettings> PerFirm =>
        toMap(FirmSources.Choose(kv => Nip.Create(kv.Key).ToOption()
            .Map(n => (n, ToSettings(kv.Value)))));

    [JsonIgnore]
    public Set<Nip> Selected =>
        toSet(SelectedFirms.Choose(s => Nip.Create(s).ToOption()));

    public Channels ChannelsOf(Nip nip) =>
        Channels.TryGetValue(nip.Value, out var c) ? new(c.Sms, c.Email) : new(false, false);
}

/// <summary>A panel server: its address and its API token as a protected reference (env:NAME or file:PATH).</summary>
public sealed class RemotePanelEntry
{
    public string Url { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary>The longest one request may take, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How often a request that failed for a transient reason is tried again.</summary>
    public int Retries { get; set; } = 4;
}
