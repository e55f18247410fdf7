using System.Globalization;
using System.Text;

namespace NftCollateral.Sdk.Market;

/// <summary>
/// Reads daily floor files: the columns are found by name in the header, so both shared formats
/// (<c>cryptopunks-floor-onchain-daily.csv</c> and <c>bayc-cryptopunks-floor-proxy-daily.csv</c>) and a user's file
/// with the same column names work.
/// </summary>
/// <remarks>
/// <para>
/// Required columns: <c>collection</c>, <c>date</c> (<c>yyyy-MM-dd</c>), <c>floor_eth</c>. Optional columns:
/// <c>volume_eth</c>, <c>sales_count</c>, <c>active_asks</c>, <c>method</c>, <c>suspect_outlier</c> (0/1); other
/// columns are ignored. Header names are matched case-insensitively; cells are trimmed; blank lines are skipped.
/// </para>
/// <para>
/// A bad row raises <see cref="CollectionDataException"/> whose source is <c>file:line</c> (1-based, the header is
/// line 1) and whose field is the column at fault: an unparseable cell, a floor that is zero, negative, NaN or
/// infinite, or a date that is not after the previous date of the same collection (duplicate or unsorted). Nothing
/// is returned from a file that raised.
/// </para>
/// </remarks>
public static class FloorSeriesCsv
{
    /// <summary>Reads every row of a daily floor file.</summary>
    /// <param name="reader">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="CollectionDataException">The file is malformed (see the remarks of <see cref="FloorSeriesCsv"/>).</exception>
    public static IReadOnlyList<DailyFloor> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var csv = new DailySeriesCsvReader(reader, sourceName);
        int collection = csv.Column("collection", required: true);
        int date = csv.Column("date", required: true);
        int floor = csv.Column("floor_eth", required: true);
        int volume = csv.Column("volume_eth", required: false);
        int sales = csv.Column("sales_count", required: false);
        int asks = csv.Column("active_asks", required: false);
        int method = csv.Column("method", required: false);
        int outlier = csv.Column("suspect_outlier", required: false);

        var rows = new List<DailyFloor>();
        var lastDate = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        while (csv.TryReadRow())
        {
            string name = csv.Cell(collection);
            if (name.Length == 0)
            {
                throw csv.Error("collection", "empty collection name");
            }

            DateOnly day = csv.Date(date, "date");
            if (lastDate.TryGetValue(name, out DateOnly previous) && day <= previous)
            {
                throw csv.Error("date", day == previous
                    ? $"duplicate date {Iso(day)} for collection '{name}'"
                    : $"date {Iso(day)} is before the previous date {Iso(previous)} for collection '{name}' (rows must be sorted by date)");
            }

            lastDate[name] = day;
            rows.Add(new DailyFloor(name, day, csv.Positive(floor, "floor_eth"))
            {
                VolumeEth = csv.OptionalNonNegative(volume, "volume_eth"),
                SalesCount = csv.OptionalCount(sales, "sales_count"),
                ActiveAsks = csv.OptionalCount(asks, "active_asks"),
                Method = method < 0 || csv.Cell(method).Length == 0 ? null : csv.Cell(method),
                SuspectOutlier = csv.Flag(outlier, "suspect_outlier"),
            });
        }

