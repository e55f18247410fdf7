using System.Numerics;

namespace NftCollateral.Sdk.Lending.Arcade;

/// <summary>
/// Arcade v3 interest math (<c>arcadexyz/arcade-protocol @ cd4f9e81 : contracts/libraries/InterestCalculator.sol</c>,
/// solc 0.8.18): interest fixed for the whole term, whatever the repayment time.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class ArcadeV3Interest
{
    /// <summary>The extra precision of a v3 rate: 1e18 units per basis point (<c>INTEREST_RATE_DENOMINATOR</c>).</summary>
    public static readonly BigInteger InterestRateDenominator = BigInteger.Pow(10, 18);

    /// <summary>10 000 basis points = 100 % (<c>BASIS_POINTS_DENOMINATOR</c>).</summary>
    public const int BasisPointsDenominator = 10_000;

    private const string Function = "Arcade v3 InterestCalculator.getInterestAmount";

    /// <summary>
    /// The interest due for the full term, <c>InterestCalculator.getInterestAmount</c>:
    /// <c>⌊principal · rate / (1e18 · 10000)⌋</c>.
    /// </summary>
    /// <param name="principal">The loan principal, in the smallest unit of the loan's currency.</param>
    /// <param name="proratedInterestRate">
    /// The interest rate for the whole term, in basis points times 1e18 (10 % = 1000e18).
    /// </param>
    /// <returns>The interest due, in the loan currency's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when <c>principal · rate</c> overflows.</exception>
    public static BigInteger GetInterestAmount(BigInteger principal, BigInteger proratedInterestRate)
    {
        UInt256.Require(principal, nameof(principal));
        UInt256.Require(proratedInterestRate, nameof(proratedInterestRate));
        return UInt256.Checked(principal * proratedInterestRate, Function) / (InterestRateDenominator * BasisPointsDenominator);
    }
}
