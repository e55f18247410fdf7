namespace NftCollateral.Sdk.Evm;

/// <summary>Strict <c>0x</c>-prefixed hexadecimal, as JSON-RPC carries data and quantities.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class Hex
{
    /// <summary>Decodes <c>0x</c>-prefixed hex data (an even number of digits, either case; <c>0x</c> is empty data).</summary>
    /// <param name="text">The text, e.g. <c>0x0102ff</c>.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text lacks the <c>0x</c> prefix, has an odd number of digits or a non-hex character.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Decode(text.AsSpan());
    }

    /// <summary>Decodes <c>0x</c>-prefixed hex data.</summary>
    /// <param name="text">The text, e.g. <c>0x0102ff</c>.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="FormatException">The text lacks the <c>0x</c> prefix, has an odd number of digits or a non-hex character.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> digits = StripPrefix(text);
        if ((digits.Length & 1) != 0)
        {
            throw new FormatException($"Hex data '{Shorten(text)}' has an odd number of digits ({digits.Length}).");
        }

        byte[] bytes = new byte[digits.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            int hi = Nibble(digits[2 * i]);
            int lo = Nibble(digits[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                int at = hi < 0 ? 2 * i : (2 * i) + 1;
                throw new FormatException($"Hex data '{Shorten(text)}' has a non-hex character '{digits[at]}' at digit {at}.");
            }

            bytes[i] = (byte)((hi << 4) | lo);
        }

        return bytes;
    }

    /// <summary>Encodes <paramref name="data"/> as lower-case hex with the <c>0x</c> prefix.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text, <c>0x</c> for no bytes.</returns>
    public static string Encode(ReadOnlySpan<byte> data) => string.Concat("0x", Convert.ToHexStringLower(data));

    /// <summary>Parses a JSON-RPC quantity: <c>0x</c> then hex digits without leading zeros (<c>0x0</c> for zero).</summary>
    /// <param name="text">The text, e.g. <c>0x7a69</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a quantity, or exceeds 64 bits.</exception>
    public static ulong ParseQuantity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> digits = StripPrefix(text);
        if (digits.Length == 0 || digits.Length > 16)
        {
            throw new FormatException($"'{Shorten(text)}' is not a 64-bit hex quantity.");
        }

        ulong value = 0;
        foreach (char c in digits)
        {
            int n = Nibble(c);
            if (n < 0)
            {
                throw new FormatException($"Quantity '{Shorten(text)}' has a non-hex character '{c}'.");
            }

            value = (value << 4) | (uint)n;
        }

        return value;
    }

    /// <summary>Formats a JSON-RPC quantity (<c>0x0</c>, <c>0x1a</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatQuantity(ulong value) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0x{value:x}");

    internal static string Shorten(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..76], "…");

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            throw new FormatException($"Hex text '{Shorten(text)}' must start with 0x.");
        }

        return text[2..];
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
