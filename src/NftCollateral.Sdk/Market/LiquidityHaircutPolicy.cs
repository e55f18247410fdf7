namespace NftCollateral.Sdk.Market;

/// <summary>
/// Turns liquidity metrics into a haircut in basis points:
/// <c>min(Cap, Base + SpreadBpsPerPoint × max(0, 100 × (spread − SpreadThreshold)) + BpsPerDay × max(0, days − FreeDays))</c>.
/// </summary>
/// <remarks>
/// <para>Defaults, and where they come from (<c>shared/specs</c>):</para>
/// <list type="bullet">
/// <item><see cref="BaseBps"/> = 0. The specs give no figure for a flat charge; the floor is already the price one token
/// clears at (Dragonfly, <c>risk-methods.md</c> §4: for BAYC over 50% of daily sales are at or below the floor).</item>
/// <item><see cref="SpreadThreshold"/> = 0.15, the illiquid-spread threshold of <see cref="Liquidity.DefaultIlliquidSpread"/>.</item>
/// <item><see cref="SpreadBpsPerPoint"/> = 100, i.e. the excess spread is charged one for one: selling one token into the best
/// bid loses exactly the spread (<c>risk-methods.md</c> F6, bid-ladder form h(1) = 1 − b₁ / floor).</item>
/// <item><see cref="FreeDays"/> = 1: a position that clears within a day fits inside the liquidation cycle the specs
/// already count (BendDAO 24h redeem and auction, <c>market-data.md</c> §4; <c>risk-methods.md</c> §6.1).</item>
/// <item><see cref="BpsPerDay"/> = 100 per extra day. Not a spec figure: a judgement, below the Punks floor's daily σ
/// in ETH of 2–3% in 2022–24 (<c>market-data.md</c> §2), so that a one-week exit (6 extra days, 600 bps) stays under the
/// smallest 7-day drawdown of 2022–24 (16% in ETH). Calibrate per collection.</item>
/// <item><see cref="CapBps"/> = 1500, the 15% liquidation penalty for volatile assets (Acala, <c>risk-methods.md</c> §1)
/// read with Chaos Labs' rule that the liquidity haircut must stay within the liquidation bonus (h ≤ LB, F6). A
/// collection whose uncapped haircut passes the cap should not be taken as collateral at that size:
/// <see cref="LiquidityHaircut.Capped"/> says so.</item>
/// </list>
/// <para>A metric not supplied (no order book, so no spread) contributes no term, and the result says it was not
/// evaluated (<see langword="null"/> component); at least one metric is required.</para>
/// </remarks>
public sealed record LiquidityHaircutPolicy
{
    /// <summary>Gets the default policy (see the remarks for each figure's source).</summary>
    public static LiquidityHaircutPolicy Default { get; } = new();

    /// <summary>Gets the flat charge in bps (default 0).</summary>
    public decimal BaseBps { get; init; }

    /// <summary>Gets the spread, as a fraction, above which the spread is charged (default 0.15).</summary>
    public decimal SpreadThreshold { get; init; } = Liquidity.DefaultIlliquidSpread;

    /// <summary>Gets the charge in bps per percentage point of spread above <see cref="SpreadThreshold"/> (default 100: one for one).</summary>
    public decimal SpreadBpsPerPoint { get; init; } = 100m;

    /// <summary>Gets the days to liquidate that are not charged (default 1).</summary>
    public decimal FreeDays { get; init; } = 1m;

    /// <summary>Gets the charge in bps per day to liquidate beyond <see cref="FreeDays"/> (default 100).</summary>
    public decimal BpsPerDay { get; init; } = 100m;

    /// <summary>Gets the largest haircut in bps (default 1500).</summary>
    public decimal CapBps { get; init; } = 1500m;

    /// <summary>Computes the haircut from the metrics supplied.</summary>
    /// <param name="spread">The book's spread, or <see langword="null"/> when no order book is available.</param>
    /// <param name="time">The days to liquidate the position, or <see langword="null"/> when no sales history is available.</param>
    /// <returns>The haircut with every input and term.</returns>
    /// <exception cref="ArgumentException">Both metrics are <see langword="null"/>, or a policy figure is out of range (negative, threshold outside [0, 1), cap below base).</exception>
    public LiquidityHaircut Evaluate(SpreadResult? spread, LiquidationTime? time)
    {
        Validate();
        if (spread is null && time is null)
        {
            throw new ArgumentException("A liquidity haircut needs a spread, a days-to-liquidate figure, or both.", nameof(spread));
        }

        decimal? spreadExcess = spread is null ? null : Math.Max(0m, spread.Spread - SpreadThreshold);
        decimal? spreadBps = spreadExcess * 100m * SpreadBpsPerPoint;
        decimal? extraDays = time is null ? null : Math.Max(0m, time.Days - FreeDays);
        decimal? daysBps = extraDays * BpsPerDay;
        decimal uncapped = BaseBps + (spreadBps ?? 0m) + (daysBps ?? 0m);
        bool capped = uncapped > CapBps;
        return new LiquidityHaircut(this, spread, time, spreadExcess, spreadBps, extraDays, daysBps, uncapped, capped, capped ? CapBps : uncapped);
    }

    private void Validate()
    {
        if (BaseBps < 0 || SpreadBpsPerPoint < 0 || FreeDays < 0 || BpsPerDay < 0 || CapBps < 0)
        {
            throw new ArgumentException("Liquidity haircut policy figures must not be negative.", nameof(LiquidityHaircutPolicy));
        }

        if (SpreadThreshold < 0 || SpreadThreshold >= 1)
        {
            throw new ArgumentException($"SpreadThreshold must be in [0, 1), not {SpreadThreshold}.", nameof(LiquidityHaircutPolicy));
        }

        if (CapBps < BaseBps)
        {
            throw new ArgumentException($"CapBps ({CapBps}) must not be below BaseBps ({BaseBps}).", nameof(LiquidityHaircutPolicy));
        }
    }
}

/// <summary>A liquidity haircut with every input and term (see <see cref="LiquidityHaircutPolicy"/>).</summary>
/// <param name="Policy">The policy used.</param>
/// <param name="Spread">The spread input, or <see langword="null"/> when none was supplied.</param>
/// <param name="Time">The days-to-liquidate input, or <see langword="null"/> when none was supplied.</param>
/// <param name="SpreadExcess">max(0, spread − threshold) as a fraction; <see langword="null"/> when the spread was not evaluated.</param>
/// <param name="SpreadBps">The spread term in bps; <see langword="null"/> when the spread was not evaluated.</param>
/// <param name="ExtraDays">max(0, days − free days); <see langword="null"/> when days to liquidate were not evaluated.</param>
/// <param name="DaysBps">The days term in bps; <see langword="null"/> when days to liquidate were not evaluated.</param>
/// <param name="UncappedBps">Base + the terms evaluated.</param>
/// <param name="Capped">Whether <paramref name="UncappedBps"/> exceeded the cap.</param>
/// <param name="HaircutBps">min(cap, <paramref name="UncappedBps"/>): the haircut in basis points.</param>
public sealed record LiquidityHaircut(
    LiquidityHaircutPolicy Policy,
    SpreadResult? Spread,
    LiquidationTime? Time,
    decimal? SpreadExcess,
    decimal? SpreadBps,
    decimal? ExtraDays,
    decimal? DaysBps,
    decimal UncappedBps,
    bool Capped,
    decimal HaircutBps);
