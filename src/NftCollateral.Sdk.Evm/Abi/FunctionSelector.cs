using System.Buffers.Binary;
using System.Globalization;

namespace NftCollateral.Sdk.Evm.Abi;

/// <summary>The first four bytes of <c>keccak256(signature)</c>, which name a function, a custom error or an interface.</summary>
/// <param name="Value">The selector as a big-endian 32-bit number, e.g. <c>0x6352211e</c> for <c>ownerOf(uint256)</c>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct FunctionSelector(uint Value)
{
    /// <summary>Computes the selector of a canonical signature such as <c>ownerOf(uint256)</c> (no spaces, no parameter names).</summary>
    /// <param name="signature">The canonical signature.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException"><paramref name="signature"/> is empty, or has white space or no parentheses.</exception>
    public static FunctionSelector FromSignature(string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        if (signature.Any(char.IsWhiteSpace) || !signature.Contains('(', StringComparison.Ordinal) || !signature.EndsWith(')'))
        {
            throw new ArgumentException($"'{signature}' is not a canonical signature such as 'ownerOf(uint256)' (no spaces, no parameter names).", nameof(signature));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSizeInBytes];
        Keccak256.HashData(System.Text.Encoding.UTF8.GetBytes(signature), hash);
        return new FunctionSelector(BinaryPrimitives.ReadUInt32BigEndian(hash));
    }

    /// <summary>Reads the selector from the first four bytes of call or revert data.</summary>
    /// <param name="data">At least four bytes.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is shorter than four bytes.</exception>
    public static FunctionSelector Read(ReadOnlySpan<byte> data) => data.Length >= 4
        ? new FunctionSelector(BinaryPrimitives.ReadUInt32BigEndian(data))
        : throw new ArgumentException($"A selector is 4 bytes, but the data holds {data.Length}.", nameof(data));

    /// <summary>Writes the four selector bytes to the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least four bytes.</param>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>Returns the selector as <c>0x</c> and eight lower-case hex digits.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"0x{Value:x8}");
}
