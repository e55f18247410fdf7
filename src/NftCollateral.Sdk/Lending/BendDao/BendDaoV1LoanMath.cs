using System.Numerics;

namespace NftCollateral.Sdk.Lending.BendDao;

/// <summary>
/// The figures of one BendDAO v1 loan (one NFT against one reserve), chained in the protocol's order:
/// <c>GenericLogic.calculateNftCollateralData</c>, <c>calculateLoanData</c>, <c>calculateLoanLiquidatePrice</c>,
/// <c>calculateLoanBidFine</c>, the bid and redeem bounds of <c>LiquidateLogic.executeAuction/executeRedeem</c> and the
/// collateral check of <c>ValidationLogic.validateBorrow</c>.
/// </summary>
/// <remarks>
/// <para>
/// Units: prices in wei (ETH-based), amounts in the reserve's smallest unit, percentages in basis points, the health factor
/// in wad. The first revert met in that order is thrown; nothing is clamped.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class BendDaoV1LoanMath
{
    /// <summary>
    /// Computes every figure of <see cref="BendDaoV1LoanFigures"/> for <paramref name="inputs"/>, in the protocol's order.
    /// </summary>
    /// <param name="inputs">The oracle prices, the loan's debt and the collection's configuration.</param>
    /// <returns>The loan's figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// The first revert of the chain: <c>Panic(0x11)</c> (10^decimals, a product or a sum overflows), <c>Panic(0x12)</c>
    /// (reserve price 0), <c>"200"</c> (a percentMul/wadDiv/percentDiv overflows) or <c>"202"</c> (ltv 0 in the
    /// collateral-needed check).
    /// </exception>
    public static BendDaoV1LoanFigures Calculate(BendDaoV1LoanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        BigInteger nftPrice = UInt256.Require(inputs.NftPriceInEth, nameof(inputs) + "." + nameof(inputs.NftPriceInEth));
        BigInteger reservePrice = UInt256.Require(inputs.ReservePriceInEth, nameof(inputs) + "." + nameof(inputs.ReservePriceInEth));
        BigInteger decimals = UInt256.Require(inputs.ReserveDecimals, nameof(inputs) + "." + nameof(inputs.ReserveDecimals));
        BigInteger debt = UInt256.Require(inputs.BorrowAmount, nameof(inputs) + "." + nameof(inputs.BorrowAmount));
        BigInteger ltv = UInt256.Require(inputs.Ltv, nameof(inputs) + "." + nameof(inputs.Ltv));
        BigInteger threshold = UInt256.Require(inputs.LiquidationThreshold, nameof(inputs) + "." + nameof(inputs.LiquidationThreshold));
        BigInteger bonus = UInt256.Require(inputs.LiquidationBonus, nameof(inputs) + "." + nameof(inputs.LiquidationBonus));
        BigInteger redeemFine = UInt256.Require(inputs.RedeemFine, nameof(inputs) + "." + nameof(inputs.RedeemFine));
        BigInteger redeemThreshold = UInt256.Require(inputs.RedeemThreshold, nameof(inputs) + "." + nameof(inputs.RedeemThreshold));
        BigInteger minBidFine = UInt256.Require(inputs.MinBidFine, nameof(inputs) + "." + nameof(inputs.MinBidFine));
        BigInteger newBorrow = UInt256.Require(inputs.NewBorrow, nameof(inputs) + "." + nameof(inputs.NewBorrow));

        // calculateNftCollateralData + calculateLoanData
        BigInteger collateral = BendDaoV1GenericLogic.NftPriceInReserve(
            nftPrice, reservePrice, decimals, "BendDAO v1 GenericLogic.calculateNftCollateralData");
        BigInteger healthFactor = BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(collateral, debt, threshold);
        BigInteger availableBorrows = BendDaoV1GenericLogic.CalculateAvailableBorrows(collateral, debt, ltv);

        // calculateLoanLiquidatePrice + the auction checks of executeAuction
        BendDaoV1LiquidatePrice prices = BendDaoV1GenericLogic.CalculateLoanLiquidatePrice(debt, nftPrice, reservePrice, decimals, threshold, bonus);
        bool liquidatable = IsAuctionable(debt, prices.ThresholdPrice);
        BigInteger minBidPrice = BigInteger.Max(debt, prices.LiquidatePrice);
        BigInteger minBidDelta = CalculateMinBidDelta(debt);

        // calculateLoanBidFine + the repay bounds of executeRedeem
        BendDaoV1BidFine fine = BendDaoV1GenericLogic.CalculateLoanBidFine(debt, reservePrice, decimals, redeemFine, minBidFine);
        BendDaoV1RedeemBounds redeem = CalculateRedeemBounds(debt, redeemThreshold);

        // validateBorrow
        BigInteger collateralNeeded = CalculateAmountOfCollateralNeeded(debt, newBorrow, ltv);

        return new BendDaoV1LoanFigures
        {
            TotalCollateralInReserve = collateral,
            HealthFactor = healthFactor,
            AvailableBorrows = availableBorrows,
            ThresholdPrice = prices.ThresholdPrice,
            LiquidatePrice = prices.LiquidatePrice,
            Liquidatable = liquidatable,
            MinBidPrice = minBidPrice,
            MinBidDelta = minBidDelta,
            BaseBidFineInReserve = fine.BaseBidFineInReserve,
            MinBidFineInReserve = fine.MinBidFineInReserve,
            BidFineInReserve = fine.BidFineInReserve,
            RedeemMinRepay = redeem.MinRepayAmount,
            RedeemMaxRepay = redeem.MaxRepayAmount,
            AmountOfCollateralNeeded = collateralNeeded,
        };
    }

    /// <summary>
    /// <c>LiquidateLogic.executeAuction</c>'s start condition: an auction may start on an active loan only when
    /// <c>borrowAmount &gt; thresholdPrice</c> (strict; the contract does not test the health factor).
    /// </summary>
    /// <param name="borrowAmount">The loan's debt, in the reserve's smallest unit.</param>
    /// <param name="thresholdPrice">The threshold price of <see cref="BendDaoV1GenericLogic.CalculateLoanLiquidatePrice"/>.</param>
    /// <returns><see langword="true"/> when the debt is strictly above the threshold price.</returns>
    public static bool IsAuctionable(BigInteger borrowAmount, BigInteger thresholdPrice) => borrowAmount > thresholdPrice;

    /// <summary>
    /// <c>LiquidateLogic.executeAuction</c>'s minimum increment of a later bid: percentMul(borrowAmount, ONE_PERCENT); a
    /// later bid must be at least the last bid plus this delta (and at least the debt).
    /// </summary>
    /// <param name="borrowAmount">The loan's current debt, in the reserve's smallest unit (uint256).</param>
    /// <returns>1 % of the debt, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="borrowAmount"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when the <c>percentMul</c> overflows.</exception>
    public static BigInteger CalculateMinBidDelta(BigInteger borrowAmount) =>
        BendDaoV1Math.PercentMul(UInt256.Require(borrowAmount, nameof(borrowAmount)), BendDaoV1Math.OnePercent);

    /// <summary>
    /// <c>LiquidateLogic.executeRedeem</c>'s repayment range: [percentMul(borrowAmount, redeemThreshold),
    /// percentMul(borrowAmount, 10000 − TEN_PERCENT)].
    /// </summary>
    /// <param name="borrowAmount">The loan's current debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="redeemThreshold">The collection's redeem threshold, in basis points of the debt (uint256).</param>
    /// <returns>The smallest and largest accepted repayment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when a <c>percentMul</c> overflows.</exception>
    public static BendDaoV1RedeemBounds CalculateRedeemBounds(BigInteger borrowAmount, BigInteger redeemThreshold)
    {
        UInt256.Require(borrowAmount, nameof(borrowAmount));
        UInt256.Require(redeemThreshold, nameof(redeemThreshold));
        BigInteger min = BendDaoV1Math.PercentMul(borrowAmount, redeemThreshold);
        BigInteger max = BendDaoV1Math.PercentMul(borrowAmount, BendDaoV1Math.PercentageFactor - BendDaoV1Math.TenPercent);
        return new BendDaoV1RedeemBounds(min, max);
    }

    /// <summary>
    /// <c>ValidationLogic.validateBorrow</c>'s collateral check: percentDiv(userBorrowBalance + amount, ltv). A borrow is
    /// refused when this exceeds the collateral value. It is a percentDiv of the debt, not a percentMul of the collateral,
    /// so it rounds differently from <see cref="BendDaoV1GenericLogic.CalculateAvailableBorrows"/>.
    /// </summary>
    /// <param name="userBorrowBalance">The loan's current debt, in the reserve's smallest unit (uint256).</param>
    /// <param name="amount">The amount to borrow, in the reserve's smallest unit (uint256).</param>
    /// <param name="ltv">The collection's loan-to-value ratio, in basis points (uint256).</param>
    /// <returns>The collateral value the new total debt needs, in the reserve's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when the sum overflows; <c>"202"</c> when ltv is 0; <c>"200"</c> when the percentDiv overflows.
    /// </exception>
    public static BigInteger CalculateAmountOfCollateralNeeded(BigInteger userBorrowBalance, BigInteger amount, BigInteger ltv)
    {
        UInt256.Require(userBorrowBalance, nameof(userBorrowBalance));
        UInt256.Require(amount, nameof(amount));
        UInt256.Require(ltv, nameof(ltv));
        BigInteger total = UInt256.Checked(userBorrowBalance + amount, "BendDAO v1 ValidationLogic.validateBorrow");
        return BendDaoV1Math.PercentDiv(total, ltv);
    }
}

