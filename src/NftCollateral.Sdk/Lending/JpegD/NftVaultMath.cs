using System.Numerics;

namespace NftCollateral.Sdk.Lending.JpegD;

/// <summary>
/// JPEG'd vault debt math (<c>jpegd/core @ 6715d0c5 : contracts/vaults/NFTVault.sol</c>, solc 0.8.4 checked arithmetic),
/// reproduced bit for bit: a position's debt from its share ("portion") of the global debt, the portion minted for new
/// debt, and the global simple interest added by <c>accrue()</c>.
/// </summary>
/// <remarks>
/// <para>
/// The vault keeps one global debt, <c>totalDebtAmount</c>, that grows by simple interest between <c>accrue()</c> calls
/// (every debt action calls it), so the effective compounding depends on the call history and cannot be simulated from
/// the loan start: read <c>totalDebtAmount</c>, <c>totalDebtPortion</c> and the position's portion on-chain.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class NftVaultMath
{
    /// <summary>Seconds in the 365-day year used by <c>calculateAdditionalInterest</c>.</summary>
    public const int SecondsPerYear = 365 * 24 * 60 * 60;

    private const string DebtFunction = "JPEG'd NFTVault._calculateDebt";
    private const string PortionFunction = "JPEG'd NFTVault._calculatePortion";
    private const string InterestFunction = "JPEG'd NFTVault.calculateAdditionalInterest";

    /// <summary>
    /// A position's debt from its portion, <c>NFTVault._calculateDebt</c>:
    /// <c>totalPortion == 0 ? 0 : ⌊totalDebt · userPortion / totalPortion⌋</c>.
    /// </summary>
    /// <param name="totalDebt">The global debt (<c>totalDebtAmount</c>, plus pending interest), in wei of the debt token.</param>
    /// <param name="userPortion">The position's <c>debtPortion</c>.</param>
    /// <param name="totalPortion">The global <c>totalDebtPortion</c>.</param>
    /// <returns>The position's debt, in wei of the debt token. The vault then takes the maximum with the principal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when <c>totalDebt · userPortion</c> overflows.</exception>
    public static BigInteger CalculateDebt(BigInteger totalDebt, BigInteger userPortion, BigInteger totalPortion)
    {
        UInt256.Require(totalDebt, nameof(totalDebt));
        UInt256.Require(userPortion, nameof(userPortion));
        UInt256.Require(totalPortion, nameof(totalPortion));
        return totalPortion.IsZero
            ? BigInteger.Zero
            : UInt256.Checked(totalDebt * userPortion, DebtFunction) / totalPortion;
    }

    /// <summary>
    /// The portion matching an amount of debt, <c>NFTVault._calculatePortion</c>:
    /// <c>totalPortion == 0 ? userDebt : ⌊totalPortion · userDebt / totalDebt⌋</c>.
    /// </summary>
    /// <param name="totalPortion">The global <c>totalDebtPortion</c>.</param>
    /// <param name="userDebt">The debt to convert (e.g. a new borrow), in wei of the debt token.</param>
    /// <param name="totalDebt">The global debt, in wei of the debt token.</param>
    /// <returns>The portion.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <c>totalPortion · userDebt</c> overflows; <c>Panic(0x12)</c> when the total debt is 0 while
    /// portions exist.
    /// </exception>
    public static BigInteger CalculatePortion(BigInteger totalPortion, BigInteger userDebt, BigInteger totalDebt)
    {
        UInt256.Require(totalPortion, nameof(totalPortion));
        UInt256.Require(userDebt, nameof(userDebt));
        UInt256.Require(totalDebt, nameof(totalDebt));
        return totalPortion.IsZero
            ? userDebt
            : UInt256.Divide(UInt256.Checked(totalPortion * userDebt, PortionFunction), totalDebt, PortionFunction);
    }

    /// <summary>
    /// The global interest accrued since the last <c>accrue()</c>, <c>NFTVault.calculateAdditionalInterest</c>:
    /// 0 when no time elapsed or there is no debt, otherwise <c>⌊⌊elapsed · totalDebt · apr.numerator / apr.denominator⌋ / 31536000⌋</c>.
    /// </summary>
    /// <param name="totalDebtAmount">The global <c>totalDebtAmount</c>, in wei of the debt token.</param>
    /// <param name="debtInterestApr">The vault's <c>settings.debtInterestApr</c>, a yearly fraction.</param>
    /// <param name="elapsedSeconds">Seconds since <c>totalDebtAccruedAt</c>.</param>
    /// <returns>The interest to add to the global debt, in wei of the debt token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when the product overflows; <c>Panic(0x12)</c> when the APR denominator is 0 (and time has
    /// elapsed on a non-zero debt).
    /// </exception>
    public static BigInteger CalculateAdditionalInterest(BigInteger totalDebtAmount, Rate debtInterestApr, BigInteger elapsedSeconds)
    {
        UInt256.Require(totalDebtAmount, nameof(totalDebtAmount));
        UInt256.Require(elapsedSeconds, nameof(elapsedSeconds));
        if (elapsedSeconds.IsZero || totalDebtAmount.IsZero)
        {
            return BigInteger.Zero;
        }

        BigInteger product = UInt256.Checked(
            UInt256.Checked(elapsedSeconds * totalDebtAmount, InterestFunction) * debtInterestApr.Numerator,
            InterestFunction);
        return UInt256.Divide(product, debtInterestApr.Denominator, InterestFunction) / SecondsPerYear;
    }

    /// <summary>
    /// The global interest accrued between <c>totalDebtAccruedAt</c> and a block timestamp,
    /// <c>NFTVault.calculateAdditionalInterest</c> including its checked <c>block.timestamp − totalDebtAccruedAt</c>.
    /// </summary>
    /// <param name="totalDebtAmount">The global <c>totalDebtAmount</c>, in wei of the debt token.</param>
    /// <param name="debtInterestApr">The vault's <c>settings.debtInterestApr</c>.</param>
    /// <param name="totalDebtAccruedAt">The last <c>accrue()</c> time, Unix seconds.</param>
    /// <param name="currentTimestamp">The block timestamp, Unix seconds.</param>
    /// <returns>The interest to add to the global debt, in wei of the debt token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before <paramref name="totalDebtAccruedAt"/>;
    /// otherwise as <see cref="CalculateAdditionalInterest(BigInteger, Rate, BigInteger)"/>.
    /// </exception>
    public static BigInteger CalculateAdditionalInterestAt(BigInteger totalDebtAmount, Rate debtInterestApr, BigInteger totalDebtAccruedAt, BigInteger currentTimestamp)
    {
        UInt256.Require(totalDebtAccruedAt, nameof(totalDebtAccruedAt));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));
        BigInteger elapsed = UInt256.Checked(currentTimestamp - totalDebtAccruedAt, InterestFunction);
        return CalculateAdditionalInterest(totalDebtAmount, debtInterestApr, elapsed);
    }
}
