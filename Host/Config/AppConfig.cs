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
    public bool MailConfigured { get; set; }
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

    /// <summary>The panel server the sync delivers to (<c>panel connect</c>); null: the local panel.</summary>
    public RemotePanelEntry? Panel { get; set; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Options ToOptions() => new(Options.SendErrorReports, Options.AutoActivation,
        Options.UpdateBasicData, Options.CopyZusForward, Options.MatchPayers, Options.MailConfigured);

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
