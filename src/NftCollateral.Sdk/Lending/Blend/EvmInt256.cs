using System.Numerics;

namespace NftCollateral.Sdk.Lending.Blend;

/// <summary>
/// EVM word semantics for signed 256-bit integers: wrapping (unchecked/assembly) operations, Solidity 0.8 checked
/// operations, and the bit-reinterpreting conversions <c>int256(uint256)</c> / <c>uint256(int256)</c>.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
internal static class EvmInt256
{
    /// <summary>2^256, the modulus of an EVM word.</summary>
    internal static readonly BigInteger Modulus = BigInteger.One << 256;

    /// <summary>Returns whether <paramref name="value"/> lies in int256.</summary>
    internal static bool IsValid(BigInteger value) => value >= UInt256.Int256MinValue && value <= UInt256.Int256MaxValue;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the caller's value is an int256.</summary>
    internal static BigInteger Require(BigInteger value, string paramName) =>
        IsValid(value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Must be an int256 (-2^255 to 2^255 - 1).");

    /// <summary>Reduces any integer to the int256 with the same low 256 bits (two's-complement wrap).</summary>
    internal static BigInteger Wrap(BigInteger value)
    {
        BigInteger word = BigInteger.Remainder(value, Modulus);
        if (word.Sign < 0)
        {
            word += Modulus;
        }

        return word > UInt256.Int256MaxValue ? word - Modulus : word;
    }

    /// <summary><c>int256(x)</c> for a uint256 <paramref name="unsignedWord"/>: the same bits read as two's complement.</summary>
    internal static BigInteger FromUInt256(BigInteger unsignedWord) => unsignedWord > UInt256.Int256MaxValue ? unsignedWord - Modulus : unsignedWord;

    /// <summary><c>uint256(x)</c> for an int256 <paramref name="signedWord"/>: the same bits read as unsigned.</summary>
    internal static BigInteger ToUInt256(BigInteger signedWord) => signedWord.Sign < 0 ? signedWord + Modulus : signedWord;

    /// <summary>EVM <c>sdiv</c>: truncates toward zero, returns 0 for a zero divisor and wraps −2^255 / −1 to −2^255.</summary>
    internal static BigInteger SDiv(BigInteger dividend, BigInteger divisor) =>
        divisor.IsZero ? BigInteger.Zero : Wrap(BigInteger.Divide(dividend, divisor));

    /// <summary>Solidity 0.8 checked int256 result: Panic(0x11) outside int256.</summary>
    internal static BigInteger Checked(BigInteger value, string function) =>
        IsValid(value) ? value : throw ProtocolRevertException.Overflow(function);

    /// <summary>
    /// Solidity 0.8 checked int256 division: Panic(0x12) for a zero divisor, Panic(0x11) for −2^255 / −1, otherwise
    /// truncation toward zero.
    /// </summary>
    internal static BigInteger CheckedDivide(BigInteger dividend, BigInteger divisor, string function)
    {
        if (divisor.IsZero)
        {
            throw ProtocolRevertException.DivisionByZero(function);
        }

        return Checked(BigInteger.Divide(dividend, divisor), function);
    }
}
