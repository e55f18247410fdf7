using System.Globalization;

namespace NftCollateral.Sdk.Market;

/// <summary>A trade-based floor method.</summary>
public enum FloorMethod
{
    /// <summary>Time-weighted average of the sale-price step function over the window.</summary>
    Twap,

    /// <summary>Volume-weighted average price; with one token per sale, the mean sale price.</summary>
    Vwap,

    /// <summary>Exponentially weighted mean of the sale prices, weights halving every <see cref="FloorOptions.EmaHalfLife"/>.</summary>
    Ema,

    /// <summary>Coinbase's adaptive percentile: a low quantile of the last N log prices after a MAD outlier filter.</summary>
    AdaptivePercentile,

    /// <summary>Reservoir's "Lower": min(spot, TWAP), the spot (lowest ask) supplied by the caller.</summary>
    Lower,

    /// <summary>The lowest public ask at the as-of time (from a daily floor series of end-of-day lowest asks).</summary>
    Spot,
}

/// <summary>Notes on how a floor estimate was obtained. Flags combine.</summary>
[Flags]
public enum FloorNotes
{
    /// <summary>Nothing to note.</summary>
    None = 0,

    /// <summary>Flagged (wash or accidental) sales in the window were left out; see <see cref="FloorEstimate.ExcludedSampleCount"/>.</summary>
    FlaggedSalesExcluded = 1,

    /// <summary>The adaptive percentile dropped trades more than k MADs from the median.</summary>
    OutliersDropped = 2,

    /// <summary><see cref="FloorMethod.Lower"/> took the spot because it was below the TWAP.</summary>
    SpotBelowTwap = 4,

    /// <summary>The per-window change cap clamped the value (see <see cref="FloorEstimators.ApplyChangeCap"/>).</summary>
    ChangeCapped = 8,
}

/// <summary>A floor estimate in ETH, with how it was obtained.</summary>
/// <param name="Value">The floor in ETH.</param>
/// <param name="Method">The method.</param>
/// <param name="AsOf">The end of the window (exclusive): sales strictly before it count.</param>
/// <param name="Window">The window length; the window is <c>[AsOf − Window, AsOf)</c>.</param>
/// <param name="SampleCount">The number of sales the method used.</param>
/// <param name="ExcludedSampleCount">The number of flagged sales in the window that were left out.</param>
/// <param name="Flags">Notes on the estimate.</param>
public sealed record FloorEstimate(decimal Value, FloorMethod Method, DateTimeOffset AsOf, TimeSpan Window, int SampleCount, int ExcludedSampleCount, FloorNotes Flags);

/// <summary>Settings of the floor estimators. Defaults follow <c>specs/market-data.md</c> §4.</summary>
public sealed record FloorOptions
{
    /// <summary>Gets the default settings.</summary>
    public static FloorOptions Default { get; } = new();

    /// <summary>Gets the window length before the as-of time (default 30 days).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Gets which sales count (default: flagged sales are excluded).</summary>
    public SaleFilterPolicy FilterPolicy { get; init; } = SaleFilterPolicy.ExcludeFlagged;

    /// <summary>Gets the EMA half-life: a sale this much older than the latest one weighs half as much (default 7 days).</summary>
    public TimeSpan EmaHalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets how many of the latest trades the adaptive percentile uses (Coinbase: 140).</summary>
    public int AdaptiveTradeCount { get; init; } = 140;

    /// <summary>Gets the adaptive percentile's outlier cut-off in (unscaled) median absolute deviations of log prices (Coinbase: 3).</summary>
    public double AdaptiveMadMultiplier { get; init; } = 3.0;

    /// <summary>Gets the adaptive percentile's quantile (Coinbase targets 5% of trades below the floor, Z clipped to 2%–10%).</summary>
    public double AdaptiveQuantile { get; init; } = 0.05;
}

