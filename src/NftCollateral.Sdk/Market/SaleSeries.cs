using System.Globalization;

namespace NftCollateral.Sdk.Market;

/// <summary>Why a sale was flagged as a possible wash or accidental trade. Flags combine.</summary>
[Flags]
public enum SaleSuspicion
{
    /// <summary>Not flagged.</summary>
    None = 0,

    /// <summary>
    /// The price is below <see cref="WashFilterOptions.LowPriceRatio"/> (0.2) × the median of the sales in the previous
    /// <see cref="WashFilterOptions.MedianWindow"/> (30 days): Tensor's wash/accidental-sale rule.
    /// </summary>
    LowPrice = 1,

    /// <summary>The buyer and the seller are the same address.</summary>
    SelfTrade = 2,

    /// <summary>The token went A→B and then B→A within <see cref="WashFilterOptions.RoundTripWindow"/>; both legs are flagged.</summary>
    RoundTrip = 4,

    /// <summary>
    /// Informational, never excluded: the low-price rule was not evaluated because fewer than
    /// <see cref="WashFilterOptions.MinPriorSales"/> sales precede this one in the median window.
    /// </summary>
    ShortHistory = 8,
}

/// <summary>Which sales the floor estimators use.</summary>
public enum SaleFilterPolicy
{
    /// <summary>Leave out sales flagged <see cref="SaleSuspicion.LowPrice"/>, <see cref="SaleSuspicion.SelfTrade"/> or <see cref="SaleSuspicion.RoundTrip"/> (the default).</summary>
    ExcludeFlagged = 0,

    /// <summary>Use every sale, flagged or not.</summary>
    IncludeAll = 1,
}

/// <summary>Settings of the wash and accidental-sale filter applied by <see cref="SaleSeries.Create"/>.</summary>
public sealed record WashFilterOptions
{
    /// <summary>Gets the default settings (Tensor's 0.2 × 30-day median; 5 prior sales; 30-day round trips).</summary>
    public static WashFilterOptions Default { get; } = new();

    /// <summary>Gets the fraction of the rolling median below which a price is flagged (default 0.2).</summary>
    public double LowPriceRatio { get; init; } = 0.2;

    /// <summary>Gets the length of the rolling-median window before each sale (default 30 days).</summary>
    public TimeSpan MedianWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Gets the fewest earlier sales in the median window needed to apply the low-price rule (default 5).</summary>
    public int MinPriorSales { get; init; } = 5;

