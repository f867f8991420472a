using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Programs.StreamSoftPcBiznes;
using KonektoSync.Tests.Extract.Programs.Files;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.StreamSoftPcBiznes;

/// <summary>
/// PCBiznes' Paradox files damaged at random (cut anywhere, a byte changed anywhere): a whole read
/// never throws, ends every planned group exactly once, and a failed group names a file or folder of the
/// copy; the firms whose files were not touched read as before (unless the firm table no longer fits the
/// profile, which fails the listing with one problem).
/// </summary>
public sealed class StreamSoftPcBiznesFileProperties(PcBiznesFixture pc) : IClassFixture<PcBiznesFixture>
{
    private readonly IProgramConnector _pc = StreamSoftPcBiznesProgram.Connector(DetectPlaces.None);

    private ReadPlan Plan => new(pc.Sample.Firms.Where(f => KonektoSync.Domain.Nip.Create(f.Nip).IsSuccess).Select(f => new ReadItem(f.FirmKey, Nip(f.Nip), LanguageExt.Prelude.toSet(DataKinds.All))).ToSeq(),
        Month(Year, 1), Month(Year, 12));

    [Property(MaxTest = 100)]
    public Property A_damaged_table_fails_at_most_its_own_firm_and_names_the_file() =>
        Prop.ForAll(Gen.Choose(0, pc.Sample.Files.Count - 1).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(),
            ArbMap.Default.GeneratorFor<bool>().ToArbitrary(), (file, at, cut) =>
        {
            var copy = Path.Combine(pc.Root, "fuzz-" + Guid.NewGuid().ToString("N")[..8]);
            TableFilesContract.CopyTree(pc.Folder, copy);
            var damaged = Path.Combine(copy, Path.GetRelativePath(pc.Folder, pc.Sample.Files[file]));
            var bytes = File.ReadAllBytes(damaged);
            var offset = at % bytes.Length;
            if (cut) bytes = bytes[..offset];
            else bytes[offset] ^= (byte)(1 + at % 255);
            File.WriteAllBytes(damaged, bytes);
            var firm = Path.GetRelativePath(copy, damaged).Split(Path.DirectorySeparatorChar)[2];

            var whole = All(_pc.Read(StreamSoftPcBiznesProgramTests.Config(pc.Folder), Plan, CancellationToken.None)).GetAwaiter().GetResult();
            var records = All(_pc.Read(StreamSoftPcBiznesProgramTests.Config(copy), Plan, CancellationToken.None)).GetAwaiter().GetResult();

            var ends = records.OfType<GroupEnd>().ToList();
            var planned = Plan.Items.SelectMany(i => i.Kinds.Select(k => (i.FirmKey, k))).Order().ToList();
            var failures = ends.Where(e => e.Failure is not null).ToList();
            string Canon(SourceRecord r) => r.ToString();
            // a firm table whose column names were damaged no longer fits the profile: the listing fails, so every
            // firm's basic data fails with that one problem; the other kinds of the other firms read as before
            bool Basic(SourceRecord r) => r is RawBasicData || r is GroupEnd { Kind: DataKind.Basic };
            var elsewhere = failures.Where(e => e.FirmKey != firm).ToList();
            return ends.Select(e => (e.FirmKey, e.Kind)).Order().SequenceEqual(planned)
                && failures.All(e => e.Failure!.Message.Contains(copy, StringComparison.Ordinal))
                && elsewhere.All(e => e.Kind == DataKind.Basic) && elsewhere.Select(e => e.Failure).Distinct().Count() <= 1
                && whole.Where(r => r.FirmKey != firm && !Basic(r)).Select(Canon)
                    .SequenceEqual(records.Where(r => r.FirmKey != firm && !Basic(r)).Select(Canon));
        });
}
