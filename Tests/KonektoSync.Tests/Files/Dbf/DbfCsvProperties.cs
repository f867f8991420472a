using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;

namespace KonektoSync.Tests.Files.Dbf;

/// <summary>
/// <c>files dump</c> writes a DBF's CSV straight from the record bytes. Whatever the table (valid,
/// mutated, cut, any text bytes), that CSV, its counts and its faults are those of formatting the
/// values <see cref="DbfTable.Rows"/> reads with <see cref="FileDump.Format"/> and <see cref="FileDump.Quote"/>.
/// </summary>
public sealed class DbfCsvProperties : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("konektosync-dbfcsv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The CSV of the rows as values, one string per value: what the direct writer must equal.</summary>
    private static (string Csv, long Read, long Deleted, long Rejected, string Faults) ThroughValues(DbfTable table, long? limit)
    {
        var text = new StringBuilder();
        var faults = new List<FileFault>();
        var counts = new ReadCounts();
        text.Append(string.Join(",", table.Columns.Select(c => FileDump.Quote(c.Name)))).Append("\r\n");
        long written = 0;
        if (!(limit <= 0))
            foreach (var row in table.Rows(counts))
            {
                if (row.Fault is { } fault) { faults.Add(fault); continue; }
                text.Append(string.Join(",", row.Values!.Select(v => FileDump.Quote(FileDump.Format(v))))).Append("\r\n");
                if (++written == limit) break;
            }
        return (text.ToString(), counts.Read, counts.Deleted, counts.Rejected, string.Join("\n", faults));
    }

    private static (string Csv, long Read, long Deleted, long Rejected, string Faults) Direct(DbfTable table, long? limit)
    {
        var output = new StringWriter();
        var faults = new List<FileFault>();
        var counts = FileDump.WriteCsv(table, output, limit, faults.Add);
        return (output.ToString(), counts.Read, counts.Deleted, counts.Rejected, string.Join("\n", faults));
    }

    private bool SameBothWays(string name, byte[] table, byte[] memo, string memoExt, long? limit, EncodingOption encoding)
    {
        var path = Path.Combine(_dir, name + ".dbf");
        File.WriteAllBytes(path, table);
        if (memo.Length > 0) File.WriteAllBytes(Path.Combine(_dir, name + memoExt), memo);
        return DbfTable.Open(path, DbfOptions.Default with { Encoding = encoding }).Match(
            Left: _ => true,
            Right: t =>
            {
                using (t) return ThroughValues(t, limit) == Direct(t, limit);
            });
    }

    private static Gen<long?> LimitGen => Gen.OneOf(Gen.Constant((long?)null), Gen.Choose(-1, 4).Select(n => (long?)n));

    [Property(MaxTest = 1500)]
    public Property A_mutated_table_dumps_exactly_as_its_values_format() =>
        Prop.ForAll(DbfReaderProperties.CaseGen.ToArbitrary(), LimitGen.ToArbitrary(), (c, limit) =>
        {
            var (ext, table, memo) = DbfReaderProperties.Bases[c.Base];
            return SameBothWays("t", DbfReaderProperties.Apply(table, c.Mutations), memo, ext, limit, EncodingOption.Auto);
        });

    private static readonly EncodingOption[] Encodings = [EncodingOption.Cp852, EncodingOption.Cp1250, EncodingOption.Mazovia];

    [Property(MaxTest = 300)]
    public Property Text_of_any_bytes_in_any_Polish_code_page_dumps_exactly_as_its_values_format() =>
        Prop.ForAll(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ArrayOf().ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(),
            (texts, e) =>
            {
                var builder = new DbfBytes(Encoding.Latin1).Field("TEXT", 'C', 40).Field("N", 'N', 6, 2);
                foreach (var t in texts)
                    builder.RecordOf(false, t.Take(40).Concat(Enumerable.Repeat((byte)' ', 40)).Take(40).ToArray(), "  1.50"u8.ToArray());
                return SameBothWays("x", builder.Build(), [], ".dbt", null, Encodings[e]);
            });
}