    /// <summary>Gets the longest time between the two legs of a flagged round trip A→B, B→A (default 30 days).</summary>
    public TimeSpan RoundTripWindow { get; init; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Sales of one collection sorted by time, with each sale's wash/accidental flags: the input of the floor estimators.
/// Columnar (UTC ticks and <see cref="double"/> ETH prices) for the batch kernels.
/// </summary>
/// <remarks>
/// <para>
/// The low-price rule compares each sale with the median price of the sales strictly earlier in time and at most
/// <see cref="WashFilterOptions.MedianWindow"/> before it (the window's start included). On
/// <c>cryptopunks-sales.csv</c> this reproduces the file's <c>suspect_low_price</c> column on every row (50 flagged,
/// 5 not evaluated). Self-trades and round trips need buyer and seller addresses; without them those rules are not
/// applied. Flagged sales are kept and reported; the estimators leave them out under
/// <see cref="SaleFilterPolicy.ExcludeFlagged"/>.
/// </para>
/// <para>The series is immutable and thread-safe once created.</para>
/// </remarks>
public sealed class SaleSeries
{
    /// <summary>The flags that make a sale excluded under <see cref="SaleFilterPolicy.ExcludeFlagged"/>.</summary>
    public const SaleSuspicion ExcludingFlags = SaleSuspicion.LowPrice | SaleSuspicion.SelfTrade | SaleSuspicion.RoundTrip;

    private readonly Sale[] _sales;
    private readonly long[] _ticks;
    private readonly double[] _prices;
    private readonly SaleSuspicion[] _flags;
    private readonly double[] _medians;
    private readonly int[] _roundTripPartner;
    private readonly SaleView _all;
    private readonly SaleView _unflagged;

    private SaleSeries(Sale[] sales, WashFilterOptions options)
    {
        _sales = sales;
        Options = options;
        int n = sales.Length;
        _ticks = new long[n];
        _prices = new double[n];
        for (int i = 0; i < n; i++)
        {
            _ticks[i] = sales[i].Timestamp.UtcTicks;
            _prices[i] = (double)sales[i].PriceEth;
        }

        _flags = new SaleSuspicion[n];
        _medians = new double[n];
        _roundTripPartner = new int[n];
        Array.Fill(_roundTripPartner, -1);
        FlagLowPrices(options);
        FlagAddressRules(options);
        _all = SaleView.Create(_ticks, _prices, _flags, SaleSuspicion.None);
        _unflagged = SaleView.Create(_ticks, _prices, _flags, ExcludingFlags);
    }

    /// <summary>Gets the number of sales.</summary>
    public int Count => _sales.Length;

    /// <summary>Gets the filter settings used.</summary>
    public WashFilterOptions Options { get; }

    /// <summary>Gets the sales sorted by time (ties keep their input order).</summary>
    public IReadOnlyList<Sale> Sales => _sales;

    /// <summary>Gets each sale's timestamp as UTC ticks, in the order of <see cref="Sales"/>.</summary>
    public ReadOnlySpan<long> TimestampTicks => _ticks;

    /// <summary>Gets each sale's price in ETH as a <see cref="double"/>, in the order of <see cref="Sales"/>.</summary>
    public ReadOnlySpan<double> PricesEth => _prices;

    /// <summary>Gets each sale's flags, in the order of <see cref="Sales"/>.</summary>
    public ReadOnlySpan<SaleSuspicion> Flags => _flags;

    /// <summary>Gets the number of sales excluded under <see cref="SaleFilterPolicy.ExcludeFlagged"/>.</summary>
    public int FlaggedCount => _sales.Length - _unflagged.Count;

    /// <summary>Sorts <paramref name="sales"/> by time and flags possible wash and accidental sales.</summary>
    /// <param name="sales">Sales of one collection, in any order.</param>
    /// <param name="options">Filter settings; <see cref="WashFilterOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sales"/> is or holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (ratio not in (0, 1], a negative window or count).</exception>
    public static SaleSeries Create(IEnumerable<Sale> sales, WashFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sales);
        options ??= WashFilterOptions.Default;
        if (!(options.LowPriceRatio > 0 && options.LowPriceRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LowPriceRatio, "LowPriceRatio must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MedianWindow, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RoundTripWindow, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinPriorSales, 1, nameof(options));

        Sale[] array = [.. sales];
        var keys = new long[array.Length];
        var order = new int[array.Length];
        for (int i = 0; i < array.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(array[i], nameof(sales));
            keys[i] = array[i].Timestamp.UtcTicks;
            order[i] = i;
        }

        // Stable sort by time: order by (ticks, input index).
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var sorted = new Sale[array.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = array[order[i]];
        }

        return new SaleSeries(sorted, options);
    }

    /// <summary>
    /// Gets the median price (ETH) of the window the low-price rule compared sale <paramref name="index"/> with, or
    /// <see cref="double.NaN"/> when the rule was not evaluated (<see cref="SaleSuspicion.ShortHistory"/>).
    /// </summary>
    /// <param name="index">The sale's position in <see cref="Sales"/>.</param>
    /// <returns>The median in ETH, or NaN.</returns>
    public double GetReferenceMedian(int index) => _medians[index];

    /// <summary>Describes why sale <paramref name="index"/> is flagged, or returns <see langword="null"/> when it is not.</summary>
    /// <param name="index">The sale's position in <see cref="Sales"/>.</param>
    /// <returns>One line, for example <c>price 0.01 ETH below 0.2 × 30-day median 1.5 ETH</c>.</returns>
    public string? DescribeFlags(int index)
    {
        SaleSuspicion flags = _flags[index];
        if ((flags & ExcludingFlags) == SaleSuspicion.None)
        {
            return null;
        }

        var parts = new List<string>(3);
        if ((flags & SaleSuspicion.LowPrice) != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"price {_sales[index].PriceEth} ETH below {Options.LowPriceRatio} × {Options.MedianWindow.TotalDays:0.##}-day median {_medians[index]:G6} ETH"));
        }

        if ((flags & SaleSuspicion.SelfTrade) != 0)
        {
            parts.Add($"self-trade: buyer and seller are both {_sales[index].Buyer}");
        }

        if ((flags & SaleSuspicion.RoundTrip) != 0)
        {
            int partner = _roundTripPartner[index];
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"round trip of token {_sales[index].TokenId} between {_sales[index].Seller} and {_sales[index].Buyer} (other leg at {_sales[partner].Timestamp:yyyy-MM-dd'T'HH:mm:ss'Z'})"));
        }

