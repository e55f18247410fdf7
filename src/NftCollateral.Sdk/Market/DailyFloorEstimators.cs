namespace NftCollateral.Sdk.Market;

/// <summary>
/// Floor estimates from a daily floor series of end-of-day lowest public asks (such as
/// <c>cryptopunks-floor-onchain-daily.csv</c>): spot, time-weighted mean, exponentially weighted mean and
/// Reservoir-style "lower". A window of N days ending on the as-of date covers that date and the N − 1 before it.
/// </summary>
/// <remarks>
/// VWAP and the adaptive percentile need trades, not asks: use <see cref="FloorEstimators"/> on sales for them.
/// All members are thread-safe.
/// </remarks>
public static class DailyFloorEstimators
{
    /// <summary>The lowest public ask recorded for the as-of date.</summary>
    /// <param name="series">The daily floor series.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <returns>The estimate (one sample).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="InsufficientHistoryException">The series has no value for that date.</exception>
    public static FloorEstimate Spot(FloorSeries series, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.TryGetValue(asOf, out decimal value)
            ? new FloorEstimate(value, FloorMethod.Spot, EndOf(asOf), TimeSpan.FromDays(1), 1, 0, FloorNotes.None)
            : throw new InsufficientHistoryException($"{series.Collection}: no floor recorded for {asOf:yyyy-MM-dd}.");
    }

    /// <summary>The time-weighted mean of the daily floors in the window (each day one equal step).</summary>
    /// <param name="series">The daily floor series.</param>
    /// <param name="asOf">The last day of the window.</param>
    /// <param name="windowDays">The window length in days (at least 1).</param>
    /// <returns>The estimate, with the number of days that had a floor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowDays"/> is less than 1.</exception>
    /// <exception cref="InsufficientHistoryException">No day of the window has a floor.</exception>
    public static FloorEstimate Twap(FloorSeries series, DateOnly asOf, int windowDays) =>
        Weighted(series, asOf, windowDays, FloorMethod.Twap, _ => 1m);

    /// <summary>
    /// The exponentially weighted mean of the daily floors in the window: a day <c>k</c> days before the as-of date
    /// weighs <c>0.5^(k / halfLifeDays)</c>.
    /// </summary>
    /// <param name="series">The daily floor series.</param>
    /// <param name="asOf">The last day of the window.</param>
    /// <param name="windowDays">The window length in days (at least 1).</param>
    /// <param name="halfLifeDays">The half-life in days (above 0).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is less than 1 day or the half-life is not positive.</exception>
    /// <exception cref="InsufficientHistoryException">No day of the window has a floor.</exception>
    public static FloorEstimate Ema(FloorSeries series, DateOnly asOf, int windowDays, double halfLifeDays = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        return Weighted(series, asOf, windowDays, FloorMethod.Ema, age => (decimal)Math.Pow(0.5, age / halfLifeDays));
    }

    /// <summary>Reservoir-style "lower": the smaller of the spot floor and the window's TWAP.</summary>
    /// <param name="series">The daily floor series.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="windowDays">The TWAP window in days.</param>
    /// <returns>The estimate, noted when the spot is the lower of the two.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowDays"/> is less than 1.</exception>
    /// <exception cref="InsufficientHistoryException">The as-of date has no floor, or the window has none.</exception>
    public static FloorEstimate Lower(FloorSeries series, DateOnly asOf, int windowDays)
    {
        FloorEstimate spot = Spot(series, asOf);
        FloorEstimate twap = Twap(series, asOf, windowDays);
        return spot.Value < twap.Value
            ? twap with { Value = spot.Value, Method = FloorMethod.Lower, Flags = FloorNotes.SpotBelowTwap }
            : twap with { Method = FloorMethod.Lower };
    }

    private static FloorEstimate Weighted(FloorSeries series, DateOnly asOf, int windowDays, FloorMethod method, Func<int, decimal> weightOfAge)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        DateOnly first = asOf.AddDays(1 - windowDays);
        decimal sum = 0;
        decimal weights = 0;
        int samples = 0;
        ReadOnlySpan<DateOnly> dates = series.Dates;
        ReadOnlySpan<decimal> values = series.Values;
        for (int i = 0; i < dates.Length; i++)
        {
            if (dates[i] < first || dates[i] > asOf)
            {
                continue;
            }

            decimal weight = weightOfAge(asOf.DayNumber - dates[i].DayNumber);
            sum += weight * values[i];
            weights += weight;
            samples++;
        }

        return samples == 0
            ? throw new InsufficientHistoryException($"{series.Collection}: no floor recorded in the {windowDays} days to {asOf:yyyy-MM-dd}.")
            : new FloorEstimate(sum / weights, method, EndOf(asOf), TimeSpan.FromDays(windowDays), samples, 0, FloorNotes.None);
    }

    private static DateTimeOffset EndOf(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
