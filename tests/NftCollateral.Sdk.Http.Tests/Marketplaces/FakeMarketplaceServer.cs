using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NftCollateral.Sdk.Http.Tests.Marketplaces;

/// <summary>One recorded request: path, query string and the x-api-key header.</summary>
public sealed record RecordedRequest(string Path, string Query, string? ApiKey);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port), one per test class (xUnit class fixture). Each test installs its
/// own handler with <see cref="Handle"/>; tests in one class run one at a time, so the handler is not shared.
/// </summary>
public sealed class FakeMarketplaceServer : IAsyncLifetime
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private Func<HttpContext, Task> _handler = ctx => Json(ctx, "{}", 404);

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static HttpClient CreateClient() => new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Installs the handler for the next test and clears the request log.</summary>
    public void Handle(Func<HttpContext, Task> handler)
    {
        _requests.Clear();
        _handler = handler;
    }

    public static Task Json(HttpContext ctx, string body, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.WriteAsync(body, Encoding.UTF8);
    }

    public static Task Html(HttpContext ctx, string body, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.WriteAsync(body, Encoding.UTF8);
    }

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(ctx =>
        {
            _requests.Enqueue(new RecordedRequest(ctx.Request.Path.Value ?? string.Empty, ctx.Request.QueryString.Value ?? string.Empty, ctx.Request.Headers["x-api-key"].FirstOrDefault()));
            return _handler(ctx);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single() + "/");
        BaseAddress.Host.ShouldBe("127.0.0.1");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>JSON fragments in the real APIs' shapes.</summary>
internal static class Shapes
{
    public const string Contract = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d";
    public const string Weth = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";

    public static string ReservoirPrice(string raw, string symbol = "ETH", string currencyContract = "0x0000000000000000000000000000000000000000", string native = "1.0") =>
        $$$"""{"currency":{"contract":"{{{currencyContract}}}","name":"{{{symbol}}}","symbol":"{{{symbol}}}","decimals":18},"amount":{"raw":"{{{raw}}}","decimal":1.0,"usd":2000.5,"native":{{{native}}}}}""";

    public static string ReservoirSale(string tokenId, string raw, long timestamp = 1700000000) =>
        $$$"""{"id":"s{{{tokenId}}}","saleId":"x","token":{"contract":"{{{Contract}}}","tokenId":"{{{tokenId}}}","name":null,"image":null,"collection":{"id":"{{{Contract}}}","name":"BAYC"}},"orderSource":"opensea.io","orderSide":"ask","orderKind":"seaport-v1.5","orderId":"0xo","from":"0xAAAA000000000000000000000000000000000001","to":"0xBBBB000000000000000000000000000000000002","amount":"1","fillSource":"opensea.io","block":18000000,"txHash":"0xt{{{tokenId}}}","logIndex":1,"batchIndex":1,"timestamp":{{{timestamp}}},"price":{{{ReservoirPrice(raw)}}},"washTradingScore":0,"isDeleted":false,"createdAt":"2023-11-14T22:13:20.000Z","updatedAt":"2023-11-14T22:13:20.000Z"}""";

    public static string ReservoirSalesPage(string? continuation, params string[] sales) =>
        $$"""{"sales":[{{string.Join(",", sales)}}],"continuation":{{(continuation is null ? "null" : "\"" + continuation + "\"")}}}""";

    public static string ReservoirOrder(string id, string criteria, string price, int quantityRemaining = 1) =>
        $$"""{"id":"{{id}}","kind":"seaport-v1.5","side":"buy","status":"active","tokenSetId":"contract:{{Contract}}","tokenSetSchemaHash":"0x","contract":"{{Contract}}","maker":"0xCCCC000000000000000000000000000000000003","taker":"0x0000000000000000000000000000000000000000","price":{{price}},"validFrom":1700000000,"validUntil":1710000000,"quantityFilled":0,"quantityRemaining":{{quantityRemaining}},"criteria":{{criteria}},"source":{"id":"0xs","domain":"blur.io","name":"Blur","icon":"https://x","url":"https://blur.io"},"feeBps":0,"expiration":1710000000,"isReservoir":null,"createdAt":"2023-11-14T22:13:20.000Z","updatedAt":"2023-11-14T22:13:20.000Z"}""";

    public const string CollectionCriteria = """{"kind":"collection","data":{"collection":{"id":"0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d","name":"BAYC"}}}""";

    public static string TokenCriteria(string tokenId) =>
        $$$$"""{"kind":"token","data":{"token":{"tokenId":"{{{{tokenId}}}}","name":null,"image":null},"collection":{"id":"{{{{Contract}}}}"}}}""";

    public const string AttributeCriteria = """{"kind":"attribute","data":{"collection":{"id":"0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"},"attribute":{"key":"Fur","value":"Gold"}}}""";

    public static string ReservoirOrdersPage(string? continuation, params string[] orders) =>
        $$"""{"orders":[{{string.Join(",", orders)}}],"continuation":{{(continuation is null ? "null" : "\"" + continuation + "\"")}}}""";

    public static string OpenSeaParameters(string offerer, string offer, string consideration) =>
        $$"""{"offerer":"{{offerer}}","offer":[{{offer}}],"consideration":[{{consideration}}],"startTime":"1700000000","endTime":"1710000000","orderType":0,"zone":"0x0","zoneHash":"0x0","salt":"0x1","conduitKey":"0x0","totalOriginalConsiderationItems":2,"counter":0}""";

    public static string SeaportItem(int itemType, string token, string id, string amount) =>
        $$"""{"itemType":{{itemType}},"token":"{{token}}","identifierOrCriteria":"{{id}}","startAmount":"{{amount}}","endAmount":"{{amount}}"}""";

    public static string OpenSeaListing(string tokenId, string value, string currency = "ETH") =>
        $$$"""{"order_hash":"0xh{{{tokenId}}}","chain":"ethereum","type":"basic","price":{"current":{"currency":"{{{currency}}}","decimals":18,"value":"{{{value}}}"}},"protocol_data":{"parameters":{{{OpenSeaParameters("0xDDDD000000000000000000000000000000000004", SeaportItem(2, Contract, tokenId, "1"), SeaportItem(0, "0x0000000000000000000000000000000000000000", "0", value))}}},"signature":null},"protocol_address":"0x0000000000000068f116a894984e2db1123eb395","remaining_quantity":1,"status":"ACTIVE"}""";

    public static string OpenSeaListingsPage(string? next, params string[] listings) =>
        $$"""{"listings":[{{string.Join(",", listings)}}],"next":{{(next is null ? "null" : "\"" + next + "\"")}}}""";

    public static string OpenSeaOffer(string hash, string value, int quantity, string criteria, string currency = "WETH") =>
        $$"""{"order_hash":"{{hash}}","chain":"ethereum","criteria":{{criteria}},"price":{"currency":"{{currency}}","decimals":18,"value":"{{value}}"},"protocol_data":{"parameters":{{OpenSeaParameters("0xEEEE000000000000000000000000000000000005", SeaportItem(1, Weth, "0", value), SeaportItem(4, Contract, "0", quantity.ToString()))}},"signature":null},"protocol_address":"0x0000000000000068f116a894984e2db1123eb395","status":"ACTIVE"}""";

    public const string OpenSeaCollectionCriteria = """{"collection":{"slug":"boredapeyachtclub"},"contract":{"address":"0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"},"trait":null,"encoded_token_ids":null}""";

    public const string OpenSeaTraitCriteria = """{"collection":{"slug":"boredapeyachtclub"},"contract":{"address":"0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"},"trait":{"type":"Fur","value":"Gold"},"encoded_token_ids":null}""";

    public static string OpenSeaOffersPage(string? next, params string[] offers) =>
        $$"""{"offers":[{{string.Join(",", offers)}}],"next":{{(next is null ? "null" : "\"" + next + "\"")}}}""";

    public static string OpenSeaSaleEvent(string tokenId, string quantityWei, long ts = 1700000000, string symbol = "ETH") =>
        $$"""{"event_type":"sale","order_hash":"0xo","chain":"ethereum","protocol_address":"0x0000000000000068f116a894984e2db1123eb395","closing_date":{{ts}},"nft":{"identifier":"{{tokenId}}","collection":"boredapeyachtclub","contract":"{{Contract}}","token_standard":"erc721","name":null,"description":null,"image_url":null,"metadata_url":null,"opensea_url":"https://opensea.io","updated_at":"2023-11-14T22:13:20","is_disabled":false,"is_nsfw":false},"quantity":1,"seller":"0xAAAA000000000000000000000000000000000001","buyer":"0xBBBB000000000000000000000000000000000002","payment":{"quantity":"{{quantityWei}}","token_address":"0x0000000000000000000000000000000000000000","decimals":18,"symbol":"{{symbol}}"},"transaction":"0xt{{tokenId}}","event_timestamp":{{ts}}}""";

    public static string OpenSeaEventsPage(string? next, params string[] events) =>
        $$"""{"asset_events":[{{string.Join(",", events)}}],"next":{{(next is null ? "null" : "\"" + next + "\"")}}}""";
}