        return string.Join("; ", parts);
    }

    /// <summary>The other leg of sale <paramref name="index"/>'s round trip, or -1 (lets a causal reader ignore a flag raised by a later leg).</summary>
    internal int RoundTripPartner(int index) => _roundTripPartner[index];

    /// <summary>Counts the sales excluded under <see cref="SaleFilterPolicy.ExcludeFlagged"/> with a time in [<paramref name="startTicks"/>, <paramref name="endTicks"/>).</summary>
    internal int ExcludedIn(long startTicks, long endTicks)
    {
        int lo = FloorKernels.LowerBound(_ticks, startTicks);
        int hi = FloorKernels.LowerBound(_ticks, endTicks);
        int count = 0;
        for (int i = lo; i < hi; i++)
        {
            if ((_flags[i] & ExcludingFlags) != 0)
            {
                count++;
            }
        }

        return count;
    }

    internal SaleView View(SaleFilterPolicy policy) => policy switch
    {
        SaleFilterPolicy.ExcludeFlagged => _unflagged,
        SaleFilterPolicy.IncludeAll => _all,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown filter policy."),
    };

    private void FlagLowPrices(WashFilterOptions options)
    {
        // Sliding window of the sales strictly earlier than sale i and no more than MedianWindow before it, kept sorted.
        long window = options.MedianWindow.Ticks;
        var sorted = new List<double>();
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < _ticks.Length; i++)
        {
            long t = _ticks[i];
            while (hi < _ticks.Length && _ticks[hi] < t)
            {
                Insert(sorted, _prices[hi]);
                hi++;
            }

            while (lo < hi && _ticks[lo] < t - window)
            {
                int at = sorted.BinarySearch(_prices[lo]);
                sorted.RemoveAt(at);
                lo++;
            }

            if (sorted.Count < options.MinPriorSales)
            {
                _medians[i] = double.NaN;
                _flags[i] |= SaleSuspicion.ShortHistory;
                continue;
            }

            int m = sorted.Count / 2;
            double median = sorted.Count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
            _medians[i] = median;
            if (_prices[i] < options.LowPriceRatio * median)
            {
                _flags[i] |= SaleSuspicion.LowPrice;
            }
        }
    }

    private static void Insert(List<double> sorted, double value)
    {
        int at = sorted.BinarySearch(value);
        sorted.Insert(at < 0 ? ~at : at, value);
    }

    private void FlagAddressRules(WashFilterOptions options)
    {
        long window = options.RoundTripWindow.Ticks;
        var byToken = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < _sales.Length; i++)
        {
            Sale sale = _sales[i];
            if (sale.Buyer is null || sale.Seller is null)
            {
                continue;
            }

            if (string.Equals(sale.Buyer, sale.Seller, StringComparison.Ordinal))
            {
                _flags[i] |= SaleSuspicion.SelfTrade;
            }

            string key = sale.Collection + "\u0000" + sale.TokenId;
            if (!byToken.TryGetValue(key, out List<int>? earlier))
            {
                earlier = [];
                byToken.Add(key, earlier);
            }

            // Look back for the leg seller→buyer reversed: earlier sale with seller == this buyer and buyer == this seller.
            for (int k = earlier.Count - 1; k >= 0; k--)
            {
                int j = earlier[k];
                if (_ticks[i] - _ticks[j] > window)
                {
                    break;
                }

                Sale first = _sales[j];
                if (string.Equals(first.Seller, sale.Buyer, StringComparison.Ordinal) && string.Equals(first.Buyer, sale.Seller, StringComparison.Ordinal)
                    && !string.Equals(sale.Buyer, sale.Seller, StringComparison.Ordinal))
                {
                    _flags[i] |= SaleSuspicion.RoundTrip;
                    _flags[j] |= SaleSuspicion.RoundTrip;
                    _roundTripPartner[i] = j;
                    if (_roundTripPartner[j] < 0)
                    {
                        _roundTripPartner[j] = i;
                    }

                    break;
                }
            }

            earlier.Add(i);
        }
    }
}

/// <summary>The columns of the sales a policy keeps, sorted by time, with log prices precomputed.</summary>
internal sealed class SaleView
{
    private SaleView(long[] ticks, double[] prices, double[] logPrices)
    {
        Ticks = ticks;
        Prices = prices;
        LogPrices = logPrices;
    }

    public long[] Ticks { get; }

    public double[] Prices { get; }

    public double[] LogPrices { get; }

    public int Count => Ticks.Length;

    public static SaleView Create(long[] ticks, double[] prices, SaleSuspicion[] flags, SaleSuspicion excluding)
    {
        int kept = 0;
        for (int i = 0; i < flags.Length; i++)
        {
            if ((flags[i] & excluding) == 0)
            {
                kept++;
            }
        }

        var t = new long[kept];
        var p = new double[kept];
        var l = new double[kept];
        int k = 0;
        for (int i = 0; i < flags.Length; i++)
        {
            if ((flags[i] & excluding) != 0)
            {
                continue;
            }

            t[k] = ticks[i];
            p[k] = prices[i];
            l[k] = Math.Log(prices[i]);
            k++;
        }

        return new SaleView(t, p, l);
    }
}
