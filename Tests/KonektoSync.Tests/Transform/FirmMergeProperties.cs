using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Firms;
using LanguageExt;

namespace KonektoSync.Tests.Transform;

public class FirmMergeProperties
{
    private static Arbitrary<(RawFirm[] Valid, RawFirm[] Invalid)> Found =>
        (from valid in FirmGen.ValidRaw.ListOf().Resize(12)
         from shared in DomainGen.NipDigits.SelectMany(DomainGen.NipWritten).ListOf().Resize(3)
         from invalid in FirmGen.InvalidNipRaw.ListOf().Resize(4)
         select (SomeShareNips(valid.ToArray(), shared.ToArray()), invalid.ToArray())).ToArbitrary();

    /// <summary>Gives some firms the same NIP (written differently) so that merging happens.</summary>
    private static RawFirm[] SomeShareNips(RawFirm[] firms, string[] nips) =>
        nips.Length == 0
            ? firms
            : firms.Select((f, i) => i % 2 == 0 ? f with { Nip = nips[i % nips.Length] } : f).ToArray();

    private static FirmMergeResult Merge(IEnumerable<RawFirm> found) => FirmMerge.Merge(found.ToSeq());

    private static string NipOf(RawFirm raw) => DomainGen.Valid(Nip.Create(raw.Nip)).Value;

    [Property]
    public Property Yields_exactly_one_firm_per_valid_nip() =>
        Prop.ForAll(Found, x =>
        {
            var actual = Merge(x.Valid.Concat(x.Invalid)).Firms.Map(f => f.Nip.Value);
            var expected = x.Valid.Select(NipOf).Distinct().Order(StringComparer.Ordinal);
            return actual.SequenceEqual(expected);
        });

    [Property]
    public Property Every_valid_firm_is_a_source_of_exactly_one_merged_firm() =>
        Prop.ForAll(Found, x =>
        {
            var sources = Merge(x.Valid.Concat(x.Invalid)).Firms
                .Bind(f => f.Sources.Map(s => (f.Nip.Value, s.Program, s.FirmKey, s.Firm.Nip.Value)));
            var expected = x.Valid.Select(r => (NipOf(r), r.Program, r.FirmKey, NipOf(r)));
            return sources.Count == x.Valid.Length
                && sources.OrderBy(s => s).SequenceEqual(expected.OrderBy(s => s));
        });

    [Property]
    public Property Every_firm_with_an_invalid_nip_yields_one_event_naming_it() =>
        Prop.ForAll(Found, x =>
        {
            var events = Merge(x.Valid.Concat(x.Invalid)).Events
                .Filter(e => e.Code == "firm.invalid-nip");
            return events.Count == x.Invalid.Length
                && x.Invalid.All(r => events.Exists(e => e.Args[1] == r.FirmKey
                    && e.Program == Prelude.Some(r.Program)));
        });

    [Property]
    public Property The_order_firms_are_found_in_does_not_change_the_result() =>
        Prop.ForAll(Found, Gen.Choose(0, int.MaxValue).ToArbitrary(), (x, seed) =>
        {
            var all = x.Valid.Concat(x.Invalid).ToArray();
            var shuffled = all.ToArray();
            new Random(seed).Shuffle(shuffled);
            var (a, b) = (Merge(all), Merge(shuffled));
            return a.Firms == b.Firms && a.Events == b.Events;
        });

    private static readonly Gen<string> PlaceholderDigits =
        Gen.Elements(Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 10)).Append("0123456789").ToArray());

    private static Arbitrary<(RawFirm[] Valid, RawFirm[] Placeholder)> WithPlaceholders =>
        (from valid in FirmGen.ValidRaw.ListOf().Resize(8)
         from placeholder in (from firm in FirmGen.ValidRaw
                              from nip in PlaceholderDigits.SelectMany(DomainGen.NipWritten)
                              select firm with { Nip = nip }).ListOf().Resize(6)
         select (valid.ToArray(), placeholder.ToArray())).ToArbitrary();

    [Property]
    public Property A_placeholder_nip_never_merges_firms_and_leaves_the_others_as_they_were() =>
        Prop.ForAll(WithPlaceholders, x =>
        {
            var withPlaceholders = Merge(x.Valid.Concat(x.Placeholder));
            var without = Merge(x.Valid);

            return withPlaceholders.Firms == without.Firms
                && withPlaceholders.Firms.ForAll(f => !FirmValidation.IsPlaceholder(f.Nip));
        });

    [Property]
    public Property Every_firm_with_a_placeholder_nip_gets_exactly_one_event_naming_it() =>
        Prop.ForAll(WithPlaceholders, x =>
        {
            var events = Merge(x.Valid.Concat(x.Placeholder)).Events;

            var placeholderEvents = events.Filter(e => e.Code == "firm.placeholder-nip");
            return placeholderEvents.Count == x.Placeholder.Length
                && x.Placeholder.All(r => placeholderEvents.Count(e => e.Args[1] == r.FirmKey
                    && e.Program == Prelude.Some(r.Program)) == x.Placeholder.Count(o => o.FirmKey == r.FirmKey
                    && o.Program == r.Program))
                && x.Placeholder.All(r => !events.Exists(e => e.Code is "firm.invalid-nip" or "firm.invalid"
                    && e.Args[1] == r.FirmKey && e.Program == Prelude.Some(r.Program)));
        });
}
