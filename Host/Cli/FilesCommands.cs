using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Dbf;
using KonektoSync.Extract.Engines.Files;
using KonektoSync.Extract.Engines.Odbc;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `files dump`: a DBF, Paradox or MS Access table as CSV on stdout; the encoding chosen and the
/// counts of records read, deleted and rejected on stderr. What a technician runs when Polish
/// letters come out wrong.
/// </summary>
public static class FilesCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var path = new Argument<string>("path") { Description = "A .dbf, .db (Paradox), .mdb or .accdb file" };
        var table = new Option<string?>("--table") { Description = "The table of an Access database (without it: the list of tables)" };
        var encoding = new Option<string>("--encoding") { Description = "auto | 852 | 1250 | mazovia | a code page", DefaultValueFactory = _ => "auto" };
        var limit = new Option<long?>("--limit") { Description = "At most this many records" };
        var driver = new Option<string?>("--driver") { Description = $"ODBC driver for Access (default: {AccessSource.DefaultDriver})" };
        var dump = new Command("dump", "Print a table as CSV with the detected encoding and the record counts") { path, table, encoding, limit, driver };
        dump.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            var file = Path.GetFullPath(pr.GetValue(path)!);
            var enc = EncodingOption.Parse(pr.GetValue(encoding) ?? "auto");
            if (enc.IsLeft)
                return Task.FromResult(c.Out.Fail(Problem.Of("files.encoding", enc.LeftToSeq().Head,
                    pr.GetValue(encoding) ?? "auto")));
            var ext = Path.GetExtension(file).ToLowerInvariant();
            if (ext is ".mdb" or ".accdb" && pr.GetValue(table) is null)
                return Task.FromResult(ListAccessTables(c, file, pr.GetValue(driver)));
            var opened = ext is ".mdb" or ".accdb"
                ? FileDump.OpenAccess(file, pr.GetValue(table)!, pr.GetValue(driver))
                : FileDump.Open(file, enc.RightToSeq().Head);
            return Task.FromResult(opened.Match(
                Right: t => Dump(c, t, pr.GetValue(limit), ct),
                Left: f => c.Out.Fail(Problem.Of(f.Code, f.ToString()), Exit.SomeFailed)));
        });
        var cmd = new Command("files", "Read legacy data files (DBF, Paradox, MS Access)");
        cmd.Subcommands.Add(dump);
        return cmd;
    }

    private static int Dump(CliContext c, ITableFile table, long? limit, CancellationToken ct)
    {
        using (table)
        {
            var faults = new List<FileFault>();
            var counts = FileDump.WriteCsv(table, c.Out.Out, limit, faults.Add, ct);
            var notes = table is DbfTable dbf ? dbf.Notes : [];
            var summary = new
            {
                file = table.Path, format = table.Format,
                encoding = table.Encoding.Name, codePage = table.Encoding.CodePage, encodingChosen = table.Encoding.How,
                read = counts.Read, deleted = counts.Deleted, rejected = counts.Rejected,
                notes = notes.Select(n => n.ToString()).ToArray(),
                faults = faults.Take(100).Select(f => f.ToString()).ToArray(),
            };
            if (c.Out.Json)
                c.Out.Err.WriteLine(System.Text.Json.JsonSerializer.Serialize(summary));
            else
            {
                c.Out.Error(Texts.Texts.Get("files.summary", table.Format, table.Encoding.Name, table.Encoding.How,
                    counts.Read, counts.Deleted, counts.Rejected));
                foreach (var n in summary.notes) c.Out.Error("  " + n);
                foreach (var f in summary.faults) c.Out.Error("  " + f);
            }
            return counts.Rejected > 0 ? Exit.SomeFailed : Exit.Ok;
        }
    }

    // A damaged file lists what could be read, then says what could not (exit 1).
    private static int ListAccessTables(CliContext c, string file, string? driver) =>
        AccessSource.Create(file, driver).Bind(AccessCatalog.Listing).Match(
            Right: listing =>
            {
                if (c.Out.Json) c.Out.WriteJson(listing.Tables.ToArray());
                else foreach (var t in listing.Tables) c.Out.Line(t);
                if (!listing.IsPartial) return Exit.Ok;
                var count = listing.UnnamedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return listing.Truncated
                    ? c.Out.Fail(Problem.Of("access.partial.truncated",
                        $"{file} is truncated (it ends inside a page) and its catalogue was read only in part " +
                        $"({count} entries without a readable name): the tables listed are those that could be read; " +
                        "restore the file from a backup", file, count), Exit.SomeFailed)
                    : c.Out.Fail(Problem.Of("access.partial",
                        $"the catalogue of {file} was read only in part ({count} entries without a readable name): " +
                        "the tables listed are those that could be read; open the file in Access (Compact and Repair) " +
                        "or restore it from a backup", file, count), Exit.SomeFailed);
            },
            Left: f => c.Out.Fail(Problem.Of(f.Code, f.ToString()), Exit.SomeFailed));
}
