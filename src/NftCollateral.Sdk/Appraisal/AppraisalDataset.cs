using System.Globalization;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// One collection's traits, sales and daily floors, joined and precomputed for appraisal: the trait feature matrix,
/// the sales as columns sorted by time with their wash/accidental flags, each sale's UTC day, and the floor of every day.
/// </summary>
/// <remarks>
/// <para>
/// Time is counted in UTC days. An appraisal <em>as of</em> day <c>D</c> may use the floor recorded for <c>D</c> (the
/// lowest public ask at the end of that day) and the sales dated <c>D</c> or earlier; nothing later. The sales of the
/// shared CryptoPunks file carry only a date after 2021-04-05, so a sale dated <c>D</c> is appraised as of <c>D − 1</c>.
/// </para>
/// <para>Immutable and thread-safe once created.</para>
/// </remarks>
public sealed class AppraisalDataset
{
    private readonly int[] _saleDay;
    private readonly int[] _saleRow;
    private readonly double[] _salePrice;
    private readonly bool[] _saleExcluded;
    private readonly int[] _roundTripPartner;
    private readonly double[] _floorByDay;
    private readonly int?[] _activeAsksByDay;
    private readonly double[] _proxyFloorByDay;
    private readonly int[] _firstSaleOnOrAfterDay;
    private readonly int[] _tokenSaleStart;
    private readonly int[] _tokenSales;
    private readonly double[] _saleLogRatio;

    private AppraisalDataset(string collection, TraitTable traits, SaleSeries sales, FloorSeries floors, IReadOnlyList<DailyFloor> floorRows)
    {
        Collection = collection;
        Traits = traits;
        Sales = sales;
        Floors = floors;
        Features = TraitFeatures.Create(traits);

        int n = sales.Count;
        _saleDay = new int[n];
        _saleRow = new int[n];
        _salePrice = new double[n];
        _saleExcluded = new bool[n];
        _roundTripPartner = new int[n];
        ReadOnlySpan<SaleSuspicion> flags = sales.Flags;
        for (int i = 0; i < n; i++)
        {
            Sale sale = sales.Sales[i];
            _saleDay[i] = DayOf(sale.Timestamp);
            if (!traits.TryGetTokenIndex(sale.TokenId, out _saleRow[i]))
            {
                throw new CollectionDataException("sold token is not in the traits file", "sales", sale.TokenId, "token_id");
            }

            _salePrice[i] = sales.PricesEth[i];
            _saleExcluded[i] = (flags[i] & SaleSeries.ExcludingFlags) != 0;
            _roundTripPartner[i] = sales.RoundTripPartner(i);
        }

        FirstFloorDay = floors.Dates[0].DayNumber;
        LastFloorDay = floors.Dates[^1].DayNumber;
        FirstDay = Math.Min(FirstFloorDay, n > 0 ? _saleDay[0] : FirstFloorDay);
        LastDay = Math.Max(LastFloorDay, n > 0 ? _saleDay[^1] : LastFloorDay);
        int days = LastDay - FirstDay + 1;
        _floorByDay = new double[days];
        _activeAsksByDay = new int?[days];
        Array.Fill(_floorByDay, double.NaN);
        for (int i = 0; i < floors.Count; i++)
        {
            _floorByDay[floors.Dates[i].DayNumber - FirstDay] = (double)floors.Values[i];
        }

        foreach (DailyFloor row in floorRows)
        {
            _activeAsksByDay[row.Date.DayNumber - FirstDay] = row.ActiveAsks;
        }

        // A sales-based stand-in for days the floor series does not cover (only ever used for training targets, where
        // the hedonic model's day effects absorb any level difference): the adaptive percentile of the 30 days up to the
        // end of the day, computed from earlier sales only.
        _proxyFloorByDay = new double[days];
        Array.Fill(_proxyFloorByDay, double.NaN);
        if (n > 0)
        {
            DailyFloors proxy = FloorEstimators.ComputeDaily(sales, DateOnly.FromDayNumber(_saleDay[0]), DateOnly.FromDayNumber(LastDay));
            ReadOnlySpan<double> values = proxy.AdaptivePercentile;
            for (int d = 0; d < values.Length; d++)
            {
                _proxyFloorByDay[_saleDay[0] + d - FirstDay] = values[d];
            }
        }

        _saleLogRatio = new double[n];
        for (int i = 0; i < n; i++)
        {
            _saleLogRatio[i] = Math.Log(_salePrice[i] / ReferenceFloorOnDay(_saleDay[i] - 1));
        }

        _firstSaleOnOrAfterDay = new int[days + 1];
        int s = 0;
        for (int d = 0; d <= days; d++)
        {
            while (s < n && _saleDay[s] < FirstDay + d)
            {
                s++;
            }

            _firstSaleOnOrAfterDay[d] = s;
        }

        // Sales of each token in time order (CSR).
        _tokenSaleStart = new int[traits.TokenCount + 1];
        for (int i = 0; i < n; i++)
        {
            _tokenSaleStart[_saleRow[i] + 1]++;
        }

        for (int r = 0; r < traits.TokenCount; r++)
        {
            _tokenSaleStart[r + 1] += _tokenSaleStart[r];
        }

        _tokenSales = new int[n];
        int[] fill = (int[])_tokenSaleStart.Clone();
        for (int i = 0; i < n; i++)
        {
            _tokenSales[fill[_saleRow[i]]++] = i;
        }
    }

