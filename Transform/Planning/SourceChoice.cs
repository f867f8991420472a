using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// Rule 2: the source of a firm's slot is the firm's own setting, else the global setting
/// (*Ustaw program dla wszystkich firm z listy*), else the only program that has the firm.
/// *nie aktualizuj* at the deciding level switches the slot off; a chosen program without the
/// firm gives *brak danych*; several programs with nothing chosen give a conflict, never a pick.
/// </summary>
public static class SourceChoice
{
    public static SourceDecision Choose(
        MergedFirm firm, SourceSlot slot, SourceSettings own, SourceSettings global) =>
        (own.For(slot), global.For(slot)) switch
        {
            (SourceSetting.NotSet, SourceSetting.NotSet) => ByPrograms(firm),
            (SourceSetting.NotSet, var g) => BySetting(firm, g, SourceDecision.ByGlobalSetting),
            var (o, _) => BySetting(firm, o, SourceDecision.ByOwnSetting),
        };

    private static SourceDecision BySetting(MergedFirm firm, SourceSetting setting, string why) =>
        setting switch
        {
            SourceSetting.FromProgram p => firm.In(p.Program).Match<SourceDecision>(
                Some: s => new SourceDecision.Chosen(s.Program, s.FirmKey, why),
                None: () => new SourceDecision.NoData(p.Program)),
            SourceSetting.DoNotUpdate => new SourceDecision.Off(),
            _ => ByPrograms(firm),
        };

    private static SourceDecision ByPrograms(MergedFirm firm) =>
        firm.Programs.Count == 1
            ? firm.In(firm.Programs[0]).Match<SourceDecision>(
                Some: s => new SourceDecision.Chosen(s.Program, s.FirmKey,
                    SourceDecision.ByOnlyProgram),
                None: () => new SourceDecision.Conflict(firm.Programs))
            : new SourceDecision.Conflict(firm.Programs);
}
