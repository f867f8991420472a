using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class SyncPlannerProperties
{
    private sealed record Case(Seq<MergedFirm> Firms, Map<Nip, SourceSettings> Own,
        SourceSettings Global, Set<Nip> Selected, SyncRequest Request);

    private static Arbitrary<Case> Cases =>
        (from firms in FirmGen.MergedFirm.ListOf().Resize(5)
             .Select(fs => toSeq(fs.DistinctBy(f => f.Nip)).Strict())
         from own in FirmGen.Settings.ArrayOf(firms.Count)
         from global in FirmGen.Settings
         from picked in Gen.Elements(true, false).ArrayOf(firms.Count)
         from kinds in Gen.SubListOf(DataKinds.All)
         from start in DomainGen.Period
         from months in Gen.Choose(0, 12)
         select new Case(firms, toMap(firms.Zip(own, (f, s) => (f.Nip, s))), global,
             toSet(firms.Where((_, i) => picked[i]).Select(f => f.Nip)),
             new SyncRequest(start, Enumerable.Range(0, months).Aggregate(start, (p, _) => p.Next),
                 toSet(kinds), None, false, false, true))).ToArbitrary();

    private static SyncPlan Plan(Case c) =>
        SyncPlanner.Plan(c.Firms, c.Own, c.Global, c.Selected, c.Request);

    private static Seq<(ProgramId Program, PlanItem Item)> Items(SyncPlan plan) =>
        toSeq(plan.PerProgram.AsEnumerable().SelectMany(kv => kv.Value.Map(i => (kv.Key, i))));

    [Property]
    public Property Only_selected_firms_are_read() =>
        Prop.ForAll(Cases, c => Items(Plan(c)).ForAll(x => c.Selected.Contains(x.Item.Firm)));

    [Property]
    public Property Every_read_is_from_a_program_that_has_the_firm_under_that_key() =>
        Prop.ForAll(Cases, c => Items(Plan(c)).ForAll(x => c.Firms.Exists(f => f.Nip == x.Item.Firm
            && f.Sources.Exists(s => s.Program == x.Program && s.FirmKey == x.Item.FirmKey))));

    [Property]
    public Property Each_kind_of_a_firm_is_read_from_one_program_at_most() =>
        Prop.ForAll(Cases, c => Items(Plan(c))
            .SelectMany(x => x.Item.Kinds.Map(k => (x.Item.Firm, k)))
            .GroupBy(fk => fk).All(g => g.Count() == 1));

    [Property]
    public Property Every_selected_firm_has_its_basic_data_read_or_a_note_saying_why_not() =>
        Prop.ForAll(Cases, c =>
        {
            var plan = Plan(c);
            return c.Selected.ForAll(nip =>
                Items(plan).Exists(x => x.Item.Firm == nip && x.Item.Kinds.Contains(DataKind.Basic))
                || plan.Notes.Exists(n => n.Firm == Some(nip) && n.Kind == Some(DataKind.Basic)));
        });

    [Property]
    public Property Without_a_basic_data_setting_every_selected_firm_has_its_basic_data_read_from_the_default_program() =>
        Prop.ForAll(Cases, c =>
        {
            var unset = c with
            {
                Own = c.Own.Map(s => s.With(SourceSlot.Basic, SourceSetting.Unset)),
                Global = c.Global.With(SourceSlot.Basic, SourceSetting.Unset),
            };
            var plan = Plan(unset);
            return c.Request.From > c.Request.To || unset.Selected.ForAll(nip =>
            {
                var firm = unset.Firms.Find(f => f.Nip == nip);
                var expected = firm.Bind(f => SourceChoice.BasicOrder.Find(p => f.Programs.Contains(p)));
                return Items(plan).Exists(x => x.Item.Firm == nip && x.Item.Kinds.Contains(DataKind.Basic)
                        && Some(x.Program) == expected)
                    && plan.Rows.Exists(r => r.Firm == nip && r.Basic is SourceDecision.Chosen ch
                        && Some(ch.Program) == expected);
            });
        });

    [Property]
    public Property Every_firm_found_has_one_row() =>
        Prop.ForAll(Cases, c => Plan(c).Rows.Map(r => r.Firm) == c.Firms.Map(f => f.Nip).OrderBy(n => n).ToSeq());
}
