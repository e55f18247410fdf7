using System.Buffers;

namespace NftCollateral.Sdk.Market;

/// <summary>
/// Batch floor kernels over sorted sale columns: the 30-day VWAP and the adaptive-percentile floor at many as-of times
/// in one pass (two pointers over the sales, a bounded selection per as-of time). Shaped like <c>TensorPrimitives</c>:
/// spans in, the destinations last, no allocation beyond pooled scratch of at most <c>tradeCount</c> elements.
/// </summary>
/// <remarks>
/// Windows are half-open, <c>[asOf − window, asOf)</c>. An as-of time with no sale in its window gives
/// <see cref="double.NaN"/> and a sample count of 0 (a per-item outcome; the batch does not fail). The results equal
/// <see cref="FloorEstimators"/>' one-window results for the same windows bit for bit (same summation order).
/// </remarks>
public static class FloorKernels
{
    /// <summary>The largest trade count the adaptive percentile accepts (bounds the per-window selection).</summary>
    public const int MaxTradeCount = 100_000;

    /// <summary>
    /// Computes, for each <c>asOfTicks[d]</c>, the VWAP of the sales in <c>[asOfTicks[d] − windowTicks, asOfTicks[d])</c>.
    /// With one token per sale every sale has volume 1, so the VWAP is the mean price.
    /// </summary>
    /// <param name="ticks">Sale times (UTC ticks), ascending.</param>
    /// <param name="prices">Sale prices (ETH), same length.</param>
    /// <param name="asOfTicks">As-of times (UTC ticks), ascending.</param>
    /// <param name="windowTicks">The window length in ticks, positive.</param>
    /// <param name="destination">Receives the VWAP per as-of time (NaN for an empty window).</param>
    /// <param name="sampleCounts">Receives the number of sales per window.</param>
    /// <exception cref="ArgumentException">The lengths differ, a destination is too short, or times are not ascending.</exception>
    public static void Vwap(ReadOnlySpan<long> ticks, ReadOnlySpan<double> prices, ReadOnlySpan<long> asOfTicks, long windowTicks, Span<double> destination, Span<int> sampleCounts)
    {
        Validate(ticks, prices, asOfTicks, windowTicks, destination, sampleCounts);
        int lo = 0;
        int hi = 0;
        for (int d = 0; d < asOfTicks.Length; d++)
        {
            long end = asOfTicks[d];
            long start = end - windowTicks;
            while (hi < ticks.Length && ticks[hi] < end)
            {
                hi++;
            }

            while (lo < hi && ticks[lo] < start)
            {
                lo++;
            }

            int count = hi - lo;
            sampleCounts[d] = count;
            destination[d] = count == 0 ? double.NaN : Mean(prices[lo..hi]);
        }
    }

    /// <summary>
    /// Computes, for each <c>asOfTicks[d]</c>, the Coinbase-style adaptive-percentile floor of the last
    /// <paramref name="tradeCount"/> sales in <c>[asOfTicks[d] − windowTicks, asOfTicks[d])</c>: on log prices, drop the
    /// trades more than <paramref name="madMultiplier"/> median absolute deviations from the median, then take the
    /// <paramref name="quantile"/> (linear interpolation) and return it as a price.
    /// </summary>
    /// <param name="ticks">Sale times (UTC ticks), ascending.</param>
    /// <param name="logPrices">Natural logs of the sale prices (ETH), same length.</param>
    /// <param name="asOfTicks">As-of times (UTC ticks), ascending.</param>
    /// <param name="windowTicks">The window length in ticks, positive.</param>
    /// <param name="tradeCount">How many of the latest trades to use, 1 to <see cref="MaxTradeCount"/>.</param>
    /// <param name="madMultiplier">The outlier cut-off in MADs, non-negative.</param>
    /// <param name="quantile">The quantile in [0, 1].</param>
    /// <param name="destination">Receives the floor per as-of time in ETH (NaN for an empty window).</param>
    /// <param name="sampleCounts">Receives the number of trades used (after the last-N cut, before the MAD filter).</param>
    /// <exception cref="ArgumentException">The lengths differ, a destination is too short, or times are not ascending.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static void AdaptivePercentile(ReadOnlySpan<long> ticks, ReadOnlySpan<double> logPrices, ReadOnlySpan<long> asOfTicks, long windowTicks, int tradeCount, double madMultiplier, double quantile, Span<double> destination, Span<int> sampleCounts)
    {
        Validate(ticks, logPrices, asOfTicks, windowTicks, destination, sampleCounts);
        ValidateAdaptive(tradeCount, madMultiplier, quantile);
        double[] scratch = ArrayPool<double>.Shared.Rent(Math.Min(tradeCount, Math.Max(ticks.Length, 1)));
        try
        {
            int lo = 0;
            int hi = 0;
            for (int d = 0; d < asOfTicks.Length; d++)
            {
                long end = asOfTicks[d];
                long start = end - windowTicks;
                while (hi < ticks.Length && ticks[hi] < end)
                {
                    hi++;
                }

                while (lo < hi && ticks[lo] < start)
                {
                    lo++;
                }

                int first = Math.Max(lo, hi - tradeCount);
                int count = hi - first;
                sampleCounts[d] = count;
                destination[d] = count == 0 ? double.NaN : AdaptiveCore(logPrices[first..hi], madMultiplier, quantile, scratch, out _);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Applies a per-window change cap to a floor series: each value is clamped to within ±<paramref name="maxChange"/>
    /// of the previous capped value. NaN entries (empty windows) stay NaN and do not move the reference.
    /// </summary>
    /// <param name="floors">The uncapped floors.</param>
    /// <param name="maxChange">The largest relative move per step (0.25 for ±25%), non-negative.</param>
    /// <param name="destination">Receives the capped floors; may be <paramref name="floors"/> itself.</param>
    /// <param name="capped">Receives <see langword="true"/> where the cap changed the value.</param>
    /// <returns>How many values were capped.</returns>
    /// <exception cref="ArgumentException">A destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChange"/> is negative or not finite.</exception>
    public static int CapChanges(ReadOnlySpan<double> floors, double maxChange, Span<double> destination, Span<bool> capped)
    {
        if (!(maxChange >= 0 && double.IsFinite(maxChange)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxChange), maxChange, "The change cap must be a non-negative finite fraction.");
        }

        if (destination.Length < floors.Length || capped.Length < floors.Length)
        {
            throw new ArgumentException("The destinations must be at least as long as the floors.", nameof(destination));
        }

        double previous = double.NaN;
        int count = 0;
        for (int i = 0; i < floors.Length; i++)
        {
            double value = floors[i];
            bool clamped = false;
            if (!double.IsNaN(value) && !double.IsNaN(previous))
            {
                double low = previous * (1 - maxChange);
                double high = previous * (1 + maxChange);
                if (value < low)
                {
                    value = low;
                    clamped = true;
                }
                else if (value > high)
                {
                    value = high;
                    clamped = true;
                }
            }

            destination[i] = value;
            capped[i] = clamped;
            count += clamped ? 1 : 0;
            if (!double.IsNaN(value))
            {
                previous = value;
            }
        }

        return count;
    }

    internal static void ValidateAdaptive(int tradeCount, double madMultiplier, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tradeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tradeCount, MaxTradeCount);
        if (!(madMultiplier >= 0) || double.IsPositiveInfinity(madMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(madMultiplier), madMultiplier, "The MAD multiplier must be a non-negative finite number.");
        }

        if (!(quantile >= 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be in [0, 1].");
        }
    }

    /// <summary>The arithmetic mean, summed left to right.</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>The adaptive-percentile floor (a price) of non-empty log prices; <paramref name="kept"/> = trades left after the MAD filter.</summary>
    internal static double AdaptiveCore(ReadOnlySpan<double> logPrices, double madMultiplier, double quantile, Span<double> scratch, out int kept)
    {
        int n = logPrices.Length;
        Span<double> work = scratch[..n];
        logPrices.CopyTo(work);
        double median = Median(work);
        for (int i = 0; i < n; i++)
        {
            work[i] = Math.Abs(logPrices[i] - median);
        }

        double limit = madMultiplier * Median(work);
        kept = 0;
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(logPrices[i] - median) <= limit)
            {
                work[kept++] = logPrices[i];
            }
        }

        return Math.Exp(Quantile(work[..kept], quantile));
    }