/// <summary>Thrown when a floor window holds no usable sale. A floor is never reported as 0 for want of data.</summary>
public sealed class NoSalesInWindowException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="NoSalesInWindowException"/> class.</summary>
    public NoSalesInWindowException()
        : base("no sales in the floor window")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NoSalesInWindowException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public NoSalesInWindowException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NoSalesInWindowException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NoSalesInWindowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NoSalesInWindowException"/> class for a window.</summary>
    /// <param name="asOf">The end of the window.</param>
    /// <param name="window">The window length.</param>
    /// <param name="excluded">Flagged sales in the window that were left out.</param>
    public NoSalesInWindowException(DateTimeOffset asOf, TimeSpan window, int excluded)
        : base(string.Create(CultureInfo.InvariantCulture, $"no usable sales in the {window.TotalDays:0.###}-day window ending {asOf.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}") + (excluded > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({excluded} flagged sale(s) excluded)") : string.Empty))
    {
        AsOf = asOf;
        Window = window;
        ExcludedSampleCount = excluded;
    }

    /// <summary>Gets the end of the empty window.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Gets the window length.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets the number of flagged sales in the window that were left out.</summary>
    public int ExcludedSampleCount { get; }
}

/// <summary>Daily floors from <see cref="FloorEstimators.ComputeDaily"/>: VWAP and adaptive percentile per UTC day.</summary>
public sealed class DailyFloors
{
    private readonly double[] _vwap;
    private readonly double[] _adaptive;
    private readonly int[] _vwapSamples;
    private readonly int[] _adaptiveSamples;

    internal DailyFloors(DateOnly firstDay, double[] vwap, double[] adaptive, int[] vwapSamples, int[] adaptiveSamples)
    {
        FirstDay = firstDay;
        _vwap = vwap;
        _adaptive = adaptive;
        _vwapSamples = vwapSamples;
        _adaptiveSamples = adaptiveSamples;
    }

    /// <summary>Gets the first day. Day <c>d</c> is <c>FirstDay.AddDays(d)</c>; its as-of time is the end of that UTC day.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Gets the number of days.</summary>
    public int DayCount => _vwap.Length;

    /// <summary>Gets the VWAP (ETH) per day; NaN where the window is empty.</summary>
    public ReadOnlySpan<double> Vwap => _vwap;

    /// <summary>Gets the adaptive-percentile floor (ETH) per day; NaN where the window is empty.</summary>
    public ReadOnlySpan<double> AdaptivePercentile => _adaptive;

    /// <summary>Gets the number of sales in each day's window (the VWAP's sample count).</summary>
    public ReadOnlySpan<int> VwapSampleCounts => _vwapSamples;

    /// <summary>Gets the number of trades the adaptive percentile used each day (at most the trade count).</summary>
    public ReadOnlySpan<int> AdaptiveSampleCounts => _adaptiveSamples;
}

/// <summary>
/// Trade-based floor estimators over a window <c>[asOf − window, asOf)</c> of a <see cref="SaleSeries"/>.
/// </summary>
/// <remarks>
/// <para>
/// Sales files have no asks, so there is no "spot" (lowest ask) here: <see cref="Lower"/> takes it from the caller.
/// The lowest sale price is not a spot floor and is not offered.
/// </para>
/// <para>
/// Arithmetic is <see cref="double"/> on the sale prices; the result is converted to <see cref="decimal"/> ETH
/// (about 15 significant digits). Flagged sales are left out unless <see cref="FloorOptions.FilterPolicy"/> says
/// otherwise. An empty window throws <see cref="NoSalesInWindowException"/>; it never gives 0.
/// </para>
/// <list type="bullet">
/// <item><see cref="Twap"/>: the step function "price of the latest sale" integrated from the first sale in the window to
/// <c>asOf</c>, divided by that span. Nothing before the window is carried in, so only sales inside the window count.</item>
/// <item><see cref="Vwap"/>: Σ price × volume / Σ volume; every sale is one token, so it is the mean price.</item>
/// <item><see cref="Ema"/>: Σ wᵢ pᵢ / Σ wᵢ with wᵢ = 2^(−(t_last − tᵢ)/half-life): an exponentially weighted mean in
/// time, so sales with the same timestamp weigh the same (date-only data) and the order of ties does not matter.</item>
/// <item><see cref="AdaptivePercentile"/>: Coinbase's predictor with a fixed quantile: the last N trades of the window,
/// log prices, trades with |x − median| &gt; k × MAD dropped (MAD unscaled), the q-quantile by linear interpolation,
/// exponentiated. Coinbase also back-tests and moves q toward a 5% target; that step is left to the caller.</item>
/// </list>
/// </remarks>
public static class FloorEstimators
{
    /// <summary>Estimates the floor with <paramref name="method"/>.</summary>
    /// <param name="method">The method.</param>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="spotEth">The spot (lowest ask) in ETH; required for <see cref="FloorMethod.Lower"/>, ignored otherwise.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    /// <exception cref="ArgumentException">A missing spot for <see cref="FloorMethod.Lower"/>, or an option out of range.</exception>
    public static FloorEstimate Estimate(FloorMethod method, SaleSeries series, DateTimeOffset asOf, FloorOptions? options = null, decimal? spotEth = null) => method switch
    {
        FloorMethod.Twap => Twap(series, asOf, options),
        FloorMethod.Vwap => Vwap(series, asOf, options),
        FloorMethod.Ema => Ema(series, asOf, options),
        FloorMethod.AdaptivePercentile => AdaptivePercentile(series, asOf, options),
        FloorMethod.Lower => Lower(series, asOf, spotEth ?? throw new ArgumentException("The Lower method needs the spot (lowest ask).", nameof(spotEth)), options),
        FloorMethod.Spot => throw new ArgumentException("Spot is the lowest ask, which sales do not give: use DailyFloorEstimators.Spot on a daily lowest-ask series, or pass the ask to Lower.", nameof(method)),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown floor method."),
    };

    /// <summary>Time-weighted average price of the sales in the window (see the class remarks).</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    public static FloorEstimate Twap(SaleSeries series, DateTimeOffset asOf, FloorOptions? options = null)
    {
        Window w = Open(series, asOf, options ??= FloorOptions.Default);
        ReadOnlySpan<long> t = w.View.Ticks.AsSpan(w.Lo, w.Count);
        ReadOnlySpan<double> p = w.View.Prices.AsSpan(w.Lo, w.Count);
        long end = asOf.UtcTicks;
        double area = 0;
        for (int i = 0; i < t.Length; i++)
        {
            long next = i + 1 < t.Length ? t[i + 1] : end;
            area += p[i] * (next - t[i]);
        }

        return w.Result(area / (end - t[0]), FloorMethod.Twap, FloorNotes.None);
    }

    /// <summary>Volume-weighted average price of the sales in the window: one token per sale, so the mean price.</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    public static FloorEstimate Vwap(SaleSeries series, DateTimeOffset asOf, FloorOptions? options = null)
    {
        Window w = Open(series, asOf, options ??= FloorOptions.Default);
        return w.Result(FloorKernels.Mean(w.View.Prices.AsSpan(w.Lo, w.Count)), FloorMethod.Vwap, FloorNotes.None);
    }

    /// <summary>Exponentially weighted mean price, weights halving every <see cref="FloorOptions.EmaHalfLife"/> back from the latest sale.</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The half-life is not positive.</exception>
    public static FloorEstimate Ema(SaleSeries series, DateTimeOffset asOf, FloorOptions? options = null)
    {
        options ??= FloorOptions.Default;
        if (options.EmaHalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EmaHalfLife, "The EMA half-life must be positive.");
        }

        Window w = Open(series, asOf, options ??= FloorOptions.Default);
        ReadOnlySpan<long> t = w.View.Ticks.AsSpan(w.Lo, w.Count);
        ReadOnlySpan<double> p = w.View.Prices.AsSpan(w.Lo, w.Count);
        double halfLife = options.EmaHalfLife.Ticks;
        long last = t[^1];
        double weighted = 0;
        double weights = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double weight = Math.Pow(2, -(last - t[i]) / halfLife);
            weighted += weight * p[i];
            weights += weight;
        }

        return w.Result(weighted / weights, FloorMethod.Ema, FloorNotes.None);
    }

    /// <summary>Coinbase-style adaptive-percentile floor of the last <see cref="FloorOptions.AdaptiveTradeCount"/> sales in the window.</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate; its sample count is the trades taken (before the MAD filter).</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static FloorEstimate AdaptivePercentile(SaleSeries series, DateTimeOffset asOf, FloorOptions? options = null)
    {
        options ??= FloorOptions.Default;
        FloorKernels.ValidateAdaptive(options.AdaptiveTradeCount, options.AdaptiveMadMultiplier, options.AdaptiveQuantile);
        Window w = Open(series, asOf, options ??= FloorOptions.Default);
        int take = Math.Min(w.Count, options.AdaptiveTradeCount);
        ReadOnlySpan<double> logs = w.View.LogPrices.AsSpan(w.Lo + w.Count - take, take);
        double floor = FloorKernels.AdaptiveCore(logs, options.AdaptiveMadMultiplier, options.AdaptiveQuantile, new double[take], out int kept);
        Window used = w with { Lo = w.Lo + w.Count - take, Count = take };
        return used.Result(floor, FloorMethod.AdaptivePercentile, kept < take ? FloorNotes.OutliersDropped : FloorNotes.None);
    }

    /// <summary>Reservoir's "Lower": min(<paramref name="spotEth"/>, TWAP of the window).</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="spotEth">The spot floor (lowest ask) in ETH, from the caller (sales files have no asks); positive.</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The estimate, flagged <see cref="FloorNotes.SpotBelowTwap"/> when the spot was taken.</returns>
    /// <exception cref="NoSalesInWindowException">No usable sale in the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotEth"/> is not positive.</exception>
    public static FloorEstimate Lower(SaleSeries series, DateTimeOffset asOf, decimal spotEth, FloorOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spotEth);
        FloorEstimate twap = Twap(series, asOf, options);
        return spotEth < twap.Value
            ? twap with { Value = spotEth, Method = FloorMethod.Lower, Flags = twap.Flags | FloorNotes.SpotBelowTwap }
            : twap with { Method = FloorMethod.Lower };
    }

    /// <summary>
    /// Caps the move of <paramref name="current"/> against the previous window's floor to ±<paramref name="maxChange"/>
    /// (a per-window cap, as ParaSpace's audit M-22 recommends over a per-update cap), flagging
    /// <see cref="FloorNotes.ChangeCapped"/> when it applies.
    /// </summary>
    /// <param name="current">This window's estimate.</param>
    /// <param name="previousFloorEth">The previous window's (capped) floor in ETH; positive.</param>
    /// <param name="maxChange">The largest relative move, for example 0.25 for ±25%; in [0, 1].</param>
    /// <returns>The estimate, clamped to [prev × (1 − maxChange), prev × (1 + maxChange)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="current"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The previous floor is not positive or the cap is outside [0, 1].</exception>
    public static FloorEstimate ApplyChangeCap(FloorEstimate current, decimal previousFloorEth, decimal maxChange)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(previousFloorEth);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChange);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxChange, 1m);
        decimal low = previousFloorEth * (1 - maxChange);
        decimal high = previousFloorEth * (1 + maxChange);
        decimal value = Math.Clamp(current.Value, low, high);
        return value == current.Value ? current : current with { Value = value, Flags = current.Flags | FloorNotes.ChangeCapped };
    }

    /// <summary>
    /// Computes the VWAP and the adaptive-percentile floor for every UTC day from <paramref name="firstDay"/> to
    /// <paramref name="lastDay"/> in one pass (day d's window ends at the end of day d). Empty windows give NaN and a
    /// sample count of 0 instead of failing the batch. Equal to <see cref="Vwap"/> and <see cref="AdaptivePercentile"/>
    /// called with <c>asOf</c> = the next midnight, day by day.
    /// </summary>
    /// <param name="series">The sales.</param>
    /// <param name="firstDay">The first day.</param>
    /// <param name="lastDay">The last day (inclusive), not before <paramref name="firstDay"/>.</param>
    /// <param name="options">Settings; <see cref="FloorOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The daily floors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastDay"/> is before <paramref name="firstDay"/>, or an option is out of range.</exception>
    public static DailyFloors ComputeDaily(SaleSeries series, DateOnly firstDay, DateOnly lastDay, FloorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= FloorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(lastDay, firstDay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero, nameof(options));
        int days = lastDay.DayNumber - firstDay.DayNumber + 1;
        var asOf = new long[days];
        long first = firstDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        for (int d = 0; d < days; d++)
        {
            asOf[d] = first + (d * TimeSpan.TicksPerDay);
        }

        SaleView view = series.View(options.FilterPolicy);
        var vwap = new double[days];
        var adaptive = new double[days];
        var vwapSamples = new int[days];
        var adaptiveSamples = new int[days];
        FloorKernels.Vwap(view.Ticks, view.Prices, asOf, options.Window.Ticks, vwap, vwapSamples);
        FloorKernels.AdaptivePercentile(view.Ticks, view.LogPrices, asOf, options.Window.Ticks, options.AdaptiveTradeCount, options.AdaptiveMadMultiplier, options.AdaptiveQuantile, adaptive, adaptiveSamples);
        return new DailyFloors(firstDay, vwap, adaptive, vwapSamples, adaptiveSamples);
    }

    private static Window Open(SaleSeries series, DateTimeOffset asOf, FloorOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (options.Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Window, "The floor window must be positive.");
        }

        SaleView view = series.View(options.FilterPolicy);
        long end = asOf.UtcTicks;
        long start = end - options.Window.Ticks;
        int lo = FloorKernels.LowerBound(view.Ticks, start);
        int hi = FloorKernels.LowerBound(view.Ticks, end);
        int excluded = options.FilterPolicy == SaleFilterPolicy.ExcludeFlagged ? series.ExcludedIn(start, end) : 0;
        if (hi == lo)
        {
            throw new NoSalesInWindowException(asOf, options.Window, excluded);
        }

        return new Window(view, lo, hi - lo, asOf, options.Window, excluded);
    }

    private readonly record struct Window(SaleView View, int Lo, int Count, DateTimeOffset AsOf, TimeSpan Length, int Excluded)
    {
        public FloorEstimate Result(double value, FloorMethod method, FloorNotes flags) =>
            new((decimal)value, method, AsOf, Length, Count, Excluded, flags | (Excluded > 0 ? FloorNotes.FlaggedSalesExcluded : FloorNotes.None));
    }
}
