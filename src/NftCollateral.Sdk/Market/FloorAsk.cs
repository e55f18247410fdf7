namespace NftCollateral.Sdk.Market;

/// <summary>A collection's lowest active ask as a marketplace reports it.</summary>
/// <param name="Collection">The collection as queried (contract address or slug).</param>
/// <param name="PriceEth">The floor price in ETH; always positive.</param>
/// <param name="Currency">The currency the floor is quoted in, as the source names it.</param>
/// <param name="TokenId">The token listed at the floor, or <see langword="null"/> when the source does not say.</param>
/// <param name="Marketplace">The venue of the floor listing, or <see langword="null"/> when the source does not say.</param>
/// <param name="IsExact">
/// <see langword="true"/> when <paramref name="PriceEth"/> was computed exactly from a raw integer amount (wei);
/// <see langword="false"/> when the source only gives a decimal figure that may be rounded.
/// </param>
/// <param name="AsOf">When the floor was read (from the adapter's time provider).</param>
/// <param name="Source">The data source (for example <c>reservoir</c> or <c>opensea</c>).</param>
public sealed record FloorAsk(
    string Collection,
    decimal PriceEth,
    string Currency,
    string? TokenId,
    string? Marketplace,
    bool IsExact,
    DateTimeOffset AsOf,
    string Source);
