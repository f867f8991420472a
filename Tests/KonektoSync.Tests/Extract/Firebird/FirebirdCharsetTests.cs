using KonektoSync.Extract.Engines.Firebird;
using KonektoSync.Extract.Samples;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>
/// A session reads the charset a database declares on its own connection, attached with the
/// charset of the folder's last database, and attaches again only when that was the wrong one:
/// databases of different charsets side by side each read with their own.
/// </summary>
[Collection("Firebird")]
public sealed class FirebirdCharsetTests(FirebirdFixture fb)
{
    private const string Text = "Zażółć gęślą jaźń ŁÓDŹ";
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task Write(string path, string charset)
    {
        await using var db = await FirebirdSampleDatabase.Create(FirebirdTarget.Embedded(), path, charset,
            ["CREATE TABLE T (NAME VARCHAR(40))"], None);
        await using (var insert = await db.Insert("T", ["NAME"], None))
            await insert.Row(None, Text);
        await db.Commit(None);
    }

    [Fact]
    public async Task Databases_of_different_charsets_in_one_folder_each_read_with_the_charset_they_declare()
    {
        var folder = NewFolder(Path.Combine(fb.Root, "charsets-" + Guid.NewGuid().ToString("N")[..6]));
        var files = new[] { ("a.fdb", "WIN1250"), ("b.fdb", "UTF8"), ("c.fdb", "UTF8"), ("d.fdb", "WIN1250") };
        foreach (var (name, charset) in files) await Write(Path.Combine(folder, name), charset);
        Share(folder);

        // in this order the folder's last charset is right for a and c and wrong for b and d
        foreach (var (name, charset) in files)
        {
            await using var session = Right(await FirebirdSession.Open("Raks", FirebirdTarget.Embedded(),
                Path.Combine(folder, name), None));
            var names = Right(await session.List("SELECT NAME FROM T", [], r => r.GetString(0), None));

            Assert.Equal((charset, charset), (session.DeclaredCharset, session.Charset));
            Assert.Equal(Text, Assert.Single(names));
        }
    }
}
