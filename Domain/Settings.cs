using LanguageExt;

namespace KonektoSync.Domain;

/// <summary>A source setting for one slot: not set, a program, or *nie aktualizuj*.</summary>
public abstract record SourceSetting
{
    private SourceSetting() { }
    public sealed record NotSet : SourceSetting;
    public sealed record FromProgram(ProgramId Program) : SourceSetting;
    /// <summary>*nie aktualizuj*: this data kind is off for the firm.</summary>
    public sealed record DoNotUpdate : SourceSetting;

    public static readonly SourceSetting Unset = new NotSet();
    public static readonly SourceSetting Off = new DoNotUpdate();
    public static SourceSetting Of(ProgramId p) => new FromProgram(p);
}

/// <summary>The three source slots of a firm (or of the global line).</summary>
public sealed record SourceSettings(SourceSetting Zus, SourceSetting TaxesAndStatements, SourceSetting Basic)
{
    public static readonly SourceSettings None =
        new(SourceSetting.Unset, SourceSetting.Unset, SourceSetting.Unset);

    public SourceSetting For(SourceSlot slot) => slot switch
    {
        SourceSlot.Zus => Zus,
        SourceSlot.Basic => Basic,
        _ => TaxesAndStatements,
    };

    public SourceSettings With(SourceSlot slot, SourceSetting s) => slot switch
    {
        SourceSlot.Zus => this with { Zus = s },
        SourceSlot.Basic => this with { Basic = s },
        _ => this with { TaxesAndStatements = s },
    };
}

/// <summary>The options of the manual.</summary>
public sealed record Options(
    bool SendErrorReports,
    bool AutoActivation,
    bool UpdateBasicData,
    bool CopyZusForward,
    bool MatchPayers,
    bool MailConfigured)
{
    public static readonly Options Default = new(false, false, true, false, false, false);
}

/// <summary>A client's notification channels, as the panel knows them.</summary>
public sealed record Channels(bool Sms, bool Email);

/// <summary>What a sync is asked to do (manual or automatic update).</summary>
public sealed record SyncRequest(
    Period From,
    Period To,
    Set<DataKind> Kinds,
    Option<Set<Nip>> Firms,
    bool Approve,
    bool SendSummary,
    bool Manual);
