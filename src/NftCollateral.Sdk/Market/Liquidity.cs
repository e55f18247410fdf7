using System.Globalization;

namespace NftCollateral.Sdk.Market;

/// <summary>One price level of an order book: a listing (ask) or an offer (bid) in ETH for one or more tokens.</summary>
/// <remarks>
/// A collection offer for several tokens at one price is one level with <see cref="Quantity"/> above 1; a listing is
/// one token. The price must be positive and finite; the quantity at least 1.
/// </remarks>
public sealed record PriceLevel
{
    /// <summary>Initializes a new instance of the <see cref="PriceLevel"/> class.</summary>
    /// <param name="priceEth">The price in ETH; positive.</param>
    /// <param name="quantity">How many tokens are offered or wanted at this price; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priceEth"/> is zero or negative, or <paramref name="quantity"/> is below 1.</exception>
    public PriceLevel(decimal priceEth, int quantity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(priceEth);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        PriceEth = priceEth;
        Quantity = quantity;
    }

    /// <summary>Gets the price in ETH (positive).</summary>
    public decimal PriceEth { get; }

    /// <summary>Gets the number of tokens at this price (at least 1).</summary>
    public int Quantity { get; }
}

/// <summary>
/// The listings (asks) and offers (bids) of one collection at one time, as supplied by the caller (a marketplace
/// adapter or a file). No I/O happens here.
/// </summary>
public sealed record OrderBookSnapshot
{
    private readonly PriceLevel[] _asks;
    private readonly PriceLevel[] _bids;

    /// <summary>Initializes a new instance of the <see cref="OrderBookSnapshot"/> class.</summary>
    /// <param name="timestamp">When the book was read.</param>
    /// <param name="asks">The listings, in any order; may be empty.</param>
    /// <param name="bids">The offers, in any order; may be empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="asks"/> or <paramref name="bids"/> is or holds <see langword="null"/>.</exception>
    public OrderBookSnapshot(DateTimeOffset timestamp, IEnumerable<PriceLevel> asks, IEnumerable<PriceLevel> bids)
    {
        ArgumentNullException.ThrowIfNull(asks);
        ArgumentNullException.ThrowIfNull(bids);
        _asks = [.. asks];
        _bids = [.. bids];
        foreach (PriceLevel level in _asks)
        {
            ArgumentNullException.ThrowIfNull(level, nameof(asks));
        }

        foreach (PriceLevel level in _bids)
        {
            ArgumentNullException.ThrowIfNull(level, nameof(bids));
        }

        Timestamp = timestamp;
    }

    /// <summary>Gets when the book was read.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the listings, in the order given.</summary>
    public IReadOnlyList<PriceLevel> Asks => _asks;

    /// <summary>Gets the offers, in the order given.</summary>
    public IReadOnlyList<PriceLevel> Bids => _bids;

    /// <summary>Gets the number of tokens listed (the sum of the asks' quantities).</summary>
    public int ListedCount => Sum(_asks);

    /// <summary>Gets the number of tokens bid for (the sum of the bids' quantities).</summary>
    public int BidCount => Sum(_bids);

    /// <summary>Gets the lowest ask in ETH, or <see langword="null"/> when there is no listing.</summary>
    public decimal? BestAskEth => _asks.Length == 0 ? null : _asks.Min(a => a.PriceEth);

    /// <summary>Gets the highest bid in ETH, or <see langword="null"/> when there is no offer.</summary>
    public decimal? BestBidEth => _bids.Length == 0 ? null : _bids.Max(b => b.PriceEth);

    private static int Sum(PriceLevel[] levels)
    {
        int total = 0;
        foreach (PriceLevel level in levels)
        {
            total = checked(total + level.Quantity);
        }

        return total;
    }
}

/// <summary>The bid-ask spread of a book, with the figures it was computed from.</summary>
/// <param name="BestAskEth">The lowest ask in ETH.</param>
/// <param name="BestBidEth">The highest bid in ETH.</param>
/// <param name="Spread">(ask − bid) / ask, as a fraction (0.15 = 15%).</param>
/// <param name="IlliquidAbove">The threshold used: the book is illiquid when <paramref name="Spread"/> is strictly above it.</param>
/// <param name="IsIlliquid">Whether <paramref name="Spread"/> &gt; <paramref name="IlliquidAbove"/>.</param>
public sealed record SpreadResult(decimal BestAskEth, decimal BestBidEth, decimal Spread, decimal IlliquidAbove, bool IsIlliquid);

