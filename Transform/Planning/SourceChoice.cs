using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// Rule 2: the source of a firm's slot is the firm's own setting, else the global setting
/// (*Ustaw program dla wszystkich firm z listy*), else the only program that has the firm.
/// *nie aktualizuj* at the deciding level switches the slot off; a chosen program without the
/// firm gives *brak danych*. For ZUS and for taxes and statements, several programs with nothing
/// chosen give a conflict, never a pick. Basic data has a default instead (the manual's firm list
/// always names the program basic data comes from): the first program in <see cref="BasicOrder"/>
/// that has the firm.
/// </summary>
public static class SourceChoice
{
    public static SourceDecision Choose(
        MergedFirm firm, SourceSlot slot, SourceSettings own, SourceSettings global) =>
        (own.For(slot), global.For(slot)) switch
        {
            (SourceSetting.NotSet, SourceSetting.NotSet) => ByPrograms(firm, slot),
            (SourceSetting.NotSet, var g) => BySetting(firm, slot, g, SourceDecision.ByGlobalSetting),
            var (o, _) => BySetting(firm, slot, o, SourceDecision.ByOwnSetting),
        };

    /// <summary>
    /// The fixed order that picks the default source of basic data among the programs that have
    /// the firm: the order of <see cref="ProgramId"/> (programs by name), with the payer programs
    /// (Płatnik, Reset2 Płatnik) last, since they hold a ZUS payer, not the firm's own record. The
    /// default never depends on the order programs were configured or firms were found.
    /// </summary>
    public static Seq<ProgramId> BasicOrder { get; } = toSeq(Enum.GetValues<ProgramId>())
        .OrderBy(p => PayerHook.IsPayerProgram(p) ? 1 : 0).ThenBy(p => p).ToSeq().Strict();

    private static SourceDecision BySetting(MergedFirm firm, SourceSlot slot, SourceSetting setting, string why) =>
        setting switch
        {
            SourceSetting.FromProgram p => firm.In(p.Program).Match<SourceDecision>(
                Some: s => new SourceDecision.Chosen(s.Program, s.FirmKey, why),
                None: () => new SourceDecision.NoData(p.Program)),
            SourceSetting.DoNotUpdate => new SourceDecision.Off(),
            _ => ByPrograms(firm, slot),
        };

    private static SourceDecision ByPrograms(MergedFirm firm, SourceSlot slot) =>
        firm.Programs.Count == 1 ? Pick(firm, firm.Programs[0], SourceDecision.ByOnlyProgram)
        : slot == SourceSlot.Basic && !firm.Programs.IsEmpty
            ? Pick(firm, BasicOrder.Find(p => firm.Programs.Contains(p)).IfNone(firm.Programs[0]),
                SourceDecision.ByDefaultOrder)
        : new SourceDecision.Conflict(firm.Programs);

    private static SourceDecision Pick(MergedFirm firm, ProgramId program, string why) =>
        firm.In(program).Match<SourceDecision>(
            Some: s => new SourceDecision.Chosen(s.Program, s.FirmKey, why),
            None: () => new SourceDecision.Conflict(firm.Programs));
}
