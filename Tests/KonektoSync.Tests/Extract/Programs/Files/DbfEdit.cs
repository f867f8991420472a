using System.Text;

namespace KonektoSync.Tests.Extract.Programs.Files;

/// <summary>
/// Test-only changes to a dBase file's structure, as a program's other version would have it: a
/// column renamed (its descriptor's name bytes) or dropped (the descriptor and the column's bytes
/// of every record removed, the header's lengths recomputed).
/// </summary>
public static class DbfEdit
{
    private sealed record Field(int Descriptor, string Name, int Offset, int Length);

    private static List<Field> Fields(byte[] b)
    {
        var fields = new List<Field>();
        var offset = 1; // the deletion flag
        for (var d = 32; b[d] != 0x0D; d += 32)
        {
            var name = Encoding.ASCII.GetString(b, d, 11).TrimEnd('\0', ' ');
            fields.Add(new Field(d, name, offset, b[d + 16]));
            offset += b[d + 16];
        }
        return fields;
    }

    public static void RenameColumn(string path, string column, string to)
    {
        var b = File.ReadAllBytes(path);
        var f = Fields(b).Single(x => string.Equals(x.Name, column, StringComparison.OrdinalIgnoreCase));
        Array.Clear(b, f.Descriptor, 11);
        Encoding.ASCII.GetBytes(to).CopyTo(b, f.Descriptor);
        File.WriteAllBytes(path, b);
    }

    public static void DropColumn(string path, string column)
    {
        var b = File.ReadAllBytes(path);
        var fields = Fields(b);
        var f = fields.Single(x => string.Equals(x.Name, column, StringComparison.OrdinalIgnoreCase));
        var count = BitConverter.ToInt32(b, 4);
        var headerLength = BitConverter.ToInt16(b, 8);
        var recordLength = BitConverter.ToInt16(b, 10);
        using var s = new MemoryStream();
        var header = b[..32];
        BitConverter.TryWriteBytes(header.AsSpan(8), (short)(headerLength - 32));
        BitConverter.TryWriteBytes(header.AsSpan(10), (short)(recordLength - f.Length));
        s.Write(header);
        foreach (var other in fields.Where(x => x != f)) s.Write(b, other.Descriptor, 32);
        s.WriteByte(0x0D);
        for (var r = 0; r < count; r++)
        {
            var start = headerLength + r * recordLength;
            s.Write(b, start, f.Offset);
            s.Write(b, start + f.Offset + f.Length, recordLength - f.Offset - f.Length);
        }
        s.WriteByte(0x1A);
        File.WriteAllBytes(path, s.ToArray());
    }
}