    /// <summary>Gets the collection's name.</summary>
    public string Collection { get; }

    /// <summary>Gets the trait table (every token of the collection, sold or not).</summary>
    public TraitTable Traits { get; }

    /// <summary>Gets the collection's sales sorted by time, with their wash/accidental flags.</summary>
    public SaleSeries Sales { get; }

    /// <summary>Gets the daily floor series (end-of-day lowest public ask).</summary>
    public FloorSeries Floors { get; }

    /// <summary>Gets the first date of the floor series: the earliest possible as-of date.</summary>
    public DateOnly FirstFloorDate => DateOnly.FromDayNumber(FirstFloorDay);

    /// <summary>Gets the last date of the floor series: the latest possible as-of date.</summary>
    public DateOnly LastFloorDate => DateOnly.FromDayNumber(LastFloorDay);

    internal TraitFeatures Features { get; }

    internal int SaleCount => _saleDay.Length;

    internal int FirstDay { get; }

    internal int LastDay { get; }

    internal int FirstFloorDay { get; }

    internal int LastFloorDay { get; }

    /// <summary>Joins traits, sales and floors of one collection.</summary>
    /// <param name="traits">The collection's trait table.</param>
    /// <param name="sales">Sales; only those whose collection matches <paramref name="collection"/> (ignoring case) are kept.</param>
    /// <param name="floors">Daily floor rows; only those of <paramref name="collection"/> (ignoring case) are kept.</param>
    /// <param name="collection">The collection's name as written in the files.</param>
    /// <param name="washFilter">Settings of the wash/accidental-sale flags; <see cref="WashFilterOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="CollectionDataException">
    /// The collection has no sales or no floor rows, a sold token is not in the trait table, or the floor rows are
    /// unsorted, duplicated or not positive.
    /// </exception>
    public static AppraisalDataset Create(TraitTable traits, IEnumerable<Sale> sales, IEnumerable<DailyFloor> floors, string collection, WashFilterOptions? washFilter = null)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(floors);
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        var kept = new List<Sale>();
        foreach (Sale sale in sales)
        {
            ArgumentNullException.ThrowIfNull(sale, nameof(sales));
            if (string.Equals(sale.Collection, collection, StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(sale);
            }
        }

        if (kept.Count == 0)
        {
            throw new CollectionDataException($"no sales of collection '{collection}'", "sales", field: "collection");
        }

        var floorRows = new List<DailyFloor>();
        foreach (DailyFloor row in floors)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(floors));
            if (string.Equals(row.Collection, collection, StringComparison.OrdinalIgnoreCase))
            {
                floorRows.Add(row);
            }
        }

        if (floorRows.Count == 0)
        {
            throw new CollectionDataException($"no floor rows of collection '{collection}'", "floors", field: "collection");
        }

        FloorSeries series = FloorSeries.Create(floorRows[0].Collection, floorRows);
        return new AppraisalDataset(collection, traits, SaleSeries.Create(kept, washFilter), series, floorRows);
    }

    /// <summary>Gets the floor (end-of-day lowest public ask, ETH) recorded for a date.</summary>
    /// <param name="date">The date.</param>
    /// <param name="floorEth">The floor, when the series has the date.</param>
    /// <returns><see langword="true"/> when the series has the date.</returns>
    public bool TryGetFloor(DateOnly date, out decimal floorEth) => Floors.TryGetValue(date, out floorEth);

    /// <summary>Describes why an appraisal as of <paramref name="asOf"/> is impossible, or returns <see langword="null"/> when it is possible.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <returns>The reason and a one-line message, or <see langword="null"/>.</returns>
    internal (AppraisalInputError Error, string Message)? CheckRequest(string tokenId, DateOnly asOf)
    {
        if (!Traits.TryGetTokenIndex(tokenId, out _))
        {
            return (AppraisalInputError.UnknownToken, $"token {tokenId} is not in the traits file of '{Collection}'");
        }

        int day = asOf.DayNumber;
        if (day < FirstFloorDay || day > LastFloorDay || double.IsNaN(FloorOnDay(day)))
        {
            return (AppraisalInputError.DateOutsideData, string.Create(CultureInfo.InvariantCulture, $"no floor for {Iso(asOf)}: the floor data covers {Iso(FirstFloorDate)} to {Iso(LastFloorDate)}"));
        }

        if (SalesBeforeDay(day + 1) == 0)
        {
            return (AppraisalInputError.NoSalesBefore, string.Create(CultureInfo.InvariantCulture, $"no sales of '{Collection}' on or before {Iso(asOf)} (the first is on {Iso(DateOnly.FromDayNumber(_saleDay[0]))})"));
        }

        return null;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static int DayOf(DateTimeOffset timestamp) => DateOnly.FromDateTime(timestamp.UtcDateTime).DayNumber;

    internal int SaleDay(int sale) => _saleDay[sale];

    internal int SaleRow(int sale) => _saleRow[sale];

    internal double SalePrice(int sale) => _salePrice[sale];

    /// <summary>ln(price / reference floor of the day before the sale), or NaN when that day has no reference floor.</summary>
    internal double SaleLogRatio(int sale) => _saleLogRatio[sale];

    /// <summary>Whether a sale is flagged (low price, self-trade or round trip) in the finished data set: the rule the backtest excludes by.</summary>
    internal bool IsFlagged(int sale) => _saleExcluded[sale];

    /// <summary>
    /// Whether a sale was known to be flagged as of the end of <paramref name="asOfDay"/>: the low-price and self-trade rules
    /// look only backward, but a round trip is known only once its second leg has happened.
    /// </summary>
    internal bool IsFlaggedAsOf(int sale, int asOfDay)
    {
        if (!_saleExcluded[sale])
        {
            return false;
        }

        SaleSuspicion flags = Sales.Flags[sale] & SaleSeries.ExcludingFlags;
        if ((flags & (SaleSuspicion.LowPrice | SaleSuspicion.SelfTrade)) != 0)
        {
            return true;
        }

        int partner = _roundTripPartner[sale];
        return partner >= 0 && _saleDay[partner] <= asOfDay;
    }

    /// <summary>The number of sales dated before <paramref name="day"/> (the index of the first sale on or after it).</summary>
    internal int SalesBeforeDay(int day)
    {
        int k = day - FirstDay;
        return k < 0 ? 0 : k >= _firstSaleOnOrAfterDay.Length ? _saleDay.Length : _firstSaleOnOrAfterDay[k];
    }

    /// <summary>The end-of-day ask floor of a day, or NaN.</summary>
    internal double FloorOnDay(int day)
    {
        int k = day - FirstDay;
        return k >= 0 && k < _floorByDay.Length ? _floorByDay[k] : double.NaN;
    }

    internal int? ActiveAsksOnDay(int day)
    {
        int k = day - FirstDay;
        return k >= 0 && k < _activeAsksByDay.Length ? _activeAsksByDay[k] : null;
    }

    /// <summary>The reference floor for a training target: the ask floor, else the sales-based stand-in, else NaN.</summary>
    internal double ReferenceFloorOnDay(int day)
    {
        double floor = FloorOnDay(day);
        if (!double.IsNaN(floor))
        {
            return floor;
        }

        int k = day - FirstDay;
        return k >= 0 && k < _proxyFloorByDay.Length ? _proxyFloorByDay[k] : double.NaN;
    }

    /// <summary>The sale indices of a token, in time order.</summary>
    internal ReadOnlySpan<int> SalesOfToken(int row) => _tokenSales.AsSpan(_tokenSaleStart[row], _tokenSaleStart[row + 1] - _tokenSaleStart[row]);
}

