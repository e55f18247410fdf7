using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NftCollateral.Sdk.Evm.Abi;

/// <summary>
/// Builds the ABI encoding of a tuple of values (a call's arguments, a struct), head and tail, as Solidity's
/// <c>abi.encode</c> does: static values inline, dynamic values (<c>bytes</c>, <c>string</c>, dynamic tuples, arrays)
/// behind head offsets relative to the start of the enclosing tuple.
/// </summary>
/// <remarks>
/// Add values in argument order, then call <see cref="ToArray"/> or <see cref="EncodeCall"/>. Every value is range-checked
/// against its Solidity type; nothing is silently truncated. Instances are not thread-safe; the encoding is deterministic.
/// </remarks>
public sealed class AbiEncoder
{
    private const int Word = 32;
    private readonly List<Part> _parts = [];

    private enum PartKind
    {
        StaticWord,
        StaticTuple,
        DynamicBytes,
        DynamicTuple,
        TupleArray,
    }

    /// <summary>Gets a value indicating whether the tuple built so far is dynamic (has a dynamic member).</summary>
    public bool IsDynamic => _parts.Exists(p => p.Kind is PartKind.DynamicBytes or PartKind.DynamicTuple or PartKind.TupleArray);

    /// <summary>Adds a <c>uint256</c> (or any <c>uintN</c> for which the caller has checked the range).</summary>
    /// <param name="value">0 to 2^256 − 1.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or above 2^256 − 1.</exception>
    public AbiEncoder UInt256(BigInteger value)
    {
        if (value.Sign < 0 || value.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A uint256 must be from 0 to 2^256 - 1.");
        }

        byte[] word = new byte[Word];
        value.TryWriteBytes(word.AsSpan(Word - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return AddWord(word);
    }

    /// <summary>Adds an unsigned integer of <paramref name="bits"/> bits (e.g. 80 for <c>uint80</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="bits">The Solidity width, a multiple of 8 from 8 to 256.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit <paramref name="bits"/> bits.</exception>
    public AbiEncoder UIntN(BigInteger value, int bits = 256)
    {
        if (bits < 8 || bits > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The width must be a multiple of 8 from 8 to 256.");
        }

        if (value.Sign < 0 || value.GetBitLength() > bits)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A uint{bits} must be from 0 to 2^{bits} - 1.");
        }

        return UInt256(value);
    }

    /// <summary>Adds an <c>int256</c> in two's complement.</summary>
    /// <param name="value">−2^255 to 2^255 − 1.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside the int256 range.</exception>
    public AbiEncoder Int256(BigInteger value)
    {
        if (value.GetBitLength() > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An int256 must be from -2^255 to 2^255 - 1.");
        }

        byte[] word = new byte[Word];
        if (value.Sign < 0)
        {
            word.AsSpan().Fill(0xFF);
        }

        int count = value.GetByteCount(isUnsigned: false);
        value.TryWriteBytes(word.AsSpan(Word - count), out _, isUnsigned: false, isBigEndian: true);
        return AddWord(word);
    }

    /// <summary>Adds an <c>address</c>.</summary>
    /// <param name="value">The address.</param>
    /// <returns>This encoder.</returns>
    public AbiEncoder Address(Address value)
    {
        byte[] word = new byte[Word];
        value.CopyTo(word.AsSpan(12));
        return AddWord(word);
    }

    /// <summary>Adds a <c>bool</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This encoder.</returns>
    public AbiEncoder Bool(bool value)
    {
        byte[] word = new byte[Word];
        word[31] = value ? (byte)1 : (byte)0;
        return AddWord(word);
    }

    /// <summary>Adds a <c>bytesN</c> value (N = the span's length, 1 to 32), left-aligned.</summary>
    /// <param name="value">1 to 32 bytes.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or longer than 32 bytes.</exception>
    public AbiEncoder FixedBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length is < 1 or > Word)
        {
            throw new ArgumentException($"A bytesN value is 1 to 32 bytes, but {value.Length} were given.", nameof(value));
        }

