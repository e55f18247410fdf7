using System.Text.Json.Serialization;

namespace NftCollateral.Sdk.Http.Marketplaces;

// OpenSea API v2 shapes (https://docs.opensea.io/reference). Only the fields the adapter reads are declared.
//   GET /api/v2/collections/{slug}/stats                      -> total { floor_price, floor_price_symbol }
//   GET /api/v2/listings/collection/{slug}/best?limit&next    -> listings[] { order_hash, price { current { currency, decimals, value } }, protocol_data, remaining_quantity }, next
//   GET /api/v2/offers/collection/{slug}/all?limit&next       -> offers[] { order_hash, price { currency, decimals, value }, criteria { contract, trait, encoded_token_ids }, protocol_data, remaining_quantity }, next
//   GET /api/v2/events/collection/{slug}?event_type=sale&after&limit&next -> asset_events[] { event_type, order_hash, nft { identifier }, quantity, seller, buyer, payment { quantity, decimals, symbol }, transaction, event_timestamp }, next
//   protocol_data.parameters (Seaport, camelCase): { offerer, offer[] { itemType, token, identifierOrCriteria, startAmount }, consideration[] { same }, startTime, endTime }
internal sealed class OpenSeaStats
{
    public OpenSeaStatsTotal? Total { get; set; }
}

internal sealed class OpenSeaStatsTotal
{
    public decimal? FloorPrice { get; set; }

    public string? FloorPriceSymbol { get; set; }
}

internal sealed class OpenSeaAmount
{
    public string? Currency { get; set; }

    public int? Decimals { get; set; }

    public string? Value { get; set; }
}

internal sealed class OpenSeaListingPrice
{
    public OpenSeaAmount? Current { get; set; }
}

internal sealed class OpenSeaProtocolData
{
    public OpenSeaOrderParameters? Parameters { get; set; }
}

internal sealed class OpenSeaOrderParameters
{
    [JsonPropertyName("offerer")]
    public string? Offerer { get; set; }

    [JsonPropertyName("offer")]
    public OpenSeaItem[]? Offer { get; set; }

    [JsonPropertyName("consideration")]
    public OpenSeaItem[]? Consideration { get; set; }

    [JsonPropertyName("startTime")]
    public long? StartTime { get; set; }

    [JsonPropertyName("endTime")]
    public long? EndTime { get; set; }
}

internal sealed class OpenSeaItem
{
    [JsonPropertyName("itemType")]
    public int? ItemType { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("identifierOrCriteria")]
    public string? IdentifierOrCriteria { get; set; }

    [JsonPropertyName("startAmount")]
    public string? StartAmount { get; set; }
}

internal sealed class OpenSeaListing
{
    public string? OrderHash { get; set; }

    public OpenSeaListingPrice? Price { get; set; }

    public OpenSeaProtocolData? ProtocolData { get; set; }

    public long? RemainingQuantity { get; set; }
}

internal sealed class OpenSeaListingsPage
{
    public OpenSeaListing[]? Listings { get; set; }

    public string? Next { get; set; }
}

internal sealed class OpenSeaTrait
{
    public string? Type { get; set; }

    public string? Value { get; set; }
}

internal sealed class OpenSeaCriteria
{
    public OpenSeaTrait? Trait { get; set; }

    public string? EncodedTokenIds { get; set; }
}

internal sealed class OpenSeaOffer
{
    public string? OrderHash { get; set; }

    public OpenSeaAmount? Price { get; set; }

    public OpenSeaCriteria? Criteria { get; set; }

    public OpenSeaProtocolData? ProtocolData { get; set; }

    public long? RemainingQuantity { get; set; }
}

internal sealed class OpenSeaOffersPage
{
    public OpenSeaOffer[]? Offers { get; set; }

    public string? Next { get; set; }
}

internal sealed class OpenSeaNft
{
    public string? Identifier { get; set; }
}

internal sealed class OpenSeaPayment
{
    public string? Quantity { get; set; }

    public int? Decimals { get; set; }

    public string? Symbol { get; set; }
}

internal sealed class OpenSeaEvent
{
    public string? EventType { get; set; }

    public OpenSeaNft? Nft { get; set; }

    public long? Quantity { get; set; }

    public string? Seller { get; set; }

    public string? Buyer { get; set; }

    public OpenSeaPayment? Payment { get; set; }

    public string? Transaction { get; set; }

    public long? EventTimestamp { get; set; }
}

internal sealed class OpenSeaEventsPage
{
    public OpenSeaEvent[]? AssetEvents { get; set; }

    public string? Next { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OpenSeaStats))]
[JsonSerializable(typeof(OpenSeaListingsPage))]
[JsonSerializable(typeof(OpenSeaOffersPage))]
[JsonSerializable(typeof(OpenSeaEventsPage))]
internal sealed partial class OpenSeaJsonContext : JsonSerializerContext
{
}
