using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>Solidity integer bounds and checked arithmetic on <see cref="BigInteger"/>, with the revert Solidity 0.8 gives.</summary>
/// <remarks>All members are thread-safe.</remarks>
public static class UInt256
{
    /// <summary>2^256 − 1, <c>type(uint256).max</c>.</summary>
    public static readonly BigInteger MaxValue = (BigInteger.One << 256) - 1;

    /// <summary>2^255 − 1, <c>type(int256).max</c>.</summary>
    public static readonly BigInteger Int256MaxValue = (BigInteger.One << 255) - 1;

    /// <summary>−2^255, <c>type(int256).min</c>.</summary>
    public static readonly BigInteger Int256MinValue = -(BigInteger.One << 255);

    /// <summary>Returns whether <paramref name="value"/> is a valid uint256.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when 0 ≤ value ≤ 2^256 − 1.</returns>
    public static bool IsValid(BigInteger value) => value.Sign >= 0 && value <= MaxValue;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is a valid uint256 (caller input).</summary>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The argument name.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 2^256 − 1.</exception>
    public static BigInteger Require(BigInteger value, string paramName) =>
        IsValid(value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Must be a uint256 (0 to 2^256 - 1).");

    /// <summary>Solidity 0.8 checked uint256 result: Panic(0x11) outside 0..2^256 − 1.</summary>
    /// <param name="value">The exact result.</param>
    /// <param name="function">The protocol function, for the error.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ProtocolRevertException">The result overflows or underflows.</exception>
    public static BigInteger Checked(BigInteger value, string function) =>
        IsValid(value) ? value : throw ProtocolRevertException.Overflow(function);

    /// <summary>Solidity 0.8 checked uint256 division: Panic(0x12) on a zero divisor, floor otherwise.</summary>
    /// <param name="dividend">The dividend (non-negative).</param>
    /// <param name="divisor">The divisor (non-negative).</param>
    /// <param name="function">The protocol function, for the error.</param>
    /// <returns>⌊dividend / divisor⌋.</returns>
    /// <exception cref="ProtocolRevertException">The divisor is zero.</exception>
    public static BigInteger Divide(BigInteger dividend, BigInteger divisor, string function) =>
        divisor.IsZero ? throw ProtocolRevertException.DivisionByZero(function) : BigInteger.Divide(dividend, divisor);
}