    /// <summary>The median (mean of the two middle values for an even count). Reorders <paramref name="values"/>.</summary>
    internal static double Median(Span<double> values)
    {
        int n = values.Length;
        int m = n / 2;
        double upper = Select(values, m);
        if (n % 2 == 1)
        {
            return upper;
        }

        double lower = double.NegativeInfinity;
        foreach (double v in values[..m])
        {
            lower = Math.Max(lower, v);
        }

        return (lower + upper) / 2;
    }

    /// <summary>The q-quantile with linear interpolation between order statistics (numpy's default). Reorders <paramref name="values"/>.</summary>
    internal static double Quantile(Span<double> values, double q)
    {
        int n = values.Length;
        double h = (n - 1) * q;
        int k = (int)Math.Floor(h);
        double below = Select(values, k);
        if (k + 1 >= n || h == k)
        {
            return below;
        }

        double above = double.PositiveInfinity;
        foreach (double v in values[(k + 1)..])
        {
            above = Math.Min(above, v);
        }

        return below + ((h - k) * (above - below));
    }

    /// <summary>Quickselect: puts the k-th smallest at index k, smaller-or-equal values before it, larger-or-equal after.</summary>
    internal static double Select(Span<double> values, int k)
    {
        int left = 0;
        int right = values.Length - 1;
        while (right > left)
        {
            // Median-of-three pivot.
            int mid = left + ((right - left) / 2);
            if (values[mid] < values[left])
            {
                (values[mid], values[left]) = (values[left], values[mid]);
            }

            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }

            if (values[right] < values[mid])
            {
                (values[right], values[mid]) = (values[mid], values[right]);
            }

            double pivot = values[mid];
            int i = left;
            int j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    /// <summary>The first index whose value is not less than <paramref name="value"/> (ascending input).</summary>
    internal static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Validate(ReadOnlySpan<long> ticks, ReadOnlySpan<double> values, ReadOnlySpan<long> asOfTicks, long windowTicks, Span<double> destination, Span<int> sampleCounts)
    {
        if (ticks.Length != values.Length)
        {
            throw new ArgumentException($"The sale columns differ in length ({ticks.Length} times, {values.Length} prices).", nameof(values));
        }

        if (destination.Length < asOfTicks.Length || sampleCounts.Length < asOfTicks.Length)
        {
            throw new ArgumentException("The destinations must be at least as long as the as-of times.", nameof(destination));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowTicks, 0);
        for (int i = 1; i < ticks.Length; i++)
        {
            if (ticks[i] < ticks[i - 1])
            {
                throw new ArgumentException($"Sale times must be ascending (index {i}).", nameof(ticks));
            }
        }

        for (int i = 1; i < asOfTicks.Length; i++)
        {
            if (asOfTicks[i] < asOfTicks[i - 1])
            {
                throw new ArgumentException($"As-of times must be ascending (index {i}).", nameof(asOfTicks));
            }
        }
    }
}
