using System.Globalization;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>A function of the rate whose sign is the sign of the NPV (scaled to stay finite near r = −1).</summary>
internal interface IRateFunction
{
    /// <summary>The NPV at <paramref name="rate"/> when <paramref name="scaled"/> is false; the NPV times (1 + r)^T (T the last time) when true.</summary>
    double Evaluate(double rate, bool scaled);
}

/// <summary>Σ a_i (1 + r)^−i by Horner's rule.</summary>
internal readonly ref struct PeriodicNpv(ReadOnlySpan<double> amounts) : IRateFunction
{
    private readonly ReadOnlySpan<double> amounts = amounts;

    public double Evaluate(double rate, bool scaled)
    {
        double x = 1 + rate;
        int n = amounts.Length;
        if (scaled)
        {
            // Σ a_i x^(n−1−i): only powers of x < 1, so nothing overflows near r = −1.
            double s = amounts[0];
            for (int i = 1; i < n; i++)
            {
                s = (s * x) + amounts[i];
            }

            return s;
        }

        double v = 1 / x;
        double sum = amounts[n - 1];
        for (int i = n - 2; i >= 0; i--)
        {
            sum = (sum * v) + amounts[i];
        }

        return sum;
    }
}

/// <summary>Σ a_i (1 + r)^−t_i with t_i in years from the first date.</summary>
internal readonly ref struct DatedNpv(ReadOnlySpan<double> years, ReadOnlySpan<double> amounts) : IRateFunction
{
    private readonly ReadOnlySpan<double> years = years;
    private readonly ReadOnlySpan<double> amounts = amounts;

    public double Evaluate(double rate, bool scaled)
    {
        double logX = Math.Log(1 + rate);
        double shift = scaled ? years[^1] : 0;
        double sum = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            sum += amounts[i] * Math.Exp((shift - years[i]) * logX);
        }

        return sum;
    }
}

/// <summary>Finds the rates at which an NPV is zero: a bracket for one sign change, a scan for several, Brent's method to refine.</summary>
internal static class RateSolver
{
    public static IrrResult Solve<T>(scoped ref T f, ReadOnlySpan<double> amounts, IrrOptions options, string unit)
        where T : IRateFunction, allows ref struct
    {
        int changes = 0;
        int firstSign = 0;
        int lastSign = 0;
        foreach (double a in amounts)
        {
            int s = Math.Sign(a);
            if (s == 0)
            {
                continue;
            }

            if (firstSign == 0)
            {
                firstSign = s;
            }
            else if (s != lastSign)
            {
                changes++;
            }

            lastSign = s;
        }

        if (firstSign == 0)
        {
            return new IrrResult(IrrStatus.AllZero, [], 0, "every amount is zero (or they cancel on every date): every rate gives an NPV of zero, so the IRR is undefined");
        }

        if (changes == 0)
        {
            string side = firstSign > 0 ? "received (positive)" : "paid out (negative)";
            return new IrrResult(IrrStatus.NoSignChange, [], 0, $"no sign change: every nonzero amount is {side}, so no rate makes the NPV zero and there is no IRR");
        }

        return changes == 1 ? SolveSingle(ref f, firstSign, unit) : Scan(ref f, changes, firstSign, lastSign, options, unit);
    }

    // One sign change: exactly one root above −1 (Descartes). The scaled NPV has the sign of the last amount near −1
    // and of the first amount at +∞; at 0 both forms equal Σ a.
    private static IrrResult SolveSingle<T>(scoped ref T f, int signAtInfinity, string unit)
        where T : IRateFunction, allows ref struct
    {
        double atZero = f.Evaluate(0, scaled: false);
        if (atZero == 0)
        {
            return new IrrResult(IrrStatus.Unique, [0.0], 1, null);
        }

        if (Math.Sign(atZero) == signAtInfinity)
        {
            // The root is below 0: move towards −1.
            double hi = 0;
            double lo = -0.5;
            while (Math.Sign(f.Evaluate(lo, scaled: true)) == Math.Sign(atZero))
            {
                hi = lo;
                lo = -1 + ((1 + lo) / 16);
                if (1 + lo < 1e-12)
                {
                    return new IrrResult(IrrStatus.NoRootInRange, [], 1, $"the NPV keeps its sign down to a rate of -99.9999999999% per {unit}: the IRR is too close to -100% to compute");
                }
            }

            return new IrrResult(IrrStatus.Unique, [Brent(ref f, lo, hi)], 1, null);
        }

        double low = 0;
        double high = 1;
        while (Math.Sign(f.Evaluate(high, scaled: false)) == Math.Sign(atZero))
        {
            low = high;
            high *= 16;
            if (high > 1e12)
            {
                return new IrrResult(IrrStatus.NoRootInRange, [], 1, $"the NPV keeps its sign up to a rate of 1e12 per {unit}: the IRR is too large to compute");
            }
        }

        return new IrrResult(IrrStatus.Unique, [Brent(ref f, low, high)], 1, null);
    }