/// <summary>Why an appraisal request cannot be answered.</summary>
public enum AppraisalInputError
{
    /// <summary>The token is not in the collection's trait table.</summary>
    UnknownToken = 0,

    /// <summary>The as-of date is outside the floor data (or the floor series has no row for it).</summary>
    DateOutsideData = 1,

    /// <summary>The collection has no sale on or before the as-of date.</summary>
    NoSalesBefore = 2,

    /// <summary>A backtest's date range holds no sale, or is not a range.</summary>
    EmptyRange = 3,
}

/// <summary>
/// Thrown when an appraisal cannot be made from the data supplied: an unknown token, an as-of date outside the data, or
/// no sales before the date. No value is made up in these cases.
/// </summary>
public sealed class AppraisalInputException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="AppraisalInputException"/> class.</summary>
    public AppraisalInputException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AppraisalInputException"/> class.</summary>
    /// <param name="message">A one-line description.</param>
    public AppraisalInputException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AppraisalInputException"/> class.</summary>
    /// <param name="message">A one-line description.</param>
    /// <param name="innerException">The cause.</param>
    public AppraisalInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AppraisalInputException"/> class.</summary>
    /// <param name="error">What is wrong.</param>
    /// <param name="message">A one-line description.</param>
    public AppraisalInputException(AppraisalInputError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Gets what is wrong.</summary>
    public AppraisalInputError Error { get; }
}