/// <summary>How many tokens are offered and wanted near the floor, with the figures it was computed from.</summary>
/// <param name="Within">The band as a fraction (0.05 = 5%).</param>
/// <param name="AskReferenceEth">The floor the ask band starts from: the caller's floor, else the best ask; <see langword="null"/> when neither exists.</param>
/// <param name="AskLimitEth">AskReference × (1 + Within): asks at or below it count; <see langword="null"/> with no reference.</param>
/// <param name="AskDepth">Tokens listed at or below <paramref name="AskLimitEth"/> (0 when the book has no ask).</param>
/// <param name="BidReferenceEth">The best bid the bid band starts from; <see langword="null"/> when there is no bid.</param>
/// <param name="BidLimitEth">BidReference × (1 − Within): bids at or above it count; <see langword="null"/> with no bid.</param>
/// <param name="BidDepth">Tokens bid for at or above <paramref name="BidLimitEth"/> (0 when the book has no bid).</param>
public sealed record DepthResult(decimal Within, decimal? AskReferenceEth, decimal? AskLimitEth, int AskDepth, decimal? BidReferenceEth, decimal? BidLimitEth, int BidDepth);

/// <summary>Sales per day over a window <c>[asOf − window, asOf)</c>, with the counts it was computed from.</summary>
/// <param name="AsOf">The end of the window (exclusive).</param>
/// <param name="Window">The window length.</param>
/// <param name="SaleCount">Sales counted in the window.</param>
/// <param name="ExcludedCount">Flagged (wash or accidental) sales in the window left out under <see cref="SaleFilterPolicy.ExcludeFlagged"/>.</param>
/// <param name="SalesPerDay"><paramref name="SaleCount"/> / the window in days.</param>
public sealed record SalesRate(DateTimeOffset AsOf, TimeSpan Window, int SaleCount, int ExcludedCount, decimal SalesPerDay);

/// <summary>The days needed to sell a position, with the figures it was computed from.</summary>
/// <param name="PositionSize">Tokens to sell (k).</param>
/// <param name="SalesPerDay">The collection's sales per day (ADV).</param>
/// <param name="ParticipationRate">The largest share of each day's sales the seller takes (p, in (0, 1]).</param>
/// <param name="SellablePerDay">p × ADV: tokens the seller can place per day.</param>
/// <param name="Days">k / (p × ADV).</param>
public sealed record LiquidationTime(int PositionSize, decimal SalesPerDay, decimal ParticipationRate, decimal SellablePerDay, decimal Days);

/// <summary>The change in the number of active listings between two times.</summary>
/// <param name="From">The earlier time.</param>
/// <param name="FromCount">Listings at <paramref name="From"/>.</param>
/// <param name="To">The later time.</param>
/// <param name="ToCount">Listings at <paramref name="To"/>.</param>
/// <param name="Change"><paramref name="ToCount"/> − <paramref name="FromCount"/>; negative when listings fell (a sweep or a pump).</param>
/// <param name="RelativeChange">Change / FromCount, or <see langword="null"/> when <paramref name="FromCount"/> is 0 (undefined, not 0).</param>
public sealed record ListingTrend(DateTimeOffset From, int FromCount, DateTimeOffset To, int ToCount, int Change, decimal? RelativeChange);

/// <summary>Thrown when an order book lacks the side a metric needs, or is crossed (best bid above best ask).</summary>
public sealed class OrderBookDataException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="OrderBookDataException"/> class.</summary>
    public OrderBookDataException()
        : base("the order book cannot give this metric")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OrderBookDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public OrderBookDataException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OrderBookDataException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OrderBookDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Liquidity metrics of a collection from an order-book snapshot and/or a sales history. Every result is a record
