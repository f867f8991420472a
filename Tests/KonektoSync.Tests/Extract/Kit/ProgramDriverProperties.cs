using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Tests.Extract.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Kit;

/// <summary>The driver's Read framing for any plan, on the Raks and Fakt samples (embedded Firebird).</summary>
[Collection("Firebird")]
public sealed class ProgramDriverProperties(FirebirdFixture fb)
{
    private sealed record Case(bool Raks, string[] Keys, DataKind[] Kinds, int From, int To)
    {
        public override string ToString() => $"{(Raks ? "Raks" : "Fakt")} [{string.Join(",", Keys)}] [{string.Join(",", Kinds)}] {From}-{To}";
    }

    private static Gen<Case> Cases =>
        from raks in Gen.Elements(true, false)
        from keys in Gen.Elements("1", "2", "3", "4", "5", "6", "77", "x").ListOf().Select(l => l.Distinct().ToArray())
        from kinds in Gen.SubListOf(DataKinds.All).Select(l => l.ToArray())
        from a in Gen.Choose(1, 12)
        from b in Gen.Choose(1, 12)
        select new Case(raks, keys, kinds, Math.Min(a, b), Math.Max(a, b));

    [Property(MaxTest = 12)]
    public Property Every_planned_group_ends_exactly_once_after_its_records_whatever_the_plan() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var (connector, folder, program) = c.Raks
                ? (RaksProgram.Connector(DetectPlaces.None), fb.RaksFolder, ProgramId.Raks)
                : (FaktProgram.Connector(DetectPlaces.None), fb.FaktFolder, ProgramId.Fakt);
            var plan = new ReadPlan(c.Keys.Select(k => new ReadItem(k, Nip(Shared.Nip), LanguageExt.Prelude.toSet(c.Kinds))).ToSeq(),
                Month(Year, c.From), Month(Year, c.To));

            var records = All(connector.Read(Config(program, folder, "embedded"), plan, CancellationToken.None)).GetAwaiter().GetResult();

            var ends = records.OfType<GroupEnd>().Select(e => (e.FirmKey, e.Kind)).ToList();
            var planned = c.Keys.SelectMany(k => c.Kinds.Select(kind => (k, kind))).ToList();
            var lastEnd = records.Select((r, i) => (r, i)).Where(x => x.r is GroupEnd).Select(x => x.i).DefaultIfEmpty(-1).Max();
            var unknown = records.OfType<GroupEnd>().Where(e => e.FirmKey is "77" or "x");
            return ends.Count == planned.Count && ends.ToHashSet().SetEquals(planned)
                && lastEnd == records.Count - 1
                && unknown.All(e => e.Failure?.Code == "program.firm-missing");
        });
}
