namespace KonektoSync.Domain;

/// <summary>The accounting programs of the manual.</summary>
public enum ProgramId
{
    Buchalter, Enova365, Fakt, FinkaKpr, FinkaFk, FinkaPlace, InsertGt, InsertNexo, Kpr,
    MalaKsiegowoscRp, Ognik, Optima, Platnik, Raks, Ramzes, Reset2Firma, Reset2Ksiega,
    Reset2Platnik, StreamSoftPcBiznes, SuperKsiegaPodatkowa, SymfoniaMk, WaproFakir, WaproKaper,
}

/// <summary>What is read for a firm.</summary>
public enum DataKind { Basic, Zus, Taxes, Statements }

/// <summary>
/// The source settings of the manual: one for ZUS, one for taxes and statements together,
/// one for basic data.
/// </summary>
public enum SourceSlot { Zus, TaxesAndStatements, Basic }

public static class DataKinds
{
    public static readonly DataKind[] All = [DataKind.Basic, DataKind.Zus, DataKind.Taxes, DataKind.Statements];

    public static SourceSlot Slot(this DataKind kind) => kind switch
    {
        DataKind.Zus => SourceSlot.Zus,
        DataKind.Basic => SourceSlot.Basic,
        _ => SourceSlot.TaxesAndStatements,
    };

    public static string Code(this DataKind kind) => kind switch
    {
        DataKind.Basic => "basic", DataKind.Zus => "zus",
        DataKind.Taxes => "taxes", _ => "statements",
    };

    public static DataKind? FromCode(string code) => code.Trim().ToLowerInvariant() switch
    {
        "basic" => DataKind.Basic, "zus" => DataKind.Zus,
        "taxes" => DataKind.Taxes, "statements" => DataKind.Statements, _ => null,
    };
}

public static class ProgramIds
{
    public static string Code(this ProgramId id) => id.ToString().ToLowerInvariant();

    public static ProgramId? FromCode(string code) =>
        Enum.TryParse<ProgramId>(code.Trim(), ignoreCase: true, out var id) ? id : null;
}
