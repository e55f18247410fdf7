namespace NftCollateral.Sdk.Market;

/// <summary>How exact a sale's timestamp is.</summary>
public enum TimestampPrecision
{
    /// <summary>The timestamp is exact to the second (for example from the block time).</summary>
    Second,

    /// <summary>Only the UTC date is known; the time is set to 00:00:00Z.</summary>
    Day,
}

/// <summary>
/// One sale of one token, as read from a sales file (see <see cref="SalesCsv"/>). Prices are in ETH.
/// </summary>
/// <param name="Collection">The collection's name as written in the file (for example <c>cryptopunks</c>).</param>
/// <param name="TokenId">The token id, as written in the file.</param>
/// <param name="Timestamp">When the sale happened, in UTC (offset zero).</param>
/// <param name="PriceEth">The sale price in ETH; always positive.</param>
/// <param name="PriceUsd">The sale price in US dollars when the file gives one (approximate in the shared data: ETH price × the day's close).</param>
/// <param name="Marketplace">The venue, or <see langword="null"/> when the file has no marketplace column or the cell is empty.</param>
/// <param name="TransactionHash">The transaction hash, or <see langword="null"/> when unknown.</param>
/// <param name="BlockNumber">The block number, or <see langword="null"/> when unknown.</param>
/// <param name="Precision">How exact <paramref name="Timestamp"/> is.</param>
/// <param name="SuspectLowPrice">
/// The file's own <c>suspect_low_price</c> flag: <see langword="true"/> (1), <see langword="false"/> (0), or
/// <see langword="null"/> when the file has no such column or left the cell empty (not evaluated).
/// </param>
/// <param name="Buyer">The buyer's address (lower case) when the file has a <c>buyer</c> column.</param>
/// <param name="Seller">The seller's address (lower case) when the file has a <c>seller</c> column.</param>
public sealed record Sale(
    string Collection,
    string TokenId,
    DateTimeOffset Timestamp,
    decimal PriceEth,
    decimal? PriceUsd,
    string? Marketplace,
    string? TransactionHash,
    long? BlockNumber,
    TimestampPrecision Precision,
    bool? SuspectLowPrice,
    string? Buyer = null,
    string? Seller = null);