/// <summary>The inputs of <see cref="BendDaoV1LoanMath.Calculate"/>: every value must be a uint256.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed record BendDaoV1LoanInputs
{
    /// <summary>Gets the NFT oracle price (<c>NFTOracle.getAssetPrice</c>, the stored TWAP), in wei.</summary>
    public required BigInteger NftPriceInEth { get; init; }

    /// <summary>Gets the wei value of one whole reserve token (<c>ReserveOracle.getAssetPrice</c>; 1e18 for WETH).</summary>
    public required BigInteger ReservePriceInEth { get; init; }

    /// <summary>Gets the reserve token's decimals (18 for WETH, 6 for USDT).</summary>
    public required BigInteger ReserveDecimals { get; init; }

    /// <summary>Gets the loan's current debt, in the reserve's smallest unit (scaled amount × borrow index).</summary>
    public required BigInteger BorrowAmount { get; init; }

    /// <summary>Gets the collection's loan-to-value ratio, in basis points.</summary>
    public required BigInteger Ltv { get; init; }

    /// <summary>Gets the collection's liquidation threshold, in basis points.</summary>
    public required BigInteger LiquidationThreshold { get; init; }

    /// <summary>Gets the collection's liquidation bonus, in basis points (10 000 disables the discount price).</summary>
    public required BigInteger LiquidationBonus { get; init; }

    /// <summary>Gets the collection's redeem fine, in basis points of the debt.</summary>
    public required BigInteger RedeemFine { get; init; }

    /// <summary>Gets the collection's redeem threshold, in basis points of the debt.</summary>
    public required BigInteger RedeemThreshold { get; init; }

    /// <summary>Gets the collection's minimum bid fine, in basis points of 1 ETH (2000 = 0.2 ETH).</summary>
    public required BigInteger MinBidFine { get; init; }

    /// <summary>Gets the amount to be borrowed on top of the debt, in the reserve's smallest unit (for the collateral check).</summary>
    public required BigInteger NewBorrow { get; init; }
}

