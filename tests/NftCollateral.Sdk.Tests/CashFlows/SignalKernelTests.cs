using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.CashFlows.Signals;

namespace NftCollateral.Sdk.Tests.CashFlows;

/// <summary>Each kernel against a plain scalar reference written from its definition, on known series and random ones.</summary>
public sealed class SignalKernelTests
{
    // ---- scalar references (the definitions, written the slow, obvious way) ----

    private static double[] RefSma(double[] v, int w)
    {
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            r[i] = i < w - 1 ? double.NaN : v.Skip(i - w + 1).Take(w).Average();
        }

        return r;
    }

    private static double[] RefEma(double[] v, int p)
    {
        var r = Enumerable.Repeat(double.NaN, v.Length).ToArray();
        if (v.Length < p)
        {
            return r;
        }

        double a = 2.0 / (p + 1);
        r[p - 1] = v.Take(p).Average();
        for (int i = p; i < v.Length; i++)
        {
            r[i] = (a * v[i]) + ((1 - a) * r[i - 1]);
        }

        return r;
    }

    private static double[] RefRsi(double[] v, int p)
    {
        var r = Enumerable.Repeat(double.NaN, v.Length).ToArray();
        double gain = 0, loss = 0;
        for (int i = 1; i < v.Length; i++)
        {
            double d = v[i] - v[i - 1];
            double up = Math.Max(d, 0), down = Math.Max(-d, 0);
            if (i < p)
            {
                gain += up;
                loss += down;
                continue;
            }

            if (i == p)
            {
                gain = (gain + up) / p;
                loss = (loss + down) / p;
            }
            else
            {
                gain = ((gain * (p - 1)) + up) / p;
                loss = ((loss * (p - 1)) + down) / p;
            }

            r[i] = gain + loss == 0 ? 50 : loss == 0 ? 100 : 100 - (100 / (1 + (gain / loss)));
        }

        return r;
    }

    private static (double[] Macd, double[] Signal, double[] Hist) RefMacd(double[] v, int f, int s, int sig)
    {
        double[] ef = RefEma(v, f), es = RefEma(v, s);
        double[] macd = [.. v.Select((_, i) => i < s - 1 ? double.NaN : ef[i] - es[i])];
        double[] tail = v.Length >= s ? RefEma(macd[(s - 1)..], sig) : [];
        double[] signal = [.. v.Select((_, i) => i < s - 1 ? double.NaN : tail[i - (s - 1)])];
        double[] hist = [.. macd.Select((m, i) => i < s + sig - 2 ? double.NaN : m - signal[i])];
        return (macd, signal, hist);
    }

    private static Divergence[] RefDivergences(double[] v, double[] ind, int look)
    {
        var r = new Divergence[v.Length];
        for (int i = look; i < v.Length; i++)
        {
            int hi = i - look, lo = i - look;
            for (int k = i - look; k < i; k++)
            {
                hi = v[k] >= v[hi] ? k : hi; // latest of the highest
                lo = v[k] <= v[lo] ? k : lo; // latest of the lowest
            }

            if (v[i] > v[hi] && ind[i] < ind[hi])
            {
                r[i] = Divergence.Bearish;
            }
            else if (v[i] < v[lo] && ind[i] > ind[lo])
            {
                r[i] = Divergence.Bullish;
            }
        }

        return r;
    }

    private static double[] RefVolatility(double[] v, int w)
    {
        var r = Enumerable.Repeat(double.NaN, v.Length).ToArray();
        for (int i = w; i < v.Length; i++)
        {
            double[] rets = [.. Enumerable.Range(i - w + 1, w).Select(k => Math.Log(v[k] / v[k - 1]))];
            double mean = rets.Average();
            r[i] = Math.Sqrt(rets.Sum(x => (x - mean) * (x - mean)) / (w - 1));
        }

        return r;
    }

    private static double[] RefTrailingMultiple(double[] p, double[] rev, int t)
    {
        var r = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            double sum = i < t - 1 ? 0 : rev.Skip(i - t + 1).Take(t).Sum();
            r[i] = i < t - 1 ? double.NaN : sum > 0 ? p[i] / sum : double.PositiveInfinity;
        }

        return r;
    }

    private static double[] RefVersusAverage(double[] m, int w) =>
        [.. m.Select((x, i) => i < w ? double.NaN : (x / m.Skip(i - w).Take(w).Average()) - 1)];

    private static void ShouldMatch(double[] actual, double[] expected, double tolerance = 1e-9)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i]))
            {
                actual[i].ShouldBe(expected[i], $"index {i}");
                continue;
            }

            actual[i].ShouldBe(expected[i], tolerance * Math.Max(1, Math.Abs(expected[i])), $"index {i}");
        }
    }

    private static Gen<double[]> Series(int min, int max) =>
        from n in Gen.Choose(min, max)
        from steps in Gen.ArrayOf(Gen.Choose(-500, 500), n)
        select Walk(steps);

    // A positive random walk (prices, revenue) from integer steps, so that FsCheck shrinks cleanly.
    private static double[] Walk(int[] steps)
    {
        var v = new double[steps.Length];
        double x = 100;
        for (int i = 0; i < steps.Length; i++)
        {
            x = Math.Max(1, x * (1 + (steps[i] / 10_000.0)));
            v[i] = x;
        }

        return v;
    }

    // ---- properties: every kernel equals its reference ----

    [Fact]
    public void AllKernels_MatchTheirScalarReferences_OnRandomSeries()
    {
        Gen<(double[] V, int W)> inputs = from v in Series(0, 120) from w in Gen.Choose(1, 30) select (v, w);
        Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            (double[] v, int w) = c;
            var d = new double[v.Length];
            SignalKernels.Sma(v, w, d).ShouldBe(w - 1);
            ShouldMatch(d, RefSma(v, w));
            SignalKernels.Ema(v, w, d);
            ShouldMatch(d, RefEma(v, w));
            SignalKernels.Rsi(v, w, d).ShouldBe(w);
            ShouldMatch(d, RefRsi(v, w));
            if (w >= 2)
            {
                SignalKernels.RollingVolatility(v, w, d).ShouldBe(w);
                ShouldMatch(d, RefVolatility(v, w), 1e-8);
            }

            SignalKernels.MultipleVersusAverage(v, w, d).ShouldBe(w);
            ShouldMatch(d, RefVersusAverage(v, w));
            double[] rev = [.. v.Select((x, i) => i % 5 == 0 ? -x / 10 : x / 20)];
            SignalKernels.TrailingMultiple(v, rev, w, d).ShouldBe(w - 1);
            ShouldMatch(d, RefTrailingMultiple(v, rev, w));
            var div = new Divergence[v.Length];
            SignalKernels.Divergences(v, rev, w, div);
            div.ShouldBe(RefDivergences(v, rev, w));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Macd_MatchesTheReference_OnRandomSeries()
    {
        Gen<(double[] V, int F, int S, int G)> inputs =
            from v in Series(0, 150) from f in Gen.Choose(1, 15) from extra in Gen.Choose(1, 20) from g in Gen.Choose(1, 12)
            select (v, f, f + extra, g);
        Prop.ForAll(inputs.ToArbitrary(), c =>
        {
            var m = new double[c.V.Length];
            var s = new double[c.V.Length];
            var h = new double[c.V.Length];
            SignalKernels.Macd(c.V, c.F, c.S, c.G, m, s, h).ShouldBe(c.S + c.G - 2);
            (double[] rm, double[] rs, double[] rh) = RefMacd(c.V, c.F, c.S, c.G);
            ShouldMatch(m, rm);
            ShouldMatch(s, rs);
            ShouldMatch(h, rh);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void LongSeries_RunningSumsDoNotDrift()
    {
        // 200,000 points with a level shift: the windowed kernels still match the reference at the end.
        var random = new Random(11);
        double[] v = [.. Enumerable.Range(0, 200_000).Select(i => (i < 100_000 ? 1e6 : 1) * (1 + random.NextDouble()))];
        var d = new double[v.Length];
        SignalKernels.Sma(v, 50, d);
        d[^1].ShouldBe(v[^50..].Average(), 1e-12 * d[^1]);
        SignalKernels.RollingVolatility(v, 50, d);
        double[] tail = v[^51..];
        d[^1].ShouldBe(RefVolatility(tail, 50)[^1], 1e-12);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(300)]
    public void LongSeries_EveryKernelMatchesItsReferenceAcrossTheExactRecounts(int w)
    {
        // 12,000 points: the running sums are recounted exactly every max(4096, 4w) points.
        var random = new Random(w);
        double[] v = [.. Walk([.. Enumerable.Range(0, 12_000).Select(_ => random.Next(-500, 501))])];
        double[] rev = [.. v.Select((x, i) => x * (i % 7 == 0 ? 0.01 : 0.05))];
        var d = new double[v.Length];
        SignalKernels.Sma(v, w, d);
        ShouldMatch(d, RefSma(v, w), 1e-11);
        SignalKernels.RollingVolatility(v, w, d);
        ShouldMatch(d, RefVolatility(v, w), 1e-9);
        SignalKernels.TrailingMultiple(v, rev, w, d);
        ShouldMatch(d, RefTrailingMultiple(v, rev, w), 1e-11);
        SignalKernels.MultipleVersusAverage(v, w, d);
        ShouldMatch(d, RefVersusAverage(v, w), 1e-11);
        SignalKernels.Ema(v, w, d);
        ShouldMatch(d, RefEma(v, w), 1e-11);
        SignalKernels.Rsi(v, w, d);
        ShouldMatch(d, RefRsi(v, w), 1e-9);
        var div = new Divergence[v.Length];
        SignalKernels.Divergences(v, rev, w, div);
        div.ShouldBe(RefDivergences(v, rev, w));
    }

    // ---- known values ----

    [Fact]
    public void Rsi_HandWorkedExample()
    {
        // Period 2 on 1, 2, 3, 2, 4: changes +1, +1, −1, +2. First averages: gain (1 + 1)/2 = 1, loss 0 → RSI 100.
        // Then gain (1·1 + 0)/2 = 0.5, loss (0 + 1)/2 = 0.5 → 50. Then gain (0.5 + 2)/2 = 1.25, loss 0.25 → 100 − 100/6.
        var d = new double[5];
        SignalKernels.Rsi([1, 2, 3, 2, 4], 2, d);
        d[0].ShouldBe(double.NaN);
        d[1].ShouldBe(double.NaN);
        d[2].ShouldBe(100);
        d[3].ShouldBe(50, 1e-12);
        d[4].ShouldBe(100 - (100 / 6.0), 1e-12);

        // A flat series has neither gain nor loss: 50 by convention.
        SignalKernels.Rsi([5, 5, 5], 2, d.AsSpan(0, 3));
        d[2].ShouldBe(50);
    }

    [Fact]
    public void Ema_SeededWithTheSimpleMean()
    {
        // Period 3 (α = 0.5): seed mean(1, 2, 3) = 2 at index 2, then 2 + 0.5 (10 − 2) = 6.
        var d = new double[4];
        SignalKernels.Ema([1, 2, 3, 10], 3, d).ShouldBe(2);
        d[2].ShouldBe(2);
        d[3].ShouldBe(6);

        // In place is allowed for the EMA.
        double[] v = [1, 2, 3, 10];
        SignalKernels.Ema(v, 3, v);
        v[3].ShouldBe(6);
    }

    [Fact]
    public void Macd_OfAConstantSeriesIsZero_AndOfALinearRiseIsConstant()
    {
        double[] flat = [.. Enumerable.Repeat(7.0, 60)];
        var m = new double[60];
        var s = new double[60];
        var h = new double[60];
        SignalKernels.Macd(flat, 12, 26, 9, m, s, h).ShouldBe(33);
        m[25].ShouldBe(0, 1e-12);
        h[33].ShouldBe(0, 1e-12); // α + (1 − α) is 1 only to rounding
        m[24].ShouldBe(double.NaN);
        s[32].ShouldBe(double.NaN);

        // On x_i = i an EMA(p) lags by (p − 1)/2 once seeded, so MACD = (26 − 1)/2 − (12 − 1)/2 = 7 exactly in the limit.
        double[] line = [.. Enumerable.Range(0, 400).Select(i => (double)i)];
        SignalKernels.Macd(line, 12, 26, 9, m = new double[400], s = new double[400], h = new double[400]);
        m[^1].ShouldBe(7, 1e-9);
        h[^1].ShouldBe(0, 1e-9);
    }

    [Fact]
    public void Divergence_OnConstructedSeries()
    {
        // Price: a high of 10 at index 2, then a higher high of 12 at index 5, while the indicator's value there is lower.
        double[] price = [5, 8, 10, 7, 6, 12, 6];
        double[] macd = [double.NaN, 1, 3, 1, 0, 2, 0];
        var d = new Divergence[price.Length];
        SignalKernels.Divergences(price, macd, 4, d).ShouldBe(4);
        d[5].ShouldBe(Divergence.Bearish); // 12 > 10 (index 2) and 2 < 3
        d.Count(x => x != Divergence.None).ShouldBe(1);

        // The same higher high with a higher indicator is no divergence.
        macd[5] = 4;
        SignalKernels.Divergences(price, macd, 4, d);
        d[5].ShouldBe(Divergence.None);

        // Bullish mirror: a lower low with a higher indicator low.
        double[] low = [10, 7, 5, 8, 9, 4, 9];
        double[] ind = [0, -1, -3, -1, 0, -2, 0];
        SignalKernels.Divergences(low, ind, 4, d);
        d[5].ShouldBe(Divergence.Bullish);

        // A NaN indicator at the earlier high (warm-up) is not evaluated.
        double[] warm = [double.NaN, double.NaN, double.NaN, 1, 0, 0.5, 0];
        SignalKernels.Divergences(price, warm, 4, d);
        d[5].ShouldBe(Divergence.None);
    }

    [Fact]
    public void WarmUpLongerThanTheSeries_AllNaN()
    {
        var d = new double[3];
        SignalKernels.Sma([1, 2, 3], 5, d).ShouldBe(4);
        d.ShouldAllBe(x => double.IsNaN(x));
        SignalKernels.Rsi([1, 2, 3], 14, d).ShouldBe(14);
        d.ShouldAllBe(x => double.IsNaN(x));
        SignalKernels.Sma([], 3, []).ShouldBe(2);
    }

    [Fact]
    public void BadInput_ThrowsNamingTheIndex_NeverLeaksNaN()
    {
        var d = new double[4];
        Should.Throw<ArgumentException>(() => SignalKernels.Sma([1, double.NaN, 3, 4], 2, d)).Message.ShouldContain("values[1]");
        Should.Throw<ArgumentException>(() => SignalKernels.Ema([1, 2, double.PositiveInfinity, 4], 2, d)).Message.ShouldContain("values[2]");
        Should.Throw<ArgumentException>(() => SignalKernels.Rsi([1, 2, 3, double.NaN], 2, d)).Message.ShouldContain("values[3]");
        Should.Throw<ArgumentException>(() => SignalKernels.RollingVolatility([1, 2, 0, 4], 2, d)).Message.ShouldContain("positive");
        Should.Throw<ArgumentException>(() => SignalKernels.RollingVolatility([1, 2, -3, 4, 5, 6, 7, 8, 9], 2, new double[9])).Message.ShouldContain("values[2]");
        Should.Throw<ArgumentException>(() => SignalKernels.MultipleVersusAverage([1, 0, 3, 4], 2, d));
        Should.Throw<ArgumentException>(() => SignalKernels.Sma([1, 2, 3, 4], 2, new double[3])).Message.ShouldContain("shorter");
        double[] v = [1, 2, 3, 4, 5];
        Should.Throw<ArgumentException>(() => SignalKernels.Sma(v.AsSpan(0, 4), 2, v.AsSpan(1, 4))).Message.ShouldContain("overlap");
        Should.Throw<ArgumentException>(() => SignalKernels.Rsi(v, 2, v)).Message.ShouldContain("overlap");
        Should.Throw<ArgumentOutOfRangeException>(() => SignalKernels.Sma(v, 0, d));
        Should.Throw<ArgumentOutOfRangeException>(() => SignalKernels.Macd(v, 5, 5, 3, new double[5], new double[5], new double[5]));
        double[] shared = new double[5];
        Should.Throw<ArgumentException>(() => SignalKernels.Macd(v, 2, 3, 2, shared, shared, new double[5]));
    }
}
