using System.Numerics;

namespace NftCollateral.Sdk.Lending.Blend;

/// <summary>
/// Blur Blend lending math (<c>Helpers.sol</c>, verified mainnet implementation
/// <c>0xB258CA5559b11cD702F363796522b04D7722Ea56</c>, as mirrored by <c>Sabnock01/blur-v2 @ 87bc5117</c>), reproduced bit for
/// bit: the continuously compounded debt of a lien and the rate cap of a refinancing auction.
/// </summary>
/// <remarks>
/// <para>
/// Interest time is counted in <b>seconds</b>, auction time in <b>blocks</b>. Rates are in basis points (bps) per year.
/// The math runs on int256 via <see cref="SignedWadMath"/>; uint256 inputs are converted with <c>int256(x)</c>, which
/// reinterprets the bits (a value ≥ 2^255 becomes negative) exactly as the contract does.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class BlendMath
{
    /// <summary>10 000 basis points = 100 %.</summary>
    public const int BasisPoints = 10_000;

    /// <summary>The auction rate cap once the auction has run its full duration: 100 000 bps (1000 % APR).</summary>
    public const int LiquidationThresholdBps = 100_000;

    /// <summary>The largest <c>auctionDuration</c> an offer may carry, in blocks (<c>Blend.sol</c>).</summary>
    public const int MaxAuctionDurationBlocks = 432_000;

    /// <summary>One 365-day year in seconds, times 1e18 (<c>_YEAR_WAD</c>).</summary>
    public static readonly BigInteger YearWad = 365L * 24 * 60 * 60 * SignedWadMath.Wad;

    private const string DebtFunction = "Blur Blend Helpers.computeCurrentDebt";
    private const string AuctionRateFunction = "Blur Blend Helpers.calcRefinancingAuctionRate";
    private const string BipsToWadsFunction = "Blur Blend Helpers.bipsToSignedWads";
    private const string WadsToBipsFunction = "Blur Blend Helpers.signedWadsToBips";

    /// <summary>
    /// The current debt of a lien, <c>Helpers.computeCurrentDebt</c>:
    /// <c>wadMul(amount, wadExp(wadMul(wadDiv(elapsed · 1e18, 365 days · 1e18), ⌊rate · 1e18 / 1e4⌋)))</c>.
    /// </summary>
    /// <param name="amount">The lien's <c>amount</c> (principal, or the debt at the last refinance), in wei.</param>
    /// <param name="rateBps">The lien's annual rate, in basis points.</param>
    /// <param name="elapsedSeconds">Seconds since the lien's <c>startTime</c> (<c>block.timestamp − startTime</c>).</param>
    /// <returns>The debt in wei (<c>uint256(int256)</c> of the wad product, as the contract returns it).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <c>int256(elapsed) · 1e18</c> or <c>rate · 1e18</c> overflows; <c>revert (no data)</c>
    /// when a solmate <c>wadDiv</c>/<c>wadMul</c> overflows (e.g. a very large debt); <c>"EXP_OVERFLOW"</c> when the
    /// exponent reaches <see cref="SignedWadMath.ExpOverflowBound"/>.
    /// </exception>
    public static BigInteger ComputeCurrentDebt(BigInteger amount, BigInteger rateBps, BigInteger elapsedSeconds)
    {
        UInt256.Require(amount, nameof(amount));
        UInt256.Require(rateBps, nameof(rateBps));
        UInt256.Require(elapsedSeconds, nameof(elapsedSeconds));

        BigInteger loanTimeWad = EvmInt256.Checked(EvmInt256.FromUInt256(elapsedSeconds) * SignedWadMath.Wad, DebtFunction);
        BigInteger yearsWad = SignedWadMath.WadDiv(loanTimeWad, YearWad);
        BigInteger exponent = SignedWadMath.WadMul(yearsWad, BipsToSignedWads(rateBps));
        BigInteger debt = SignedWadMath.WadMul(EvmInt256.FromUInt256(amount), SignedWadMath.WadExp(exponent));
        return EvmInt256.ToUInt256(debt);
    }

    /// <summary>
    /// The current debt of a lien from its start time and the current block timestamp, <c>Helpers.computeCurrentDebt</c>
    /// including its checked <c>block.timestamp − startTime</c>.
    /// </summary>
    /// <param name="amount">The lien's <c>amount</c>, in wei.</param>
    /// <param name="rateBps">The lien's annual rate, in basis points.</param>
    /// <param name="startTime">The lien's <c>startTime</c>, Unix seconds.</param>
    /// <param name="currentTimestamp">The block timestamp at which to value the debt, Unix seconds.</param>
    /// <returns>The debt in wei.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before <paramref name="startTime"/>; otherwise as
    /// <see cref="ComputeCurrentDebt"/>.
    /// </exception>
    public static BigInteger ComputeCurrentDebtAt(BigInteger amount, BigInteger rateBps, BigInteger startTime, BigInteger currentTimestamp)
    {
        UInt256.Require(amount, nameof(amount));
        UInt256.Require(rateBps, nameof(rateBps));
        UInt256.Require(startTime, nameof(startTime));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));
        return ComputeCurrentDebt(amount, rateBps, UInt256.Checked(currentTimestamp - startTime, DebtFunction));
    }

    /// <summary>
    /// The highest rate a refinancing auction can settle at, <c>Helpers.calcRefinancingAuctionRate</c>: a piecewise-linear
    /// function of the blocks elapsed since the auction started, rising to <see cref="LiquidationThresholdBps"/> at the end.
    /// </summary>
    /// <param name="elapsedBlocks">Blocks since the auction's start block (<c>block.number − startBlock</c>).</param>
    /// <param name="auctionDurationBlocks">The lien's <c>auctionDuration</c>, in blocks.</param>
    /// <param name="oldRateBps">The lien's current rate, in basis points per year.</param>
    /// <returns>The rate cap in basis points per year.</returns>
    /// <remarks>
    /// With T1 = ⌊D/5⌋ and T2 = ⌊4D/5⌋, the cap climbs from 0 to <c>maxRate</c> (≈ 500 + 2r − r²/15000 bps, or 15 500 bps
    /// for r ≥ 15 000) until T1, by ≈ 9000 bps more until T2, then to 100 000 bps at D. All slopes are evaluated before the
    /// branch, so a duration below 5 blocks reverts for every <paramref name="elapsedBlocks"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x12)</c> when the duration is below 5 blocks (T1 = 0); <c>Panic(0x11)</c> when <c>oldRate · 1e18</c>,
    /// <c>4 · D</c> or an intermediate int256 product overflows.
    /// </exception>
    public static BigInteger CalcRefinancingAuctionRate(BigInteger elapsedBlocks, BigInteger auctionDurationBlocks, BigInteger oldRateBps)
    {
        UInt256.Require(elapsedBlocks, nameof(elapsedBlocks));
        UInt256.Require(auctionDurationBlocks, nameof(auctionDurationBlocks));
        UInt256.Require(oldRateBps, nameof(oldRateBps));

        const string F = AuctionRateFunction;
        BigInteger duration = auctionDurationBlocks;
        BigInteger oldRateWads = BipsToSignedWads(oldRateBps);

        BigInteger auctionT1 = duration / 5;
        BigInteger auctionT2 = UInt256.Checked(4 * duration, F) / 5;

        BigInteger maxRateWads;
        {
            BigInteger aInverse = -BipsToSignedWads(15_000);
            BigInteger b = 2;
            BigInteger maxMinRateWads = BipsToSignedWads(500);
            if (oldRateWads < -BigInteger.Divide(b * aInverse, 2))
            {
                BigInteger squared = EvmInt256.Checked(oldRateWads * oldRateWads, F);
                maxRateWads = EvmInt256.Checked(
                    EvmInt256.Checked(maxMinRateWads + EvmInt256.CheckedDivide(squared, aInverse, F), F) + EvmInt256.Checked(b * oldRateWads, F),
                    F);
            }
            else
            {
                maxRateWads = EvmInt256.Checked(maxMinRateWads - EvmInt256.CheckedDivide(b * b * aInverse, 4, F), F);
            }
        }

        BigInteger t1 = EvmInt256.FromUInt256(auctionT1);
        BigInteger startSlope = EvmInt256.CheckedDivide(maxRateWads, t1, F);

        BigInteger threeFifths = EvmInt256.FromUInt256(UInt256.Checked(3 * duration, F) / 5);
        BigInteger middleSlope = EvmInt256.Checked(EvmInt256.CheckedDivide(BipsToSignedWads(9_000), threeFifths, F) + 1, F);
        BigInteger middleB = EvmInt256.Checked(maxRateWads - EvmInt256.Checked(t1 * middleSlope, F), F);

        if (elapsedBlocks < auctionT1)
        {
            return SignedWadsToBips(EvmInt256.Checked(startSlope * EvmInt256.FromUInt256(elapsedBlocks), F));
        }

        if (elapsedBlocks < auctionT2)
        {
            BigInteger line = EvmInt256.Checked(middleSlope * EvmInt256.FromUInt256(elapsedBlocks), F);
            return SignedWadsToBips(EvmInt256.Checked(line + middleB, F));
        }

        if (elapsedBlocks < duration)
        {
            BigInteger thresholdWads = BipsToSignedWads(LiquidationThresholdBps);
            BigInteger atT2 = EvmInt256.Checked(EvmInt256.Checked(EvmInt256.FromUInt256(auctionT2) * middleSlope, F) + middleB, F);
            BigInteger endSlope = EvmInt256.CheckedDivide(
                EvmInt256.Checked(thresholdWads - atT2, F),
                EvmInt256.FromUInt256(UInt256.Checked(duration - auctionT2, F)),
                F);
            BigInteger endB = EvmInt256.Checked(thresholdWads - EvmInt256.Checked(EvmInt256.FromUInt256(duration) * endSlope, F), F);
            BigInteger line = EvmInt256.Checked(endSlope * EvmInt256.FromUInt256(elapsedBlocks), F);
            return SignedWadsToBips(EvmInt256.Checked(line + endB, F));
        }

        return LiquidationThresholdBps;
    }

    /// <summary>
    /// The refinancing-auction rate cap from the auction's start block and the current block number,
    /// <c>Helpers.calcRefinancingAuctionRate</c> including its checked <c>block.number − startBlock</c>.
    /// </summary>
    /// <param name="startBlock">The lien's <c>auctionStartBlock</c>.</param>
    /// <param name="auctionDurationBlocks">The lien's <c>auctionDuration</c>, in blocks.</param>
    /// <param name="oldRateBps">The lien's current rate, in basis points per year.</param>
    /// <param name="currentBlock">The block number at which to evaluate the cap.</param>
    /// <returns>The rate cap in basis points per year.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentBlock"/> is before <paramref name="startBlock"/>; otherwise as
    /// <see cref="CalcRefinancingAuctionRate"/>.
    /// </exception>
    public static BigInteger CalcRefinancingAuctionRateAt(BigInteger startBlock, BigInteger auctionDurationBlocks, BigInteger oldRateBps, BigInteger currentBlock)
    {
        UInt256.Require(startBlock, nameof(startBlock));
        UInt256.Require(auctionDurationBlocks, nameof(auctionDurationBlocks));
        UInt256.Require(oldRateBps, nameof(oldRateBps));
        UInt256.Require(currentBlock, nameof(currentBlock));
        return CalcRefinancingAuctionRate(UInt256.Checked(currentBlock - startBlock, AuctionRateFunction), auctionDurationBlocks, oldRateBps);
    }

    /// <summary>Basis points to a signed wad, <c>Helpers.bipsToSignedWads</c>: <c>int256(⌊bips · 1e18 / 1e4⌋)</c>.</summary>
    /// <param name="bips">A rate in basis points (uint256).</param>
    /// <returns>The rate as a wad fraction (10 000 bps → 1e18).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bips"/> is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when <c>bips · 1e18</c> overflows uint256.</exception>
    public static BigInteger BipsToSignedWads(BigInteger bips)
    {
        UInt256.Require(bips, nameof(bips));
        return EvmInt256.FromUInt256(UInt256.Checked(bips * SignedWadMath.Wad, BipsToWadsFunction) / BasisPoints);
    }

    /// <summary>A signed wad to basis points, <c>Helpers.signedWadsToBips</c>: <c>uint256(tdiv(wads · 1e4, 1e18))</c>.</summary>
    /// <param name="wads">A wad fraction (int256).</param>
    /// <returns>Basis points; a negative quotient is reinterpreted as uint256 (2^256 − |q|), as on-chain.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wads"/> is outside int256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when <c>wads · 1e4</c> overflows int256.</exception>
    public static BigInteger SignedWadsToBips(BigInteger wads)
    {
        EvmInt256.Require(wads, nameof(wads));
        BigInteger scaled = EvmInt256.Checked(wads * BasisPoints, WadsToBipsFunction);
        return EvmInt256.ToUInt256(BigInteger.Divide(scaled, SignedWadMath.Wad));
    }
}
