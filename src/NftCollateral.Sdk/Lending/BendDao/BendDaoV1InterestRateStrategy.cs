using System.Numerics;

namespace NftCollateral.Sdk.Lending.BendDao;

/// <summary>
/// BendDAO v1's two-slope <c>InterestRate</c> contract (<c>BendDAO/bend-lending-protocol @ 81c90c06 :
/// contracts/protocol/InterestRate.sol</c>), built from its constructor parameters and reproduced bit for bit, including
/// the order in which solc 0.8.4 (legacy code generator) evaluates operands, so that the first revert matches.
/// </summary>
/// <remarks>
/// <para>
/// Rates are annual, in ray (1e27 = 100 % a year); liquidity and debt are in the reserve's smallest unit (treated as wad by
/// <c>wadToRay</c>); the reserve factor is in basis points.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class BendDaoV1InterestRateStrategy
{
    private const string Contract = "BendDAO v1 InterestRate";

    /// <summary>Initializes a new instance of the <see cref="BendDaoV1InterestRateStrategy"/> class (the constructor).</summary>
    /// <param name="optimalUtilizationRate">The kink U*, in ray (e.g. 0.65e27).</param>
    /// <param name="baseVariableBorrowRate">The borrow rate at 0 utilisation, in ray per year.</param>
    /// <param name="variableRateSlope1">The borrow-rate increase from 0 to U*, in ray per year.</param>
    /// <param name="variableRateSlope2">The borrow-rate increase from U* to 100 %, in ray per year.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="optimalUtilizationRate"/> exceeds 1e27 (the constructor computes RAY − U*).
    /// </exception>
    public BendDaoV1InterestRateStrategy(
        BigInteger optimalUtilizationRate,
        BigInteger baseVariableBorrowRate,
        BigInteger variableRateSlope1,
        BigInteger variableRateSlope2)
    {
        OptimalUtilizationRate = UInt256.Require(optimalUtilizationRate, nameof(optimalUtilizationRate));
        BaseVariableBorrowRate = UInt256.Require(baseVariableBorrowRate, nameof(baseVariableBorrowRate));
        VariableRateSlope1 = UInt256.Require(variableRateSlope1, nameof(variableRateSlope1));
        VariableRateSlope2 = UInt256.Require(variableRateSlope2, nameof(variableRateSlope2));
        ExcessUtilizationRate = UInt256.Checked(BendDaoV1Math.Ray - optimalUtilizationRate, Contract + ".constructor");
    }

    /// <summary>Gets <c>OPTIMAL_UTILIZATION_RATE</c>, the kink U*, in ray.</summary>
    public BigInteger OptimalUtilizationRate { get; }

    /// <summary>Gets <c>EXCESS_UTILIZATION_RATE</c> = 1e27 − U*, in ray.</summary>
    public BigInteger ExcessUtilizationRate { get; }

    /// <summary>Gets the base variable borrow rate, in ray per year.</summary>
    public BigInteger BaseVariableBorrowRate { get; }

    /// <summary>Gets the first slope (0 to U*), in ray per year.</summary>
    public BigInteger VariableRateSlope1 { get; }

    /// <summary>Gets the second slope (U* to 100 %), in ray per year.</summary>
    public BigInteger VariableRateSlope2 { get; }

    /// <summary><c>getMaxVariableBorrowRate</c>: base + slope1 + slope2, in ray per year.</summary>
    /// <returns>The borrow rate at 100 % utilisation.</returns>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when the sum overflows.</exception>
    public BigInteger GetMaxVariableBorrowRate()
    {
        const string function = Contract + ".getMaxVariableBorrowRate";
        return UInt256.Checked(UInt256.Checked(BaseVariableBorrowRate + VariableRateSlope1, function) + VariableRateSlope2, function);
    }

    /// <summary>
    /// <c>calculateInterestRates(reserve, availableLiquidity, totalVariableDebt, reserveFactor)</c>: with
    /// U = debt == 0 ? 0 : rayDiv(debt, availableLiquidity + debt), the variable borrow rate is
    /// base + s1 + rayMul(s2, rayDiv(U − U*, RAY − U*)) above the kink and base + rayDiv(rayMul(U, s1), U*) otherwise; the
    /// liquidity rate is percentMul(rayMul(rayDiv(rayMul(wadToRay(debt), var), wadToRay(debt)), U), 10000 − reserveFactor)
    /// (0 when the debt is 0).
    /// </summary>
    /// <param name="availableLiquidity">The reserve's available liquidity, in its smallest unit (uint256).</param>
    /// <param name="totalVariableDebt">The reserve's total variable debt, in its smallest unit (uint256).</param>
    /// <param name="reserveFactor">The reserve factor, in basis points (uint256; must not exceed 10 000).</param>
    /// <returns>The liquidity rate and the variable borrow rate, in ray per year.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when a sum overflows, the reserve factor exceeds 10 000 or <c>wadToRay</c> overflows;
    /// <c>"200"</c>/<c>"202"</c> from the ray and percentage math.
    /// </exception>
    public BendDaoV1InterestRates CalculateInterestRates(BigInteger availableLiquidity, BigInteger totalVariableDebt, BigInteger reserveFactor)
    {
        UInt256.Require(availableLiquidity, nameof(availableLiquidity));
        UInt256.Require(totalVariableDebt, nameof(totalVariableDebt));
        UInt256.Require(reserveFactor, nameof(reserveFactor));
        const string function = Contract + ".calculateInterestRates";

        // totalDebt == 0 ? 0 : totalDebt.rayDiv(availableLiquidity + totalDebt)
        BigInteger utilizationRate = totalVariableDebt.IsZero
            ? BigInteger.Zero
            : BendDaoV1Math.RayDiv(totalVariableDebt, UInt256.Checked(availableLiquidity + totalVariableDebt, function));

        BigInteger variableBorrowRate;
        if (utilizationRate > OptimalUtilizationRate)
        {
            BigInteger excessUtilizationRateRatio = BendDaoV1Math.RayDiv(utilizationRate - OptimalUtilizationRate, ExcessUtilizationRate);

            // base + s1 + s2.rayMul(ratio): the legacy code generator evaluates the right operand (rayMul) first.
            BigInteger slope2Part = BendDaoV1Math.RayMul(VariableRateSlope2, excessUtilizationRateRatio);
            BigInteger fixedPart = UInt256.Checked(BaseVariableBorrowRate + VariableRateSlope1, function);
            variableBorrowRate = UInt256.Checked(fixedPart + slope2Part, function);
        }
        else
        {
            // base + U.rayMul(s1).rayDiv(U*)
            BigInteger slope1Part = BendDaoV1Math.RayDiv(BendDaoV1Math.RayMul(utilizationRate, VariableRateSlope1), OptimalUtilizationRate);
            variableBorrowRate = UInt256.Checked(BaseVariableBorrowRate + slope1Part, function);
        }

        // _getOverallBorrowRate(debt, var).rayMul(U).percentMul(PERCENTAGE_FACTOR - reserveFactor): a bound library call
        // evaluates its explicit argument before its receiver, so the reserve-factor underflow comes first.
        BigInteger liquidityShare = UInt256.Checked(BendDaoV1Math.PercentageFactor - reserveFactor, function);
        BigInteger overallBorrowRate = OverallBorrowRate(totalVariableDebt, variableBorrowRate);
        BigInteger liquidityRate = BendDaoV1Math.PercentMul(BendDaoV1Math.RayMul(overallBorrowRate, utilizationRate), liquidityShare);

        return new BendDaoV1InterestRates(liquidityRate, variableBorrowRate);
    }

    /// <summary>
    /// <c>calculateInterestRates(reserve, bToken, liquidityAdded, liquidityTaken, totalVariableDebt, reserveFactor)</c>:
    /// the available liquidity is the bToken's reserve balance + liquidityAdded − liquidityTaken, then as
    /// <see cref="CalculateInterestRates(BigInteger, BigInteger, BigInteger)"/>.
    /// </summary>
    /// <param name="reserveBalance">The reserve token balance of the bToken contract, in its smallest unit (uint256).</param>
    /// <param name="liquidityAdded">The liquidity added by the operation (uint256).</param>
    /// <param name="liquidityTaken">The liquidity taken by the operation (uint256).</param>
    /// <param name="totalVariableDebt">The reserve's total variable debt (uint256).</param>
    /// <param name="reserveFactor">The reserve factor, in basis points (uint256).</param>
    /// <returns>The liquidity rate and the variable borrow rate, in ray per year.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when the liquidity sum overflows or goes negative, and as in
    /// <see cref="CalculateInterestRates(BigInteger, BigInteger, BigInteger)"/>.
    /// </exception>
    public BendDaoV1InterestRates CalculateInterestRates(
        BigInteger reserveBalance,
        BigInteger liquidityAdded,
        BigInteger liquidityTaken,
        BigInteger totalVariableDebt,
        BigInteger reserveFactor)
    {
        UInt256.Require(reserveBalance, nameof(reserveBalance));
        UInt256.Require(liquidityAdded, nameof(liquidityAdded));
        UInt256.Require(liquidityTaken, nameof(liquidityTaken));
        const string function = Contract + ".calculateInterestRates";
        BigInteger available = UInt256.Checked(UInt256.Checked(reserveBalance + liquidityAdded, function) - liquidityTaken, function);
        return CalculateInterestRates(available, totalVariableDebt, reserveFactor);
    }

    // if (totalDebt == 0) return 0; totalDebt.wadToRay().rayMul(rate).rayDiv(totalDebt.wadToRay())
    private static BigInteger OverallBorrowRate(BigInteger totalVariableDebt, BigInteger variableBorrowRate)
    {
        if (totalVariableDebt.IsZero)
        {
            return BigInteger.Zero;
        }

        BigInteger weightedVariableRate = BendDaoV1Math.RayMul(BendDaoV1Math.WadToRay(totalVariableDebt), variableBorrowRate);
        return BendDaoV1Math.RayDiv(weightedVariableRate, BendDaoV1Math.WadToRay(totalVariableDebt));
    }
}

/// <summary>The result of <see cref="BendDaoV1InterestRateStrategy.CalculateInterestRates(BigInteger, BigInteger, BigInteger)"/>.</summary>
/// <param name="LiquidityRate">The depositors' rate, in ray per year (the contract's first return value).</param>
/// <param name="VariableBorrowRate">The borrowers' variable rate, in ray per year (the second return value).</param>
public readonly record struct BendDaoV1InterestRates(BigInteger LiquidityRate, BigInteger VariableBorrowRate);