/// that shows the figures it came from; see <see cref="LiquidityHaircutPolicy"/> for turning them into a haircut.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Spread</b> = (best ask − best bid) / best ask. Illiquid when strictly above a threshold (default 15%).
/// Selling one token into the best bid loses exactly this fraction of the ask floor (the bid-ladder haircut of
/// <c>specs/risk-methods.md</c> F6 with n = 1).</item>
/// <item><b>Depth within x</b>: tokens listed at or below floor × (1 + x), and tokens bid for at or above best bid × (1 − x).</item>
/// <item><b>Sales per day</b> = sales in <c>[asOf − window, asOf)</c> / window in days; flagged wash and accidental sales
/// are left out by default, as in the floor estimators. No sale in the window throws <see cref="NoSalesInWindowException"/>.</item>
/// <item><b>Days to liquidate</b> k tokens = k / (p × sales per day), p the participation rate (the largest share of a
/// day's sales the seller takes; 1 = all of them). This is "days to clear = n / (participation · ADV)" of
/// <c>specs/risk-methods.md</c> F6.</item>
/// <item><b>Listing trend</b>: the change in active listings between two snapshots (falls mark sweeps and pumps,
/// <c>specs/market-data.md</c> §2 takeaway 4).</item>
/// </list>
/// A figure that cannot be known (no sale, no bid for a spread) raises an exception; it is never reported as 0.
/// </remarks>
public static class Liquidity
{
    /// <summary>The default spread above which a book is illiquid: 0.15 (15%).</summary>
    public const decimal DefaultIlliquidSpread = 0.15m;

