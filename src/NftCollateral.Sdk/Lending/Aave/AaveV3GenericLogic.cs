using System.Numerics;

namespace NftCollateral.Sdk.Lending.Aave;

/// <summary>
/// Aave v3's account figures (<c>aave/aave-v3-core @ 782f5191 : contracts/protocol/libraries/logic/GenericLogic.sol</c>
/// and the close factor of <c>LiquidationLogic.sol</c>), bit for bit: the collateral-weighted average LTV and liquidation
/// threshold, the health factor and the available borrows. BendDAO v2 uses the same formulas.
/// </summary>
/// <remarks>
/// <para>
/// Amounts are in the market's base currency (e.g. USD with 8 decimals); LTVs and thresholds are basis points; the health
/// factor is a wad (1e18 = 1.0). The math reverts with empty data (<see cref="RevertKind.Empty"/>); checked sums and
/// products panic (<c>Panic(0x11)</c>).
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class AaveV3GenericLogic
{
    /// <summary><c>HEALTH_FACTOR_LIQUIDATION_THRESHOLD</c>: 1e18. A position is liquidatable when its health factor is strictly below it.</summary>
    public static readonly BigInteger HealthFactorLiquidationThreshold = AaveV3Math.Wad;

    /// <summary><c>CLOSE_FACTOR_HF_THRESHOLD</c>: 0.95e18. At or below it, the whole debt can be liquidated at once.</summary>
    public static readonly BigInteger CloseFactorHealthFactorThreshold = AaveV3Math.Wad / 100 * 95;

    /// <summary><c>DEFAULT_LIQUIDATION_CLOSE_FACTOR</c>: 5 000 basis points (50 % of the debt per liquidation).</summary>
    public const int DefaultLiquidationCloseFactor = 5_000;

    /// <summary><c>MAX_LIQUIDATION_CLOSE_FACTOR</c>: 10 000 basis points (100 %).</summary>
    public const int MaxLiquidationCloseFactor = 10_000;

    private const string Library = "Aave v3 GenericLogic.calculateUserAccountData";

    /// <summary>
    /// The averaging loop of <c>calculateUserAccountData</c>: totalCollateral = Σ balance,
    /// avgLtv = ⌊Σ balance·ltv / totalCollateral⌋ (zero-LTV assets add nothing and set
    /// <see cref="AaveV3AccountAverages.HasZeroLtvCollateral"/>), avgLiquidationThreshold = ⌊Σ balance·lt / totalCollateral⌋;
    /// both averages are 0 when the total is 0.
    /// </summary>
    /// <param name="collaterals">The user's collateral assets, in the loop's order.</param>
    /// <returns>The total collateral and the weighted averages.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="collaterals"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a sum or product overflows.</exception>
    public static AaveV3AccountAverages CalculateAverages(IEnumerable<AaveV3Collateral> collaterals)
    {
        ArgumentNullException.ThrowIfNull(collaterals);
        BigInteger total = BigInteger.Zero;
        BigInteger ltvSum = BigInteger.Zero;
        BigInteger thresholdSum = BigInteger.Zero;
        bool hasZeroLtvCollateral = false;
        foreach (AaveV3Collateral collateral in collaterals)
        {
            BigInteger balance = UInt256.Require(collateral.BalanceInBaseCurrency, nameof(collaterals));
            UInt256.Require(collateral.Ltv, nameof(collaterals));
            UInt256.Require(collateral.LiquidationThreshold, nameof(collaterals));

            total = UInt256.Checked(total + balance, Library);
            if (!collateral.Ltv.IsZero)
            {
                ltvSum = UInt256.Checked(ltvSum + UInt256.Checked(balance * collateral.Ltv, Library), Library);
            }
            else
            {
                hasZeroLtvCollateral = true;
            }

            thresholdSum = UInt256.Checked(thresholdSum + UInt256.Checked(balance * collateral.LiquidationThreshold, Library), Library);
        }

        BigInteger avgLtv = total.IsZero ? BigInteger.Zero : ltvSum / total;
        BigInteger avgThreshold = total.IsZero ? BigInteger.Zero : thresholdSum / total;
        return new AaveV3AccountAverages(total, avgLtv, avgThreshold, hasZeroLtvCollateral);
    }

    /// <summary>
    /// The health factor of <c>calculateUserAccountData</c>: 2^256 − 1 when the debt is 0, else
    /// <c>wadDiv(percentMul(totalCollateral, avgLiquidationThreshold), totalDebt)</c>.
    /// </summary>
    /// <param name="totalCollateralInBaseCurrency">The collateral, in base currency (uint256).</param>
    /// <param name="totalDebtInBaseCurrency">The debt, in base currency (uint256).</param>
    /// <param name="avgLiquidationThreshold">The weighted liquidation threshold, in basis points (uint256).</param>
    /// <returns>The health factor, in wad.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">Empty revert when the <c>percentMul</c> or <c>wadDiv</c> overflows.</exception>
    public static BigInteger CalculateHealthFactor(
        BigInteger totalCollateralInBaseCurrency,
        BigInteger totalDebtInBaseCurrency,
        BigInteger avgLiquidationThreshold)
    {
        UInt256.Require(totalCollateralInBaseCurrency, nameof(totalCollateralInBaseCurrency));
        UInt256.Require(totalDebtInBaseCurrency, nameof(totalDebtInBaseCurrency));
        UInt256.Require(avgLiquidationThreshold, nameof(avgLiquidationThreshold));
        return totalDebtInBaseCurrency.IsZero
            ? UInt256.MaxValue
            : AaveV3Math.WadDiv(AaveV3Math.PercentMul(totalCollateralInBaseCurrency, avgLiquidationThreshold), totalDebtInBaseCurrency);
    }

    /// <summary>
    /// <c>calculateAvailableBorrows</c>: max(0, percentMul(totalCollateral, ltv) − totalDebt).
    /// </summary>
    /// <param name="totalCollateralInBaseCurrency">The collateral, in base currency (uint256).</param>
    /// <param name="totalDebtInBaseCurrency">The debt, in base currency (uint256).</param>
    /// <param name="ltv">The weighted loan-to-value ratio, in basis points (uint256).</param>
    /// <returns>The amount that can still be borrowed, in base currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">Empty revert when the <c>percentMul</c> overflows.</exception>
    public static BigInteger CalculateAvailableBorrows(BigInteger totalCollateralInBaseCurrency, BigInteger totalDebtInBaseCurrency, BigInteger ltv)
    {
        UInt256.Require(totalCollateralInBaseCurrency, nameof(totalCollateralInBaseCurrency));
        UInt256.Require(totalDebtInBaseCurrency, nameof(totalDebtInBaseCurrency));
        UInt256.Require(ltv, nameof(ltv));
        BigInteger available = AaveV3Math.PercentMul(totalCollateralInBaseCurrency, ltv);
        return available < totalDebtInBaseCurrency ? BigInteger.Zero : available - totalDebtInBaseCurrency;
    }

    /// <summary>Whether <c>LiquidationLogic</c> accepts a liquidation: health factor &lt; 1e18 (strict).</summary>
    /// <param name="healthFactor">The health factor, in wad.</param>
    /// <returns><see langword="true"/> when the position can be liquidated.</returns>
    public static bool IsLiquidatable(BigInteger healthFactor) => healthFactor < HealthFactorLiquidationThreshold;

    /// <summary>
    /// The close factor of <c>LiquidationLogic</c>: <see cref="DefaultLiquidationCloseFactor"/> (50 %) when the health
    /// factor is above 0.95e18, else <see cref="MaxLiquidationCloseFactor"/> (100 %).
    /// </summary>
    /// <param name="healthFactor">The health factor, in wad.</param>
    /// <returns>The share of the debt one liquidation may repay, in basis points.</returns>
    public static int GetCloseFactor(BigInteger healthFactor) =>
        healthFactor > CloseFactorHealthFactorThreshold ? DefaultLiquidationCloseFactor : MaxLiquidationCloseFactor;
}