    private static IrrResult Scan<T>(scoped ref T f, int changes, int signAtInfinity, int signNearMinusOne, IrrOptions options, string unit)
        where T : IRateFunction, allows ref struct
    {
        var roots = new List<double>();
        double u0 = Math.Log(1 + options.MinRate);
        double step = (Math.Log(1 + options.MaxRate) - u0) / options.ScanPoints;
        double previousRate = double.NaN;
        double previousValue = 0;
        for (int k = 0; k <= options.ScanPoints; k++)
        {
            double rate = k == options.ScanPoints ? options.MaxRate : k == 0 ? options.MinRate : Math.Exp(u0 + (k * step)) - 1;
            double value = f.Evaluate(rate, scaled: rate < 0);
            if (value == 0)
            {
                roots.Add(rate);
                previousValue = 0;
                continue;
            }

            if (previousValue != 0 && Math.Sign(value) != Math.Sign(previousValue))
            {
                roots.Add(Brent(ref f, previousRate, rate));
            }

            previousRate = rate;
            previousValue = value;
        }

        // Beyond the scanned range the NPV tends to the sign of the first amount (r → ∞) and of the last (r → −1): a
        // different sign at the range's end means an odd number of roots beyond it, and the outermost is found.
        double atMax = f.Evaluate(options.MaxRate, scaled: options.MaxRate < 0);
        if (atMax != 0 && Math.Sign(atMax) != signAtInfinity)
        {
            double low = options.MaxRate;
            double high = Math.Max(1, options.MaxRate) * 16;
            while (Math.Sign(f.Evaluate(high, scaled: false)) != signAtInfinity && high < 1e12)
            {
                low = high;
                high *= 16;
            }

            if (high < 1e12)
            {
                roots.Add(Brent(ref f, low, high));
            }
        }

        double atMin = f.Evaluate(options.MinRate, scaled: options.MinRate < 0);
        if (atMin != 0 && Math.Sign(atMin) != signNearMinusOne)
        {
            double high = options.MinRate;
            double low = -1 + ((1 + high) / 16);
            while (Math.Sign(f.Evaluate(low, scaled: true)) != signNearMinusOne && 1 + low > 1e-12)
            {
                high = low;
                low = -1 + ((1 + low) / 16);
            }

            if (1 + low > 1e-12)
            {
                roots.Insert(0, Brent(ref f, low, high));
            }
        }

        string range = string.Create(CultureInfo.InvariantCulture, $"[{options.MinRate:R}, {options.MaxRate:R}] per {unit}");
        return roots.Count switch
        {
            0 => new IrrResult(IrrStatus.NoRootInRange, [], changes, string.Create(CultureInfo.InvariantCulture, $"the amounts change sign {changes} times but the NPV does not cross zero for rates in {range}: no IRR found")),
            1 => new IrrResult(IrrStatus.Unique, [.. roots], changes, string.Create(CultureInfo.InvariantCulture, $"the amounts change sign {changes} times; one IRR found scanning {range}")),
            _ => new IrrResult(IrrStatus.Multiple, [.. roots], changes, string.Create(CultureInfo.InvariantCulture, $"multiple IRRs: the amounts change sign {changes} times and the NPV is zero at {string.Join(", ", roots.Select(r => r.ToString("R", CultureInfo.InvariantCulture)))} per {unit}, so no single IRR is reported")),
        };
    }

    // Brent's method on [a, b] (a sign change guaranteed). The scaled form is used when the whole bracket lies at or
    // below 0, so that the function is one continuous expression inside the bracket.
    private static double Brent<T>(scoped ref T f, double a, double b)
        where T : IRateFunction, allows ref struct
    {
        bool scaled = Math.Max(a, b) <= 0;
        double fa = f.Evaluate(a, scaled);
        double fb = f.Evaluate(b, scaled);
        if (fa == 0)
        {
            return a;
        }

        if (fb == 0)
        {
            return b;
        }

        if (Math.Abs(fa) < Math.Abs(fb))
        {
            (a, b, fa, fb) = (b, a, fb, fa);
        }

        double c = a;
        double fc = fa;
        double d = c;
        bool bisected = true;
        for (int iteration = 0; iteration < 300; iteration++)
        {
            double tolerance = 4e-16 * Math.Max(1, Math.Abs(b));
            if (fb == 0 || Math.Abs(b - a) <= tolerance)
            {
                return b;
            }

            double s = fa != fc && fb != fc
                ? (a * fb * fc / ((fa - fb) * (fa - fc))) + (b * fa * fc / ((fb - fa) * (fb - fc))) + (c * fa * fb / ((fc - fa) * (fc - fb)))
                : b - (fb * (b - a) / (fb - fa));
            double edge = ((3 * a) + b) / 4;
            bool outside = s < Math.Min(edge, b) || s > Math.Max(edge, b) || double.IsNaN(s);
            bool slow = bisected ? Math.Abs(s - b) >= Math.Abs(b - c) / 2 : Math.Abs(s - b) >= Math.Abs(c - d) / 2;
            bool tiny = bisected ? Math.Abs(b - c) < tolerance : Math.Abs(c - d) < tolerance;
            bisected = outside || slow || tiny;
            if (bisected)
            {
                s = (a + b) / 2;
            }

            double fs = f.Evaluate(s, scaled);
            d = c;
            c = b;
            fc = fb;
            if (Math.Sign(fa) != Math.Sign(fs))
            {
                b = s;
                fb = fs;
            }
            else
            {
                a = s;
                fa = fs;
            }

            if (Math.Abs(fa) < Math.Abs(fb))
            {
                (a, b, fa, fb) = (b, a, fb, fa);
            }
        }

        return b;
    }
}
