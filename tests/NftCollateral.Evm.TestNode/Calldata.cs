using System.Globalization;
using System.Numerics;
using System.Text;

namespace NftCollateral.Evm.TestNode;

/// <summary>
/// A minimal ABI encoder for test set-up (not the SDK's codec). Supports <c>address</c>, <c>bool</c>,
/// <c>uintN</c>, <c>intN</c>, <c>bytesN</c>, <c>string</c> and <c>bytes</c>; no arrays or tuples.
/// Numbers may be <see cref="BigInteger"/>, <see cref="long"/>, <see cref="int"/>, <see cref="ulong"/> (or other
/// integral types); addresses and hex byte strings are 0x-prefixed strings; <c>bytes</c> also accepts byte[].
/// </summary>
public static class Calldata
{
    private static readonly BigInteger Two256 = BigInteger.One << 256;

    /// <summary>Encodes a call: the selector of <paramref name="signature"/> (from the compiler) and the arguments.</summary>
    /// <returns>0x-prefixed hex.</returns>
    public static string Encode(CompiledContract contract, string signature, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(contract);
        string selector = contract.Selector(signature);
        string encoded = EncodeArguments(ParameterTypes(signature), args);
        return selector + encoded[2..];
    }

    /// <summary>Encodes constructor arguments (types from the ABI), to append to the creation code.</summary>
    /// <returns>0x-prefixed hex ("0x" when there are no arguments).</returns>
    public static string EncodeConstructor(CompiledContract contract, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return EncodeArguments(contract.ConstructorTypes(), args);
    }

    /// <summary>Encodes values as the ABI encodes a tuple of <paramref name="types"/>.</summary>
    /// <returns>0x-prefixed hex.</returns>
    public static string EncodeArguments(IReadOnlyList<string> types, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(args);
        if (types.Count != args.Length)
        {
            throw new ArgumentException($"{types.Count} parameter types ({string.Join(",", types)}) but {args.Length} arguments.", nameof(args));
        }

        var head = new List<byte[]>();
        var tail = new List<byte[]>();
        int headSize = 32 * types.Count;
        int tailSize = 0;
        for (int i = 0; i < types.Count; i++)
        {
            string type = types[i];
            if (type is "string" or "bytes")
            {
                byte[] data = type == "string" ? Encoding.UTF8.GetBytes(Cast<string>(args[i], type)) : ToBytes(args[i], type);
                byte[] dyn = new byte[32 + Pad32(data.Length)];
                Word(data.Length).CopyTo(dyn, 0);
                data.CopyTo(dyn, 32);
                head.Add(Word(headSize + tailSize));
                tail.Add(dyn);
                tailSize += dyn.Length;
            }
            else
            {
                head.Add(EncodeStatic(type, args[i]));
            }
        }

        var sb = new StringBuilder("0x", 2 + 2 * (headSize + tailSize));
        foreach (byte[] word in head.Concat(tail))
        {
            sb.Append(Convert.ToHexStringLower(word));
        }

        return sb.ToString();
    }

    /// <summary>Splits <c>f(uint256,address)</c> into its parameter types.</summary>
    public static IReadOnlyList<string> ParameterTypes(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        int open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !signature.EndsWith(')'))
        {
            throw new ArgumentException($"'{signature}' is not a canonical signature like f(uint256,address).", nameof(signature));
        }

        string inner = signature[(open + 1)..^1];
        if (inner.Contains('(', StringComparison.Ordinal) || inner.Contains('[', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Tuples and arrays are not supported by this test encoder: {signature}.");
        }

        return inner.Length == 0 ? [] : inner.Split(',');
    }

    private static byte[] EncodeStatic(string type, object value)
    {
        if (type == "address")
        {
            string s = Cast<string>(value, type);
            if (s.Length != 42 || !s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{s}' is not a 0x-prefixed 20-byte address.", nameof(value));
            }

            byte[] word = new byte[32];
            Convert.FromHexString(s.AsSpan(2)).CopyTo(word, 12);
            return word;
        }

        if (type == "bool")
        {
            return Word(Cast<bool>(value, type) ? 1 : 0);
        }

        if (type.StartsWith("uint", StringComparison.Ordinal) || type.StartsWith("int", StringComparison.Ordinal))
        {
            bool signed = type[0] == 'i';
            int bits = BitSize(type, signed ? 3 : 4);
            BigInteger v = ToBigInteger(value, type);
            BigInteger min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
            BigInteger max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
            if (v < min || v > max)
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, $"Out of range for {type}.");
            }

            return Word(v);
        }

        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            int n = int.Parse(type.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
            byte[] data = ToBytes(value, type);
            if (n is < 1 or > 32 || data.Length != n)
            {
                throw new ArgumentException($"{type} needs exactly {n} bytes, got {data.Length}.", nameof(value));
            }

            byte[] word = new byte[32];
            data.CopyTo(word, 0);
            return word;
        }

        throw new NotSupportedException($"ABI type '{type}' is not supported by this test encoder.");
    }

    private static int BitSize(string type, int prefixLength)
    {
        if (type.Length == prefixLength)
        {
            return 256;
        }

        int bits = int.Parse(type.AsSpan(prefixLength), NumberStyles.None, CultureInfo.InvariantCulture);
        return bits is >= 8 and <= 256 && bits % 8 == 0
            ? bits
            : throw new NotSupportedException($"ABI type '{type}' is not valid.");
    }

    /// <summary>A 32-byte big-endian two's-complement word.</summary>
    private static byte[] Word(BigInteger v)
    {
        if (v.Sign < 0)
        {
            v += Two256;
        }

        byte[] raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] word = new byte[32];
        raw.CopyTo(word, 32 - raw.Length);
        return word;
    }

    private static int Pad32(int n) => (n + 31) / 32 * 32;

    private static BigInteger ToBigInteger(object value, string type) => value switch
    {
        BigInteger b => b,
        long l => l,
        int i => i,
        ulong ul => ul,
        uint ui => ui,
        short s => s,
        ushort us => us,
        byte b8 => b8,
        sbyte sb => sb,
        _ => throw new ArgumentException($"{type} needs an integer, got {value?.GetType().Name ?? "null"}.", nameof(value)),
    };

    private static byte[] ToBytes(object value, string type) => value switch
    {
        byte[] b => b,
        string s when s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => Convert.FromHexString(s.AsSpan(2)),
        _ => throw new ArgumentException($"{type} needs byte[] or a 0x-prefixed hex string.", nameof(value)),
    };

    private static T Cast<T>(object value, string type) =>
        value is T t ? t : throw new ArgumentException($"{type} needs a {typeof(T).Name}, got {value?.GetType().Name ?? "null"}.", nameof(value));
}