        byte[] word = new byte[Word];
        value.CopyTo(word);
        return AddWord(word);
    }

    /// <summary>Adds a dynamic <c>bytes</c> value.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>This encoder.</returns>
    public AbiEncoder Bytes(ReadOnlySpan<byte> value)
    {
        _parts.Add(new Part(PartKind.DynamicBytes, value.ToArray(), null, null));
        return this;
    }

    /// <summary>Adds a dynamic <c>string</c> value, UTF-8 encoded.</summary>
    /// <param name="value">The text.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public AbiEncoder Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _parts.Add(new Part(PartKind.DynamicBytes, Encoding.UTF8.GetBytes(value), null, null));
        return this;
    }

    /// <summary>Adds a tuple (a struct): inline when all its members are static, behind an offset otherwise.</summary>
    /// <param name="fields">An encoder holding the tuple's members.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    public AbiEncoder Tuple(AbiEncoder fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _parts.Add(new Part(fields.IsDynamic ? PartKind.DynamicTuple : PartKind.StaticTuple, null, fields, null));
        return this;
    }

    /// <summary>Adds a dynamic array of tuples, <c>(…)[]</c>, such as Multicall3's <c>Call3[]</c>.</summary>
    /// <param name="elements">One encoder per element, each holding that element's members; all must have the same types.</param>
    /// <returns>This encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="elements"/> is <see langword="null"/>.</exception>
    public AbiEncoder TupleArray(IEnumerable<AbiEncoder> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        _parts.Add(new Part(PartKind.TupleArray, null, null, elements.ToList()));
        return this;
    }

    /// <summary>Returns the encoding of the values added, without a selector.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray()
    {
        byte[] buffer = new byte[EncodedLength()];
        Write(buffer);
        return buffer;
    }

    /// <summary>Returns call data: the selector followed by the encoding of the values added.</summary>
    /// <param name="selector">The function selector.</param>
    /// <returns>The call data.</returns>
    public byte[] EncodeCall(FunctionSelector selector)
    {
        byte[] buffer = new byte[4 + EncodedLength()];
        selector.WriteTo(buffer);
        Write(buffer.AsSpan(4));
        return buffer;
    }

    private AbiEncoder AddWord(byte[] word)
    {
        _parts.Add(new Part(PartKind.StaticWord, word, null, null));
        return this;
    }

    private int HeadLength()
    {
        int length = 0;
        foreach (Part part in _parts)
        {
            length += part.Kind == PartKind.StaticTuple ? part.Tuple!.EncodedLength() : Word;
        }

        return length;
    }

    private int EncodedLength()
    {
        int length = HeadLength();
        foreach (Part part in _parts)
        {
            length += TailLength(part);
        }

        return length;
    }

    private static int TailLength(Part part) => part.Kind switch
    {
        PartKind.DynamicBytes => Word + ((part.Bytes!.Length + Word - 1) / Word * Word),
        PartKind.DynamicTuple => part.Tuple!.EncodedLength(),
        PartKind.TupleArray => Word + ArrayBodyLength(part.Elements!),
        _ => 0,
    };

    private static int ArrayBodyLength(List<AbiEncoder> elements)
    {
        int length = 0;
        foreach (AbiEncoder element in elements)
        {
            length += element.IsDynamic ? Word + element.EncodedLength() : element.EncodedLength();
        }

        return length;
    }

    private int Write(Span<byte> destination)
    {
        int head = 0;
        int tail = HeadLength();
        foreach (Part part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.StaticWord:
                    part.Bytes!.CopyTo(destination[head..]);
                    head += Word;
                    break;
                case PartKind.StaticTuple:
                    head += part.Tuple!.Write(destination[head..]);
                    break;
                default:
                    WriteOffset(destination[head..], tail);
                    head += Word;
                    tail += WriteTail(part, destination[tail..]);
                    break;
            }
        }

        return tail;
    }

    private static int WriteTail(Part part, Span<byte> destination)
    {
        switch (part.Kind)
        {
            case PartKind.DynamicBytes:
                WriteOffset(destination, part.Bytes!.Length);
                part.Bytes.CopyTo(destination[Word..]);
                return TailLength(part);
            case PartKind.DynamicTuple:
                return part.Tuple!.Write(destination);
            default:
                List<AbiEncoder> elements = part.Elements!;
                WriteOffset(destination, elements.Count);
                Span<byte> body = destination[Word..];
                bool dynamic = elements.Exists(e => e.IsDynamic);
                int head = 0;
                int tail = dynamic ? Word * elements.Count : 0;
                foreach (AbiEncoder element in elements)
                {
                    if (dynamic)
                    {
                        WriteOffset(body[head..], tail);
                        head += Word;
                        tail += element.Write(body[tail..]);
                    }
                    else
                    {
                        head += element.Write(body[head..]);
                    }
                }

                return Word + (dynamic ? tail : head);
        }
    }

    private static void WriteOffset(Span<byte> destination, int value)
    {
        destination[..Word].Clear();
        BinaryPrimitives.WriteInt32BigEndian(destination[(Word - 4)..], value);
    }

    private readonly record struct Part(PartKind Kind, byte[]? Bytes, AbiEncoder? Tuple, List<AbiEncoder>? Elements);
}
