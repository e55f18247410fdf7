using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NftCollateral.Sdk.CashFlows.Signals;

/// <summary>A divergence between a series and an indicator at one point (see <see cref="SignalKernels.Divergences"/>).</summary>
public enum Divergence : sbyte
{
    /// <summary>A bearish divergence: the series makes a higher high while the indicator makes a lower high.</summary>
    Bearish = -1,

    /// <summary>No divergence (or not evaluated: warm-up, or the indicator is NaN at either point).</summary>
    None = 0,

    /// <summary>A bullish divergence: the series makes a lower low while the indicator makes a higher low.</summary>
    Bullish = 1,
}

/// <summary>
/// Technical signals on revenue or price series as span kernels: SMA, EMA, RSI (Wilder), MACD with divergence
/// detection, rolling volatility and a revenue multiple against its historical average.
/// </summary>
/// <remarks>
/// <para>
/// Shaped like <c>TensorPrimitives</c>: <see cref="ReadOnlySpan{T}"/> inputs, destinations last, output i aligned with
/// input i, no allocation per call beyond pooled scratch for the sliding-window kernels. Each kernel returns the index of
/// its first defined output; the entries before it (the warm-up) are set to <see cref="double.NaN"/>, and when the input
/// is shorter than the warm-up the returned index is at or past its end. The destination may be the input itself only where
/// a kernel says so.
/// </para>
/// <para>
/// Inputs must be finite (and positive where a logarithm or a mean multiple is taken): a bad value throws
/// <see cref="ArgumentException"/> naming its index, so that no NaN leaks into a later output. The tests hold a scalar
/// reference for each kernel; results agree with it to rounding (about 1e-12 relative: the recurrences run four steps at a
/// time and the running window sums are recomputed exactly every few thousand points, so no error builds up). Results may
/// differ in the last bits between CPUs (fused multiply-add, vector width). All members are thread-safe.
/// </para>
/// <para>Conventions: EMA α = 2 / (period + 1), seeded with the simple mean of the first <c>period</c> values (so the
/// first EMA is at index period − 1). RSI uses Wilder's smoothing. MACD is EMA(fast) − EMA(slow), each seeded on its
/// own, and its signal line is the EMA of the MACD line seeded with the mean of its first <c>signal</c> values.</para>
/// </remarks>
public static class SignalKernels
{
    private const int StackScratch = 256;

    // Running window sums are recomputed exactly at least this often (and never more often than every 4 windows).
    private const int ResyncEvery = 4096;

    /// <summary>The simple moving average: <c>destination[i] = mean(values[i − window + 1 .. i])</c>.</summary>
    /// <param name="values">The series; finite.</param>
    /// <param name="window">The window length, at least 1.</param>
    /// <param name="destination">Receives the averages; must not overlap the input.</param>
    /// <returns>The first defined index, <c>window − 1</c>.</returns>
    /// <exception cref="ArgumentException">The destination is too short or overlaps the input, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static int Sma(ReadOnlySpan<double> values, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        CheckDestination(values, destination, nameof(destination), allowInPlace: false);
        int n = values.Length;
        destination = destination[..n];
        if (!RollingSums(values, window, destination))
        {
            ThrowNotFinite(values, nameof(values));
        }