/// <summary>One collateral asset of an Aave v3 account, as the averaging loop reads it.</summary>
/// <param name="BalanceInBaseCurrency">The user's balance, in base currency.</param>
/// <param name="Ltv">The asset's LTV, in basis points (0 for an asset that gives no borrowing power).</param>
/// <param name="LiquidationThreshold">The asset's liquidation threshold, in basis points.</param>
public readonly record struct AaveV3Collateral(BigInteger BalanceInBaseCurrency, BigInteger Ltv, BigInteger LiquidationThreshold);

/// <summary>The result of <see cref="AaveV3GenericLogic.CalculateAverages"/>.</summary>
/// <param name="TotalCollateralInBaseCurrency">Σ balance, in base currency.</param>
/// <param name="AvgLtv">⌊Σ balance·ltv / total⌋, in basis points (0 when the total is 0).</param>
/// <param name="AvgLiquidationThreshold">⌊Σ balance·lt / total⌋, in basis points (0 when the total is 0).</param>
/// <param name="HasZeroLtvCollateral">Whether an asset with LTV 0 was met.</param>
public readonly record struct AaveV3AccountAverages(
    BigInteger TotalCollateralInBaseCurrency,
    BigInteger AvgLtv,
    BigInteger AvgLiquidationThreshold,
    bool HasZeroLtvCollateral);
