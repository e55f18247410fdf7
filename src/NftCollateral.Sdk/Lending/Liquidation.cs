using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>
/// A Dutch auction of collateral: the price starts at <see cref="StartPrice"/> and falls linearly to
/// <see cref="FloorPrice"/> over <see cref="Duration"/>, then stays there.
/// </summary>
/// <param name="StartPrice">The opening price, in wei.</param>
/// <param name="FloorPrice">The lowest price, in wei (at most the start price).</param>
/// <param name="Duration">How long the price takes to fall from start to floor.</param>
public sealed record DutchAuction(BigInteger StartPrice, BigInteger FloorPrice, TimeSpan Duration)
{
    /// <summary>Creates an auction priced from the debt, e.g. opening at 100% of the debt and falling to 70% over 24 hours.</summary>
    /// <param name="debt">The debt, in wei.</param>
    /// <param name="startBps">The opening price, in basis points of the debt.</param>
    /// <param name="floorBps">The floor price, in basis points of the debt.</param>
    /// <param name="duration">How long the price falls.</param>
    /// <returns>The auction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative, the floor is above the start, or the duration is not positive.</exception>
    public static DutchAuction FromDebt(BigInteger debt, int startBps, int floorBps, TimeSpan duration)
    {
        UInt256.Require(debt, nameof(debt));
        ArgumentOutOfRangeException.ThrowIfNegative(floorBps);
        ArgumentOutOfRangeException.ThrowIfLessThan(startBps, floorBps);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return new DutchAuction(debt * startBps / 10_000, debt * floorBps / 10_000, duration);
    }

    /// <summary>Gets the price at a moment of the auction: <c>start − (start − floor) · elapsed / duration</c>, rounded down in the seller's favour never below the floor.</summary>
    /// <param name="elapsed">Time since the auction opened (negative values count as zero).</param>
    /// <returns>The price, in wei.</returns>
    public BigInteger PriceAt(TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero)
        {
            return StartPrice;
        }

        if (elapsed >= Duration)
        {
            return FloorPrice;
        }

        BigInteger drop = (StartPrice - FloorPrice) * elapsed.Ticks / Duration.Ticks;
        return StartPrice - drop;
    }
}

/// <summary>How the proceeds of a liquidation are shared.</summary>
/// <param name="SalePrice">What the collateral sold for, in wei.</param>
/// <param name="Debt">The debt being closed, in wei.</param>
/// <param name="ToLender">What the lender receives towards the debt, in wei.</param>
/// <param name="Penalty">The liquidation penalty taken from what is left after the debt, in wei.</param>
/// <param name="BorrowerSurplus">What is returned to the borrower, in wei.</param>
/// <param name="BadDebt">The part of the debt the sale did not cover, in wei.</param>
public readonly record struct LiquidationSettlement(
    BigInteger SalePrice,
    BigInteger Debt,
    BigInteger ToLender,
    BigInteger Penalty,
    BigInteger BorrowerSurplus,
    BigInteger BadDebt)
{
    /// <summary>
    /// Shares a sale: the debt is paid first, then the penalty (<c>⌊debt · penaltyBps / 10⁴⌋</c>) from what is left, then
    /// the rest goes back to the borrower; a sale below the debt leaves bad debt.
    /// </summary>
    /// <param name="salePrice">What the collateral sold for, in wei.</param>
    /// <param name="debt">The debt, in wei.</param>
    /// <param name="penaltyBps">The penalty, in basis points of the debt.</param>
    /// <returns>The settlement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative.</exception>
    public static LiquidationSettlement Settle(BigInteger salePrice, BigInteger debt, int penaltyBps)
    {
        UInt256.Require(salePrice, nameof(salePrice));
        UInt256.Require(debt, nameof(debt));
        ArgumentOutOfRangeException.ThrowIfNegative(penaltyBps);
        BigInteger toLender = BigInteger.Min(salePrice, debt);
        BigInteger left = salePrice - toLender;
        BigInteger penalty = BigInteger.Min(left, debt * penaltyBps / 10_000);
        return new LiquidationSettlement(salePrice, debt, toLender, penalty, left - penalty, debt - toLender);
    }
}