        Scale(destination[Math.Min(n, window - 1)..], 1.0 / window);
        return window - 1;
    }

    /// <summary>
    /// The exponential moving average with α = 2 / (period + 1), seeded with the mean of the first <paramref name="period"/>
    /// values: <c>destination[period − 1] = mean(values[0 .. period − 1])</c>, then <c>e = α x + (1 − α) e</c>.
    /// </summary>
    /// <param name="values">The series; finite.</param>
    /// <param name="period">The period, at least 1.</param>
    /// <param name="destination">Receives the averages; may be <paramref name="values"/> itself.</param>
    /// <returns>The first defined index, <c>period − 1</c>.</returns>
    /// <exception cref="ArgumentException">The destination is too short or partly overlaps the input, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static int Ema(ReadOnlySpan<double> values, int period, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        CheckDestination(values, destination, nameof(destination));
        if (!EmaCore(values, period, destination))
        {
            ThrowNotFinite(values, nameof(values));
        }

        return period - 1;
    }

    /// <summary>
    /// The relative strength index with Wilder's smoothing. With changes <c>d_i = values[i] − values[i − 1]</c>, gains
    /// <c>max(d, 0)</c> and losses <c>max(−d, 0)</c>: the first averages are the means of the first <paramref name="period"/>
    /// gains and losses (changes 1..period), then <c>avg = (avg · (period − 1) + current) / period</c>;
    /// <c>RSI = 100 − 100 / (1 + avgGain / avgLoss)</c>, 100 when there is no loss, and 50 when there is neither gain nor loss.
    /// </summary>
    /// <param name="values">The series; finite.</param>
    /// <param name="period">The period, at least 1 (14 is customary).</param>
    /// <param name="destination">Receives the RSI in [0, 100]; must not overlap the input.</param>
    /// <returns>The first defined index, <paramref name="period"/>.</returns>
    /// <exception cref="ArgumentException">The destination is too short or overlaps the input, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public static int Rsi(ReadOnlySpan<double> values, int period, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        CheckDestination(values, destination, nameof(destination), allowInPlace: false);
        int n = values.Length;
        double check = 0;
        double gain = 0;
        double loss = 0;
        int warm = Math.Min(n, period + 1);
        for (int i = 0; i < warm; i++)
        {
            double x = values[i];
            check += x - x;
            if (i > 0)
            {
                double d = x - values[i - 1];
                gain += double.MaxNative(d, 0);
                loss += double.MaxNative(-d, 0);
            }

            destination[i] = double.NaN;
        }

        if (n > period)
        {
            gain /= period;
            loss /= period;
            destination[period] = Ratio(gain, loss);
            var powers = new Powers(1 - (1.0 / period));
            double take = 1.0 / period;
            ref double v = ref MemoryMarshal.GetReference(values);
            ref double o = ref MemoryMarshal.GetReference(destination);
            double previous = values[period];
            int i = period + 1;
            for (; i <= n - 4; i += 4)
            {
                double x0 = Unsafe.Add(ref v, i), x1 = Unsafe.Add(ref v, i + 1), x2 = Unsafe.Add(ref v, i + 2), x3 = Unsafe.Add(ref v, i + 3);
                check += (x0 - x0) + (x1 - x1) + (x2 - x2) + (x3 - x3);
                double d0 = x0 - previous, d1 = x1 - x0, d2 = x2 - x1, d3 = x3 - x2;
                previous = x3;
                Step4(ref gain, double.MaxNative(d0, 0) * take, double.MaxNative(d1, 0) * take, double.MaxNative(d2, 0) * take, double.MaxNative(d3, 0) * take, powers, out double g0, out double g1, out double g2, out double g3);
                Step4(ref loss, double.MaxNative(-d0, 0) * take, double.MaxNative(-d1, 0) * take, double.MaxNative(-d2, 0) * take, double.MaxNative(-d3, 0) * take, powers, out double l0, out double l1, out double l2, out double l3);
                Unsafe.Add(ref o, i) = Ratio(g0, l0);
                Unsafe.Add(ref o, i + 1) = Ratio(g1, l1);
                Unsafe.Add(ref o, i + 2) = Ratio(g2, l2);
                Unsafe.Add(ref o, i + 3) = Ratio(g3, l3);
            }

            for (; i < n; i++)
            {
                double x = Unsafe.Add(ref v, i);
                check += x - x;
                double d = x - previous;
                previous = x;
                gain = Madd(powers.B1, gain, double.MaxNative(d, 0) * take);
                loss = Madd(powers.B1, loss, double.MaxNative(-d, 0) * take);
                Unsafe.Add(ref o, i) = Ratio(gain, loss);
            }
        }

        if (check != 0)
        {
            ThrowNotFinite(values, nameof(values));
        }

        return period;
    }

    /// <summary>
    /// MACD: <c>macd = EMA(fast) − EMA(slow)</c> (each seeded on its own, see <see cref="Ema"/>), <c>signal = EMA(signalPeriod)</c>
    /// of the MACD line seeded with the mean of its first <paramref name="signalPeriod"/> values, and <c>histogram = macd − signal</c>.
    /// The MACD line is defined from index <c>slow − 1</c>.
    /// </summary>
    /// <param name="values">The series; finite.</param>
    /// <param name="fast">The fast period (12 is customary), at least 1 and below <paramref name="slow"/>.</param>
    /// <param name="slow">The slow period (26).</param>
    /// <param name="signalPeriod">The signal period (9), at least 1.</param>
    /// <param name="macd">Receives the MACD line.</param>
    /// <param name="signal">Receives the signal line.</param>
    /// <param name="histogram">Receives the histogram.</param>
    /// <returns>The first index where the signal line and histogram are defined, <c>slow + signalPeriod − 2</c>.</returns>
    /// <exception cref="ArgumentException">A destination is too short or overlaps the input or another destination, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A period is below 1, or <paramref name="fast"/> is not below <paramref name="slow"/>.</exception>
    public static int Macd(ReadOnlySpan<double> values, int fast, int slow, int signalPeriod, Span<double> macd, Span<double> signal, Span<double> histogram)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        CheckDestination(values, macd, nameof(macd), allowInPlace: false);
        CheckDestination(values, signal, nameof(signal), allowInPlace: false);
        CheckDestination(values, histogram, nameof(histogram), allowInPlace: false);
        int n = values.Length;
        if (macd[..n].Overlaps(signal[..n]) || macd[..n].Overlaps(histogram[..n]) || signal[..n].Overlaps(histogram[..n]))
        {
            throw new ArgumentException("The MACD destinations must not overlap each other.", nameof(histogram));
        }

        // Warm-up: both EMAs seeded by their own means.
        double check = 0;
        double ef = 0;
        double es = 0;
        int warm = Math.Min(n, slow);
        var pf = new Powers(1 - (2.0 / (fast + 1)));
        for (int i = 0; i < warm; i++)
        {
            double x = values[i];
            check += x - x;
            ef = i < fast ? ef + x : Madd(pf.B1, ef, (1 - pf.B1) * x);
            if (i == fast - 1)
            {
                ef /= fast;
            }

            es += x;
            macd[i] = double.NaN;
        }

        if (n >= slow)
        {
            es /= slow;
            macd[slow - 1] = ef - es;
            var ps = new Powers(1 - (2.0 / (slow + 1)));
            double af = 1 - pf.B1;
            double aslow = 1 - ps.B1;
            ref double v = ref MemoryMarshal.GetReference(values);
            ref double o = ref MemoryMarshal.GetReference(macd);
            int i = slow;
            for (; i <= n - 4; i += 4)
            {
                double x0 = Unsafe.Add(ref v, i), x1 = Unsafe.Add(ref v, i + 1), x2 = Unsafe.Add(ref v, i + 2), x3 = Unsafe.Add(ref v, i + 3);
                check += (x0 - x0) + (x1 - x1) + (x2 - x2) + (x3 - x3);
                Step4(ref ef, af * x0, af * x1, af * x2, af * x3, pf, out double f0, out double f1, out double f2, out double f3);
                Step4(ref es, aslow * x0, aslow * x1, aslow * x2, aslow * x3, ps, out double s0, out double s1, out double s2, out double s3);
                Unsafe.Add(ref o, i) = f0 - s0;
                Unsafe.Add(ref o, i + 1) = f1 - s1;
                Unsafe.Add(ref o, i + 2) = f2 - s2;
                Unsafe.Add(ref o, i + 3) = f3 - s3;
            }

            for (; i < n; i++)
            {
                double x = Unsafe.Add(ref v, i);
                check += x - x;
                ef = Madd(pf.B1, ef, af * x);
                es = Madd(ps.B1, es, aslow * x);
                Unsafe.Add(ref o, i) = ef - es;
            }
        }

        if (check != 0)
        {
            ThrowNotFinite(values, nameof(values));
        }

        int start = slow - 1;
        int first = slow + signalPeriod - 2;
        signal[..Math.Min(n, start)].Fill(double.NaN);
        histogram[..Math.Min(n, first)].Fill(double.NaN);
        if (n > start)
        {
            EmaCore(macd[start..n], signalPeriod, signal[start..n]);
            Subtract(macd[Math.Min(n, first)..n], signal[Math.Min(n, first)..n], histogram[Math.Min(n, first)..n]);
        }

        return first;
    }

    /// <summary>
    /// Flags divergences between a series and an indicator (for example revenue and its MACD line). At index i, with j the
    /// latest index of the highest value of <paramref name="values"/> in <c>[i − lookback, i − 1]</c>: <b>bearish</b> when
    /// <c>values[i] &gt; values[j]</c> (a higher high) and <c>indicator[i] &lt; indicator[j]</c> (a lower high). With j the latest
    /// index of the lowest value: <b>bullish</b> when <c>values[i] &lt; values[j]</c> and <c>indicator[i] &gt; indicator[j]</c>.
    /// A NaN indicator at i or j (a warm-up) gives <see cref="Divergence.None"/>.
    /// </summary>
    /// <param name="values">The series; finite.</param>
    /// <param name="indicator">The indicator, same length; NaN allowed (not evaluated there).</param>
    /// <param name="lookback">How many earlier points the current one is compared with, at least 1.</param>
    /// <param name="destination">Receives the divergence at each index (<see cref="Divergence.None"/> before <paramref name="lookback"/>).</param>
    /// <returns>The first evaluated index, <paramref name="lookback"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the destination is too short, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is below 1.</exception>
    public static int Divergences(ReadOnlySpan<double> values, ReadOnlySpan<double> indicator, int lookback, Span<Divergence> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        if (indicator.Length != values.Length)
        {
            throw new ArgumentException($"{values.Length} values but {indicator.Length} indicator values.", nameof(indicator));
        }

        if (destination.Length < values.Length)
        {
            throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
        }

        // Sliding maximum and minimum by blocks of `lookback` (van Herk / Gil-Werman): the window [i − L, i − 1] is the
        // suffix of one block (kept in scratch) plus the prefix of the next (running values). Each extreme carries the
        // indicator at its latest position, and every choice is a select, not a branch: on a random walk a branch per
        // point would mispredict often.
        int n = values.Length;
        int size = lookback;
        int slots = size + 1;
        double[]? rented = slots * 4 > StackScratch ? ArrayPool<double>.Shared.Rent(slots * 4) : null;
        Span<double> scratch = rented ?? stackalloc double[StackScratch];
        Span<double> suffixMax = scratch[..slots];
        Span<double> suffixMin = scratch.Slice(slots, slots);
        Span<double> suffixMaxIndicator = scratch.Slice(2 * slots, slots);
        Span<double> suffixMinIndicator = scratch.Slice(3 * slots, slots);
        try
        {
            // Sentinels: an empty suffix loses to any prefix.
            suffixMax[size] = double.NegativeInfinity;
            suffixMin[size] = double.PositiveInfinity;
            ref double v = ref MemoryMarshal.GetReference(values);
            ref double ind = ref MemoryMarshal.GetReference(indicator);
            ref Divergence o = ref MemoryMarshal.GetReference(destination);
            double check = 0;
            double prefixMax = 0, prefixMin = 0, prefixMaxIndicator = 0, prefixMinIndicator = 0;
            int offset = -1; // (i − 1) mod L
            if (n > 0)
            {
                o = Divergence.None;
                check += v - v;
            }

            for (int i = 1; i < n; i++)
            {
                double x = Unsafe.Add(ref v, i);
                check += x - x;
                double last = Unsafe.Add(ref v, i - 1);
                double lastIndicator = Unsafe.Add(ref ind, i - 1);
                if (++offset == size)
                {
                    offset = 0;
                }

                if (offset == 0)
                {
                    if (i - 1 >= size)
                    {
                        // The block just finished, [i − 1 − L, i − 2]: suffix extremes with the indicator at their latest position.
                        int blockStart = i - 1 - size;
                        double hi = double.NegativeInfinity, lo = double.PositiveInfinity, hiIndicator = 0, loIndicator = 0;
                        for (int k = size - 1; k >= 0; k--)
                        {
                            double y = Unsafe.Add(ref v, blockStart + k);
                            double yIndicator = Unsafe.Add(ref ind, blockStart + k);
                            hiIndicator = Pick(Vector128.GreaterThan(Scalar(y), Scalar(hi)), yIndicator, hiIndicator);
                            loIndicator = Pick(Vector128.LessThan(Scalar(y), Scalar(lo)), yIndicator, loIndicator);
                            hi = double.MaxNative(hi, y);
                            lo = double.MinNative(lo, y);
                            suffixMax[k] = hi;
                            suffixMin[k] = lo;
                            suffixMaxIndicator[k] = hiIndicator;
                            suffixMinIndicator[k] = loIndicator;
                        }
                    }

                    prefixMax = last;
                    prefixMin = last;
                    prefixMaxIndicator = lastIndicator;
                    prefixMinIndicator = lastIndicator;
                }
                else
                {
                    prefixMaxIndicator = Pick(Vector128.GreaterThanOrEqual(Scalar(last), Scalar(prefixMax)), lastIndicator, prefixMaxIndicator);
                    prefixMinIndicator = Pick(Vector128.LessThanOrEqual(Scalar(last), Scalar(prefixMin)), lastIndicator, prefixMinIndicator);
                    prefixMax = double.MaxNative(prefixMax, last);
                    prefixMin = double.MinNative(prefixMin, last);
                }

                int result = 0;
                if (i >= size)
                {
                    // A whole block (offset L − 1) reads the sentinel: the prefix is the window.
                    int s = offset + 1 == size ? size : offset + 1;
                    double sMax = suffixMax[s], sMin = suffixMin[s];
                    double atHigh = Pick(Vector128.GreaterThanOrEqual(Scalar(prefixMax), Scalar(sMax)), prefixMaxIndicator, suffixMaxIndicator[s]);
                    double atLow = Pick(Vector128.LessThanOrEqual(Scalar(prefixMin), Scalar(sMin)), prefixMinIndicator, suffixMinIndicator[s]);
                    double now = Unsafe.Add(ref ind, i);
                    int bearish = Convert.ToInt32(x > double.MaxNative(prefixMax, sMax)) & Convert.ToInt32(now < atHigh);
                    int bullish = Convert.ToInt32(x < double.MinNative(prefixMin, sMin)) & Convert.ToInt32(now > atLow);
                    result = bullish - bearish;
                }

                Unsafe.Add(ref o, i) = (Divergence)result;
            }

            if (check != 0)
            {
                ThrowNotFinite(values, nameof(values));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        return lookback;
    }

    /// <summary>
    /// Rolling volatility: <c>destination[i]</c> is the sample standard deviation (divisor window − 1) of the
    /// <paramref name="window"/> log returns <c>ln(values[k] / values[k − 1])</c> for k in <c>[i − window + 1, i]</c>. Not annualised.
    /// </summary>
    /// <param name="values">The series; positive and finite.</param>
    /// <param name="window">Returns per window, at least 2.</param>
    /// <param name="destination">Receives the volatilities; must not overlap the input.</param>
    /// <returns>The first defined index, <paramref name="window"/>.</returns>
    /// <exception cref="ArgumentException">The destination is too short or overlaps the input, or a value is not positive and finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static int RollingVolatility(ReadOnlySpan<double> values, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        CheckDestination(values, destination, nameof(destination), allowInPlace: false);
        int n = values.Length;
        destination = destination[..n];

        if (!Logs(values, destination))
        {
            destination.Fill(double.NaN);
            ThrowNotPositive(values, nameof(values));
        }

        // One pass turns the logs into returns r[k] = L[k] − L[k − 1] and the returns into windowed sums of (r − c) and
        // (r − c)², c the window's mean at the last exact recount (the shift keeps the variance formula well conditioned).
        // The returns leaving the window come from a power-of-two ring; between recounts four points go at a time, so the
        // chain through the sums is one addition per four points.
        int ringSize = (int)BitOperations.RoundUpToPowerOf2((uint)window + 4);
        int mask = ringSize - 1;
        double[]? rented = ringSize > StackScratch ? ArrayPool<double>.Shared.Rent(ringSize) : null;
        Span<double> ring = rented is null ? stackalloc double[StackScratch] : rented;
        try
        {
            int every = Math.Max(ResyncEvery, 4 * window);
            double invW = 1.0 / window;
            double invW1 = 1.0 / (window - 1);
            ref double o = ref MemoryMarshal.GetReference(destination);
            ref double rg = ref MemoryMarshal.GetReference(ring);
            double previous = n > 0 ? o : 0;
            if (n > 0)
            {
                o = double.NaN;
            }

            int k = 1;
            for (; k < Math.Min(n, window); k++)
            {
                double log = Unsafe.Add(ref o, k);
                Unsafe.Add(ref rg, k & mask) = log - previous;
                previous = log;
                Unsafe.Add(ref o, k) = double.NaN;
            }

            while (k < n)
            {
                double log = Unsafe.Add(ref o, k);
                Unsafe.Add(ref rg, k & mask) = log - previous;
                previous = log;
                Recount(ring, mask, k, window, out double shift, out double s1, out double s2);
                Unsafe.Add(ref o, k) = Variance(s1, s2, invW, invW1);
                k++;
                int end = Math.Min(n, k + every);
                if (window >= 4)
                {
                    for (; k <= end - 4; k += 4)
                    {
                        double l0 = Unsafe.Add(ref o, k), l1 = Unsafe.Add(ref o, k + 1), l2 = Unsafe.Add(ref o, k + 2), l3 = Unsafe.Add(ref o, k + 3);
                        double b0 = Unsafe.Add(ref rg, (k - window) & mask) - shift;
                        double b1 = Unsafe.Add(ref rg, (k + 1 - window) & mask) - shift;
                        double b2 = Unsafe.Add(ref rg, (k + 2 - window) & mask) - shift;
                        double b3 = Unsafe.Add(ref rg, (k + 3 - window) & mask) - shift;
                        double r0 = l0 - previous, r1 = l1 - l0, r2 = l2 - l1, r3 = l3 - l2;
                        previous = l3;
                        Unsafe.Add(ref rg, k & mask) = r0;
                        Unsafe.Add(ref rg, (k + 1) & mask) = r1;
                        Unsafe.Add(ref rg, (k + 2) & mask) = r2;
                        Unsafe.Add(ref rg, (k + 3) & mask) = r3;
                        double a0 = r0 - shift, a1 = r1 - shift, a2 = r2 - shift, a3 = r3 - shift;
                        double d0 = a0 - b0, d1 = a1 - b1, d2 = a2 - b2, d3 = a3 - b3;
                        double e0 = d0 * (a0 + b0), e1 = d1 * (a1 + b1), e2 = d2 * (a2 + b2), e3 = d3 * (a3 + b3);
                        double p1 = d0 + d1, p2 = p1 + d2, p3 = p2 + d3;
                        double q1 = e0 + e1, q2 = q1 + e2, q3 = q2 + e3;
                        Unsafe.Add(ref o, k) = Variance(s1 + d0, s2 + e0, invW, invW1);
                        Unsafe.Add(ref o, k + 1) = Variance(s1 + p1, s2 + q1, invW, invW1);
                        Unsafe.Add(ref o, k + 2) = Variance(s1 + p2, s2 + q2, invW, invW1);
                        s1 += p3;
                        s2 += q3;
                        Unsafe.Add(ref o, k + 3) = Variance(s1, s2, invW, invW1);
                    }
                }

                for (; k < end; k++)
                {
                    double l = Unsafe.Add(ref o, k);
                    double b = Unsafe.Add(ref rg, (k - window) & mask) - shift;
                    double r = l - previous;
                    previous = l;
                    Unsafe.Add(ref rg, k & mask) = r;
                    double a = r - shift;
                    s1 += a - b;
                    s2 += (a - b) * (a + b);
                    Unsafe.Add(ref o, k) = Variance(s1, s2, invW, invW1);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        Sqrt(destination[Math.Min(n, window)..]);
        return window;
    }

    /// <summary>
    /// A revenue multiple: <c>destination[i] = prices[i] / (revenue[i − trailing + 1] + … + revenue[i])</c>, the price over the
    /// trailing revenue (12 periods of monthly revenue for a year). A trailing revenue of zero or less gives
    /// <see cref="double.PositiveInfinity"/>: the stream earns nothing, so no price is cheap.
    /// </summary>
    /// <param name="prices">Prices or values; finite.</param>
    /// <param name="revenue">Revenue per period, same length; finite.</param>
    /// <param name="trailing">Periods summed, at least 1.</param>
    /// <param name="destination">Receives the multiples; must not overlap an input.</param>
    /// <returns>The first defined index, <c>trailing − 1</c>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the destination is too short or overlaps an input, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trailing"/> is below 1.</exception>
    public static int TrailingMultiple(ReadOnlySpan<double> prices, ReadOnlySpan<double> revenue, int trailing, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trailing, 1);
        if (revenue.Length != prices.Length)
        {
            throw new ArgumentException($"{prices.Length} prices but {revenue.Length} revenue values.", nameof(revenue));
        }

        CheckDestination(prices, destination, nameof(destination), allowInPlace: false);
        CheckDestination(revenue, destination, nameof(destination), allowInPlace: false);
        int n = prices.Length;
        destination = destination[..n];
        bool finite = RollingSums(revenue, trailing, destination);
        int first = Math.Min(n, trailing - 1);
        double check = 0;
        for (int i = 0; i < n; i++)
        {
            double p = prices[i];
            check += p - p;
            if (i >= first)
            {
                double total = destination[i];
                destination[i] = total > 0 ? p / total : double.PositiveInfinity;
            }
        }

        if (!finite || check != 0)
        {
            ThrowNotFinite(prices, nameof(prices));
            ThrowNotFinite(revenue, nameof(revenue));
        }

        return trailing - 1;
    }

    /// <summary>
    /// A multiple against its historical average: <c>destination[i] = multiples[i] / mean(multiples[i − window .. i − 1]) − 1</c>.
    /// Negative values mean the multiple has compressed below its average (−0.2 = 20% below).
    /// </summary>
    /// <param name="multiples">The multiples; positive and finite.</param>
    /// <param name="window">How many earlier values form the average, at least 1.</param>
    /// <param name="destination">Receives the relative differences; must not overlap the input.</param>
    /// <returns>The first defined index, <paramref name="window"/>.</returns>
    /// <exception cref="ArgumentException">The destination is too short or overlaps the input, or a value is not positive and finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static int MultipleVersusAverage(ReadOnlySpan<double> multiples, int window, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        CheckDestination(multiples, destination, nameof(destination), allowInPlace: false);
        int n = multiples.Length;
        destination = destination[..n];
        bool positive = true;
        for (int i = 0; i < n; i++)
        {
            double m = multiples[i];
            positive &= m > 0 && m < double.PositiveInfinity;
        }

        if (!positive)
        {
            ThrowNotPositive(multiples, nameof(multiples));
        }

        // Window sums S[k] over [k − window + 1, k]; the average for i is S[i − 1] / window. From the end, so that S[i − 1]
        // is read before it is overwritten.
        RollingSums(multiples, window, destination);
        for (int i = n - 1; i >= window; i--)
        {
            destination[i] = (multiples[i] * window / destination[i - 1]) - 1;
        }

        destination[..Math.Min(n, window)].Fill(double.NaN);
        return window;
    }

    // e_i = β e_{i−1} + α x_i after a seed of the first `period` values' mean; false when a value is not finite.
    private static bool EmaCore(ReadOnlySpan<double> values, int period, Span<double> destination)
    {
        int n = values.Length;
        double alpha = 2.0 / (period + 1);
        double e = 0;
        double check = 0;
        int seed = Math.Min(period, n);
        for (int i = 0; i < seed; i++)
        {
            double x = values[i];
            check += x - x;
            e += x;
            destination[i] = double.NaN;
        }

        if (n < period)
        {
            return check == 0;
        }

        e /= period;
        destination[period - 1] = e;
        var powers = new Powers(1 - alpha);
        ref double v = ref MemoryMarshal.GetReference(values);
        ref double o = ref MemoryMarshal.GetReference(destination);
        int k = period;
        for (; k <= n - 4; k += 4)
        {
            double x0 = Unsafe.Add(ref v, k), x1 = Unsafe.Add(ref v, k + 1), x2 = Unsafe.Add(ref v, k + 2), x3 = Unsafe.Add(ref v, k + 3);
            check += (x0 - x0) + (x1 - x1) + (x2 - x2) + (x3 - x3);
            Step4(ref e, alpha * x0, alpha * x1, alpha * x2, alpha * x3, powers, out double e0, out double e1, out double e2, out double e3);
            Unsafe.Add(ref o, k) = e0;
            Unsafe.Add(ref o, k + 1) = e1;
            Unsafe.Add(ref o, k + 2) = e2;
            Unsafe.Add(ref o, k + 3) = e3;
        }

        for (; k < n; k++)
        {
            double x = Unsafe.Add(ref v, k);
            check += x - x;
            e = Madd(powers.B1, e, alpha * x);
            Unsafe.Add(ref o, k) = e;
        }

        return check == 0;
    }

    // Four steps of e ← β e + c at once: the chain through e is one multiply-add per four steps; the partial sums q are
    // independent of e, so consecutive blocks overlap.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step4(ref double e, double c0, double c1, double c2, double c3, in Powers p, out double e0, out double e1, out double e2, out double e3)
    {
        double q1 = Madd(p.B1, c0, c1);
        double q2 = Madd(p.B1, q1, c2);
        double q3 = Madd(p.B1, q2, c3);
        double start = e;
        e0 = Madd(p.B1, start, c0);
        e1 = Madd(p.B2, start, q1);
        e2 = Madd(p.B3, start, q2);
        e3 = Madd(p.B4, start, q3);
        e = e3;
    }

    // Window sums S[i] = values[i − window + 1] + … + values[i] for i ≥ window − 1 (NaN before), four at a time, recounted
    // exactly every few thousand points; false when a value is not finite.
    private static bool RollingSums(ReadOnlySpan<double> values, int window, Span<double> destination)
    {
        int n = values.Length;
        double check = 0;
        int warm = Math.Min(n, window);
        for (int i = 0; i < warm; i++)
        {
            double x = values[i];
            check += x - x;
            destination[i] = double.NaN;
        }

        if (n < window)
        {
            return check == 0;
        }

        ref double v = ref MemoryMarshal.GetReference(values);
        ref double o = ref MemoryMarshal.GetReference(destination);
        int every = Math.Max(ResyncEvery, 4 * window);
        int i2 = window - 1;
        while (i2 < n)
        {
            double sum = ExactSum(values.Slice(i2 - window + 1, window));
            Unsafe.Add(ref o, i2) = sum;
            int end = Math.Min(n, i2 + every);
            int k = i2 + 1;
            for (; k <= end - 4; k += 4)
            {
                double x0 = Unsafe.Add(ref v, k), x1 = Unsafe.Add(ref v, k + 1), x2 = Unsafe.Add(ref v, k + 2), x3 = Unsafe.Add(ref v, k + 3);
                double d0 = x0 - Unsafe.Add(ref v, k - window);
                double d1 = x1 - Unsafe.Add(ref v, k + 1 - window);
                double d2 = x2 - Unsafe.Add(ref v, k + 2 - window);
                double d3 = x3 - Unsafe.Add(ref v, k + 3 - window);
                check += (d0 - d0) + (d1 - d1) + (d2 - d2) + (d3 - d3);
                double p1 = d0 + d1;
                double p2 = p1 + d2;
                double p3 = p2 + d3;
                Unsafe.Add(ref o, k) = sum + d0;
                Unsafe.Add(ref o, k + 1) = sum + p1;
                Unsafe.Add(ref o, k + 2) = sum + p2;
                sum += p3;
                Unsafe.Add(ref o, k + 3) = sum;
            }

            for (; k < end; k++)
            {
                double d = Unsafe.Add(ref v, k) - Unsafe.Add(ref v, k - window);
                check += d - d;
                sum += d;
                Unsafe.Add(ref o, k) = sum;
            }

            i2 = end;
        }

        return check == 0;
    }

    private static double ExactSum(ReadOnlySpan<double> values)
    {
        // Neumaier's compensated sum: the recount is rare, so precision comes first.
        double sum = 0;
        double compensation = 0;
        foreach (double x in values)
        {
            double t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }

    private static void Recount(Span<double> ring, int mask, int k, int window, out double shift, out double s1, out double s2)
    {
        double mean = 0;
        for (int j = k - window + 1; j <= k; j++)
        {
            mean += ring[j & mask];
        }

        mean /= window;
        s1 = 0;
        s2 = 0;
        for (int j = k - window + 1; j <= k; j++)
        {
            double a = ring[j & mask] - mean;
            s1 += a;
            s2 += a * a;
        }

        shift = mean;
    }

    // Natural logs into destination (vectorised); false when a value is not positive and finite.
    private static bool Logs(ReadOnlySpan<double> values, Span<double> destination)
    {
        int n = values.Length;
        int i = 0;
        bool ok = true;
        ref double v = ref MemoryMarshal.GetReference(values);
        ref double o = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> good = Vector256<double>.AllBitsSet;
            Vector256<double> infinity = Vector256.Create(double.PositiveInfinity);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> x = Vector256.LoadUnsafe(ref v, (nuint)i);
                good &= Vector256.GreaterThan(x, Vector256<double>.Zero) & Vector256.LessThan(x, infinity);
                Vector256.Log(x).StoreUnsafe(ref o, (nuint)i);
            }

            ok = Vector256.EqualsAll(good.AsInt64(), Vector256<long>.AllBitsSet);
        }

        for (; i < n; i++)
        {
            double x = Unsafe.Add(ref v, i);
            ok &= x > 0 && x < double.PositiveInfinity;
            Unsafe.Add(ref o, i) = Math.Log(x);
        }

        return ok;
    }

    private static void Scale(Span<double> values, double factor)
    {
        int i = 0;
        ref double o = ref MemoryMarshal.GetReference(values);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                (Vector256.LoadUnsafe(ref o, (nuint)i) * factor).StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            Unsafe.Add(ref o, i) *= factor;
        }
    }

    private static void Sqrt(Span<double> values)
    {
        int i = 0;
        ref double o = ref MemoryMarshal.GetReference(values);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256.Sqrt(Vector256.LoadUnsafe(ref o, (nuint)i)).StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            Unsafe.Add(ref o, i) = Math.Sqrt(Unsafe.Add(ref o, i));
        }
    }

    private static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] - y[i];
        }
    }

    // Branch-free choices (a conditional branch on random data mispredicts about half the time): a compare mask and a blend.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Scalar(double x) => Vector128.CreateScalarUnsafe(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Pick(Vector128<double> mask, double whenTrue, double whenFalse) =>
        Vector128.ConditionalSelect(mask, Scalar(whenTrue), Scalar(whenFalse)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Variance(double s1, double s2, double invW, double invW1) =>
        double.MaxNative(0, (s2 - (s1 * s1 * invW)) * invW1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Ratio(double gain, double loss)
    {
        double total = gain + loss;
        return total == 0 ? 50 : 100 * gain / total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Madd(double a, double b, double c) =>
        Fma.IsSupported || AdvSimd.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    private static void CheckDestination(ReadOnlySpan<double> values, Span<double> destination, string name, bool allowInPlace = true)
    {
        if (destination.Length < values.Length)
        {
            throw new ArgumentException($"The destination ({destination.Length}) is shorter than the input ({values.Length}).", name);
        }

        if (values.Overlaps(destination[..values.Length], out int offset) && (!allowInPlace || offset != 0))
        {
            throw new ArgumentException(allowInPlace ? "The destination may be the input itself but must not partly overlap it." : "The destination must not overlap the input.", name);
        }
    }

    private static void ThrowNotFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is not a finite number.", name);
            }
        }
    }

    private static void ThrowNotPositive(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] > 0 && values[i] < double.PositiveInfinity))
            {
                throw new ArgumentException($"{name}[{i}] must be positive and finite.", name);
            }
        }
    }

    /// <summary>β, β², β³, β⁴ of a first-order recurrence.</summary>
    private readonly struct Powers
    {
        public Powers(double beta)
        {
            B1 = beta;
            B2 = beta * beta;
            B3 = B2 * beta;
            B4 = B2 * B2;
        }

        public double B1 { get; }

        public double B2 { get; }

        public double B3 { get; }

        public double B4 { get; }
    }
}
