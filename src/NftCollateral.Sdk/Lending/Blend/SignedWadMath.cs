using System.Numerics;

namespace NftCollateral.Sdk.Lending.Blend;

/// <summary>
/// Signed 18-decimal fixed-point ("wad") arithmetic on int256 with the exact semantics of solmate's
/// <c>SignedWadMath</c> (<c>transmissions11/solmate @ c8923099 : src/utils/SignedWadMath.sol</c>), which Blur Blend
/// uses for its continuously compounded debt.
/// </summary>
/// <remarks>
/// <para>
/// Every operation works on int256 values: divisions truncate toward zero (<c>sdiv</c>), not toward −∞, so
/// <c>WadMul(-1, 1) == 0</c>. <see cref="WadMul"/> and <see cref="WadDiv"/> revert with empty return data (solmate's
/// assembly <c>revert(0, 0)</c>), <see cref="WadExp"/> reverts with the reason <c>"EXP_OVERFLOW"</c>.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class SignedWadMath
{
    /// <summary>The largest input for which <see cref="WadExp"/> returns 0 (≈ ln(0.5e-18) · 1e18): any x ≤ this yields 0.</summary>
    public static readonly BigInteger ExpZeroBound = BigInteger.Parse("-42139678854452767551", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The smallest input for which <see cref="WadExp"/> reverts <c>"EXP_OVERFLOW"</c> (≈ ln((2^255 − 1) / 1e18) · 1e18).</summary>
    public static readonly BigInteger ExpOverflowBound = BigInteger.Parse("135305999368893231589", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1e18, one in wad.</summary>
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    private const string WadMulFunction = "solmate SignedWadMath.wadMul";
    private const string WadDivFunction = "solmate SignedWadMath.wadDiv";
    private const string WadExpFunction = "solmate SignedWadMath.wadExp";

    // wadExp constants, all in 2^96 fixed point unless noted.
    private static readonly BigInteger FiveToThe18 = BigInteger.Pow(5, 18);
    private static readonly BigInteger Ln2 = Parse("54916777467707473351141471128");
    private static readonly BigInteger Half = BigInteger.One << 95;
    private static readonly BigInteger P1 = Parse("1346386616545796478920950773328");
    private static readonly BigInteger P2 = Parse("57155421227552351082224309758442");
    private static readonly BigInteger P3 = Parse("94201549194550492254356042504812");
    private static readonly BigInteger P4 = Parse("28719021644029726153956944680412240");
    private static readonly BigInteger P5 = Parse("4385272521454847904659076985693276") << 96;
    private static readonly BigInteger Q1 = Parse("2855989394907223263936484059900");
    private static readonly BigInteger Q2 = Parse("50020603652535783019961831881945");
    private static readonly BigInteger Q3 = Parse("533845033583426703283633433725380");
    private static readonly BigInteger Q4 = Parse("3604857256930695427073651918091429");
    private static readonly BigInteger Q5 = Parse("14423608567350463180887372962807573");
    private static readonly BigInteger Q6 = Parse("26449188498355588339934803723976023");

    // Scale factor s ≈ 6.031367120 times 1e18 / 2^96, in 2^213 basis (multiplied as uint256).
    private static readonly BigInteger FinalScale = Parse("3822833074963236453042738258902158003155416615667");

    /// <summary>Wad multiplication <c>tdiv(x · y, 1e18)</c> (solmate <c>wadMul</c>).</summary>
    /// <param name="x">A wad (int256).</param>
    /// <param name="y">A wad (int256).</param>
    /// <returns>x · y / 1e18, truncated toward zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside int256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>revert (no data)</c> when x · y overflows int256, including solmate's explicit x = −1, y = −2^255 check.
    /// </exception>
    public static BigInteger WadMul(BigInteger x, BigInteger y)
    {
        EvmInt256.Require(x, nameof(x));
        EvmInt256.Require(y, nameof(y));

        // r := mul(x, y); revert unless (x == 0 || sdiv(r, x) == y) && (x != -1 || y != type(int256).min).
        BigInteger r = EvmInt256.Wrap(x * y);
        bool productFits = x.IsZero || EvmInt256.SDiv(r, x) == y;
        bool edgeCaseClear = x != BigInteger.MinusOne || y != UInt256.Int256MinValue;
        if (!(productFits && edgeCaseClear))
        {
            throw new ProtocolRevertException(WadMulFunction, RevertKind.Empty);
        }

        return EvmInt256.SDiv(r, Wad);
    }

    /// <summary>Wad division <c>tdiv(x · 1e18, y)</c> (solmate <c>wadDiv</c>).</summary>
    /// <param name="x">The dividend, a wad (int256).</param>
    /// <param name="y">The divisor, a wad (int256).</param>
    /// <returns>x · 1e18 / y, truncated toward zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside int256.</exception>
    /// <exception cref="ProtocolRevertException"><c>revert (no data)</c> when y is 0 or x · 1e18 overflows int256.</exception>
    public static BigInteger WadDiv(BigInteger x, BigInteger y)
    {
        EvmInt256.Require(x, nameof(x));
        EvmInt256.Require(y, nameof(y));

        // r := mul(x, 1e18); revert unless y != 0 && sdiv(r, 1e18) == x.
        BigInteger r = EvmInt256.Wrap(x * Wad);
        if (y.IsZero || EvmInt256.SDiv(r, Wad) != x)
        {
            throw new ProtocolRevertException(WadDivFunction, RevertKind.Empty);
        }

        return EvmInt256.SDiv(r, y);
    }

    /// <summary>
    /// e^x for a wad exponent, as solmate's <c>wadExp</c> computes it: range reduction by powers of two in 2^96 fixed
    /// point and a (6, 7)-term rational approximation, bit for bit (it is not correctly rounded).
    /// </summary>
    /// <param name="x">The exponent, a wad (int256).</param>
    /// <returns>e^x as a wad; 0 when x ≤ <see cref="ExpZeroBound"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is outside int256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>"EXP_OVERFLOW"</c> when x ≥ <see cref="ExpOverflowBound"/> (the result would not fit in int256).
    /// </exception>
    public static BigInteger WadExp(BigInteger x)
    {
        EvmInt256.Require(x, nameof(x));
        if (x <= ExpZeroBound)
        {
            return BigInteger.Zero;
        }

        if (x >= ExpOverflowBound)
        {
            throw new ProtocolRevertException(WadExpFunction, RevertKind.Error, reason: "EXP_OVERFLOW");
        }

        // Solidity `unchecked` block: every step wraps to int256; `/` on int256 truncates toward zero and `>>` on int256
        // is an arithmetic shift (rounds toward -infinity), as BigInteger's operators are.
        // Base conversion from 1e18 to 2^96: x * 2^78 / 5^18.
        x = EvmInt256.Wrap(BigInteger.Divide(EvmInt256.Wrap(x << 78), FiveToThe18));

        // k = round(x / ln 2); x' = x - k ln 2.
        BigInteger k = EvmInt256.Wrap(EvmInt256.Wrap(BigInteger.Divide(EvmInt256.Wrap(x << 96), Ln2) + Half) >> 96);
        x = EvmInt256.Wrap(x - EvmInt256.Wrap(k * Ln2));

        BigInteger y = EvmInt256.Wrap(x + P1);
        y = EvmInt256.Wrap((EvmInt256.Wrap(y * x) >> 96) + P2);
        BigInteger p = EvmInt256.Wrap(EvmInt256.Wrap(y + x) - P3);
        p = EvmInt256.Wrap((EvmInt256.Wrap(p * y) >> 96) + P4);
        p = EvmInt256.Wrap(EvmInt256.Wrap(p * x) + P5);

        BigInteger q = EvmInt256.Wrap(x - Q1);
        q = EvmInt256.Wrap((EvmInt256.Wrap(q * x) >> 96) + Q2);
        q = EvmInt256.Wrap((EvmInt256.Wrap(q * x) >> 96) - Q3);
        q = EvmInt256.Wrap((EvmInt256.Wrap(q * x) >> 96) + Q4);
        q = EvmInt256.Wrap((EvmInt256.Wrap(q * x) >> 96) - Q5);
        q = EvmInt256.Wrap((EvmInt256.Wrap(q * x) >> 96) + Q6);

        // Assembly sdiv (no zero check; q has no real roots in the domain).
        BigInteger r = EvmInt256.SDiv(p, q);

        // int256((uint256(r) * s) >> uint256(195 - k)): unsigned multiply mod 2^256, logical shift (0 for >= 256).
        BigInteger scaled = BigInteger.Remainder(EvmInt256.ToUInt256(r) * FinalScale, EvmInt256.Modulus);
        BigInteger shift = EvmInt256.ToUInt256(EvmInt256.Wrap(195 - k));
        BigInteger shifted = shift >= 256 ? BigInteger.Zero : scaled >> (int)shift;
        return EvmInt256.FromUInt256(shifted);
    }

    private static BigInteger Parse(string digits) => BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
}