    /// <summary>Computes the bid-ask spread (ask − bid) / ask of <paramref name="book"/>.</summary>
    /// <param name="book">The order book; needs at least one ask and one bid.</param>
    /// <param name="illiquidAbove">The spread, as a fraction in [0, 1), strictly above which the book is illiquid (default 0.15).</param>
    /// <returns>The spread with its inputs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="book"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="illiquidAbove"/> is outside [0, 1).</exception>
    /// <exception cref="OrderBookDataException">The book has no ask or no bid, or its best bid is above its best ask.</exception>
    public static SpreadResult Spread(OrderBookSnapshot book, decimal illiquidAbove = DefaultIlliquidSpread)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (illiquidAbove < 0 || illiquidAbove >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(illiquidAbove), illiquidAbove, "The illiquid-spread threshold must be in [0, 1).");
        }

        decimal ask = book.BestAskEth ?? throw new OrderBookDataException(Describe(book, "has no ask: the spread is undefined"));
        decimal bid = book.BestBidEth ?? throw new OrderBookDataException(Describe(book, "has no bid: the spread is undefined"));
        if (bid > ask)
        {
            throw new OrderBookDataException(Describe(book, string.Create(CultureInfo.InvariantCulture, $"is crossed: best bid {bid} ETH above best ask {ask} ETH (a stale or merged snapshot)")));
        }

        decimal spread = (ask - bid) / ask;
        return new SpreadResult(ask, bid, spread, illiquidAbove, spread > illiquidAbove);
    }

    /// <summary>Counts the tokens listed and bid for within <paramref name="within"/> of the floor and of the best bid.</summary>
    /// <param name="book">The order book.</param>
    /// <param name="within">The band as a fraction in [0, 1) (0.05 = 5%). Both band edges are inclusive.</param>
    /// <param name="floorEth">The floor the ask band starts from (for example a robust floor); the best ask when <see langword="null"/>.</param>
    /// <returns>The depths with their inputs. A side with no order has depth 0 (a count, known) and a <see langword="null"/> reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="book"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is outside [0, 1), or <paramref name="floorEth"/> is not positive.</exception>
    public static DepthResult Depth(OrderBookSnapshot book, decimal within, decimal? floorEth = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (within < 0 || within >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(within), within, "The depth band must be in [0, 1).");
        }

        if (floorEth is decimal f && f <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(floorEth), floorEth, "The floor must be positive.");
        }

        decimal? askReference = floorEth ?? book.BestAskEth;
        decimal? askLimit = askReference * (1 + within);
        int askDepth = 0;
        if (askLimit is decimal al)
        {
            foreach (PriceLevel level in book.Asks)
            {
                if (level.PriceEth <= al)
                {
                    askDepth = checked(askDepth + level.Quantity);
                }
            }
        }

        decimal? bidReference = book.BestBidEth;
        decimal? bidLimit = bidReference * (1 - within);
        int bidDepth = 0;
        if (bidLimit is decimal bl)
        {
            foreach (PriceLevel level in book.Bids)
            {
                if (level.PriceEth >= bl)
                {
                    bidDepth = checked(bidDepth + level.Quantity);
                }
            }
        }

        return new DepthResult(within, askReference, askLimit, askDepth, bidReference, bidLimit, bidDepth);
    }

    /// <summary>Sales per day in the window <c>[asOf − window, asOf)</c> of <paramref name="series"/>.</summary>
    /// <param name="series">The sales.</param>
    /// <param name="asOf">The end of the window (exclusive).</param>
    /// <param name="window">The window length; positive.</param>
    /// <param name="policy">Which sales count; by default flagged wash and accidental sales are left out (fake volume is not an exit).</param>
    /// <returns>The rate with its counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive, or <paramref name="policy"/> is unknown.</exception>
    /// <exception cref="NoSalesInWindowException">No sale counts in the window (the rate is unknown, not 0).</exception>
    public static SalesRate SalesPerDay(SaleSeries series, DateTimeOffset asOf, TimeSpan window, SaleFilterPolicy policy = SaleFilterPolicy.ExcludeFlagged)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        SaleView view = series.View(policy);
        long end = asOf.UtcTicks;
        long start = end - window.Ticks;
        int count = FloorKernels.LowerBound(view.Ticks, end) - FloorKernels.LowerBound(view.Ticks, start);
        int excluded = policy == SaleFilterPolicy.ExcludeFlagged ? series.ExcludedIn(start, end) : 0;
        if (count == 0)
        {
            throw new NoSalesInWindowException(asOf, window, excluded);
        }

        decimal days = (decimal)window.Ticks / TimeSpan.TicksPerDay;
        return new SalesRate(asOf, window, count, excluded, count / days);
    }

    /// <summary>Days to sell <paramref name="positionSize"/> tokens: k / (p × sales per day).</summary>
    /// <param name="positionSize">Tokens to sell (k); at least 1.</param>
    /// <param name="rate">The collection's sales rate.</param>
    /// <param name="participationRate">The largest share p of each day's sales the seller takes, in (0, 1]; 1 by default.</param>
    /// <returns>The days with their inputs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rate"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k is below 1, p is outside (0, 1], or the rate is not positive.</exception>
    public static LiquidationTime DaysToLiquidate(int positionSize, SalesRate rate, decimal participationRate = 1m)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return DaysToLiquidate(positionSize, rate.SalesPerDay, participationRate);
    }

    /// <summary>Days to sell <paramref name="positionSize"/> tokens: k / (p × <paramref name="salesPerDay"/>).</summary>
    /// <param name="positionSize">Tokens to sell (k); at least 1.</param>
    /// <param name="salesPerDay">The collection's sales per day (ADV); positive.</param>
    /// <param name="participationRate">The largest share p of each day's sales the seller takes, in (0, 1]; 1 by default.</param>
    /// <returns>The days with their inputs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k is below 1, p is outside (0, 1], or <paramref name="salesPerDay"/> is not positive.</exception>
    public static LiquidationTime DaysToLiquidate(int positionSize, decimal salesPerDay, decimal participationRate = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(positionSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(salesPerDay);
        if (participationRate <= 0 || participationRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(participationRate), participationRate, "The participation rate must be in (0, 1].");
        }

        decimal sellable = participationRate * salesPerDay;
        return new LiquidationTime(positionSize, salesPerDay, participationRate, sellable, positionSize / sellable);
    }

    /// <summary>The change in active listings from <paramref name="earlier"/> to <paramref name="later"/>.</summary>
    /// <param name="earlier">The earlier snapshot.</param>
    /// <param name="later">The later snapshot.</param>
    /// <returns>The trend with both counts.</returns>
    /// <exception cref="ArgumentNullException">A snapshot is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="later"/> is not after <paramref name="earlier"/>.</exception>
    public static ListingTrend ListingsTrend(OrderBookSnapshot earlier, OrderBookSnapshot later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        return ListingsTrend(earlier.Timestamp, earlier.ListedCount, later.Timestamp, later.ListedCount);
    }

    /// <summary>The change in active listings between two counts (for example a daily <c>active_asks</c> column).</summary>
    /// <param name="from">The earlier time.</param>
    /// <param name="fromCount">Listings at <paramref name="from"/>; not negative.</param>
    /// <param name="to">The later time.</param>
    /// <param name="toCount">Listings at <paramref name="to"/>; not negative.</param>
    /// <returns>The trend.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static ListingTrend ListingsTrend(DateTimeOffset from, int fromCount, DateTimeOffset to, int toCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromCount);
        ArgumentOutOfRangeException.ThrowIfNegative(toCount);
        if (to <= from)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The later snapshot ({to:O}) must be after the earlier one ({from:O})."), nameof(to));
        }

        int change = toCount - fromCount;
        decimal? relative = fromCount == 0 ? null : (decimal)change / fromCount;
        return new ListingTrend(from, fromCount, to, toCount, change, relative);
    }

    private static string Describe(OrderBookSnapshot book, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"order book at {book.Timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} {problem}");
}
