using System.Text.RegularExpressions;
using KonektoSync.Panel.Web.Shared;

namespace KonektoSync.Tests.Panel;

/// <summary>The web pages' texts (Panel/Web/pages.tsv): complete in both languages, the same placeholders, none unused.</summary>
public sealed partial class PageTextsTests
{
    [Fact]
    public void Every_page_text_has_an_English_and_a_Polish_text()
    {
        Assert.NotEmpty(PageTexts.All);
        foreach (var (key, (en, pl)) in PageTexts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), key + " has no English text");
            Assert.False(string.IsNullOrWhiteSpace(pl), key + " has no Polish text");
        }
    }

    [Fact]
    public void Both_languages_of_a_text_have_the_same_placeholders()
    {
        foreach (var (key, (en, pl)) in PageTexts.All)
            Assert.True(Placeholders(en).SetEquals(Placeholders(pl)), key);
    }

    [Fact]
    public void Every_page_text_is_used_by_the_pages()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "Panel", "Web"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText));
        foreach (var key in PageTexts.All.Keys)
        {
            // a key is used by name, or by its prefix with a part chosen at run time ("outcome." + outcome)
            var prefix = key[..(key.LastIndexOf('.') + 1)];
            Assert.True(source.Contains('"' + key + '"', StringComparison.Ordinal)
                || (prefix.Length > 0 && source.Contains('"' + prefix + "\" +", StringComparison.Ordinal)), key + " is not used");
        }
    }

    [Fact]
    public void Text_in_markup_is_encoded_and_Polish_letters_stay_as_they_are()
    {
        var name = "Żółć & <script>alert('x')</script>";

        var html = Markup.Of($"<td>{name}</td>").Html;

        Assert.Equal("<td>Żółć &amp; &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</td>", html);
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
