using NftCollateral.Sdk.Text;

namespace NftCollateral.Sdk.Tests.Text;

/// <summary>
/// <see cref="PythonString"/> against CPython 3.11's <c>str.lower()</c>, <c>str.strip()</c>, <c>str.isspace()</c> and
/// <c>str</c> ordering (shared/specs/rarity.md §2.2, §2.6). Every expected value below is a documented CPython result.
/// </summary>
public sealed class PythonStringTests
{
    // ---------------------------------------------------------------- LowerStrip: ASCII

    [Fact]
    public void LowerStrip_AlreadyNormalizedAscii_ReturnsSameInstance()
    {
        string value = new('h', 1); // a fresh instance, not the interned literal
        value += "at blue";
        PythonString.LowerStrip(value).ShouldBeSameAs(value);
    }

    [Fact]
    public void LowerStrip_EmptyString_ReturnsEmpty()
    {
        PythonString.LowerStrip(string.Empty).ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("HAT", "hat")]
    [InlineData(" Hat ", "hat")]
    [InlineData("\tLaser  Eyes\r\n", "laser  eyes")] // inner whitespace is kept
    [InlineData("\u001cHat\u001f", "hat")] // \x1c-\x1f are Python whitespace
    [InlineData("   ", "")]
    public void LowerStrip_AsciiNeedingWork_LowersAndStrips(string input, string expected)
    {
        PythonString.LowerStrip(input).ShouldBe(expected);
    }

    // ---------------------------------------------------------------- Lower: full Unicode

    [Fact]
    public void Lower_CapitalIWithDotAbove_BecomesTwoCharacters()
    {
        // Python: "İ".lower() == "i\u0307", len 2 (SpecialCasing.txt).
        string lowered = PythonString.Lower("\u0130");
        lowered.ShouldBe("i\u0307");
        lowered.Length.ShouldBe(2);
    }

    [Fact]
    public void LowerStrip_CapitalIWithDotAbove_DiffersFromToLowerInvariant()
    {
        PythonString.LowerStrip("\u0130").ShouldBe("i\u0307");
        PythonString.LowerStrip("\u0130").ShouldNotBe("\u0130".ToLowerInvariant());
    }

    [Fact]
    public void Lower_SigmaAtEndOfWord_BecomesFinalSigma()
    {
        // Python: "ΟΔΟΣ".lower() == "οδος" with U+03C2 (final sigma) last.
        PythonString.Lower("\u039F\u0394\u039F\u03A3").ShouldBe("\u03BF\u03B4\u03BF\u03C2");
    }

    [Fact]
    public void Lower_SigmaAlone_BecomesNonFinalSigma()
    {
        // Python: "Σ".lower() == "σ" (no cased letter before it).
        PythonString.Lower("\u03A3").ShouldBe("\u03C3");
    }

    [Fact]
    public void Lower_SigmaBeforeSpace_BecomesFinalSigma()
    {
        // Python: "ΑΣ Β".lower() == "ας β".
        PythonString.Lower("\u0391\u03A3 \u0392").ShouldBe("\u03B1\u03C2 \u03B2");
    }

    [Fact]
    public void Lower_SigmaFollowedByLetter_BecomesNonFinalSigma()
    {
        // Python: "ΑΣΑ".lower() == "ασα".
        PythonString.Lower("\u0391\u03A3\u0391").ShouldBe("\u03B1\u03C3\u03B1");
    }

    [Fact]
    public void Lower_SigmaAfterDigit_BecomesNonFinalSigma()
    {
        // Python: "1Σ".lower() == "1σ" (a digit is not cased).
        PythonString.Lower("1\u03A3").ShouldBe("1\u03C3");
    }

    [Theory]
    [InlineData("\u00AA")]     // ª FEMININE ORDINAL INDICATOR: Lo, Other_Lowercase, so Cased; no case mapping
    [InlineData("\u00BA")]     // º MASCULINE ORDINAL INDICATOR: same
    [InlineData("\U0001F130")] // 🄰 SQUARED LATIN CAPITAL LETTER A: So, Other_Uppercase, so Cased; no case mapping
    public void Lower_SigmaAfterCasedCharacterWithoutCaseMapping_BecomesFinalSigma(string cased)
    {
        // CPython's final-sigma rule (handle_capital_sigma) tests the Unicode Cased property (Lowercase | Uppercase | Lt,
        // which include Other_Lowercase / Other_Uppercase), not whether a case mapping exists: "ºΣ".lower() == "ºς".
        PythonString.Lower(cased + "\u03A3").ShouldBe(cased + "\u03C2");
    }

    [Theory]
    [InlineData("\u00AA")]
    [InlineData("\u00BA")]
    [InlineData("\U0001F130")]
    public void Lower_SigmaBeforeCasedCharacterWithoutCaseMapping_BecomesNonFinalSigma(string cased)
    {
        // Python: "ΑΣº".lower() == "ασº" (a Cased character follows the sigma).
        PythonString.Lower("\u0391\u03A3" + cased).ShouldBe("\u03B1\u03C3" + cased);
    }

