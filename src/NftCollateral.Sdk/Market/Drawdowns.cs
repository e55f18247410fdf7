using System.Globalization;

namespace NftCollateral.Sdk.Market;

/// <summary>What the drawdown analytics do with days a floor file flags as <c>suspect_outlier</c>.</summary>
public enum SuspectOutlierHandling
{
    /// <summary>Drop the flagged days, then forward-fill the gaps (market-data spec §2; meant for the trade-based proxy file).</summary>
    Exclude,

    /// <summary>Use the flagged days as they are.</summary>
    Keep,
}

/// <summary>How <see cref="Drawdowns.Prepare"/> and <see cref="Drawdowns.Analyze"/> turn a raw floor series into the series analysed.</summary>
public sealed record DrawdownOptions
{
    /// <summary>Gets what to do with suspect outliers; by default <see cref="SuspectOutlierHandling.Exclude"/> as the spec does.</summary>
    public SuspectOutlierHandling SuspectOutliers { get; init; } = SuspectOutlierHandling.Exclude;

    /// <summary>Gets the currency to analyse in; <see cref="FloorCurrency.Usd"/> needs <see cref="EthUsd"/>.</summary>
    public FloorCurrency Currency { get; init; } = FloorCurrency.Eth;

    /// <summary>Gets the daily ETH/USD closes used when <see cref="Currency"/> is <see cref="FloorCurrency.Usd"/>.</summary>
    public EthUsdSeries? EthUsd { get; init; }
}

/// <summary>A fall from a peak day to a later trough day. <see cref="Fraction"/> is <c>1 − trough / peak</c>, never negative.</summary>
/// <param name="PeakDate">The day of the peak.</param>
/// <param name="PeakValue">The value on <paramref name="PeakDate"/>.</param>
/// <param name="TroughDate">The day of the trough (equal to <paramref name="PeakDate"/> when the series never falls).</param>
/// <param name="TroughValue">The value on <paramref name="TroughDate"/>.</param>
/// <param name="Fraction">The fall as a fraction of the peak (0.211 for 21.1%).</param>
public sealed record Drawdown(DateOnly PeakDate, decimal PeakValue, DateOnly TroughDate, decimal TroughValue, double Fraction);

/// <summary>A close-to-close change between two days. <see cref="Return"/> is <c>end / start − 1</c> (−0.211 for a 21.1% fall).</summary>
/// <param name="StartDate">The first day.</param>
/// <param name="StartValue">The value on <paramref name="StartDate"/>.</param>
/// <param name="EndDate">The last day.</param>
/// <param name="EndValue">The value on <paramref name="EndDate"/>.</param>
/// <param name="Return">The simple return as a fraction.</param>
public sealed record PriceMove(DateOnly StartDate, decimal StartValue, DateOnly EndDate, decimal EndValue, double Return);

/// <summary>The standard deviation of daily log returns.</summary>
/// <param name="Daily">The sample standard deviation (divisor n − 1) of the daily log returns, as a fraction.</param>
/// <param name="ReturnCount">How many daily returns it is computed from.</param>
public sealed record VolatilityEstimate(double Daily, int ReturnCount)
{
    /// <summary>Gets the annualised volatility, <c>Daily · √365</c> (markets trade every day).</summary>
    public double Annualised => Daily * Math.Sqrt(365);
}

/// <summary>The drawdown statistics of one series over one period (one row of the market-data spec's stress table).</summary>
/// <param name="Collection">The collection analysed.</param>
/// <param name="Currency">The unit the values are in.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period.</param>
/// <param name="WindowDays">The window h, in days.</param>
/// <param name="MaxDrawdown">The maximum h-day drawdown (peak in the period).</param>
/// <param name="WorstReturn">The worst h-day close-to-close return (start in the period).</param>
/// <param name="Volatility">The daily log-return volatility (returns ending in the period).</param>
public sealed record DrawdownReport(
    string Collection, FloorCurrency Currency, DateOnly From, DateOnly To, int WindowDays, Drawdown MaxDrawdown, PriceMove WorstReturn, VolatilityEstimate Volatility);

/// <summary>The indices of a drawdown found by <see cref="Drawdowns.MaxDrawdown(ReadOnlySpan{double}, int, int, int)"/>.</summary>
/// <param name="Peak">The index of the peak.</param>
/// <param name="Trough">The index of the trough (equal to <paramref name="Peak"/> when nothing falls).</param>
/// <param name="Fraction">The fall, <c>1 − values[Trough] / values[Peak]</c>.</param>
public readonly record struct DrawdownIndices(int Peak, int Trough, double Fraction);

