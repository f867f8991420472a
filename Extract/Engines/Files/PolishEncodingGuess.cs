namespace KonektoSync.Extract.Engines.Files;

/// <summary>
/// Guesses the code page of Polish text whose file does not say it (DBF language driver 0):
/// counts, for CP852, CP1250 and Mazovia, the high bytes that read as one of the 18 Polish
/// letters, subtracts those that read as symbols or box drawing, and picks the best score.
/// Ties go to CP852, the usual code page of Polish DOS programs.
/// </summary>
public static class PolishEncodingGuess
{
    public static readonly IReadOnlyList<int> Candidates = [852, 1250, MazoviaEncoding.MazoviaCodePage];

    private const string PolishLetters = "ĄĆĘŁŃÓŚŹŻąćęłńóśźż";

    public sealed record Guess(int CodePage, int PolishLetters, int Score);

    /// <summary>Scores a histogram of byte values (256 counts) taken from text fields.</summary>
    public static Guess Choose(ReadOnlySpan<long> histogram)
    {
        Guess? best = null;
        foreach (var cp in Candidates)
        {
            var guess = Score(cp, histogram);
            if (best is null || guess.Score > best.Score) best = guess;
        }
        return best!;
    }

    public static Guess Score(int codePage, ReadOnlySpan<long> histogram)
    {
        var encoding = TextEncodings.Get(codePage);
        long letters = 0, score = 0;
        Span<byte> one = stackalloc byte[1];
        Span<char> ch = stackalloc char[2];
        for (var b = 0x80; b < 256; b++)
        {
            var n = histogram[b];
            if (n == 0) continue;
            one[0] = (byte)b;
            var c = encoding.GetChars(one, ch) == 1 ? ch[0] : '\uFFFD';
            if (PolishLetters.Contains(c)) { letters += n; score += n; }
            else if (!char.IsLetter(c)) score -= n;
        }
        return new Guess(codePage, (int)Math.Min(letters, int.MaxValue), (int)Math.Clamp(score, int.MinValue, int.MaxValue));
    }
}
