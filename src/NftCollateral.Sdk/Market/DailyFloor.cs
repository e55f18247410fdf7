namespace NftCollateral.Sdk.Market;

/// <summary>
/// One day of a collection's floor history, as read from a daily floor file (see <see cref="FloorSeriesCsv"/>).
/// </summary>
/// <param name="Collection">The collection's name as written in the file (for example <c>cryptopunks</c>).</param>
/// <param name="Date">The UTC calendar day the floor applies to.</param>
/// <param name="FloorEth">The floor in ETH; always positive and finite.</param>
/// <remarks>
/// The optional columns are <see langword="null"/> when the file has no such column or leaves the cell empty;
/// a missing <c>suspect_outlier</c> column or cell reads as <see langword="false"/>.
/// </remarks>
public sealed record DailyFloor(string Collection, DateOnly Date, decimal FloorEth)
{
    /// <summary>Gets the day's traded volume in ETH (<c>volume_eth</c>), when known.</summary>
    public decimal? VolumeEth { get; init; }

    /// <summary>Gets the day's number of sales (<c>sales_count</c>), when known.</summary>
    public int? SalesCount { get; init; }

    /// <summary>Gets the number of active public asks at the end of the day (<c>active_asks</c>), when known.</summary>
    public int? ActiveAsks { get; init; }

    /// <summary>Gets how the floor was derived (<c>method</c>, e.g. <c>lowest_public_ask_eod_utc</c>), when known.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// Gets a value indicating whether the file flags this row as a suspect outlier (<c>suspect_outlier</c> = 1).
    /// Stress statistics drop such rows and forward-fill the gap (market-data spec §2).
    /// </summary>
    public bool SuspectOutlier { get; init; }
}

/// <summary>One day's ETH/USD close, as read from an ETH/USD file (see <see cref="EthUsdCsv"/>).</summary>
/// <param name="Date">The UTC calendar day.</param>
/// <param name="CloseUsd">The closing price of 1 ETH in US dollars; always positive and finite.</param>
public readonly record struct EthUsdClose(DateOnly Date, decimal CloseUsd);

/// <summary>The unit the values of a <see cref="FloorSeries"/> are in.</summary>
public enum FloorCurrency
{
    /// <summary>Ether.</summary>
    Eth,

    /// <summary>US dollars (the ETH floor times the day's ETH/USD close).</summary>
    Usd,
}
