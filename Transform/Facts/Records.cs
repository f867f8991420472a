using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Facts;

/// <summary>The records of one type in a group, without LINQ.</summary>
internal static class Records
{
    public static Seq<T> OfType<T>(SourceRecord[] group) where T : SourceRecord
    {
        var count = 0;
        foreach (var r in group)
            if (r is T) count++;
        var typed = new T[count];
        var i = 0;
        foreach (var r in group)
            if (r is T t) typed[i++] = t;
        return typed.ToSeq();
    }
}
