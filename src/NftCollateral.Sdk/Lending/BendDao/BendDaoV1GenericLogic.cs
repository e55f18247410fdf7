using System.Numerics;

namespace NftCollateral.Sdk.Lending.BendDao;

/// <summary>
/// BendDAO v1 <c>GenericLogic</c> (<c>BendDAO/bend-lending-protocol @ 81c90c06 : contracts/libraries/logic/GenericLogic.sol</c>):
/// NFT collateral value in the reserve, health factor, available borrows, threshold and liquidation prices, bid fines and
/// auction end times, in the contract's operation order, with its reverts.
/// </summary>
/// <remarks>
/// <para>
/// Prices are ETH-based wei (<c>NFTOracle</c> and <c>ReserveOracle</c> answers); amounts in the reserve are in the reserve
/// token's smallest unit (10^decimals per token); percentages are basis points (10 000 = 100 %); the health factor is a wad
/// (1e18 = 1.0). The oracle reads of the contract are parameters here.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class BendDaoV1GenericLogic
{
    /// <summary><c>HEALTH_FACTOR_LIQUIDATION_THRESHOLD</c>: 1e18 (a health factor of 1.0, in wad).</summary>
    public static readonly BigInteger HealthFactorLiquidationThreshold = BendDaoV1Math.Wad;

    /// <summary>
    /// <c>calculateHealthFactorFromBalances</c>: 2^256 − 1 when <paramref name="totalDebt"/> is 0, else
    /// <c>wadDiv(percentMul(totalCollateral, liquidationThreshold), totalDebt)</c>.
    /// </summary>
    /// <param name="totalCollateral">The collateral value, in the reserve's smallest unit (uint256).</param>
    /// <param name="totalDebt">The debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="liquidationThreshold">The liquidation threshold, in basis points (uint256).</param>
    /// <returns>The health factor, in wad. Because <c>wadDiv</c> rounds half up, a loan 1 wei over its threshold can still read 1e18.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when the <c>percentMul</c> or <c>wadDiv</c> overflows.</exception>
    public static BigInteger CalculateHealthFactorFromBalances(BigInteger totalCollateral, BigInteger totalDebt, BigInteger liquidationThreshold)
    {
        UInt256.Require(totalCollateral, nameof(totalCollateral));
        UInt256.Require(totalDebt, nameof(totalDebt));
        UInt256.Require(liquidationThreshold, nameof(liquidationThreshold));
        return totalDebt.IsZero
            ? UInt256.MaxValue
            : BendDaoV1Math.WadDiv(BendDaoV1Math.PercentMul(totalCollateral, liquidationThreshold), totalDebt);
    }

    /// <summary><c>calculateAvailableBorrows</c>: max(0, percentMul(totalCollateral, ltv) − totalDebt).</summary>
    /// <param name="totalCollateral">The collateral value, in the reserve's smallest unit (uint256).</param>
    /// <param name="totalDebt">The debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="ltv">The loan-to-value ratio, in basis points (uint256).</param>
    /// <returns>The amount that can still be borrowed, in the reserve's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when the <c>percentMul</c> overflows.</exception>
    public static BigInteger CalculateAvailableBorrows(BigInteger totalCollateral, BigInteger totalDebt, BigInteger ltv)
    {
        UInt256.Require(totalCollateral, nameof(totalCollateral));
        UInt256.Require(totalDebt, nameof(totalDebt));
        UInt256.Require(ltv, nameof(ltv));
        BigInteger availableBorrows = BendDaoV1Math.PercentMul(totalCollateral, ltv);
        return availableBorrows < totalDebt ? BigInteger.Zero : availableBorrows - totalDebt;
    }

    /// <summary>
    /// The NFT's value in the reserve (<c>calculateNftCollateralData</c>, and <c>nftPriceInReserve</c> of
    /// <c>calculateLoanLiquidatePrice</c>): ⌊nftPriceInEth · 10^reserveDecimals / reservePriceInEth⌋.
    /// </summary>
    /// <param name="nftPriceInEth">The NFT oracle price, in wei (uint256).</param>
    /// <param name="reservePriceInEth">The wei value of one whole reserve token (uint256).</param>
    /// <param name="reserveDecimals">The reserve token's decimals (uint256; 18 for WETH, 6 for USDT).</param>
    /// <returns>The collateral value, in the reserve's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when 10^reserveDecimals or the product overflows; <c>Panic(0x12)</c> when the reserve price is 0.
    /// </exception>
    public static BigInteger CalculateNftPriceInReserve(BigInteger nftPriceInEth, BigInteger reservePriceInEth, BigInteger reserveDecimals)
    {
        UInt256.Require(nftPriceInEth, nameof(nftPriceInEth));
        UInt256.Require(reservePriceInEth, nameof(reservePriceInEth));
        UInt256.Require(reserveDecimals, nameof(reserveDecimals));
        return NftPriceInReserve(nftPriceInEth, reservePriceInEth, reserveDecimals, "BendDAO v1 GenericLogic.calculateNftCollateralData");
    }

    /// <summary>
    /// <c>calculateLoanLiquidatePrice</c>: nftPriceInReserve as in <see cref="CalculateNftPriceInReserve"/>,
    /// thresholdPrice = percentMul(nftPriceInReserve, liquidationThreshold), liquidatePrice =
    /// percentMul(nftPriceInReserve, 10000 − liquidationBonus) when the bonus is below 10 000 (else 0), raised to the
    /// borrow amount when below it.
    /// </summary>
    /// <param name="borrowAmount">The loan's debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="nftPriceInEth">The NFT oracle price, in wei (uint256).</param>
    /// <param name="reservePriceInEth">The wei value of one whole reserve token (uint256).</param>
    /// <param name="reserveDecimals">The reserve token's decimals (uint256).</param>
    /// <param name="liquidationThreshold">The collection's liquidation threshold, in basis points (uint256).</param>
    /// <param name="liquidationBonus">The collection's liquidation bonus, in basis points (uint256; 10 000 disables the discount price).</param>
    /// <returns>The borrow amount, NFT value in the reserve, threshold price and liquidate price.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c>/<c>Panic(0x12)</c> as in <see cref="CalculateNftPriceInReserve"/>; <c>"200"</c> when a
    /// <c>percentMul</c> overflows.
    /// </exception>
    public static BendDaoV1LiquidatePrice CalculateLoanLiquidatePrice(
        BigInteger borrowAmount,
        BigInteger nftPriceInEth,
        BigInteger reservePriceInEth,
        BigInteger reserveDecimals,
        BigInteger liquidationThreshold,
        BigInteger liquidationBonus)
    {
        UInt256.Require(borrowAmount, nameof(borrowAmount));
        UInt256.Require(nftPriceInEth, nameof(nftPriceInEth));
        UInt256.Require(reservePriceInEth, nameof(reservePriceInEth));
        UInt256.Require(reserveDecimals, nameof(reserveDecimals));
        UInt256.Require(liquidationThreshold, nameof(liquidationThreshold));
        UInt256.Require(liquidationBonus, nameof(liquidationBonus));

        BigInteger nftPriceInReserve = NftPriceInReserve(
            nftPriceInEth, reservePriceInEth, reserveDecimals, "BendDAO v1 GenericLogic.calculateLoanLiquidatePrice");
        BigInteger thresholdPrice = BendDaoV1Math.PercentMul(nftPriceInReserve, liquidationThreshold);
        BigInteger liquidatePrice = liquidationBonus < BendDaoV1Math.PercentageFactor
            ? BendDaoV1Math.PercentMul(nftPriceInReserve, BendDaoV1Math.PercentageFactor - liquidationBonus)
            : BigInteger.Zero;
        if (liquidatePrice < borrowAmount)
        {
            liquidatePrice = borrowAmount;
        }

        return new BendDaoV1LiquidatePrice(borrowAmount, nftPriceInReserve, thresholdPrice, liquidatePrice);
    }

    /// <summary>
    /// <c>calculateLoanBidFine</c>: baseBidFine = ⌊1e18 · 10^reserveDecimals / reservePriceInEth⌋ (1 ETH in the reserve),
    /// minBidFine = percentMul(baseBidFine, minBidFinePercentage), bidFine = max(percentMul(debtAmount, redeemFine), minBidFine).
    /// </summary>
    /// <remarks>
    /// The contract returns (0, 0) while the loan has no bid (<c>bidPrice == 0</c>); this method returns the fine that
    /// applies once a bid exists, which the borrower pays the first bidder on redeem.
    /// </remarks>
    /// <param name="debtAmount">The loan's debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="reservePriceInEth">The wei value of one whole reserve token (uint256).</param>
    /// <param name="reserveDecimals">The reserve token's decimals (uint256).</param>
    /// <param name="redeemFine">The collection's redeem fine, in basis points of the debt (uint256).</param>
    /// <param name="minBidFinePercentage">The collection's minimum bid fine, in basis points of 1 ETH (uint256; 2000 = 0.2 ETH).</param>
    /// <returns>The base, minimum and applicable bid fines, in the reserve's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when 1e18 · 10^reserveDecimals overflows; <c>Panic(0x12)</c> when the reserve price is 0;
    /// <c>"200"</c> when a <c>percentMul</c> overflows.
    /// </exception>
    public static BendDaoV1BidFine CalculateLoanBidFine(
        BigInteger debtAmount,
        BigInteger reservePriceInEth,
        BigInteger reserveDecimals,
        BigInteger redeemFine,
        BigInteger minBidFinePercentage)
    {
        UInt256.Require(debtAmount, nameof(debtAmount));
        UInt256.Require(reservePriceInEth, nameof(reservePriceInEth));
        UInt256.Require(reserveDecimals, nameof(reserveDecimals));
        UInt256.Require(redeemFine, nameof(redeemFine));
        UInt256.Require(minBidFinePercentage, nameof(minBidFinePercentage));
        const string function = "BendDAO v1 GenericLogic.calculateLoanBidFine";

        // (1 ether * 10**reserveDecimals) / reservePriceInETH
        BigInteger oneEthInReserveUnits = UInt256.Checked(BendDaoV1Math.Wad * CheckedMath.Pow10(reserveDecimals, function), function);
        BigInteger baseBidFine = UInt256.Divide(oneEthInReserveUnits, reservePriceInEth, function);
        BigInteger minBidFine = BendDaoV1Math.PercentMul(baseBidFine, minBidFinePercentage);
        BigInteger bidFine = BendDaoV1Math.PercentMul(debtAmount, redeemFine);
        if (bidFine < minBidFine)
        {
            bidFine = minBidFine;
        }

        return new BendDaoV1BidFine(baseBidFine, minBidFine, bidFine);
    }

    /// <summary>
    /// <c>calculateLoanAuctionEndTimestamp</c>: with extra = pauseDurationTime when the pool was paused after the first bid
    /// (pauseDurationTime &gt; 0 and bidStartTimestamp ≤ pauseStartTime), else 0, the auction ends at
    /// bidStart + extra + auctionDuration·3600 and the redeem window at bidStart + extra + redeemDuration·3600.
    /// </summary>
    /// <param name="bidStartTimestamp">The first bid's block timestamp, Unix seconds (uint256).</param>
    /// <param name="auctionDurationHours">The collection's auction duration, in hours (uint256).</param>
    /// <param name="redeemDurationHours">The collection's redeem duration, in hours (uint256).</param>
    /// <param name="pauseStartTime">When the pool was last paused, Unix seconds (uint256).</param>
    /// <param name="pauseDurationTime">How long the pool was paused, in seconds (uint256).</param>
    /// <returns>The auction and redeem end timestamps, Unix seconds (inclusive bounds: <c>now ≤ end</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a sum or product overflows.</exception>
    public static BendDaoV1AuctionEnd CalculateLoanAuctionEndTimestamp(
        BigInteger bidStartTimestamp,
        BigInteger auctionDurationHours,
        BigInteger redeemDurationHours,
        BigInteger pauseStartTime,
        BigInteger pauseDurationTime)
    {
        UInt256.Require(bidStartTimestamp, nameof(bidStartTimestamp));
        UInt256.Require(auctionDurationHours, nameof(auctionDurationHours));
        UInt256.Require(redeemDurationHours, nameof(redeemDurationHours));
        UInt256.Require(pauseStartTime, nameof(pauseStartTime));
        UInt256.Require(pauseDurationTime, nameof(pauseDurationTime));
        const string function = "BendDAO v1 GenericLogic.calculateLoanAuctionEndTimestamp";

        BigInteger extraDuration = pauseDurationTime > 0 && bidStartTimestamp <= pauseStartTime ? pauseDurationTime : BigInteger.Zero;

        // bidStartTimestamp + extraDuration + (duration * 1 hours)
        BigInteger auctionHours = UInt256.Checked(auctionDurationHours * 3600, function);
        BigInteger auctionEnd = UInt256.Checked(UInt256.Checked(bidStartTimestamp + extraDuration, function) + auctionHours, function);
        BigInteger redeemHours = UInt256.Checked(redeemDurationHours * 3600, function);
        BigInteger redeemEnd = UInt256.Checked(UInt256.Checked(bidStartTimestamp + extraDuration, function) + redeemHours, function);
        return new BendDaoV1AuctionEnd(auctionEnd, redeemEnd);
    }

    // ((10**reserveDecimals) * nftPriceInETH) / reservePriceInETH
    internal static BigInteger NftPriceInReserve(BigInteger nftPriceInEth, BigInteger reservePriceInEth, BigInteger reserveDecimals, string function)
    {
        BigInteger scaled = UInt256.Checked(CheckedMath.Pow10(reserveDecimals, function) * nftPriceInEth, function);
        return UInt256.Divide(scaled, reservePriceInEth, function);
    }
}

