using System.Numerics;

namespace NftCollateral.Sdk.Lending.JpegD;

/// <summary>
/// A JPEG'd vault's limit settings for one NFT (<c>NFTValueProvider</c>): base credit and liquidation limit rates, the
/// increases a staked cig or an active LTV-boost lock grant, and the caps.
/// </summary>
/// <param name="BaseCreditLimitRate">The base credit limit rate (e.g. 60/100).</param>
/// <param name="BaseLiquidationLimitRate">The base liquidation limit rate (e.g. 70/100).</param>
/// <param name="CigStakedRateIncrease">Added to both rates when the owner stakes a cig.</param>
/// <param name="LtvBoostRateIncrease">Added to both rates while the NFT's LTV-boost lock is active.</param>
/// <param name="CreditLimitRateCap">The highest credit limit rate.</param>
/// <param name="LiquidationLimitRateCap">The highest liquidation limit rate.</param>
public sealed record JpegDVaultLimits(
    Rate BaseCreditLimitRate,
    Rate BaseLiquidationLimitRate,
    Rate CigStakedRateIncrease,
    Rate LtvBoostRateIncrease,
    Rate CreditLimitRateCap,
    Rate LiquidationLimitRateCap);

/// <summary>What one JPEG'd position may borrow and when it is liquidated, as the vault computes it.</summary>
/// <param name="ValueEth">The NFT's value in ETH wei (floor, or the trait-boosted floor).</param>
/// <param name="CreditLimitRate">The credit limit rate in force (after increases and the cap).</param>
/// <param name="LiquidationLimitRate">The liquidation limit rate in force.</param>
/// <param name="CreditLimit">The most the position may owe, in the vault's debt unit.</param>
/// <param name="LiquidationLimit">The debt at or above which the position is liquidated, in the vault's debt unit.</param>
public readonly record struct JpegDPositionLimits(
    BigInteger ValueEth,
    Rate CreditLimitRate,
    Rate LiquidationLimitRate,
    BigInteger CreditLimit,
    BigInteger LiquidationLimit);

/// <summary>
/// JPEG'd's per-NFT value, credit limit and liquidation limit (<c>NFTValueProvider</c>, <c>NFTVault</c>), with the
/// contract's unreduced-fraction arithmetic (lending.md §4). All members are thread-safe.
/// </summary>
public static class JpegDVaultMath
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    /// <summary>
    /// <c>getNFTValueETH</c>: the NFT type's multiplier applied to the floor while a trait-boost lock is active
    /// (<c>unlockAt == 0 || unlockAt &gt; now</c>), else the floor.
    /// </summary>
    /// <param name="floorEth">The collection floor in ETH wei (18 decimals).</param>
    /// <param name="typeMultiplier">The NFT type's value multiplier (e.g. 25/1 for a rare type), or <see langword="null"/> when the NFT has no type.</param>
    /// <param name="traitBoostLockActive">Whether the NFT's trait-boost lock is active.</param>
    /// <returns>The value in ETH wei.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="floorEth"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">The multiplier's arithmetic overflows or its denominator is 0.</exception>
    public static BigInteger NftValueEth(BigInteger floorEth, Rate? typeMultiplier, bool traitBoostLockActive)
    {
        UInt256.Require(floorEth, nameof(floorEth));
        return typeMultiplier is Rate multiplier && traitBoostLockActive ? multiplier.Calculate(floorEth) : floorEth;
    }

    /// <summary>
    /// The credit and liquidation limits: each rate is the base, plus the cig increase when a cig is staked, plus the
    /// LTV-boost increase while that lock is active, capped (a rate above its cap is replaced by the cap); the limit is
    /// <c>rate.calculate(value)</c>, converted to USD for PUSd vaults as <c>⌊limitEth · ethUsd / 10¹⁸⌋</c>.
    /// </summary>
    /// <param name="limits">The vault's limit settings.</param>
    /// <param name="valueEth">The NFT's value in ETH wei (see <see cref="NftValueEth"/>).</param>
    /// <param name="cigStaked">Whether the owner stakes a cig.</param>
    /// <param name="ltvBoostLockActive">Whether the NFT's LTV-boost lock is active.</param>
    /// <param name="ethUsd">The ETH/USD price with 18 decimals for a PUSd vault, or <see langword="null"/> for a pETH vault (limits in ETH).</param>
    /// <returns>The limits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">The rates' arithmetic overflows or a denominator is 0.</exception>
    public static JpegDPositionLimits Limits(JpegDVaultLimits limits, BigInteger valueEth, bool cigStaked, bool ltvBoostLockActive, BigInteger? ethUsd = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        UInt256.Require(valueEth, nameof(valueEth));
        Rate credit = Boosted(limits.BaseCreditLimitRate, limits, cigStaked, ltvBoostLockActive, limits.CreditLimitRateCap);
        Rate liquidation = Boosted(limits.BaseLiquidationLimitRate, limits, cigStaked, ltvBoostLockActive, limits.LiquidationLimitRateCap);
        BigInteger creditLimit = credit.Calculate(valueEth);
        BigInteger liquidationLimit = liquidation.Calculate(valueEth);
        if (ethUsd is BigInteger usd)
        {
            UInt256.Require(usd, nameof(ethUsd));
            creditLimit = UInt256.Checked(creditLimit * usd, "JPEG'd NFTVault credit limit") / Wad;
            liquidationLimit = UInt256.Checked(liquidationLimit * usd, "JPEG'd NFTVault liquidation limit") / Wad;
        }

        return new JpegDPositionLimits(valueEth, credit, liquidation, creditLimit, liquidationLimit);
    }

    /// <summary>Whether the vault may liquidate: <c>debt ≥ liquidationLimit</c> (non-strict, unlike BendDAO and Aave).</summary>
    /// <param name="debt">The position's debt.</param>
    /// <param name="liquidationLimit">Its liquidation limit.</param>
    /// <returns><see langword="true"/> when the position can be liquidated.</returns>
    public static bool IsLiquidatable(BigInteger debt, BigInteger liquidationLimit) => debt >= liquidationLimit;

    /// <summary>
    /// The borrow fee: <c>⌊amount · organizationFee⌋ + (insured ? ⌊amount · insurancePurchaseRate⌋ : 0)</c>. The
    /// borrower receives <c>amount − fee</c> and owes the whole amount.
    /// </summary>
    /// <param name="amount">The amount borrowed.</param>
    /// <param name="organizationFeeRate">The organization fee rate (e.g. 5/1000).</param>
    /// <param name="insurancePurchaseRate">The insurance purchase rate.</param>
    /// <param name="insured">Whether the borrower buys insurance.</param>
    /// <returns>The fee.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">The arithmetic overflows or a denominator is 0.</exception>
    public static BigInteger BorrowFee(BigInteger amount, Rate organizationFeeRate, Rate insurancePurchaseRate, bool insured)
    {
        UInt256.Require(amount, nameof(amount));
        BigInteger fee = organizationFeeRate.Calculate(amount);
        return insured ? UInt256.Checked(fee + insurancePurchaseRate.Calculate(amount), "JPEG'd NFTVault borrow fee") : fee;
    }

    private static Rate Boosted(Rate rate, JpegDVaultLimits limits, bool cigStaked, bool ltvBoostLockActive, Rate cap)
    {
        if (cigStaked)
        {
            rate = Rate.Sum(rate, limits.CigStakedRateIncrease);
        }

        if (ltvBoostLockActive)
        {
            rate = Rate.Sum(rate, limits.LtvBoostRateIncrease);
        }

        return rate.GreaterThan(cap) ? cap : rate;
    }
}
