using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>
/// Basic data: the firm and its people, validated by <see cref="FirmValidation"/>. The firm's
/// NIP is the plan's (the merged firm's), whatever spelling the program uses.
/// </summary>
internal static class BasicDataFacts
{
    public static (IEnumerable<Fact>, IEnumerable<SyncEvent>) Build(GroupContext ctx, SourceRecord[] group)
    {
        var raw = group.OfType<RawBasicData>().LastOrDefault();
        if (raw is null) return ([], []);
        return FirmValidation.ValidateWithWarnings(raw.Data with { Nip = ctx.Firm.Value }).Match(
            Succ: v => (
                [ctx.Fact(None, "firm", new FactBody.BasicData(v.Firm))],
                v.Warnings.Map(ctx.Complete)),
            Fail: ps => (
                Enumerable.Empty<Fact>(),
                ps.Map(p => ctx.Event(Severity.Warning, p,
                    $"complete the firm's data in {ctx.Program} and update again"))));
    }
}