/// <summary>The figures of one BendDAO v1 loan (<see cref="BendDaoV1LoanMath.Calculate"/>); amounts in the reserve's smallest unit.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed record BendDaoV1LoanFigures
{
    /// <summary>Gets the NFT's value in the reserve: ⌊nftPrice · 10^decimals / reservePrice⌋.</summary>
    public required BigInteger TotalCollateralInReserve { get; init; }

    /// <summary>Gets the health factor, in wad (2^256 − 1 when the debt is 0).</summary>
    public required BigInteger HealthFactor { get; init; }

    /// <summary>Gets max(0, percentMul(collateral, ltv) − debt).</summary>
    public required BigInteger AvailableBorrows { get; init; }

    /// <summary>Gets percentMul(collateral, liquidationThreshold): an auction may start once the debt is strictly above it.</summary>
    public required BigInteger ThresholdPrice { get; init; }

    /// <summary>Gets the discounted NFT value, raised to the debt when below it.</summary>
    public required BigInteger LiquidatePrice { get; init; }

    /// <summary>Gets a value indicating whether an auction may start: debt &gt; <see cref="ThresholdPrice"/>.</summary>
    public required bool Liquidatable { get; init; }

    /// <summary>Gets the lowest acceptable first bid: max(debt, <see cref="LiquidatePrice"/>).</summary>
    public required BigInteger MinBidPrice { get; init; }

    /// <summary>Gets the minimum increment of a later bid over the last one: percentMul(debt, 100).</summary>
    public required BigInteger MinBidDelta { get; init; }

    /// <summary>Gets 1 ETH in the reserve: ⌊1e18 · 10^decimals / reservePrice⌋.</summary>
    public required BigInteger BaseBidFineInReserve { get; init; }

    /// <summary>Gets percentMul(<see cref="BaseBidFineInReserve"/>, minBidFine).</summary>
    public required BigInteger MinBidFineInReserve { get; init; }

    /// <summary>Gets max(percentMul(debt, redeemFine), <see cref="MinBidFineInReserve"/>), paid to the first bidder on redeem.</summary>
    public required BigInteger BidFineInReserve { get; init; }

    /// <summary>Gets the smallest accepted redeem repayment: percentMul(debt, redeemThreshold).</summary>
    public required BigInteger RedeemMinRepay { get; init; }

    /// <summary>Gets the largest accepted redeem repayment: percentMul(debt, 9000).</summary>
    public required BigInteger RedeemMaxRepay { get; init; }

    /// <summary>Gets percentDiv(debt + newBorrow, ltv): the borrow is refused when this exceeds the collateral.</summary>
    public required BigInteger AmountOfCollateralNeeded { get; init; }
}

/// <summary>The repayment range of a BendDAO v1 redeem (<see cref="BendDaoV1LoanMath.CalculateRedeemBounds"/>).</summary>
/// <param name="MinRepayAmount">percentMul(debt, redeemThreshold), in the reserve's smallest unit.</param>
/// <param name="MaxRepayAmount">percentMul(debt, 9000), in the reserve's smallest unit.</param>
public readonly record struct BendDaoV1RedeemBounds(BigInteger MinRepayAmount, BigInteger MaxRepayAmount);