        return rows;
    }

    /// <summary>Reads every row of a daily floor file from a stream (UTF-8, with or without a byte-order mark).</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="CollectionDataException">The file is malformed (see the remarks of <see cref="FloorSeriesCsv"/>).</exception>
    public static async Task<IReadOnlyList<DailyFloor>> ReadAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        string text = await DailySeriesCsvReader.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        return Read(reader, sourceName);
    }

    /// <summary>Reads a daily floor file and returns the series of one collection.</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <param name="collection">The collection, as written in the file's <c>collection</c> column (ordinal match).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The collection's ETH floor series.</returns>
    /// <exception cref="CollectionDataException">The file is malformed or has no row for <paramref name="collection"/>.</exception>
    public static async Task<FloorSeries> ReadSeriesAsync(Stream stream, string sourceName, string collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        IReadOnlyList<DailyFloor> rows = await ReadAsync(stream, sourceName, cancellationToken).ConfigureAwait(false);
        try
        {
            return FloorSeries.Create(collection, rows);
        }
        catch (CollectionDataException ex) when (ex.Source is null)
        {
            throw ex.WithSource(sourceName);
        }
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// A collection's floor history: strictly increasing dates and positive values in one currency. Gaps (missing days)
/// are allowed; <see cref="ForwardFill"/> closes them.
/// </summary>
/// <remarks>Immutable and thread-safe. The transforms return new series.</remarks>
public sealed class FloorSeries
{
    private readonly DateOnly[] dates;
    private readonly decimal[] values;
    private readonly bool[] suspect;

    private FloorSeries(string collection, FloorCurrency currency, DateOnly[] dates, decimal[] values, bool[] suspect)
    {
        Collection = collection;
        Currency = currency;
        this.dates = dates;
        this.values = values;
        this.suspect = suspect;
    }

    /// <summary>Gets the collection's name.</summary>
    public string Collection { get; }

    /// <summary>Gets the unit of <see cref="Values"/>.</summary>
    public FloorCurrency Currency { get; }

    /// <summary>Gets the number of days in the series.</summary>
    public int Count => dates.Length;

    /// <summary>Gets the dates, strictly increasing.</summary>
    public ReadOnlySpan<DateOnly> Dates => dates;

    /// <summary>Gets the floor on each of <see cref="Dates"/>, in <see cref="Currency"/>.</summary>
    public ReadOnlySpan<decimal> Values => values;

    /// <summary>Gets the source file's <c>suspect_outlier</c> flag for each of <see cref="Dates"/>.</summary>
    public ReadOnlySpan<bool> SuspectOutliers => suspect;

    /// <summary>Gets a value indicating whether any calendar day between the first and last dates is missing.</summary>
    public bool HasGaps => dates.Length > 1 && dates[^1].DayNumber - dates[0].DayNumber != dates.Length - 1;

    /// <summary>Gets the floor on <paramref name="date"/>.</summary>
    /// <param name="date">The day.</param>
    /// <exception cref="KeyNotFoundException">The series has no value on <paramref name="date"/>.</exception>
    public decimal this[DateOnly date] => TryGetValue(date, out decimal value)
        ? value
        : throw new KeyNotFoundException($"{Collection} ({Currency}) has no floor on {FloorSeriesCsv.Iso(date)}");

    /// <summary>Builds the series of one collection from floor rows (for example those of <see cref="FloorSeriesCsv.Read"/>).</summary>
    /// <param name="collection">The collection to take (ordinal match on <see cref="DailyFloor.Collection"/>).</param>
    /// <param name="rows">Rows of any collections; the collection's rows must have strictly increasing dates.</param>
    /// <returns>The ETH series.</returns>
    /// <exception cref="CollectionDataException">
    /// No row belongs to <paramref name="collection"/>, or its rows are unsorted, duplicated, or have a floor that is not positive.
    /// </exception>
    public static FloorSeries Create(string collection, IEnumerable<DailyFloor> rows)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(rows);
        var dates = new List<DateOnly>();
        var values = new List<decimal>();
        var flags = new List<bool>();
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (DailyFloor row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (!string.Equals(row.Collection, collection, StringComparison.Ordinal))
            {
                others.Add(row.Collection);
                continue;
            }

            if (dates.Count > 0 && row.Date <= dates[^1])
            {
                throw new CollectionDataException(
                    $"date {FloorSeriesCsv.Iso(row.Date)} of collection '{collection}' is not after the previous date {FloorSeriesCsv.Iso(dates[^1])}", field: "date");
            }

            if (row.FloorEth <= 0)
            {
                throw new CollectionDataException(
                    $"floor of collection '{collection}' on {FloorSeriesCsv.Iso(row.Date)} must be positive, not {row.FloorEth.ToString(CultureInfo.InvariantCulture)}", field: "floor_eth");
            }

            dates.Add(row.Date);
            values.Add(row.FloorEth);
            flags.Add(row.SuspectOutlier);
        }

        if (dates.Count == 0)
        {
            string found = others.Count == 0 ? "no rows at all" : "found: " + string.Join(", ", others);
            throw new CollectionDataException($"no rows for collection '{collection}' ({found})", field: "collection");
        }

        return new FloorSeries(collection, FloorCurrency.Eth, [.. dates], [.. values], [.. flags]);
    }

    /// <summary>Builds a series from dates and values (for example a series computed elsewhere). It may be empty.</summary>
    /// <param name="collection">The collection's name.</param>
    /// <param name="currency">The unit of <paramref name="values"/>.</param>
    /// <param name="dates">Strictly increasing dates.</param>
    /// <param name="values">Positive, one per date.</param>
    /// <returns>The series (no day flagged as a suspect outlier).</returns>
    /// <exception cref="ArgumentException">The lengths differ, a date is not after the previous one, or a value is not positive.</exception>
    public static FloorSeries FromValues(string collection, FloorCurrency currency, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (dates.Length != values.Length)
        {
            throw new ArgumentException($"{dates.Length} dates but {values.Length} values.", nameof(values));
        }

        for (int i = 0; i < dates.Length; i++)
        {
            if (i > 0 && dates[i] <= dates[i - 1])
            {
                throw new ArgumentException($"dates[{i}] = {FloorSeriesCsv.Iso(dates[i])} is not after dates[{i - 1}] = {FloorSeriesCsv.Iso(dates[i - 1])}.", nameof(dates));
            }

            if (values[i] <= 0)
            {
                throw new ArgumentException($"values[{i}] = {values[i].ToString(CultureInfo.InvariantCulture)} is not positive.", nameof(values));
            }
        }

        return new FloorSeries(collection, currency, dates.ToArray(), values.ToArray(), new bool[dates.Length]);
    }

    /// <summary>Finds the position of <paramref name="date"/>.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The index into <see cref="Dates"/>, or a negative number (the bitwise complement of the insertion point) when absent.</returns>
    public int IndexOf(DateOnly date) => Array.BinarySearch(dates, date);

    /// <summary>Gets the floor on <paramref name="date"/>, if the series has that day.</summary>
    /// <param name="date">The day.</param>
    /// <param name="value">The floor, or 0 when absent.</param>
    /// <returns><see langword="true"/> when the series has a value on <paramref name="date"/>.</returns>
    public bool TryGetValue(DateOnly date, out decimal value)
    {
        int i = IndexOf(date);
        value = i >= 0 ? values[i] : 0m;
        return i >= 0;
    }

    /// <summary>Returns the series without the days flagged as suspect outliers (the spec's "dropped before the fill").</summary>
    /// <returns>A new series; this one when nothing is flagged.</returns>
    public FloorSeries WithoutSuspectOutliers()
    {
        if (Array.IndexOf(suspect, true) < 0)
        {
            return this;
        }

        var keep = new List<int>();
        for (int i = 0; i < dates.Length; i++)
        {
            if (!suspect[i])
            {
                keep.Add(i);
            }
        }

        return new FloorSeries(
            Collection, Currency, [.. keep.Select(i => dates[i])], [.. keep.Select(i => values[i])], new bool[keep.Count]);
    }

    /// <summary>
    /// Returns a daily series from the first to the last date in which each missing day carries the previous day's
    /// value. Filled days are not flagged as suspect outliers.
    /// </summary>
    /// <returns>A new series; this one when there is no gap.</returns>
    public FloorSeries ForwardFill()
    {
        if (!HasGaps)
        {
            return this;
        }

        int n = dates[^1].DayNumber - dates[0].DayNumber + 1;
        var filledDates = new DateOnly[n];
        var filledValues = new decimal[n];
        var filledFlags = new bool[n];
        int source = 0;
        for (int k = 0; k < n; k++)
        {
            DateOnly day = dates[0].AddDays(k);
            if (source < dates.Length && dates[source] == day)
            {
                filledFlags[k] = suspect[source];
                filledValues[k] = values[source++];
            }
            else
            {
                filledValues[k] = filledValues[k - 1];
            }

            filledDates[k] = day;
        }

        return new FloorSeries(Collection, Currency, filledDates, filledValues, filledFlags);
    }

    /// <summary>Returns the days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <param name="from">The first day to keep.</param>
    /// <param name="to">The last day to keep.</param>
    /// <returns>A new series; possibly empty.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public FloorSeries Between(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"to ({FloorSeriesCsv.Iso(to)}) is before from ({FloorSeriesCsv.Iso(from)}).", nameof(to));
        }

        (int start, int end) = Range(from, to);
        return new FloorSeries(Collection, Currency, dates[start..end], values[start..end], suspect[start..end]);
    }

    /// <summary>
    /// Converts an ETH series to US dollars: each day's floor times that day's ETH/USD close. For the spec's USD
    /// series (market-data §2) drop the suspect outliers and forward-fill first, so that filled days use their own close.
    /// </summary>
    /// <param name="ethUsd">Daily ETH/USD closes covering every date of this series.</param>
    /// <returns>The USD series.</returns>
    /// <exception cref="InvalidOperationException">This series is not in ETH.</exception>
    /// <exception cref="CollectionDataException"><paramref name="ethUsd"/> has no close for one of the dates; the message names the date.</exception>
    public FloorSeries ToUsd(EthUsdSeries ethUsd)
    {
        ArgumentNullException.ThrowIfNull(ethUsd);
        if (Currency != FloorCurrency.Eth)
        {
            throw new InvalidOperationException($"{Collection} is already in {Currency}; only an ETH series converts to USD.");
        }

        var usd = new decimal[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!ethUsd.TryGetClose(dates[i], out decimal close))
            {
                throw new CollectionDataException(
                    $"no ETH/USD close for {FloorSeriesCsv.Iso(dates[i])}, needed to convert the {Collection} floor to USD", ethUsd.SourceName, field: "date");
            }

            usd[i] = values[i] * close;
        }

        return new FloorSeries(Collection, FloorCurrency.Usd, dates, usd, suspect);
    }

    /// <summary>
    /// Returns the trailing rolling median: each day's value becomes the median of that day and the
    /// <paramref name="days"/> − 1 entries before it (fewer at the start of the series). Used by the spec's
    /// low-confidence BAYC figures "with a 9-day rolling median"; forward-fill first so that entries are calendar days.
    /// </summary>
    /// <param name="days">The window length in entries (at least 1; 1 returns this series).</param>
    /// <returns>A new series with the same dates; an even count takes the mean of the two middle values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is below 1.</exception>
    public FloorSeries RollingMedian(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (days == 1)
        {
            return this;
        }

        var medians = new decimal[values.Length];
        var window = new decimal[days];
        for (int i = 0; i < values.Length; i++)
        {
            int first = Math.Max(0, i - days + 1);
            int n = i - first + 1;
            Array.Copy(values, first, window, 0, n);
            Array.Sort(window, 0, n);
            medians[i] = n % 2 == 1 ? window[n / 2] : (window[(n / 2) - 1] + window[n / 2]) / 2;
        }

        return new FloorSeries(Collection, Currency, dates, medians, suspect);
    }

    /// <summary>The half-open index range of the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal (int Start, int End) Range(DateOnly from, DateOnly to)
    {
        int start = IndexOf(from);
        if (start < 0)
        {
            start = ~start;
        }

        int end = IndexOf(to);
        end = end < 0 ? ~end : end + 1;
        return (start, Math.Max(start, end));
    }
}

