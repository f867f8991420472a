using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

/// <summary>The rule 7 hook over firms and payers as discovery reports them.</summary>
public class PayerHookProperties
{
    private static RawFirm Firm(ProgramId program, int i, string nip, string pesel) =>
        new(program, $"F{i:D2}", nip, $"Firma {i}", "Długa 5", "00-001", "Warszawa", null, null, null,
            [new RawPerson("Jan", $"Nowak{i}", pesel, null, null, null, "Owner")]);

    private static RawFirm Payer(int i, string? nip, string? pesel) =>
        new(ProgramId.Platnik, $"P{i:D2}", nip, $"Płatnik {i}", null, null, null, null, null, null,
            pesel is null ? [] : [new RawPerson("Jan", $"Płatnik{i}", pesel, null, null, null, null)]);

    /// <summary>Firms of Raks and Fakt; payers with a firm's owner's PESEL, a firm's NIP, or a new NIP.</summary>
    private static Arbitrary<Seq<RawFirm>> Found =>
        (from firms in Gen.Zip(Gen.Elements(ProgramId.Raks, ProgramId.Fakt), Gen.Zip(DomainGen.NipDigits, DomainGen.PeselDigits))
             .NonEmptyListOf().Resize(4)
         from picks in (from how in Gen.Choose(0, 2) from which in Gen.Choose(0, 3) from nip in DomainGen.NipDigits
                        select (how, which, nip)).ListOf().Resize(5)
         let raws = firms.Select((f, i) => Firm(f.Item1, i, f.Item2.Item1, f.Item2.Item2)).ToArray()
         let payers = picks.Select((p, i) => p.how switch
         {
             0 => Payer(i, null, raws[p.which % raws.Length].People[0].Pesel),
             1 => Payer(i, raws[p.which % raws.Length].Nip, null),
             _ => Payer(i, p.nip, null),
         })
         select toSeq(raws.Concat(payers)).Strict()).ToArbitrary();

    private static bool IsPayer(ProgramId p) => PayerHook.IsPayerProgram(p);

    [Property]
    public Property Every_payer_is_a_source_of_one_firm_at_most_or_is_reported() =>
        Prop.ForAll(Found, found =>
        {
            var actual = PayerHook.Assemble(found, matchPayers: true);
            return found.Filter(r => IsPayer(r.Program)).ForAll(p =>
            {
                var holders = actual.Firms.Count(f => f.Sources.Exists(s => s.Program == p.Program && s.FirmKey == p.FirmKey));
                return holders == 1 || (holders == 0 && actual.Events.Exists(e => e.Args.Contains(p.FirmKey)));
            });
        });

    [Property]
    public Property A_firms_payer_count_is_its_payer_sources_when_another_program_has_it() =>
        Prop.ForAll(Found, found =>
        {
            var actual = PayerHook.Assemble(found, matchPayers: true);
            return actual.Firms.ForAll(f => actual.PayersOf(f.Nip) ==
                (f.Sources.Exists(s => !IsPayer(s.Program)) ? f.Sources.Count(s => IsPayer(s.Program)) : 0));
        });

    [Property]
    public Property The_firms_do_not_depend_on_the_order_they_were_found_in() =>
        Prop.ForAll(Found, found =>
            PayerHook.Assemble(found, true) == PayerHook.Assemble(found.Rev(), true)
            && PayerHook.Assemble(found, false) == PayerHook.Assemble(found.Rev(), false));

    [Property]
    public Property With_the_option_off_no_payer_is_counted() =>
        Prop.ForAll(Found, found => PayerHook.Assemble(found, matchPayers: false).PayersPerFirm.IsEmpty);
}
