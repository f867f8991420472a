using System.Text;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Extract.Engines.Dbf;

/// <summary>
/// A dBase III/IV, FoxPro or Visual FoxPro table opened for reading. The file is opened with
/// shared read/write/delete access and no locks, so a table the accounting program holds open can
/// be read. Records are streamed through one reused buffer; the number of records is fixed at
/// open as the smaller of the header's count and what the file really holds.
/// </summary>
public sealed class DbfTable : ITableFile
{
    private const int MaxHeaderLength = ushort.MaxValue;

    private readonly FileStream _stream;
    private readonly DbfMemoFile? _memo;
    private readonly DbfHeader _header;
    private readonly Encoding _encoding;
    private readonly DbfField[] _visible;
    private readonly DbfField? _nullFlags;

    private DbfTable(string path, FileStream stream, DbfHeader header, long records, EncodingChoice choice,
        DbfMemoFile? memo, IReadOnlyList<FileFault> notes)
    {
        Path = path;
        _stream = stream;
        _header = header;
        RecordCount = records;
        Encoding = choice;
        _encoding = TextEncodings.Get(choice.CodePage);
        _memo = memo;
        Notes = notes;
        _visible = header.Fields.Where(f => !f.IsHidden).ToArray();
        _nullFlags = header.Fields.FirstOrDefault(f => f.IsHidden);
        Columns = _visible.Select(ToColumn).ToArray();
    }

    public string Path { get; }
    public string Format => _header.FormatName;
    public EncodingChoice Encoding { get; }
    public IReadOnlyList<FileColumn> Columns { get; }
    public DbfHeader Header => _header;
    public string? MemoPath => _memo?.Path;

    /// <summary>Records that will be read (live and deleted), fixed at open.</summary>
    public long RecordCount { get; }

    /// <summary>Things worth telling the user that do not stop reading, e.g. a header claiming more records than the file holds.</summary>
    public IReadOnlyList<FileFault> Notes { get; }

