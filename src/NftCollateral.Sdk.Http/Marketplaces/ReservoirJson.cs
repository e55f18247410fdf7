using System.Text.Json.Serialization;

namespace NftCollateral.Sdk.Http.Marketplaces;

// Reservoir REST shapes (https://docs.reservoir.tools). Only the fields the adapter reads are declared.
//   GET /collections/v7?id={contract}            -> collections[].floorAsk { id, price, maker, validFrom, validUntil, sourceDomain, token { contract, tokenId } }
//   GET /sales/v6?collection=|tokens=&continuation= -> sales[] { id, token { contract, tokenId }, orderSource, fillSource, from, to, block, txHash, timestamp, price, isDeleted }, continuation
//   GET /orders/asks/v5?contracts=|token=&status=active&sortBy=price -> orders[], continuation
//   GET /orders/bids/v6?collection=|token=&status=active&sortBy=price -> orders[], continuation
//   order: { id, kind, side, status, contract, maker, price, validFrom, validUntil, quantityRemaining, criteria { kind, data { token { tokenId }, attribute { key, value } } }, source { domain, name }, createdAt }
//   price: { currency { contract, name, symbol, decimals }, amount { raw, decimal, usd, native } }
internal sealed class ReservoirCollectionsPage
{
    public ReservoirCollection[]? Collections { get; set; }
}

internal sealed class ReservoirCollection
{
    public string? Id { get; set; }

    public ReservoirFloorAsk? FloorAsk { get; set; }
}

internal sealed class ReservoirFloorAsk
{
    public string? Id { get; set; }

    public ReservoirPrice? Price { get; set; }

    public string? Maker { get; set; }

    public string? SourceDomain { get; set; }

    public ReservoirTokenRef? Token { get; set; }
}

internal sealed class ReservoirTokenRef
{
    public string? Contract { get; set; }

    public string? TokenId { get; set; }
}

internal sealed class ReservoirPrice
{
    public ReservoirCurrency? Currency { get; set; }

    public ReservoirAmount? Amount { get; set; }
}

internal sealed class ReservoirCurrency
{
    public string? Contract { get; set; }

    public string? Symbol { get; set; }

    public int? Decimals { get; set; }
}

internal sealed class ReservoirAmount
{
    public string? Raw { get; set; }

    public decimal? Usd { get; set; }

    public decimal? Native { get; set; }
}

internal sealed class ReservoirSalesPage
{
    public ReservoirSale[]? Sales { get; set; }

    public string? Continuation { get; set; }
}

internal sealed class ReservoirSale
{
    public string? Id { get; set; }

    public ReservoirTokenRef? Token { get; set; }

    public string? OrderSource { get; set; }

    public string? FillSource { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public long? Block { get; set; }

    public string? TxHash { get; set; }

    public long? Timestamp { get; set; }

    public ReservoirPrice? Price { get; set; }

    public bool? IsDeleted { get; set; }
}

internal sealed class ReservoirOrdersPage
{
    public ReservoirOrder[]? Orders { get; set; }

    public string? Continuation { get; set; }
}

internal sealed class ReservoirOrder
{
    public string? Id { get; set; }

    public string? Maker { get; set; }

    public ReservoirPrice? Price { get; set; }

    public long? ValidFrom { get; set; }

    public long? ValidUntil { get; set; }

    public long? QuantityRemaining { get; set; }

    public ReservoirCriteria? Criteria { get; set; }

    public ReservoirOrderSource? Source { get; set; }
}

internal sealed class ReservoirCriteria
{
    public string? Kind { get; set; }

    public ReservoirCriteriaData? Data { get; set; }
}

internal sealed class ReservoirCriteriaData
{
    public ReservoirTokenRef? Token { get; set; }

    public ReservoirAttribute? Attribute { get; set; }
}

internal sealed class ReservoirAttribute
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

internal sealed class ReservoirOrderSource
{
    public string? Domain { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ReservoirCollectionsPage))]
[JsonSerializable(typeof(ReservoirSalesPage))]
[JsonSerializable(typeof(ReservoirOrdersPage))]
internal sealed partial class ReservoirJsonContext : JsonSerializerContext
{
}