    [Fact]
    public void Lower_LoneSurrogate_KeptAsIs()
    {
        // Python str holds lone surrogates, which have no case mapping: "A\ud800".lower() == "a\ud800".
        // Replacing them (e.g. by U+FFFD) would merge distinct values.
        PythonString.Lower("A\uD800").ShouldBe("a\uD800");
        PythonString.LowerStrip(" \uDC00X").ShouldBe("\uDC00x");
    }

    [Fact]
    public void Lower_LatinAccentedCapitals_Lowercased()
    {
        PythonString.Lower("ÀÉÎ").ShouldBe("àéî");
    }

    [Fact]
    public void Lower_SupplementaryPlaneCapital_LowercasedAsOneCodePoint()
    {
        // Python: "\U00010400".lower() == "\U00010428" (DESERET CAPITAL LONG I → small long i), a surrogate pair in UTF-16.
        PythonString.Lower("\U00010400").ShouldBe("\U00010428");
    }

    [Fact]
    public void Lower_Emoji_Unchanged()
    {
        PythonString.Lower("A\U0001F600").ShouldBe("a\U0001F600");
    }

    // ---------------------------------------------------------------- Strip

    [Theory]
    [InlineData('\u001c')]
    [InlineData('\u001d')]
    [InlineData('\u001e')]
    [InlineData('\u001f')]
    [InlineData('\u0085')]
    [InlineData('\u00a0')]
    [InlineData('\u3000')]
    [InlineData('\u2028')]
    public void Strip_PythonWhitespaceAtBothEnds_Removed(char c)
    {
        PythonString.Strip($"{c}{c}hat{c}").ShouldBe("hat");
    }

    [Theory]
    [InlineData('\u200b')] // ZERO WIDTH SPACE: category Cf, "\u200b".isspace() is False
    [InlineData('\u180e')] // MONGOLIAN VOWEL SEPARATOR: Cf since Unicode 6.3, isspace() is False
    public void Strip_FormatCharactersThatAreNotPythonWhitespace_Kept(char c)
    {
        string input = $"{c}hat{c}";
        PythonString.Strip(input).ShouldBe(input);
    }

    [Fact]
    public void Strip_NothingToStrip_ReturnsSameInstance()
    {
        string value = string.Concat("ha", "t\u00e9");
        PythonString.Strip(value).ShouldBeSameAs(value);
    }

    [Fact]
    public void Strip_DoesNotLowercase()
    {
        PythonString.Strip(" HAT ").ShouldBe("HAT");
    }

    [Fact]
    public void Strip_InnerWhitespaceKept()
    {
        PythonString.Strip("\u3000a\u00a0b\u3000").ShouldBe("a\u00a0b");
    }

    // ---------------------------------------------------------------- LowerStrip: non-ASCII

    [Fact]
    public void LowerStrip_NonAsciiWithPythonOnlyWhitespace_LowersThenStrips()
    {
        // Python: "\x1c ΟΔΟΣ İ\x85\u3000".lower().strip() == "οδος i̇"
        PythonString.LowerStrip("\u001c \u039F\u0394\u039F\u03A3 \u0130\u0085\u3000")
            .ShouldBe("\u03BF\u03B4\u03BF\u03C2 i\u0307");
    }

    [Fact]
    public void LowerStrip_SigmaBeforeTrailingWhitespace_IsFinal()
    {
        // Lowering sees the whitespace after Σ (not cased), so the sigma is final, then strip removes the whitespace:
        // "ΑΣ\u2028".lower().strip() == "ας".
        PythonString.LowerStrip("\u0391\u03A3\u2028").ShouldBe("\u03B1\u03C2");
    }

    [Fact]
    public void LowerStrip_EqualsStripOfLower_ForMixedInput()
    {
        string input = " \u00a0\u0130STANBUL \u039F\u0394\u039F\u03A3\u0085";
        PythonString.LowerStrip(input).ShouldBe(PythonString.Strip(PythonString.Lower(input)));
        PythonString.LowerStrip(input).ShouldBe("i\u0307stanbul \u03BF\u03B4\u03BF\u03C2");
    }

    [Fact]
    public void LowerStrip_ZeroWidthSpace_NotStrippedButLowered()
    {
        PythonString.LowerStrip("\u200bHAT\u200b").ShouldBe("\u200bhat\u200b");
    }

    // ---------------------------------------------------------------- IsWhiteSpace