/// <summary>The line-oriented, header-driven CSV reading shared by the daily series loaders.</summary>
internal sealed class DailySeriesCsvReader
{
    private readonly TextReader reader;
    private readonly string source;
    private readonly Dictionary<string, int> columns = new(StringComparer.OrdinalIgnoreCase);
    private List<string> fields = [];
    private int line;

    public DailySeriesCsvReader(TextReader reader, string source)
    {
        this.reader = reader;
        this.source = source;
        string? header = reader.ReadLine();
        line = 1;
        if (header is null || header.Trim().Length == 0)
        {
            throw Error(null, "empty file: expected a header row");
        }

        fields = Split(header.TrimStart('\uFEFF'));
        for (int i = 0; i < fields.Count; i++)
        {
            string name = fields[i].Trim();
            if (name.Length > 0 && !columns.TryAdd(name, i))
            {
                throw Error(name, "column appears twice in the header");
            }
        }

        HeaderWidth = fields.Count;
    }

    public int HeaderWidth { get; }

    public static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public int Column(string name, bool required)
    {
        if (columns.TryGetValue(name, out int index))
        {
            return index;
        }

        return required
            ? throw new CollectionDataException($"missing required column (header has: {string.Join(", ", columns.Keys)})", $"{source}:1", field: name)
            : -1;
    }