/// <summary>The indices of a move found by <see cref="Drawdowns.WorstReturn(ReadOnlySpan{double}, int, int, int)"/>.</summary>
/// <param name="Start">The index of the first day.</param>
/// <param name="End">The index of the last day.</param>
/// <param name="Return">The return, <c>values[End] / values[Start] − 1</c>.</param>
public readonly record struct PriceMoveIndices(int Start, int End, double Return);

/// <summary>Thrown when a series has too few days in the requested period for a statistic; the SDK never answers 0 instead.</summary>
public sealed class InsufficientHistoryException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="InsufficientHistoryException"/> class.</summary>
    public InsufficientHistoryException()
        : base("not enough history")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InsufficientHistoryException"/> class.</summary>
    /// <param name="message">A one-line description naming the series, the period and what is missing.</param>
    public InsufficientHistoryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InsufficientHistoryException"/> class.</summary>
    /// <param name="message">A one-line description.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InsufficientHistoryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Drawdown analytics on daily floor series, as defined in the market-data spec §2 (historical stress scenarios).
/// </summary>
/// <remarks>
/// <para>Definitions, for a period [from, to] and a window of h days, on a daily (forward-filled) series v:</para>
/// <list type="bullet">
/// <item><b>Maximum h-day drawdown</b>: the largest <c>1 − v[t] / v[p]</c> over peak days p inside the period and
/// trough days t with p &lt; t ≤ p + h. The trough may fall after the period's end (a peak on 31 December looks h
/// days into January) but not after the series' end. With no window (<c>null</c>) the trough must also lie inside
/// the period: the peak-to-trough fall inside the period.</item>
/// <item><b>Worst h-day return</b>: the smallest <c>v[s + h] / v[s] − 1</c> over start days s inside the period (the end
/// day may fall after the period).</item>
/// <item><b>Daily volatility</b>: the sample standard deviation (divisor n − 1) of <c>ln(v[d] / v[d − 1])</c> over the
/// days d inside the period that have a previous day in the series; so the return into the period's first day counts
/// when the series has the day before. Annualised = daily · √365.</item>
/// </list>
/// <para>
/// These reproduce the spec's table (see the tests). The functions that take a <see cref="FloorSeries"/> forward-fill
/// gaps themselves; <see cref="Prepare"/> also drops suspect outliers first and converts to USD after the fill, in the
/// spec's order. The span kernels work on index ranges of values with no gaps. Ties go to the earliest peak and trough.
/// </para>
/// </remarks>
public static class Drawdowns
{
    /// <summary>
    /// Turns a raw floor series into the series the spec analyses: drops suspect outliers (unless kept), forward-fills
    /// the gaps, then converts to USD with each day's own close when asked.
    /// </summary>
    /// <param name="series">The raw series (in ETH when converting to USD).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults (exclude outliers, ETH).</param>
    /// <returns>A daily series with no gaps.</returns>
    /// <exception cref="ArgumentException">USD is asked for without <see cref="DrawdownOptions.EthUsd"/>.</exception>
    /// <exception cref="InsufficientHistoryException">Nothing is left once the outliers are dropped.</exception>
    /// <exception cref="CollectionDataException">The ETH/USD closes miss one of the days; the message names it.</exception>
    public static FloorSeries Prepare(FloorSeries series, DrawdownOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new DrawdownOptions();
        if (options.Currency == FloorCurrency.Usd && options.EthUsd is null && series.Currency != FloorCurrency.Usd)
        {
            throw new ArgumentException("USD analysis needs the daily ETH/USD closes (DrawdownOptions.EthUsd).", nameof(options));
        }

        FloorSeries prepared = options.SuspectOutliers == SuspectOutlierHandling.Exclude ? series.WithoutSuspectOutliers() : series;
        if (prepared.Count == 0)
        {
            throw new InsufficientHistoryException($"{series.Collection}: the series has no days (after dropping suspect outliers)");
        }

        prepared = prepared.ForwardFill();
        return options.Currency == FloorCurrency.Usd && prepared.Currency == FloorCurrency.Eth ? prepared.ToUsd(options.EthUsd!) : prepared;
    }

