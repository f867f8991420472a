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
    private readonly TextDecoder _decoder;
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
        _decoder = new TextDecoder(_encoding);
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
        var records = new RecordCursor(this);
        var sink = new DbfValueSink(_decoder, _visible.Length);
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            sink.Start();
            switch (Next(records, sink, out var fault))
            {
                case RecordState.End:
                    yield break;
                case RecordState.Deleted:
                    counts.Deleted++;
                    continue;
                case RecordState.Live:
                    counts.Read++;
                    yield return new FileRow(sink.Values, null);
                    break;
                case RecordState.Faulted:
                    counts.Rejected++;
                    yield return new FileRow(null, fault);
                    break;
                case RecordState.Lost:
                    counts.Rejected++;
                    yield return new FileRow(null, fault);
                    yield break;
            }
        }
    }

    /// <summary>
    /// The live records as CSV rows, decoded from the record bytes into <paramref name="csv"/>
    /// without value objects; otherwise as <see cref="Rows"/> (the same counts, faults and end).
    /// </summary>
    public void WriteCsv(CsvBuffer csv, ReadCounts counts, long limit, Action<FileFault>? onFault, CancellationToken cancel)
    {
        var records = new RecordCursor(this);
        var sink = new DbfCsvSink(csv, _decoder);
        for (long written = 0; written < limit;)
        {
            cancel.ThrowIfCancellationRequested();
            var state = Next(records, sink, out var fault);
            switch (state)
            {
                case RecordState.End:
                    return;
                case RecordState.Deleted:
                    counts.Deleted++;
                    break;
                case RecordState.Live:
                    counts.Read++;
                    csv.EndRow();
                    written++;
                    break;
                default:
                    counts.Rejected++;
                    csv.DropRow();
                    onFault?.Invoke(fault!);
                    if (state == RecordState.Lost) return;
                    break;
            }
        }
    }

    private enum RecordState { Live, Deleted, Faulted, Lost, End }

    /// <summary>
    /// The next record into <paramref name="sink"/>: live, deleted (skipped), faulted (a field or
    /// its flag is not valid: the row is rejected, reading goes on), lost (the file could not give
    /// the record: the last one) or the end (the counted records read, or an end-of-file mark).
    /// </summary>
    private RecordState Next(RecordCursor records, IDbfFieldSink sink, out FileFault? fault)
    {
        fault = null;
        if (!records.Next(out fault)) return RecordState.End;
        if (fault is not null) return RecordState.Lost;
        var record = records.Record;
        var flag = record[0];
        if (flag == 0x1A) return RecordState.End;
        if (flag == (byte)'*') return RecordState.Deleted;
        fault = flag == (byte)' '
            ? Decode(record, records.At, sink)
            : Fault("dbf.record-flag", records.At, $"record {records.Index + 1} starts with 0x{flag:X2}, not ' ' or '*'");
        return fault is null ? RecordState.Live : RecordState.Faulted;
    }

    /// <summary>
    /// The counted records in file order, read in blocks of whole records (about 1 MB, or the
    /// whole table when smaller) into one reused buffer. A record the file no longer holds whole
    /// (it was shortened while being read) or cannot give (an I/O error) is a fault at its offset.
    /// </summary>
    private sealed class RecordCursor(DbfTable table)
    {
        private const int BlockBytes = 1 << 20;

        private readonly int _length = table._header.RecordLength;
        // a small table gets a buffer of its own size
        private readonly byte[] _block = new byte[
            (int)Math.Clamp(table.RecordCount, 1, Math.Max(1, BlockBytes / table._header.RecordLength)) * table._header.RecordLength];
        private int _offset;
        private int _filled;

        /// <summary>The current record's number from 0.</summary>
        public long Index { get; private set; } = -1;

        /// <summary>The current record's offset in the file.</summary>
        public long At => table._header.HeaderLength + Index * _length;

        public ReadOnlySpan<byte> Record => _block.AsSpan(_offset, _length);

        /// <summary>False after the last counted record; a fault when the next record cannot be read.</summary>
        public bool Next(out FileFault? fault)
        {
            fault = null;
            if (Index + 1 >= table.RecordCount) return false;
            Index++;
            _offset += _length;
            if (_offset + _length <= _filled) return true;
            _offset = 0;
            _filled = 0;
            var want = (int)Math.Min(_block.Length / _length, table.RecordCount - Index) * _length;
            try
            {
                if (table._stream.Position != At) table._stream.Position = At;
                _filled = table._stream.ReadAtLeast(_block.AsSpan(0, want), want, throwOnEndOfStream: false);
            }
            catch (IOException e)
            {
                fault = table.Fault("dbf.unreadable", At, e.Message);
                return true;
            }
            if (_filled < _length)
                fault = table.Fault("dbf.truncated", At + _filled, "the file ended inside a record (it was shortened while being read)");
            return true;
        }
    }

    private FileFault? Decode(ReadOnlySpan<byte> record, long at, IDbfFieldSink sink)
    {
        foreach (var f in _visible)
        {
            if (IsNull(record, f.NullBit)) sink.Null();
            else if (DecodeField(f, record.Slice(f.Offset, f.Length), record, at + f.Offset, sink) is { } fault) return fault;
        }
        return null;
    }

    private bool IsNull(ReadOnlySpan<byte> record, int bit)
    {
        if (bit < 0 || _nullFlags is null || bit / 8 >= _nullFlags.Length) return false;
        return (record[_nullFlags.Offset + bit / 8] >> (bit % 8) & 1) != 0;
    }

    private FileFault? DecodeField(DbfField f, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> record, long at, IDbfFieldSink sink)
    {
        switch (f.Kind)
        {
            case DbfFieldKind.Text:
                sink.Text(DbfValues.Text(bytes));
                return null;
            case DbfFieldKind.VarChar:
                sink.Text(DbfValues.Text(VarBytes(f, bytes, record)));
                return null;
            case DbfFieldKind.VarBinary:
                sink.Binary(VarBytes(f, bytes, record));
                return null;
            case DbfFieldKind.Numeric:
                if (!DbfValues.Numeric(bytes, out var number, out var wide)) return Bad(f, at, "is not a number", bytes);
                if (number is { } d) sink.Decimal(d);
                else if (wide is { } w) sink.Double(w);
                else sink.Null();
                return null;
            case DbfFieldKind.Date:
                if (!DbfValues.Date(bytes, out var date)) return Bad(f, at, "is not a date YYYYMMDD", bytes);
                if (date is { } day) sink.Date(day); else sink.Null();
                return null;
            case DbfFieldKind.Logical:
                if (!DbfValues.Logical(bytes[0], out var logical)) return Bad(f, at, "is not a logical value", bytes);
                if (logical is { } l) sink.Logical(l); else sink.Null();
                return null;
            case DbfFieldKind.Int32:
            case DbfFieldKind.AutoIncrement:
                sink.Int32(DbfValues.Int32(bytes));
                return null;
            case DbfFieldKind.Currency:
                sink.Decimal(DbfValues.Currency(bytes));
                return null;
            case DbfFieldKind.Double:
                sink.Double(DbfValues.Double(bytes));
                return null;
            case DbfFieldKind.Timestamp:
                if (!DbfValues.Timestamp(bytes, out var time)) return Bad(f, at, "is not a julian day and time", bytes);
                if (time is { } t) sink.Timestamp(t); else sink.Null();
                return null;
            case DbfFieldKind.Memo:
            case DbfFieldKind.BinaryMemo:
                return ReadMemo(f, bytes, at, sink);
            default:
                sink.Binary(bytes);
                return null;
        }
    }

    private ReadOnlySpan<byte> VarBytes(DbfField f, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> record)
    {
        if (!IsNull(record, f.VarLengthBit)) return bytes;
        int used = bytes[^1];
        return bytes[..Math.Min(used, bytes.Length - 1)];
    }

    private FileFault? ReadMemo(DbfField f, ReadOnlySpan<byte> bytes, long at, IDbfFieldSink sink)
    {
        if (!DbfValues.MemoBlock(bytes, out var block)) return Bad(f, at, "is not a memo block number", bytes);
        if (block == 0 || _memo is null)
        {
            sink.Null();
            return null;
        }
        Either<FileFault, MemoValue> memo;
        try { memo = _memo.Read(block); }
        catch (IOException e) { return Fault("dbf.memo-unreadable", at, $"{_memo.Path}: {e.Message}"); }
        return memo.MatchUnsafe(
            Right: m =>
            {
                sink.Memo(m.IsText && f.Kind == DbfFieldKind.Memo ? _encoding.GetString(m.Bytes) : m.Bytes);
                return (FileFault?)null;
            },
            Left: e => e with { Message = $"field {NameOf(f)} at {Path} @ {at}: {e.Message}" });
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