    [Theory]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('\u000b')]
    [InlineData('\u000c')]
    [InlineData('\r')]
    [InlineData('\u001c')]
    [InlineData('\u001f')]
    [InlineData(' ')]
    [InlineData('\u0085')]
    [InlineData('\u00a0')]
    [InlineData('\u1680')]
    [InlineData('\u2000')]
    [InlineData('\u200a')]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    [InlineData('\u202f')]
    [InlineData('\u205f')]
    [InlineData('\u3000')]
    public void IsWhiteSpace_PythonWhitespace_True(char c)
    {
        PythonString.IsWhiteSpace(c).ShouldBeTrue();
    }

    [Theory]
    [InlineData('\u0000')]
    [InlineData('\u0008')]
    [InlineData('a')]
    [InlineData('_')]
    [InlineData('\u200b')]
    [InlineData('\u180e')]
    [InlineData('\u2060')]
    [InlineData('\ufeff')]
    public void IsWhiteSpace_NotPythonWhitespace_False(char c)
    {
        PythonString.IsWhiteSpace(c).ShouldBeFalse();
    }

    // ---------------------------------------------------------------- CompareCodePoints

    [Fact]
    public void CompareCodePoints_BmpMaxBeforeSupplementary_Negative()
    {
        // Python: "\uffff" < "\U0001F600" is True (code point 0xFFFF < 0x1F600).
        PythonString.CompareCodePoints("\uFFFF", "\U0001F600").ShouldBeLessThan(0);
        PythonString.CompareCodePoints("\U0001F600", "\uFFFF").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void CompareCodePoints_BmpMaxVersusSurrogatePair_OppositeOfOrdinal()
    {
        // UTF-16 ordinal compares 0xFFFF with the high surrogate 0xD83D and gets the other order.
        string.CompareOrdinal("\uFFFF", "\U0001F600").ShouldBeGreaterThan(0);
        Math.Sign(PythonString.CompareCodePoints("\uFFFF", "\U0001F600"))
            .ShouldBe(-Math.Sign(string.CompareOrdinal("\uFFFF", "\U0001F600")));
    }

    [Fact]
    public void CompareCodePoints_PrivateUseAreaBeforeSupplementary_Negative()
    {
        // U+E000 < U+10000 by code point; its UTF-16 unit 0xE000 is above the surrogate 0xD800.
        PythonString.CompareCodePoints("\uE000", "\U00010000").ShouldBeLessThan(0);
    }

    [Fact]
    public void CompareCodePoints_LoneSurrogateBeforePrivateUseArea_Negative()
    {
        // Python: "\ud800" < "\ue000" is True (a lone surrogate's code point is its own value, 0xD800 < 0xE000).
        PythonString.CompareCodePoints("\uD800", "\uE000").ShouldBeLessThan(0);
    }

    [Fact]
    public void CompareCodePoints_TwoSupplementary_ByCodePoint()
    {
        PythonString.CompareCodePoints("\U0001F600", "\U0001F601").ShouldBeLessThan(0);
    }

    [Fact]
    public void CompareCodePoints_Prefix_ShorterFirst()
    {
        PythonString.CompareCodePoints("hat", "hats").ShouldBeLessThan(0);
        PythonString.CompareCodePoints("hats", "hat").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void CompareCodePoints_EqualContentDifferentInstances_Zero()
    {
        PythonString.CompareCodePoints(string.Concat("a", "\U0001F600"), "a\U0001F600").ShouldBe(0);
    }

    [Fact]
    public void CompareCodePoints_Ascii_UppercaseBeforeLowercase()
    {
        // Python: "B" < "a" (66 < 97); no culture rules.
        PythonString.CompareCodePoints("B", "a").ShouldBeLessThan(0);
    }

    [Fact]
    public void CompareCodePoints_SortsLikePythonSorted()
    {
        // Python: sorted(["\U0001F600", "b", "\uffff", "B", "\u00e9", "meta_trait:trait_count", "mouth"])
        string[] names = ["\U0001F600", "b", "\uFFFF", "B", "\u00E9", "meta_trait:trait_count", "mouth"];
        Array.Sort(names, PythonString.CompareCodePoints);
        names.ShouldBe(["B", "b", "meta_trait:trait_count", "mouth", "\u00E9", "\uFFFF", "\U0001F600"]);
    }

    [Fact]
    public void CompareCodePoints_Nulls_NullSortsFirst()
    {
        PythonString.CompareCodePoints(null, null).ShouldBe(0);
        PythonString.CompareCodePoints(null, string.Empty).ShouldBeLessThan(0);
        PythonString.CompareCodePoints(string.Empty, null).ShouldBeGreaterThan(0);
    }

    // ---------------------------------------------------------------- null arguments

    [Fact]
    public void LowerStrip_Null_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => PythonString.LowerStrip(null!));
    }

    [Fact]
    public void Lower_Null_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => PythonString.Lower(null!));
    }

    [Fact]
    public void Strip_Null_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => PythonString.Strip(null!));
    }
}