    /// <summary>Computes one row of the spec's stress table: the maximum h-day drawdown, the worst h-day return and the daily volatility.</summary>
    /// <param name="series">The raw series; it goes through <see cref="Prepare"/> first.</param>
    /// <param name="from">The first day of the period (e.g. 1 January).</param>
    /// <param name="to">The last day of the period (e.g. 31 December).</param>
    /// <param name="windowDays">The window h in days (e.g. 7 or 30).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The statistics with their dates and values.</returns>
    /// <exception cref="InsufficientHistoryException">The period has too few days for one of the statistics.</exception>
    public static DrawdownReport Analyze(FloorSeries series, DateOnly from, DateOnly to, int windowDays, DrawdownOptions? options = null)
    {
        FloorSeries prepared = Prepare(series, options);
        return new DrawdownReport(
            prepared.Collection,
            prepared.Currency,
            from,
            to,
            windowDays,
            MaxDrawdown(prepared, from, to, windowDays),
            WorstReturn(prepared, from, to, windowDays),
            DailyVolatility(prepared, from, to));
    }

    /// <summary>Finds the maximum drawdown whose peak lies in [<paramref name="from"/>, <paramref name="to"/>] (see the class remarks).</summary>
    /// <param name="series">The series; gaps are forward-filled.</param>
    /// <param name="from">The first possible peak day.</param>
    /// <param name="to">The last possible peak day.</param>
    /// <param name="horizonDays">
    /// The window h: the trough lies at most h days after the peak (possibly after <paramref name="to"/>); or
    /// <see langword="null"/> for no window, the trough then lying in the period too.
    /// </param>
    /// <returns>The drawdown; a fraction of 0 with the trough on the peak day when the series never falls.</returns>
    /// <exception cref="ArgumentException">The period is reversed or the window is below 1.</exception>
    /// <exception cref="InsufficientHistoryException">No peak day in the period has a later day to fall to.</exception>
    public static Drawdown MaxDrawdown(FloorSeries series, DateOnly from, DateOnly to, int? horizonDays = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckPeriod(from, to);
        if (horizonDays is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonDays), horizonDays, "The window must be at least 1 day.");
        }

        FloorSeries filled = series.ForwardFill();
        (int start, int end) = filled.Range(from, to);
        int available = horizonDays is null ? end : filled.Count;
        if (start == end || start + 1 >= available)
        {
            throw new InsufficientHistoryException(
                $"{Describe(filled, from, to)}: a drawdown needs a peak day in the period and a later day; the series has {end - start} day(s) in the period");
        }

        double[] values = ToDouble(filled.Values[..available]);
        DrawdownIndices found = MaxDrawdown(values, start, end - start, horizonDays ?? int.MaxValue);
        return new Drawdown(filled.Dates[found.Peak], filled.Values[found.Peak], filled.Dates[found.Trough], filled.Values[found.Trough], found.Fraction);
    }

    /// <summary>Finds the worst <paramref name="days"/>-day close-to-close return starting in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="series">The series; gaps are forward-filled.</param>
    /// <param name="from">The first possible start day.</param>
    /// <param name="to">The last possible start day.</param>
    /// <param name="days">The horizon h in days.</param>
    /// <returns>The move with the lowest return (positive when the series only rose).</returns>
    /// <exception cref="ArgumentException">The period is reversed or <paramref name="days"/> is below 1.</exception>
    /// <exception cref="InsufficientHistoryException">No start day in the period has a day h days later in the series.</exception>
    public static PriceMove WorstReturn(FloorSeries series, DateOnly from, DateOnly to, int days)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckPeriod(from, to);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        FloorSeries filled = series.ForwardFill();
        (int start, int end) = filled.Range(from, to);
        if (start == end || (long)start + days >= filled.Count)
        {
            throw new InsufficientHistoryException(
                $"{Describe(filled, from, to)}: a {days}-day return needs a start day in the period and the day {days} days later; the series has {end - start} day(s) in the period");
        }

        double[] values = ToDouble(filled.Values);
        PriceMoveIndices found = WorstReturn(values, start, end - start, days);
        return new PriceMove(filled.Dates[found.Start], filled.Values[found.Start], filled.Dates[found.End], filled.Values[found.End], found.Return);
    }

    /// <summary>Computes the daily log-return volatility of the days in [<paramref name="from"/>, <paramref name="to"/>] (see the class remarks).</summary>
    /// <param name="series">The series; gaps are forward-filled.</param>
    /// <param name="from">The first day whose return (from the day before, when the series has it) counts.</param>
    /// <param name="to">The last day whose return counts.</param>
    /// <returns>The sample standard deviation and the number of returns.</returns>
    /// <exception cref="ArgumentException">The period is reversed.</exception>
    /// <exception cref="InsufficientHistoryException">Fewer than 2 returns end in the period.</exception>
    public static VolatilityEstimate DailyVolatility(FloorSeries series, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckPeriod(from, to);
        FloorSeries filled = series.ForwardFill();
        (int start, int end) = filled.Range(from, to);
        int first = start > 0 ? start - 1 : start;
        if (end - first < 3)
        {
            throw new InsufficientHistoryException(
                $"{Describe(filled, from, to)}: volatility needs at least 2 daily returns; the series has {Math.Max(0, end - first - 1)}");
        }

        double[] values = ToDouble(filled.Values[first..end]);
        return new VolatilityEstimate(LogReturnStandardDeviation(values), values.Length - 1);
    }

    /// <summary>
    /// Computes the fall from the value on <paramref name="reference"/> to the lowest value in [<paramref name="from"/>,
    /// <paramref name="to"/>] (e.g. "30 Apr 2022 → May–Jun low" in the spec). A rise gives a negative fraction.
    /// </summary>
    /// <param name="series">The series; gaps are forward-filled.</param>
    /// <param name="reference">The day whose value is the starting point.</param>
    /// <param name="from">The first day to look for the low.</param>
    /// <param name="to">The last day to look for the low.</param>
    /// <returns>The fall, with the reference day as the peak and the earliest lowest day as the trough.</returns>
    /// <exception cref="ArgumentException">The period is reversed.</exception>
    /// <exception cref="InsufficientHistoryException">The series lacks the reference day or any day in the period.</exception>
    public static Drawdown FallFrom(FloorSeries series, DateOnly reference, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckPeriod(from, to);
        FloorSeries filled = series.ForwardFill();
        if (!filled.TryGetValue(reference, out decimal start))
        {
            throw new InsufficientHistoryException($"{filled.Collection} ({filled.Currency}): no value on the reference day {FloorSeriesCsv.Iso(reference)}");
        }

        (int first, int end) = filled.Range(from, to);
        if (first == end)
        {
            throw new InsufficientHistoryException($"{Describe(filled, from, to)}: no day in the period");
        }

        int low = first;
        for (int i = first + 1; i < end; i++)
        {
            if (filled.Values[i] < filled.Values[low])
            {
                low = i;
            }
        }

        return new Drawdown(reference, start, filled.Dates[low], filled.Values[low], 1 - ((double)filled.Values[low] / (double)start));
    }

    /// <summary>
    /// Kernel: the maximum drawdown over peaks <c>values[peakStart .. peakStart + peakCount)</c> and troughs up to
    /// <paramref name="horizon"/> positions after the peak (and before the end of <paramref name="values"/>).
    /// </summary>
    /// <param name="values">Positive values, one per day, no gaps.</param>
    /// <param name="peakStart">The first peak index.</param>
    /// <param name="peakCount">How many peak indices (at least 1).</param>
    /// <param name="horizon">The window in positions (at least 1); <see cref="int.MaxValue"/> for no window.</param>
    /// <returns>The peak and trough indices and the fall; 0 with the trough on the first peak when nothing falls.</returns>
    /// <exception cref="ArgumentException">The range is outside <paramref name="values"/>, empty, or has no later position, or the horizon is below 1.</exception>
    public static DrawdownIndices MaxDrawdown(ReadOnlySpan<double> values, int peakStart, int peakCount, int horizon)
    {
        CheckRange(values.Length, peakStart, peakCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (peakStart + 1 >= values.Length)
        {
            throw new ArgumentException("There is no position after the first peak to fall to.", nameof(peakStart));
        }

        int peakEnd = peakStart + peakCount;
        var best = new DrawdownIndices(peakStart, peakStart, 0);
        if (horizon >= values.Length - peakStart)
        {
            // No effective window: one pass with the running maximum of the peaks seen so far.
            int top = peakStart;
            for (int t = peakStart + 1; t < values.Length; t++)
            {
                double fall = 1 - (values[t] / values[top]);
                if (fall > best.Fraction)
                {
                    best = new DrawdownIndices(top, t, fall);
                }

                if (t < peakEnd && values[t] > values[top])
                {
                    top = t;
                }
            }

            return best;
        }

        for (int p = peakStart; p < peakEnd; p++)
        {
            int last = (int)Math.Min(values.Length - 1L, (long)p + horizon);
            double peak = values[p];
            for (int t = p + 1; t <= last; t++)
            {
                double fall = 1 - (values[t] / peak);
                if (fall > best.Fraction)
                {
                    best = new DrawdownIndices(p, t, fall);
                }
            }
        }

        return best;
    }

    /// <summary>Kernel: the lowest <c>values[s + days] / values[s] − 1</c> over starts <c>s</c> in <c>[firstStart, firstStart + startCount)</c> with <c>s + days</c> inside <paramref name="values"/>.</summary>
    /// <param name="values">Positive values, one per day, no gaps.</param>
    /// <param name="firstStart">The first start index.</param>
    /// <param name="startCount">How many start indices (at least 1).</param>
    /// <param name="days">The horizon in positions (at least 1).</param>
    /// <returns>The indices and the return; the earliest start on ties.</returns>
    /// <exception cref="ArgumentException">The range is outside <paramref name="values"/> or empty, no start has a position <paramref name="days"/> later, or <paramref name="days"/> is below 1.</exception>
    public static PriceMoveIndices WorstReturn(ReadOnlySpan<double> values, int firstStart, int startCount, int days)
    {
        CheckRange(values.Length, firstStart, startCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        long lastStart = Math.Min(firstStart + (long)startCount, values.Length - (long)days) - 1;
        if (lastStart < firstStart)
        {
            throw new ArgumentException($"No start position has a position {days} later.", nameof(days));
        }

        var worst = new PriceMoveIndices(firstStart, firstStart + days, (values[firstStart + days] / values[firstStart]) - 1);
        for (int s = firstStart + 1; s <= lastStart; s++)
        {
            double r = (values[s + days] / values[s]) - 1;
            if (r < worst.Return)
            {
                worst = new PriceMoveIndices(s, s + days, r);
            }
        }

        return worst;
    }

    /// <summary>Kernel: <c>destination[i] = ln(values[i + 1] / values[i])</c> for every consecutive pair.</summary>
    /// <param name="values">Positive values, one per day.</param>
    /// <param name="destination">Receives <c>values.Length − 1</c> returns; must not overlap <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps the values.</exception>
    public static void LogReturns(ReadOnlySpan<double> values, Span<double> destination)
    {
        int n = Math.Max(0, values.Length - 1);
        if (destination.Length < n)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        if (values.Overlaps(destination[..n]))
        {
            throw new ArgumentException("Destination must not overlap the values.", nameof(destination));
        }

        for (int i = 0; i < n; i++)
        {
            destination[i] = Math.Log(values[i + 1] / values[i]);
        }
    }

    /// <summary>Kernel: the sample standard deviation (divisor n − 1) of the daily log returns of <paramref name="values"/>.</summary>
    /// <param name="values">At least 3 positive values, one per day.</param>
    /// <returns>The daily volatility as a fraction.</returns>
    /// <exception cref="ArgumentException">Fewer than 3 values.</exception>
    public static double LogReturnStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 3)
        {
            throw new ArgumentException($"At least 3 values (2 returns) are needed, not {values.Length}.", nameof(values));
        }

        int n = values.Length - 1;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Log(values[i + 1] / values[i]);
        }

        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = Math.Log(values[i + 1] / values[i]) - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (n - 1));
    }

    private static void CheckRange(int length, int start, int count)
    {
        if (start < 0 || count < 1 || (long)start + count > length)
        {
            throw new ArgumentException($"The range [{start}, {(long)start + count}) is empty or outside the {length} values.", nameof(start));
        }
    }

    private static void CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({FloorSeriesCsv.Iso(to)}) before it starts ({FloorSeriesCsv.Iso(from)}).", nameof(to));
        }
    }

    private static string Describe(FloorSeries series, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{series.Collection} ({series.Currency}) {FloorSeriesCsv.Iso(from)}..{FloorSeriesCsv.Iso(to)}");

    private static double[] ToDouble(ReadOnlySpan<decimal> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (double)values[i];
        }

        return result;
    }
}
