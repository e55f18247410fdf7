namespace NftCollateral.Sdk.Market;

/// <summary>One active listing (ask) of one token on a marketplace. Prices are in ETH.</summary>
/// <param name="Collection">The collection as queried (contract address or slug).</param>
/// <param name="TokenId">The token offered for sale.</param>
/// <param name="PriceEth">The asking price per token in ETH; always positive.</param>
/// <param name="Currency">The currency the order is priced in, as the source names it (for example <c>ETH</c> or <c>WETH</c>).</param>
/// <param name="Quantity">How many units are offered at this price (above 1 only for ERC-1155).</param>
/// <param name="Maker">The seller's address (lower case), or <see langword="null"/> when the source does not give it.</param>
/// <param name="Marketplace">The venue where the order lives (for example <c>opensea.io</c>), or <see langword="null"/> when unknown.</param>
/// <param name="OrderId">The order id or hash, or <see langword="null"/> when unknown.</param>
/// <param name="ListedAt">When the listing became valid, or <see langword="null"/> when unknown.</param>
/// <param name="ExpiresAt">When the listing expires, or <see langword="null"/> when unknown or never.</param>
/// <param name="Source">The data source that reported the listing (for example <c>reservoir</c> or <c>opensea</c>).</param>
public sealed record MarketListing(
    string Collection,
    string TokenId,
    decimal PriceEth,
    string Currency,
    int Quantity,
    string? Maker,
    string? Marketplace,
    string? OrderId,
    DateTimeOffset? ListedAt,
    DateTimeOffset? ExpiresAt,
    string Source)
{
    /// <summary>Converts the listing to an order-book price level for <see cref="Liquidity"/>.</summary>
    /// <returns>A level at <see cref="PriceEth"/> for <see cref="Quantity"/> tokens.</returns>
    public PriceLevel ToPriceLevel() => new(PriceEth, Quantity);
}
