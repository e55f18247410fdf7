using System.Diagnostics;
using System.Net;
using NftCollateral.Sdk.Http.Marketplaces;
using NftCollateral.Sdk.Market;
using static NftCollateral.Sdk.Http.Tests.Marketplaces.FakeMarketplaceServer;

namespace NftCollateral.Sdk.Http.Tests.Marketplaces;

public sealed class OpenSeaMarketDataSourceTests : IClassFixture<FakeMarketplaceServer>, IDisposable
{
    private const string Key = "os-secret-key-0b1d2e";
    private const string Slug = "boredapeyachtclub";
    private static readonly MarketQuery Bayc = new(Slug);
    private readonly FakeMarketplaceServer _server;
    private readonly HttpClient _http = FakeMarketplaceServer.CreateClient();

    public OpenSeaMarketDataSourceTests(FakeMarketplaceServer server) => _server = server;

    public void Dispose() => _http.Dispose();

    private OpenSeaMarketDataSource Source(int maxRetries = 3, bool throwOnUnknownPrice = false) =>
        new(_http, new OpenSeaMarketDataSourceOptions
        {
            BaseAddress = _server.BaseAddress,
            ApiKey = Key,
            PageSize = 100,
            MaxRetries = maxRetries,
            MaxRetryAfter = TimeSpan.FromSeconds(5),
            ThrowOnUnknownPrice = throwOnUnknownPrice,
        });

