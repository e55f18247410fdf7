namespace NftCollateral.Sdk.Market;

/// <summary>
/// Reads daily ETH/USD close files (<c>eth-usd-daily.csv</c>): the columns <c>date</c> (<c>yyyy-MM-dd</c>) and
/// <c>eth_usd_close</c> are found by name in the header; other columns are ignored.
/// </summary>
/// <remarks>
/// A bad row raises <see cref="CollectionDataException"/> whose source is <c>file:line</c> (the header is line 1) and
/// whose field is the column at fault: an unparseable cell, a close that is zero, negative, NaN or infinite, or a
/// date that is not after the previous one (duplicate or unsorted).
/// </remarks>
public static class EthUsdCsv
{
    /// <summary>Reads an ETH/USD close file.</summary>
    /// <param name="reader">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages and kept as <see cref="EthUsdSeries.SourceName"/>.</param>
    /// <returns>The closes, by date.</returns>
    /// <exception cref="CollectionDataException">The file is malformed.</exception>
    public static EthUsdSeries Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var csv = new DailySeriesCsvReader(reader, sourceName);
        int date = csv.Column("date", required: true);
        int close = csv.Column("eth_usd_close", required: true);
        var rows = new List<EthUsdClose>();
        while (csv.TryReadRow())
        {
            DateOnly day = csv.Date(date, "date");
            if (rows.Count > 0 && day <= rows[^1].Date)
            {
                throw csv.Error("date", day == rows[^1].Date
                    ? $"duplicate date {FloorSeriesCsv.Iso(day)}"
                    : $"date {FloorSeriesCsv.Iso(day)} is before the previous date {FloorSeriesCsv.Iso(rows[^1].Date)} (rows must be sorted by date)");
            }

            rows.Add(new EthUsdClose(day, csv.Positive(close, "eth_usd_close")));
        }

        return new EthUsdSeries(rows, sourceName);
    }

    /// <summary>Reads an ETH/USD close file from a stream (UTF-8, with or without a byte-order mark).</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The closes, by date.</returns>
    /// <exception cref="CollectionDataException">The file is malformed.</exception>
    public static async Task<EthUsdSeries> ReadAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        string text = await DailySeriesCsvReader.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        return Read(reader, sourceName);
    }
}

/// <summary>Daily ETH/USD closes with strictly increasing dates. Gaps are allowed and never filled silently.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EthUsdSeries
{
    private readonly DateOnly[] dates;
    private readonly decimal[] closes;

    /// <summary>Initializes a new instance of the <see cref="EthUsdSeries"/> class.</summary>
    /// <param name="closes">The closes, dates strictly increasing, every close positive.</param>
    /// <param name="sourceName">Where the closes came from, for error messages; <see langword="null"/> when unknown.</param>
    /// <exception cref="ArgumentException">A date is not after the previous one, or a close is not positive.</exception>
    public EthUsdSeries(IEnumerable<EthUsdClose> closes, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(closes);
        EthUsdClose[] rows = [.. closes];
        for (int i = 0; i < rows.Length; i++)
        {
            if (i > 0 && rows[i].Date <= rows[i - 1].Date)
            {
                throw new ArgumentException($"closes[{i}] date {FloorSeriesCsv.Iso(rows[i].Date)} is not after {FloorSeriesCsv.Iso(rows[i - 1].Date)}.", nameof(closes));
            }

            if (rows[i].CloseUsd <= 0)
            {
                throw new ArgumentException($"closes[{i}] on {FloorSeriesCsv.Iso(rows[i].Date)} is not positive.", nameof(closes));
            }
        }

        dates = [.. rows.Select(r => r.Date)];
        this.closes = [.. rows.Select(r => r.CloseUsd)];
        SourceName = sourceName;
    }

    /// <summary>Gets where the closes came from (a file name), or <see langword="null"/> when unknown.</summary>
    public string? SourceName { get; }

    /// <summary>Gets the number of days.</summary>
    public int Count => dates.Length;

    /// <summary>Gets the dates, strictly increasing.</summary>
    public ReadOnlySpan<DateOnly> Dates => dates;

    /// <summary>Gets the USD close on each of <see cref="Dates"/>.</summary>
    public ReadOnlySpan<decimal> Closes => closes;

    /// <summary>Gets the close on <paramref name="date"/>.</summary>
    /// <param name="date">The day.</param>
    /// <exception cref="KeyNotFoundException">There is no close for <paramref name="date"/>.</exception>
    public decimal this[DateOnly date] => TryGetClose(date, out decimal close)
        ? close
        : throw new KeyNotFoundException($"no ETH/USD close for {FloorSeriesCsv.Iso(date)}");

    /// <summary>Gets the close on <paramref name="date"/>, if known.</summary>
    /// <param name="date">The day.</param>
    /// <param name="closeUsd">The close, or 0 when unknown.</param>
    /// <returns><see langword="true"/> when the series has <paramref name="date"/>.</returns>
    public bool TryGetClose(DateOnly date, out decimal closeUsd)
    {
        int i = Array.BinarySearch(dates, date);
        closeUsd = i >= 0 ? closes[i] : 0m;
        return i >= 0;
    }

    /// <summary>Returns the closes as a <see cref="FloorSeries"/> in USD (for analysing ETH itself with <see cref="Drawdowns"/>).</summary>
    /// <param name="name">The name the series carries.</param>
    /// <returns>The series.</returns>
    public FloorSeries ToSeries(string name = "ETH/USD") => FloorSeries.FromValues(name, FloorCurrency.Usd, dates, closes);
}
