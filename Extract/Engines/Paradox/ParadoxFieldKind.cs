namespace KonektoSync.Extract.Engines.Paradox;

/// <summary>
/// A Paradox field type as the header's field info byte declares it. <see cref="FixedSize"/> is
/// the size every field of the type has (0 when the header gives it); <see cref="Readable"/> is
/// false for memo and BLOB types, whose values live in a separate .MB file and are not read.
/// </summary>
public sealed record ParadoxFieldKind(byte Code, string Letter, string Name, int FixedSize, bool Readable)
{
    public static readonly ParadoxFieldKind Alpha = new(0x01, "A", "alpha", 0, true);
    public static readonly ParadoxFieldKind Date = new(0x02, "D", "date", 4, true);
    public static readonly ParadoxFieldKind Short = new(0x03, "S", "short", 2, true);
    public static readonly ParadoxFieldKind Long = new(0x04, "I", "long", 4, true);
    public static readonly ParadoxFieldKind Currency = new(0x05, "$", "currency", 8, true);
    public static readonly ParadoxFieldKind Number = new(0x06, "N", "number", 8, true);
    public static readonly ParadoxFieldKind Logical = new(0x09, "L", "logical", 1, true);
    public static readonly ParadoxFieldKind Memo = new(0x0C, "M", "memo (not read)", 0, false);
    public static readonly ParadoxFieldKind Blob = new(0x0D, "B", "binary BLOB (not read)", 0, false);
    public static readonly ParadoxFieldKind FormattedMemo = new(0x0E, "F", "formatted memo (not read)", 0, false);
    public static readonly ParadoxFieldKind Ole = new(0x0F, "O", "OLE (not read)", 0, false);
    public static readonly ParadoxFieldKind Graphic = new(0x10, "G", "graphic (not read)", 0, false);
    public static readonly ParadoxFieldKind Time = new(0x14, "T", "time", 4, true);
    public static readonly ParadoxFieldKind Timestamp = new(0x15, "@", "timestamp", 8, true);
    public static readonly ParadoxFieldKind AutoIncrement = new(0x16, "+", "autoincrement", 4, true);
    public static readonly ParadoxFieldKind Bcd = new(0x17, "#", "BCD", 17, true);
    public static readonly ParadoxFieldKind Bytes = new(0x18, "Y", "bytes", 0, true);

    private static readonly ParadoxFieldKind[] All =
    [
        Alpha, Date, Short, Long, Currency, Number, Logical, Memo, Blob, FormattedMemo, Ole,
        Graphic, Time, Timestamp, AutoIncrement, Bcd, Bytes,
    ];

    public static ParadoxFieldKind? FromCode(byte code) =>
        Array.Find(All, kind => kind.Code == code);

    /// <summary>Whether a field of this type may have the size the header declares.</summary>
    public bool Fits(int declaredSize) => this switch
    {
        _ when FixedSize > 0 && this != Bcd => declaredSize == FixedSize,
        _ when this == Bcd => declaredSize is >= 0 and <= 32,
        _ when Readable => declaredSize is >= 1 and <= 255,
        _ => declaredSize is >= 10 and <= 255,
    };
}