/// <summary>The result of <see cref="BendDaoV1GenericLogic.CalculateLoanLiquidatePrice"/>, in the reserve's smallest unit.</summary>
/// <param name="BorrowAmount">The loan's debt.</param>
/// <param name="NftPriceInReserve">The NFT's oracle value converted to the reserve.</param>
/// <param name="ThresholdPrice">percentMul(NftPriceInReserve, liquidationThreshold): an auction may start once the debt is strictly above it.</param>
/// <param name="LiquidatePrice">The lowest acceptable first bid besides the debt: the discounted NFT value, or the debt when higher.</param>
public readonly record struct BendDaoV1LiquidatePrice(
    BigInteger BorrowAmount,
    BigInteger NftPriceInReserve,
    BigInteger ThresholdPrice,
    BigInteger LiquidatePrice);

/// <summary>The result of <see cref="BendDaoV1GenericLogic.CalculateLoanBidFine"/>, in the reserve's smallest unit.</summary>
/// <param name="BaseBidFineInReserve">1 ETH in the reserve: ⌊1e18 · 10^decimals / reservePrice⌋.</param>
/// <param name="MinBidFineInReserve">percentMul(BaseBidFineInReserve, minBidFine).</param>
/// <param name="BidFineInReserve">max(percentMul(debt, redeemFine), MinBidFineInReserve), paid to the first bidder on redeem.</param>
public readonly record struct BendDaoV1BidFine(
    BigInteger BaseBidFineInReserve,
    BigInteger MinBidFineInReserve,
    BigInteger BidFineInReserve);

/// <summary>The result of <see cref="BendDaoV1GenericLogic.CalculateLoanAuctionEndTimestamp"/>, Unix seconds.</summary>
/// <param name="AuctionEndTimestamp">The last second at which a bid is accepted; liquidation is possible after it.</param>
/// <param name="RedeemEndTimestamp">The last second at which the borrower can redeem.</param>
public readonly record struct BendDaoV1AuctionEnd(BigInteger AuctionEndTimestamp, BigInteger RedeemEndTimestamp);
