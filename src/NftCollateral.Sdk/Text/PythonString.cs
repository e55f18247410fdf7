using System.Globalization;
using System.Text;

namespace NftCollateral.Sdk.Text;

/// <summary>
/// String operations with CPython 3 semantics, where the SDK must agree with a Python reference implementation
/// (OpenRarity normalizes every trait name and value with <c>s.lower().strip()</c>).
/// </summary>
/// <remarks>
/// <para>
/// <c>str.lower()</c> is Unicode full lowercasing: U+0130 (İ) becomes two code points (i + U+0307), and a capital sigma
/// at the end of a word becomes final sigma (ς). <c>str.strip()</c> removes Python's whitespace set, which includes the
/// separators U+001C–U+001F that <see cref="string.Trim()"/> keeps. <see cref="string.ToLowerInvariant"/> and
/// <see cref="string.Trim()"/> therefore disagree with Python on some non-ASCII input; these methods do not.
/// </para>
/// <para>Case mappings come from the runtime's Unicode tables, which may be a newer Unicode version than a given Python's
/// for characters added recently. All members are thread-safe.</para>
/// </remarks>
public static class PythonString
{
    /// <summary>
    /// Returns <c>value.lower().strip()</c> as CPython computes it: OpenRarity's normalization of trait names and values.
    /// </summary>
    /// <param name="value">The string to normalize.</param>
    /// <returns>The normalized string; <paramref name="value"/> itself when it is already normalized.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string LowerStrip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsAsciiNeedingNoWork(value, out bool ascii)
            ? value
            : ascii ? LowerStripAscii(value) : Strip(Lower(value));
    }

    /// <summary>Returns <c>value.lower()</c> as CPython computes it (full Unicode lowercasing with final sigma).</summary>
    /// <param name="value">The string to lowercase.</param>
    /// <returns>The lowercased string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string Lower(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 4);
        int i = 0;
        while (i < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                sb.Append(value[i]); // a lone surrogate: Python keeps the code point unchanged
                i++;
                continue;
            }

            if (rune.Value == 0x0130)
            {
                // SpecialCasing.txt: LATIN CAPITAL LETTER I WITH DOT ABOVE lowercases to i + COMBINING DOT ABOVE.
                sb.Append('i').Append('\u0307');
            }
            else if (rune.Value == 0x03A3)
            {
                sb.Append(IsFinalSigma(value, i) ? '\u03C2' : '\u03C3');
            }
            else
            {
                AppendRune(sb, Rune.ToLowerInvariant(rune));
            }

            i += consumed;
        }

        return sb.ToString();
    }

    /// <summary>Returns <c>value.strip()</c> as CPython computes it (Python's whitespace set).</summary>
    /// <param name="value">The string to strip.</param>
    /// <returns>The stripped string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string Strip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int start = 0;
        int end = value.Length;
        while (start < end && IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>Returns whether CPython's <c>str.isspace()</c> holds for the single character <paramref name="c"/>.</summary>
    /// <param name="c">The character to test.</param>
    /// <returns><see langword="true"/> for Python whitespace.</returns>
    public static bool IsWhiteSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= ' ' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary>
    /// Compares two strings by Unicode code point, as Python compares <c>str</c> values (and as <c>sorted()</c> orders
    /// them). Ordinal UTF-16 comparison differs from this for characters above U+FFFF.
    /// </summary>
    /// <param name="x">The first string.</param>
    /// <param name="y">The second string.</param>
    /// <returns>A negative number, zero or a positive number as <paramref name="x"/> sorts before, equal to or after <paramref name="y"/>.</returns>
    public static int CompareCodePoints(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j] && !char.IsSurrogate(x[i]))
            {
                i++;
                j++;
                continue;
            }

            int a = CodePointAt(x, ref i);
            int b = CodePointAt(y, ref j);
            if (a != b)
            {
                return a < b ? -1 : 1;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    // The code point at index, advancing past it: a surrogate pair is one code point, a lone surrogate its own value.
    private static int CodePointAt(string s, ref int index)
    {
        char c = s[index++];
        if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
        {
            return char.ConvertToUtf32(c, s[index++]);
        }

        return c;
    }

    private static bool IsAsciiNeedingNoWork(string value, out bool ascii)
    {
        ascii = true;
        bool clean = true;
        foreach (char c in value)
        {
            if (c >= 0x80)
            {
                ascii = false;
                return false;
            }

            if (c is >= 'A' and <= 'Z')
            {
                clean = false;
            }
        }

        if (value.Length > 0 && (IsWhiteSpace(value[0]) || IsWhiteSpace(value[^1])))
        {
            clean = false;
        }

        return clean;
    }

    private static string LowerStripAscii(string value)
    {
        int start = 0;
        int end = value.Length;
        while (start < end && IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        return string.Create(end - start, (value, start), static (span, state) =>
        {
            ReadOnlySpan<char> source = state.value.AsSpan(state.start, span.Length);
            for (int i = 0; i < span.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            }
        });
    }

    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        Span<char> buffer = stackalloc char[2];
        int written = rune.EncodeToUtf16(buffer);
        sb.Append(buffer[..written]);
    }

    // CPython's handle_capital_sigma: final when preceded by a cased letter (skipping case-ignorable characters)
    // and not followed by one.
    private static bool IsFinalSigma(string s, int index)
    {
        int j = index - 1;
        Rune before = default;
        bool found = false;
        while (j >= 0)
        {
            j = StartOfRuneEndingAt(s, j, out before);
            if (!IsCaseIgnorable(before))
            {
                found = true;
                break;
            }

            j--;
        }

        if (!found || !IsCased(before))
        {
            return false;
        }

        int k = index + 1;
        while (k < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(k), out Rune after, out int consumed);
            if (!IsCaseIgnorable(after))
            {
                return !IsCased(after);
            }

            k += consumed;
        }

        return true;
    }

    private static int StartOfRuneEndingAt(string s, int end, out Rune rune)
    {
        if (end > 0 && char.IsLowSurrogate(s[end]) && char.IsHighSurrogate(s[end - 1]))
        {
            rune = new Rune(s[end - 1], s[end]);
            return end - 1;
        }

        rune = Rune.TryCreate(s[end], out Rune r) ? r : Rune.ReplacementChar;
        return end;
    }

    private static bool IsCased(Rune r)
    {
        // Unicode's Cased property also holds for Other_Lowercase / Other_Uppercase characters that have no case
        // mapping and are not Lm: the ordinal indicators and the squared, circled and negative squared Latin letters.
        if (r.Value is 0x00AA or 0x00BA or (>= 0x1F130 and <= 0x1F149) or (>= 0x1F150 and <= 0x1F169) or (>= 0x1F170 and <= 0x1F189))
        {
            return true;
        }

        UnicodeCategory cat = Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            || Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r;
    }

    private static bool IsCaseIgnorable(Rune r)
    {
        switch (r.Value)
        {
            // Word_Break = MidLetter, MidNumLet or Single_Quote.
            case 0x0027 or 0x002E or 0x003A or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024
                or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A:
                return true;
        }

        UnicodeCategory cat = Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
    }
}
