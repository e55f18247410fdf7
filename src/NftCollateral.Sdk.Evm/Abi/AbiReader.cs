using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NftCollateral.Sdk.Evm.Abi;

/// <summary>
/// Reads ABI-encoded values (function return data, revert payloads, log data) from a span of 32-byte words, with
/// every check the Solidity decoder makes and more: each value must fit its type with zero padding, offsets and
/// lengths must lie inside the data, strings must be valid UTF-8, and <see cref="EnsureEnd"/> refuses trailing bytes.
/// </summary>
/// <remarks>
/// <para>
/// Reads advance a head cursor over the current tuple. Dynamic values (<c>string</c>, <c>bytes</c>, arrays, dynamic
/// tuples) are read through their head offset, relative to the start of the enclosing tuple, as the ABI specifies.
/// Nested readers returned by <see cref="ReadArray"/> and <see cref="ReadDynamicTuple"/> report how far they read
/// through <see cref="Include"/>, so that the root reader can tell whether the whole buffer was used.
/// </para>
/// <para>The static reads allocate nothing. Every failure is an <see cref="AbiDecodingException"/> naming the offset.</para>
/// </remarks>
public ref struct AbiReader
{
    private const int Word = 32;
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private readonly string? _context;
    private int _position;
    private int _extent;

    /// <summary>Initializes a new instance of the <see cref="AbiReader"/> struct over a whole encoding.</summary>
    /// <param name="data">The encoded values (return data without a selector).</param>
    /// <param name="context">What is being decoded, for error messages, e.g. <c>ownerOf(7) on 0xBC4C…</c>.</param>
    public AbiReader(ReadOnlySpan<byte> data, string? context = null)
        : this(data, 0, context)
    {
    }

    private AbiReader(ReadOnlySpan<byte> data, int start, string? context)
    {
        _data = data;
        _base = start;
        _position = start;
        _extent = start;
        _context = context;
    }

    /// <summary>Gets the absolute offset of the next head word.</summary>
    public readonly int Position => _position;

    /// <summary>Gets the length of the whole buffer.</summary>
    public readonly int Length => _data.Length;

    /// <summary>Reads the next head word as raw bytes.</summary>
    /// <returns>The 32-byte word.</returns>
    /// <exception cref="AbiDecodingException">Fewer than 32 bytes remain.</exception>
    public ReadOnlySpan<byte> ReadWord()
    {
        ReadOnlySpan<byte> word = WordAt(_position, "word");
        _position += Word;
        Touch(_position);
        return word;
    }

    /// <summary>Reads a <c>uint256</c>.</summary>
    /// <returns>The value, 0 to 2^256 − 1.</returns>
    public BigInteger ReadUInt256() => new(ReadWord(), isUnsigned: true, isBigEndian: true);

    /// <summary>Reads an <c>int256</c> (two's complement).</summary>
    /// <returns>The value, −2^255 to 2^255 − 1.</returns>
    public BigInteger ReadInt256() => new(ReadWord(), isUnsigned: false, isBigEndian: true);

    /// <summary>Reads an unsigned integer of <paramref name="bits"/> bits (8 to 128) and checks the padding.</summary>
    /// <param name="bits">The Solidity type width, a multiple of 8 from 8 to 128 (e.g. 80 for <c>uint80</c>).</param>
    /// <returns>The value.</returns>
    /// <exception cref="AbiDecodingException">The value does not fit <paramref name="bits"/> bits.</exception>
    public UInt128 ReadUInt(int bits)
    {
        CheckBits(bits, 128);
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        int padding = Word - (bits / 8);
        if (word[..padding].ContainsAnyExcept((byte)0))
        {
            throw Fail(at, $"a uint{bits} value 0x{Convert.ToHexStringLower(word).TrimStart('0')} does not fit in {bits} bits");
        }

        return ReadUInt128Unchecked(word);
    }

    /// <summary>Reads a <c>uint64</c> or any narrower unsigned integer that must fit in 64 bits (e.g. a <c>uint256</c> timestamp).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AbiDecodingException">The value does not fit in 64 bits.</exception>
    public ulong ReadUInt64() => (ulong)ReadUInt(64);

    /// <summary>Reads a <c>uint8</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AbiDecodingException">The value does not fit in 8 bits.</exception>
    public byte ReadUInt8() => (byte)ReadUInt(8);

    /// <summary>Reads a signed integer of <paramref name="bits"/> bits (8 to 128) and checks the sign extension.</summary>
    /// <param name="bits">The Solidity type width, a multiple of 8 from 8 to 128.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AbiDecodingException">The value does not fit <paramref name="bits"/> bits.</exception>
    public Int128 ReadInt(int bits)
    {
        CheckBits(bits, 128);
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        int padding = Word - (bits / 8);
        bool negative = (word[padding] & 0x80) != 0;
        byte fill = negative ? (byte)0xFF : (byte)0;
        if (word[..padding].ContainsAnyExcept(fill))
        {
            throw Fail(at, $"an int{bits} value does not fit in {bits} bits (bad sign extension 0x{Convert.ToHexStringLower(word)})");
        }

        return (Int128)ReadUInt128Unchecked(word);
    }

    /// <summary>Reads an <c>address</c> and checks its 12 zero padding bytes.</summary>
    /// <returns>The address.</returns>
    /// <exception cref="AbiDecodingException">The padding is not zero.</exception>
    public Address ReadAddress()
    {
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        if (word[..12].ContainsAnyExcept((byte)0))
        {
            throw Fail(at, $"an address word 0x{Convert.ToHexStringLower(word)} has non-zero padding");
        }

        return new Address(word[12..]);
    }

    /// <summary>Reads a <c>bool</c>, which must be exactly 0 or 1.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AbiDecodingException">The word is neither 0 nor 1.</exception>
    public bool ReadBool()
    {
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
        {
            throw Fail(at, $"a bool word 0x{Convert.ToHexStringLower(word)} is neither 0 nor 1");
        }

        return word[31] == 1;
    }

    /// <summary>Reads a <c>bytesN</c> value (1 ≤ N ≤ 32), left-aligned with zero padding on the right.</summary>
    /// <param name="size">N.</param>
    /// <returns>The N bytes, a view into the data.</returns>
    /// <exception cref="AbiDecodingException">The padding is not zero.</exception>
    public ReadOnlySpan<byte> ReadFixedBytes(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 32);
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        if (word[size..].ContainsAnyExcept((byte)0))
        {
            throw Fail(at, $"a bytes{size} word has non-zero padding");
        }

        return word[..size];
    }

    /// <summary>Reads a dynamic <c>bytes</c> value through its head offset.</summary>
    /// <returns>The bytes, a view into the data.</returns>
    /// <exception cref="AbiDecodingException">The offset or length points outside the data, or the padding is not zero.</exception>
    public ReadOnlySpan<byte> ReadBytes()
    {
        int start = ReadOffset("bytes");
        int length = LengthAt(start, "bytes", elementSize: 1);
        int body = start + Word;
        int padded = Pad(length);
        ReadOnlySpan<byte> payload = _data.Slice(body, length);
        if (_data.Slice(body + length, padded - length).ContainsAnyExcept((byte)0))
        {
            throw Fail(body + length, "the padding after a bytes/string value is not zero");
        }

        Touch(body + padded);
        return payload;
    }

    /// <summary>Reads a dynamic <c>string</c> value through its head offset; it must be valid UTF-8.</summary>
    /// <returns>The string.</returns>
    /// <exception cref="AbiDecodingException">The encoding is malformed or the text is not valid UTF-8.</exception>
    public string ReadString()
    {
        int at = _position;
        ReadOnlySpan<byte> bytes = ReadBytes();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new AbiDecodingException(Message(at, "a string is not valid UTF-8"), ex);
        }
    }

    /// <summary>Reads a dynamic array <c>T[]</c> through its head offset and returns a reader over its element heads.</summary>
    /// <param name="count">The number of elements.</param>
    /// <param name="staticElementWords">The size in words of each element's head (1 for dynamic elements and single-word types).</param>
    /// <returns>A reader positioned on the first element; call <see cref="Include"/> with it when done.</returns>
    /// <exception cref="AbiDecodingException">The offset or length points outside the data.</exception>
    public AbiReader ReadArray(out int count, int staticElementWords = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(staticElementWords, 1);
        int start = ReadOffset("array");
        count = LengthAt(start, "array", elementSize: Word * staticElementWords);
        Touch(start + Word);
        return new AbiReader(_data, start + Word, _context) { _extent = start + Word };
    }

    /// <summary>Reads a dynamic tuple through its head offset and returns a reader over its fields.</summary>
    /// <returns>A reader positioned on the first field; call <see cref="Include"/> with it when done.</returns>
    /// <exception cref="AbiDecodingException">The offset points outside the data.</exception>
    public AbiReader ReadDynamicTuple()
    {
        int start = ReadOffset("tuple");
        return new AbiReader(_data, start, _context);
    }

    /// <summary>Records how far a nested reader read, so that <see cref="EnsureEnd"/> sees the whole extent.</summary>
    /// <param name="nested">A reader obtained from <see cref="ReadArray"/> or <see cref="ReadDynamicTuple"/>.</param>
    public void Include(scoped in AbiReader nested) => Touch(nested._extent);

    /// <summary>Checks that every byte of the data was part of a value read: no trailing or unreferenced bytes.</summary>
    /// <exception cref="AbiDecodingException">The data is longer than the values read.</exception>
    public readonly void EnsureEnd()
    {
        if (_extent != _data.Length)
        {
            throw new AbiDecodingException(Prefix() + $"the data is {_data.Length} bytes but the expected values take {_extent}; {_data.Length - _extent} bytes are left over (oversized or wrongly typed return data)");
        }
    }

    /// <summary>Checks that the data is exactly <paramref name="words"/> words long (a return of static values only).</summary>
    /// <param name="data">The data.</param>
    /// <param name="words">The number of 32-byte words expected.</param>
    /// <param name="context">What is being decoded, for the message.</param>
    /// <exception cref="AbiDecodingException">The length differs.</exception>
    public static void RequireStaticLength(ReadOnlySpan<byte> data, int words, string? context = null)
    {
        if (data.Length != words * Word)
        {
            string prefix = context is null ? string.Empty : context + ": ";
            throw new AbiDecodingException(
                $"{prefix}expected {words * Word} bytes of return data ({words} word{(words == 1 ? string.Empty : "s")}) but got {data.Length}" +
                (data.Length < words * Word ? " (short return data)" : " (oversized return data)"));
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static UInt128 ReadUInt128Unchecked(ReadOnlySpan<byte> word) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(word[16..]), BinaryPrimitives.ReadUInt64BigEndian(word[24..]));

    private static int Pad(int length) => (length + Word - 1) / Word * Word;

    private static void CheckBits(int bits, int max)
    {
        if (bits < 8 || bits > max || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"The width must be a multiple of 8 from 8 to {max}.");
        }
    }

    private int ReadOffset(string what)
    {
        int at = _position;
        ReadOnlySpan<byte> word = ReadWord();
        if (word[..28].ContainsAnyExcept((byte)0))
        {
            throw Fail(at, $"the offset of a {what} value is too large (0x{Convert.ToHexStringLower(word).TrimStart('0')})");
        }

        long offset = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        long absolute = _base + offset;
        if (offset % Word != 0 || absolute + Word > _data.Length)
        {
            throw Fail(at, $"the offset {offset} of a {what} value points {(offset % Word != 0 ? "off the word grid" : "past the end of the data")} ({_data.Length} bytes)");
        }

        return (int)absolute;
    }

    private readonly int LengthAt(int start, string what, int elementSize)
    {
        if (start + Word > _data.Length)
        {
            throw Fail(start, $"the length of a {what} value needs 32 bytes but the data ends at {_data.Length} (short return data)");
        }

        ReadOnlySpan<byte> word = _data.Slice(start, Word);
        long remaining = _data.Length - start - Word;
        if (word[..28].ContainsAnyExcept((byte)0))
        {
            throw Fail(start, $"the length of a {what} value is too large for the {remaining} bytes that follow");
        }

        long length = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        long needed = elementSize == 1 ? Pad((int)Math.Min(length, int.MaxValue - Word)) : length * elementSize;
        if (needed > remaining)
        {
            throw Fail(start, $"a {what} value of length {length} needs {needed} bytes but only {remaining} follow (truncated data)");
        }

        return (int)length;
    }

    private readonly ReadOnlySpan<byte> WordAt(int offset, string what)
    {
        if (offset < 0 || offset + Word > _data.Length)
        {
            throw Fail(offset, $"a {what} needs 32 bytes but the data ends at {_data.Length} (short return data)");
        }

        return _data.Slice(offset, Word);
    }

    private void Touch(int end) => _extent = Math.Max(_extent, end);

    private readonly string Prefix() => _context is null ? string.Empty : _context + ": ";

    private readonly string Message(int offset, string what) => $"{Prefix()}{what} (at byte {offset})";

    private readonly AbiDecodingException Fail(int offset, string what) => new(Message(offset, what));
}