    public static Either<FileFault, DbfTable> Open(string path, DbfOptions? options = null)
    {
        options ??= DbfOptions.Default;
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            var result = OpenStream(path, stream, options);
            if (result.IsLeft) stream.Dispose();
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            return FileLocks.Fault("dbf.unreadable", path, e);
        }
    }

    private static Either<FileFault, DbfTable> OpenStream(string path, FileStream stream, DbfOptions options)
    {
        var length = stream.Length;
        var head = new byte[(int)Math.Min(length, MaxHeaderLength)];
        var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return DbfHeader.Parse(head.AsSpan(0, got), length, path).Bind(header =>
        {
            var notes = new List<FileFault>();
            var records = CountRecords(path, header, length, notes);
            var choice = ChooseEncoding(stream, header, records, options);
            return OpenMemo(path, header).Map(memo =>
                new DbfTable(path, stream, header, records, choice, memo.MatchUnsafe(m => m, () => null), notes));
        });
    }

    private static long CountRecords(string path, DbfHeader header, long fileLength, List<FileFault> notes)
    {
        var present = (fileLength - header.HeaderLength) / header.RecordLength;
        if (header.DeclaredRecords > present)
            notes.Add(new FileFault("dbf.records-missing", path, header.HeaderLength + present * header.RecordLength,
                $"header declares {header.DeclaredRecords} records, the file holds {present} complete records"));
        else if (header.DeclaredRecords < present)
            // a program that appended without updating the count, or a header cut back: the records
            // past the declared count are not read, and the user hears of them
            notes.Add(new FileFault("dbf.records-beyond", path, header.HeaderLength + header.DeclaredRecords * header.RecordLength,
                $"header declares {header.DeclaredRecords} records, the file holds {present - header.DeclaredRecords} records " +
                $"more past the last declared one, which are not read"));
        return Math.Min(header.DeclaredRecords, present);
    }

    private static Either<FileFault, Option<DbfMemoFile>> OpenMemo(string path, DbfHeader header)
    {
        if (!header.HasMemoFields) return Right<FileFault, Option<DbfMemoFile>>(None);
        var memoPath = DbfMemoFile.Locate(path, header.IsFoxPro);
        if (memoPath is null)
        {
            var field = header.Fields.First(f => f.UsesMemo);
            return new FileFault("dbf.memo-missing", path, field.DescriptorOffset,
                $"the table has memo fields but no .dbt or .fpt file lies beside it");
        }
        var dbaseIv = header.Version is 0x8B or 0xCB or 0x8E or 0x43 or 0x63 or 0x04 or 0x05;
        return DbfMemoFile.Open(memoPath, dbaseIv).Map(Some);
    }

    private static EncodingChoice ChooseEncoding(FileStream stream, DbfHeader header, long records, DbfOptions options)
    {
        if (options.Encoding.CodePage is { } fixedCp)
            return new EncodingChoice(TextEncodings.ShortName(fixedCp), fixedCp, "set by option");
        var ldid = header.LanguageDriver;
        if (DbfLanguageDriver.CodePageOf(ldid) is { } cp && TextEncodings.TryGet(cp).IsSome)
            return new EncodingChoice(TextEncodings.ShortName(cp), cp, $"language driver 0x{ldid:X2}");
        var guess = PolishEncodingGuess.Choose(SampleTextBytes(stream, header, records, options.HeuristicSampleBytes));
        var name = TextEncodings.ShortName(guess.CodePage);
        var how = guess.PolishLetters > 0
            ? $"heuristic: {guess.PolishLetters} Polish letters read as {name}"
            : $"heuristic: no Polish letters found, {name} assumed";
        return new EncodingChoice(name, guess.CodePage, $"{how} (language driver 0x{ldid:X2})");
    }

    private static long[] SampleTextBytes(FileStream stream, DbfHeader header, long records, int sampleBytes)
    {
        var histogram = new long[256];
        var text = header.Fields.Where(f => f.IsText).ToArray();
        if (text.Length == 0) return histogram;
        var record = new byte[header.RecordLength];
        var sample = Math.Min(records, Math.Max(1, sampleBytes / header.RecordLength));
        stream.Position = header.HeaderLength;
        for (long i = 0; i < sample; i++)
        {
            if (stream.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) < record.Length) break;
            foreach (var f in text)
                foreach (var b in record.AsSpan(f.Offset, f.Length))
                    histogram[b]++;
        }
        return histogram;
    }

    public IEnumerable<FileRow> Rows(ReadCounts counts, CancellationToken cancel = default)
    {
        var record = new byte[_header.RecordLength];
        for (long i = 0; i < RecordCount; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var at = _header.HeaderLength + i * _header.RecordLength;
            if (ReadRecord(at, record) is { } lost)
            {
                counts.Rejected++;
                yield return new FileRow(null, lost);
                yield break;
            }
            var flag = record[0];
            if (flag == 0x1A) yield break;
            if (flag == (byte)'*')
            {
                counts.Deleted++;
                continue;
            }
            var row = flag == (byte)' '
                ? Decode(record, at)
                : new FileRow(null, Fault("dbf.record-flag", at, $"record {i + 1} starts with 0x{flag:X2}, not ' ' or '*'"));
            if (row.IsFault) counts.Rejected++; else counts.Read++;
            yield return row;
        }
    }

    private FileFault? ReadRecord(long at, byte[] record)
    {
        try
        {
            if (_stream.Position != at) _stream.Position = at;
            var got = _stream.ReadAtLeast(record, record.Length, throwOnEndOfStream: false);
            return got == record.Length
                ? null
                : Fault("dbf.truncated", at + got, "the file ended inside a record (it was shortened while being read)");
        }
        catch (IOException e)
        {
            return Fault("dbf.unreadable", at, e.Message);
        }
    }

    private FileRow Decode(byte[] record, long at)
    {
        var values = new object?[_visible.Length];
        for (var c = 0; c < _visible.Length; c++)
        {
            var f = _visible[c];
            if (IsNull(record, f.NullBit)) continue;
            var fault = DecodeField(f, record.AsSpan(f.Offset, f.Length), record, at + f.Offset, out values[c]);
            if (fault is not null) return new FileRow(null, fault);
        }
        return new FileRow(values, null);
    }

    private bool IsNull(byte[] record, int bit)
    {
        if (bit < 0 || _nullFlags is null || bit / 8 >= _nullFlags.Length) return false;
        return (record[_nullFlags.Offset + bit / 8] >> (bit % 8) & 1) != 0;
    }

    private FileFault? DecodeField(DbfField f, ReadOnlySpan<byte> bytes, byte[] record, long at, out object? value)
    {
        value = null;
        switch (f.Kind)
        {
            case DbfFieldKind.Text:
                value = DbfValues.Text(bytes, _encoding);
                return null;
            case DbfFieldKind.VarChar:
                value = DbfValues.Text(VarBytes(f, bytes, record), _encoding);
                return null;
            case DbfFieldKind.VarBinary:
                value = VarBytes(f, bytes, record).ToArray();
                return null;
            case DbfFieldKind.Numeric:
                return DbfValues.Numeric(bytes, out value) ? null : Bad(f, at, "is not a number", bytes);
            case DbfFieldKind.Date:
                return DbfValues.Date(bytes, out value) ? null : Bad(f, at, "is not a date YYYYMMDD", bytes);
            case DbfFieldKind.Logical:
                return DbfValues.Logical(bytes[0], out value) ? null : Bad(f, at, "is not a logical value", bytes);
            case DbfFieldKind.Int32:
                value = DbfValues.Int32(bytes);
                return null;
            case DbfFieldKind.AutoIncrement:
                value = DbfValues.AutoIncrement(bytes);
                return null;
            case DbfFieldKind.Currency:
                value = DbfValues.Currency(bytes);
                return null;
            case DbfFieldKind.Double:
                value = DbfValues.Double(bytes);
                return null;
            case DbfFieldKind.Timestamp:
                return DbfValues.Timestamp(bytes, out value) ? null : Bad(f, at, "is not a julian day and time", bytes);
            case DbfFieldKind.Memo:
            case DbfFieldKind.BinaryMemo:
                return ReadMemo(f, bytes, at, out value);
            default:
                value = bytes.ToArray();
                return null;
        }
    }

    private ReadOnlySpan<byte> VarBytes(DbfField f, ReadOnlySpan<byte> bytes, byte[] record)
    {
        if (!IsNull(record, f.VarLengthBit)) return bytes;
        int used = bytes[^1];
        return bytes[..Math.Min(used, bytes.Length - 1)];
    }

    private FileFault? ReadMemo(DbfField f, ReadOnlySpan<byte> bytes, long at, out object? value)
    {
        value = null;
        if (!DbfValues.MemoBlock(bytes, out var block)) return Bad(f, at, "is not a memo block number", bytes);
        if (block == 0 || _memo is null) return null;
        FileFault? fault = null;
        object? read = null;
        Either<FileFault, MemoValue> memo;
        try { memo = _memo.Read(block); }
        catch (IOException e) { return Fault("dbf.memo-unreadable", at, $"{_memo.Path}: {e.Message}"); }
        memo.Match(
            Right: m => read = m.IsText && f.Kind == DbfFieldKind.Memo ? _encoding.GetString(m.Bytes) : m.Bytes,
            Left: e => fault = e with { Message = $"field {NameOf(f)} at {Path} @ {at}: {e.Message}" });
        value = read;
        return fault;
    }

    private FileFault Bad(DbfField f, long at, string what, ReadOnlySpan<byte> bytes) =>
        Fault($"dbf.{f.Kind.ToString().ToLowerInvariant()}", at,
            $"field {NameOf(f)} {what}: '{Convert.ToHexString(bytes[..Math.Min(bytes.Length, 32)])}' (hex)");

    private FileFault Fault(string code, long offset, string message) => new(code, Path, offset, message);

    private string NameOf(DbfField f) => _encoding.GetString(f.NameBytes).Trim();

    private FileColumn ToColumn(DbfField f) =>
        new(NameOf(f), f.Type.ToString(), TypeNameOf(f), f.Length, f.Decimals);

    private static string TypeNameOf(DbfField f) => f.Type switch
    {
        'C' => "Character", 'N' => "Numeric", 'F' => "Float", 'D' => "Date", 'L' => "Logical",
        'I' => "Integer", '+' => "Autoincrement", '@' => "Timestamp", 'T' => "DateTime",
        'Y' => "Currency", 'M' => "Memo", 'G' => "General", 'P' => "Picture", 'W' => "Blob",
        'V' => "Varchar", 'Q' => "Varbinary", 'O' => "Double (dBase 7)",
        'B' => f.Kind == DbfFieldKind.Double ? "Double" : "Binary memo",
        _ => f.Type.ToString(),
    };

    public void Dispose()
    {
        _stream.Dispose();
        _memo?.Dispose();
    }
}