    public bool TryReadRow()
    {
        while (reader.ReadLine() is string text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            fields = Split(text);
            if (fields.Count != HeaderWidth)
            {
                throw Error(null, $"expected {HeaderWidth} fields as in the header, found {fields.Count}");
            }

            return true;
        }

        return false;
    }

    public string Cell(int column) => fields[column].Trim();

    public CollectionDataException Error(string? field, string reason) => new(reason, $"{source}:{line}", field: field);

    public DateOnly Date(int column, string field)
    {
        string cell = Cell(column);
        return DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw Error(field, cell.Length == 0 ? "empty; expected a date yyyy-MM-dd" : $"not a date yyyy-MM-dd: '{cell}'");
    }

    public decimal Positive(int column, string field)
    {
        decimal value = Number(column, field) ?? throw Error(field, "empty; expected a positive number");
        return value > 0 ? value : throw Error(field, $"must be positive, not {Cell(column)}");
    }

    public decimal? OptionalNonNegative(int column, string field)
    {
        if (column < 0)
        {
            return null;
        }

        decimal? value = Number(column, field);
        return value is null or >= 0 ? value : throw Error(field, $"must not be negative, not {Cell(column)}");
    }

    public int? OptionalCount(int column, string field)
    {
        if (column < 0 || Cell(column).Length == 0)
        {
            return null;
        }

        return int.TryParse(Cell(column), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            ? count
            : throw Error(field, $"not a non-negative whole number: '{Cell(column)}'");
    }

    public bool Flag(int column, string field)
    {
        if (column < 0)
        {
            return false;
        }

        return Cell(column).ToUpperInvariant() switch
        {
            "" or "0" or "FALSE" => false,
            "1" or "TRUE" => true,
            _ => throw Error(field, $"expected 0 or 1, not '{Cell(column)}'"),
        };
    }

    private decimal? Number(int column, string field)
    {
        string cell = Cell(column);
        if (cell.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            throw Error(field, double.IsFinite(d) ? $"out of range: {cell}" : $"must be a finite number, not {cell}");
        }

        throw Error(field, $"not a number: '{cell}'");
    }

    // One RFC 4180 splitter for every market CSV (SalesCsv's): quoted fields, doubled quotes, strict about stray quotes.
    private List<string> Split(string text)
    {
        var result = new List<string>();
        SalesCsv.SplitFields(text, result, $"{source}:{line}");
        return result;
    }
}
