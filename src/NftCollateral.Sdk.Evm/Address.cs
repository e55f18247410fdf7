using System.Diagnostics.CodeAnalysis;

namespace NftCollateral.Sdk.Evm;

/// <summary>A 20-byte Ethereum account or contract address; formats with the EIP-55 mixed-case checksum.</summary>
/// <remarks>
/// <para>
/// <see cref="Parse(string)"/> accepts all-lower-case and all-upper-case hex, which carry no checksum, and mixed-case
/// hex only when its checksum is right: a mistyped mixed-case address is refused, never silently accepted.
/// </para>
/// <para>Equality compares the 20 bytes. This type is immutable and thread-safe; <c>default</c> is the zero address.</para>
/// </remarks>
public readonly struct Address : IEquatable<Address>, ISpanFormattable
{
    /// <summary>The length of an address, in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _a;   // bytes 0..7, big-endian
    private readonly ulong _b;   // bytes 8..15
    private readonly uint _c;    // bytes 16..19

    /// <summary>Initializes a new instance of the <see cref="Address"/> struct from 20 bytes.</summary>
    /// <param name="bytes">The address bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 20 bytes long.</exception>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An address is {Length} bytes, but {bytes.Length} were given.", nameof(bytes));
        }

        _a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>Gets the zero address <c>0x0000…0000</c>, which ERC-721 uses for "no owner" in mints and burns.</summary>
    public static Address Zero => default;

    /// <summary>Gets a value indicating whether this is the zero address.</summary>
    public bool IsZero => (_a | _b | _c) == 0;

    /// <summary>Parses an address: <c>0x</c> then 40 hex digits, all lower-case, all upper-case, or EIP-55 checksummed.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not 0x plus 40 hex digits, or its mixed-case checksum is wrong.</exception>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? error = TryParseCore(text, out Address address);
        return error is null ? address : throw new FormatException(error);
    }

    /// <summary>
    /// Parses an address that must carry a valid EIP-55 checksum: all-lower-case or all-upper-case hex (which carries
    /// none) is refused unless its checksummed form is the same text. Use it for addresses typed or pasted by people.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not an address, or is not in its EIP-55 checksummed form.</exception>
    public static Address ParseChecksummed(string text)
    {
        Address address = Parse(text);
        string expected = address.ToString();
        return string.Equals(expected.AsSpan(2).ToString(), text.AsSpan(2).ToString(), StringComparison.Ordinal)
            ? address
            : throw new FormatException($"'{text}' is not EIP-55 checksummed; the checksummed form of these bytes is {expected}.");
    }

    /// <summary>Tries to parse an address; see <see cref="Parse(string)"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="address">The address, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address)
    {
        if (text is null)
        {
            address = default;
            return false;
        }

        return TryParseCore(text, out address) is null;
    }

    /// <summary>Writes the 20 address bytes into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 20 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold {Length} bytes.", nameof(destination));
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    /// <summary>Returns the 20 address bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Returns the EIP-55 checksummed form, e.g. <c>0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</c>.</summary>
    /// <returns>The checksummed address.</returns>
    public override string ToString() => string.Create(42, this, static (span, self) => self.TryFormat(span, out _, default, null));

    /// <summary>Returns the lower-case form, e.g. <c>0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed</c>, as JSON-RPC requests use.</summary>
    /// <returns>The lower-case address.</returns>
    public string ToLowerInvariantHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the EIP-55 checksummed form (42 characters) into <paramref name="destination"/>.</summary>
    /// <param name="destination">The buffer.</param>
    /// <param name="charsWritten">42 on success, else 0.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns><see langword="true"/> when the buffer was large enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < 42)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        Span<byte> lowerAscii = stackalloc byte[40];
        const string Digits = "0123456789abcdef";
        for (int i = 0; i < Length; i++)
        {
            lowerAscii[2 * i] = (byte)Digits[bytes[i] >> 4];
            lowerAscii[(2 * i) + 1] = (byte)Digits[bytes[i] & 0xF];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSizeInBytes];
        Keccak256.HashData(lowerAscii, hash);
        destination[0] = '0';
        destination[1] = 'x';
        for (int i = 0; i < 40; i++)
        {
            char c = (char)lowerAscii[i];
            int nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            destination[i + 2] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }

        charsWritten = 42;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>Compares two addresses for equality.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when the bytes are equal.</returns>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Compares two addresses for inequality.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when the bytes differ.</returns>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    private static string? TryParseCore(string text, out Address address)
    {
        address = default;
        if (text.Length != 42 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            return $"'{Hex.Shorten(text)}' is not an address: expected 0x followed by 40 hex digits.";
        }

        Span<byte> bytes = stackalloc byte[Length];
        bool hasLower = false, hasUpper = false;
        for (int i = 0; i < 40; i++)
        {
            char c = text[i + 2];
            int n = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (n < 0)
            {
                return $"'{text}' is not an address: '{c}' at position {i + 2} is not a hex digit.";
            }

            hasLower |= c is >= 'a' and <= 'f';
            hasUpper |= c is >= 'A' and <= 'F';
            bytes[i / 2] = (byte)((i & 1) == 0 ? n << 4 : bytes[i / 2] | n);
        }

        Address parsed = new(bytes);
        if (hasLower && hasUpper)
        {
            string expected = parsed.ToString();
            if (!string.Equals(expected.AsSpan(2).ToString(), text.AsSpan(2).ToString(), StringComparison.Ordinal))
            {
                return $"'{text}' has a wrong EIP-55 checksum (mixed case); the checksummed form of these bytes is {expected}. Check the address for a typo.";
            }
        }

        address = parsed;
        return null;
    }
}
