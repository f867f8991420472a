using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class PayerMatchingProperties
{
    /// <summary>Payers built from the firms' own identifiers (so that they match) and new ones.</summary>
    private static Arbitrary<(MergedFirm[] Firms, PayerIdentity[] Payers)> Case =>
        (from firms in FirmGen.MergedFirm.ListOf().Resize(4)
         from fresh in Gen.Zip(DomainGen.Nip, DomainGen.Pesel).ListOf().Resize(3)
         let known = firms.SelectMany(f => f.Sources.SelectMany(s => s.Firm.People)
             .Select(p => (p.Nip, p.Pesel)).Append((Some(f.Nip), None)))
         let all = known.Concat(fresh.Select(x => (Some(x.Item1), Some(x.Item2)))).ToArray()
         select (firms.DistinctBy(f => f.Nip).ToArray(),
             all.Select((x, i) => new PayerIdentity($"P{i:D3}", x.Item1, x.Item2, $"Payer {i}")).ToArray()))
        .ToArbitrary();

    private static PayerAssignment Assign((MergedFirm[] Firms, PayerIdentity[] Payers) x) =>
        PayerMatching.Assign(x.Payers.ToSeq(), x.Firms.ToSeq());

    [Property]
    public Property Every_payer_is_either_assigned_or_unmatched() =>
        Prop.ForAll(Case, x =>
        {
            var actual = Assign(x);
            return actual.Assigned.Count + actual.Unmatched.Count == x.Payers.Length
                && actual.Unmatched.ForAll(p => !actual.Assigned.ContainsKey(p.PayerKey));
        });

    [Property]
    public Property The_count_per_firm_is_the_number_of_payers_assigned_to_it() =>
        Prop.ForAll(Case, x =>
        {
            var actual = Assign(x);
            return actual.CountPerFirm.Values.Sum() == actual.Assigned.Count
                && actual.CountPerFirm.ForAll((nip, n) => actual.Assigned.Values.Count(v => v == nip) == n);
        });

    [Property]
    public Property An_assigned_payer_shares_a_nip_or_pesel_with_its_firm() =>
        Prop.ForAll(Case, x =>
        {
            var actual = Assign(x);
            return actual.Assigned.ForAll((key, nip) =>
            {
                var payer = x.Payers.Single(p => p.PayerKey == key);
                var firm = x.Firms.Single(f => f.Nip == nip);
                return payer.Nip == Some(firm.Nip) || firm.Sources.Exists(s => s.Firm.People.Exists(
                    p => (payer.Nip.IsSome && p.Nip == payer.Nip) || (payer.Pesel.IsSome && p.Pesel == payer.Pesel)));
            });
        });

    [Property]
    public Property The_order_of_payers_and_firms_does_not_change_the_assignment() =>
        Prop.ForAll(Case, x =>
        {
            var reversed = (x.Firms.Reverse().ToArray(), x.Payers.Reverse().ToArray());
            var (a, b) = (Assign(x), Assign(reversed));
            return a.Assigned == b.Assigned && a.CountPerFirm == b.CountPerFirm
                && a.Unmatched.OrderBy(p => p.PayerKey).SequenceEqual(b.Unmatched.OrderBy(p => p.PayerKey));
        });
}