    [Fact]
    public async Task GetListingsAsync_ThreePagesWithNextCursor_ReadsAllWithKeyHeader()
    {
        _server.Handle(ctx => ctx.Request.Query["next"].ToString() switch
        {
            "" => Json(ctx, Shapes.OpenSeaListingsPage("LXBrPTE=", Shapes.OpenSeaListing("1", "10250000000000000000"))),
            "LXBrPTE=" => Json(ctx, Shapes.OpenSeaListingsPage("LXBrPTI=", Shapes.OpenSeaListing("2", "10250000000000000001"))),
            "LXBrPTI=" => Json(ctx, Shapes.OpenSeaListingsPage(null, Shapes.OpenSeaListing("3", "99999999999999999999"), Shapes.OpenSeaListing("4", "5", currency: "USDC"))),
            _ => Json(ctx, "{}", 400),
        });

        List<MarketListing> listings = await Source().GetListingsAsync(Bayc).ToListAsync();

        listings.Select(l => l.TokenId).ShouldBe(["1", "2", "3"]);
        listings.Select(l => l.PriceEth).ShouldBe([10.25m, 10.250000000000000001m, 99.999999999999999999m]);
        MarketListing first = listings[0];
        first.Maker.ShouldBe("0xdddd000000000000000000000000000000000004");
        first.OrderId.ShouldBe("0xh1");
        first.Marketplace.ShouldBe("opensea.io");
        first.Source.ShouldBe("opensea");
        first.ListedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        first.ExpiresAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1710000000));
        IReadOnlyList<RecordedRequest> requests = _server.Requests;
        requests.Count.ShouldBe(3);
        requests.ShouldAllBe(r => r.Path == "/api/v2/listings/collection/boredapeyachtclub/best" && r.ApiKey == Key);
        requests[0].Query.ShouldBe("?limit=100");
        requests[1].Query.ShouldBe("?limit=100&next=" + Uri.EscapeDataString("LXBrPTE="));
    }

    [Fact]
    public async Task GetListingsAsync_NonEthListingWithThrowOnUnknownPrice_ThrowsUnknownPrice()
    {
        _server.Handle(ctx => Json(ctx, Shapes.OpenSeaListingsPage(null, Shapes.OpenSeaListing("4", "5000000", currency: "USDC"))));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source(throwOnUnknownPrice: true).GetListingsAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.UnknownPrice);
    }

    [Fact]
    public async Task GetBidsAsync_PricesPerUnitAndMapsScopes()
    {
        _server.Handle(ctx => Json(ctx, Shapes.OpenSeaOffersPage(
            null,
            Shapes.OpenSeaOffer("0xc", "30000000000000000003", 3, Shapes.OpenSeaCollectionCriteria),
            Shapes.OpenSeaOffer("0xt", "25000000000000000000", 1, Shapes.OpenSeaTraitCriteria),
            Shapes.OpenSeaOffer("0xz", "0", 1, Shapes.OpenSeaCollectionCriteria))));

        List<MarketBid> bids = await Source().GetBidsAsync(Bayc).ToListAsync();

        bids.Count.ShouldBe(2);
        bids[0].Scope.ShouldBe(BidScope.Collection);
        bids[0].PriceEth.ShouldBe(10.000000000000000001m);
        bids[0].Quantity.ShouldBe(3);
        bids[0].Currency.ShouldBe("WETH");
        bids[0].Maker.ShouldBe("0xeeee000000000000000000000000000000000005");
        bids[1].Scope.ShouldBe(BidScope.Attribute);
        bids[1].Trait.ShouldBe("Fur:Gold");
        bids[1].PriceEth.ShouldBe(25m);
        _server.Requests.Single().Path.ShouldBe("/api/v2/offers/collection/boredapeyachtclub/all");
    }

    [Fact]
    public async Task GetSalesAsync_ReadsSaleEventsExactlyAndFiltersToken()
    {
        _server.Handle(ctx => Json(ctx, Shapes.OpenSeaEventsPage(
            null,
            Shapes.OpenSeaSaleEvent("7", "31000000000000000000"),
            Shapes.OpenSeaSaleEvent("8", "1"),
            Shapes.OpenSeaSaleEvent("7", "29876543210987654321", ts: 1700000100))));

        List<Sale> sales = await Source().GetSalesAsync(Bayc with { TokenId = "7", Since = DateTimeOffset.FromUnixTimeSeconds(1690000000) }).ToListAsync();

        sales.Select(s => s.PriceEth).ShouldBe([31m, 29.876543210987654321m]);
        sales.ShouldAllBe(s => s.TokenId == "7" && s.Marketplace == "opensea.io");
        sales[1].Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000100));
        sales[0].Buyer.ShouldBe("0xbbbb000000000000000000000000000000000002");
        RecordedRequest request = _server.Requests.Single();
        request.Path.ShouldBe("/api/v2/events/collection/boredapeyachtclub");
        request.Query.ShouldBe("?event_type=sale&limit=50&after=1690000000");
    }

    [Fact]
    public async Task GetFloorAskAsync_ReadsStatsFloor_ZeroFloorIsNull()
    {
        string body = """{"total":{"volume":1.5E6,"sales":51000,"average_price":20.1,"num_owners":5500,"market_cap":120000.0,"floor_price":12.3456,"floor_price_symbol":"ETH"},"intervals":[]}""";
        _server.Handle(ctx => Json(ctx, body));
        OpenSeaMarketDataSource source = Source();

        FloorAsk? floor = await source.GetFloorAskAsync(Slug);

        floor.ShouldNotBeNull();
        floor.PriceEth.ShouldBe(12.3456m);
        floor.IsExact.ShouldBeFalse();
        floor.Currency.ShouldBe("ETH");
        _server.Requests.Single().Path.ShouldBe("/api/v2/collections/boredapeyachtclub/stats");

        body = """{"total":{"volume":0,"sales":0,"floor_price":0,"floor_price_symbol":""},"intervals":[]}""";
        (await source.GetFloorAskAsync(Slug)).ShouldBeNull();
    }

    [Fact]
    public async Task GetListingsAsync_RepeatedNextCursor_ThrowsRepeatedCursor()
    {
        _server.Handle(ctx => Json(ctx, Shapes.OpenSeaListingsPage("A", Shapes.OpenSeaListing("1", "1"))));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source().GetListingsAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.RepeatedCursor);
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetListingsAsync_500OnLastCursor_ThrowsHttpErrorAfterFirstPage()
    {
        // OpenSea has answered 500 on the last cursor (ProjectOpenSea/opensea-sdk#412): surface it, do not end quietly.
        _server.Handle(ctx => ctx.Request.Query["next"].ToString() == ""
            ? Json(ctx, Shapes.OpenSeaListingsPage("last", Shapes.OpenSeaListing("1", "1000000000000000000")))
            : Json(ctx, """{"errors":["Internal server error"]}""", 500));
        var seen = new List<MarketListing>();

        var ex = await Should.ThrowAsync<MarketplaceApiException>(async () =>
        {
            await foreach (MarketListing l in Source().GetListingsAsync(Bayc))
            {
                seen.Add(l);
            }
        });

        seen.Count.ShouldBe(1);
        ex.Kind.ShouldBe(MarketplaceErrorKind.HttpError);
        ex.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ex.Endpoint.ShouldBe("/api/v2/listings/collection/boredapeyachtclub/best");
    }

    [Fact]
    public async Task Get429ThenSuccess_RetriesOnceAfterRetryAfter()
    {
        int calls = 0;
        _server.Handle(ctx =>
        {
            if (Interlocked.Increment(ref calls) <= 1)
            {
                ctx.Response.Headers.RetryAfter = "1";
                return Json(ctx, """{"detail":"Request was throttled. Expected available in 1 second."}""", 429);
            }

            return Json(ctx, Shapes.OpenSeaOffersPage(null, Shapes.OpenSeaOffer("0xc", "1000000000000000000", 1, Shapes.OpenSeaCollectionCriteria)));
        });
        var clock = Stopwatch.StartNew();

        List<MarketBid> bids = await Source().GetBidsAsync(Bayc).ToListAsync();

        bids.Single().PriceEth.ShouldBe(1m);
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        _server.Requests.Count.ShouldBe(2);
        _server.Requests.ShouldAllBe(r => r.ApiKey == Key);
    }

    [Fact]
    public async Task ApiKey_NeverInExceptionOrOptionsText()
    {
        _server.Handle(ctx => Html(ctx, $"<html><body>Forbidden for key {ctx.Request.Headers["x-api-key"]}</body></html>", 200));
        var options = new OpenSeaMarketDataSourceOptions { BaseAddress = _server.BaseAddress, ApiKey = Key };

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => new OpenSeaMarketDataSource(_http, options).GetFloorAskAsync(Slug));

        ex.Kind.ShouldBe(MarketplaceErrorKind.MalformedPayload);
        _server.Requests.Single().ApiKey.ShouldBe(Key);
        ex.ToString().ShouldNotContain(Key);
        options.ToString().ShouldNotContain(Key);
        new OpenSeaMarketDataSource(_http, options).ToString()!.ShouldNotContain(Key);
    }
}
