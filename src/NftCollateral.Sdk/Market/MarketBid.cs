namespace NftCollateral.Sdk.Market;

/// <summary>What an offer (bid) can be filled with.</summary>
public enum BidScope
{
    /// <summary>One specific token (<see cref="MarketBid.TokenId"/> names it).</summary>
    Token,

    /// <summary>Any token of the collection (a collection offer).</summary>
    Collection,

    /// <summary>Any token having a trait (<see cref="MarketBid.Trait"/> names it).</summary>
    Attribute,

    /// <summary>A set of tokens the source does not describe further (for example a custom token list).</summary>
    Other,
}

/// <summary>One active offer (bid) on a marketplace. Prices are in ETH, per token.</summary>
/// <param name="Collection">The collection as queried (contract address or slug).</param>
/// <param name="Scope">What the bid can be filled with.</param>
/// <param name="TokenId">The token bid for when <paramref name="Scope"/> is <see cref="BidScope.Token"/>; otherwise <see langword="null"/>.</param>
/// <param name="Trait">The trait (<c>type:value</c>) when <paramref name="Scope"/> is <see cref="BidScope.Attribute"/>; otherwise <see langword="null"/>.</param>
/// <param name="PriceEth">The price offered per token in ETH, before marketplace fees and royalties; always positive.</param>
/// <param name="Currency">The currency the offer is priced in, as the source names it (usually <c>WETH</c>).</param>
/// <param name="Quantity">How many tokens the bidder still wants at this price; at least 1.</param>
/// <param name="Maker">The bidder's address (lower case), or <see langword="null"/> when the source does not give it.</param>
/// <param name="Marketplace">The venue where the offer lives, or <see langword="null"/> when unknown.</param>
/// <param name="OrderId">The order id or hash, or <see langword="null"/> when unknown.</param>
/// <param name="CreatedAt">When the offer became valid, or <see langword="null"/> when unknown.</param>
/// <param name="ExpiresAt">When the offer expires, or <see langword="null"/> when unknown or never.</param>
/// <param name="Source">The data source that reported the offer (for example <c>reservoir</c> or <c>opensea</c>).</param>
public sealed record MarketBid(
    string Collection,
    BidScope Scope,
    string? TokenId,
    string? Trait,
    decimal PriceEth,
    string Currency,
    int Quantity,
    string? Maker,
    string? Marketplace,
    string? OrderId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    string Source)
{
    /// <summary>Converts the bid to an order-book price level for <see cref="Liquidity"/>.</summary>
    /// <returns>A level at <see cref="PriceEth"/> for <see cref="Quantity"/> tokens.</returns>
    public PriceLevel ToPriceLevel() => new(PriceEth, Quantity);
}
