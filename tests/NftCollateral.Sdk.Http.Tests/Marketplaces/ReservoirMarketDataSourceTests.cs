using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using NftCollateral.Sdk.Http.Marketplaces;
using NftCollateral.Sdk.Market;
using static NftCollateral.Sdk.Http.Tests.Marketplaces.FakeMarketplaceServer;

namespace NftCollateral.Sdk.Http.Tests.Marketplaces;

public sealed class ReservoirMarketDataSourceTests : IClassFixture<FakeMarketplaceServer>, IDisposable
{
    private const string Key = "rsv-secret-key-7f3a9c";
    private readonly FakeMarketplaceServer _server;
    private readonly HttpClient _http;

    public ReservoirMarketDataSourceTests(FakeMarketplaceServer server)
    {
        _server = server;
        _http = FakeMarketplaceServer.CreateClient();
    }

    public void Dispose() => _http.Dispose();

    private ReservoirMarketDataSource Source(int maxPages = 100, int maxRetries = 3, double maxRetryAfterSeconds = 5, bool throwOnUnknownPrice = false) =>
        new(_http, new ReservoirMarketDataSourceOptions
        {
            BaseAddress = _server.BaseAddress,
            ApiKey = Key,
            PageSize = 2,
            MaxPages = maxPages,
            MaxRetries = maxRetries,
            MaxRetryAfter = TimeSpan.FromSeconds(maxRetryAfterSeconds),
            ThrowOnUnknownPrice = throwOnUnknownPrice,
        });

    private static readonly MarketQuery Bayc = new(Shapes.Contract);

    [Fact]
    public async Task GetSalesAsync_ThreePages_FollowsContinuationAndStopsAtLastPage()
    {
        _server.Handle(ctx => ctx.Request.Query["continuation"].ToString() switch
        {
            "" => Json(ctx, Shapes.ReservoirSalesPage("c1", Shapes.ReservoirSale("1", "1000000000000000000"), Shapes.ReservoirSale("2", "1500000000000000000"))),
            "c1" => Json(ctx, Shapes.ReservoirSalesPage("c2", Shapes.ReservoirSale("3", "2000000000000000001"), Shapes.ReservoirSale("4", "7"))),
            "c2" => Json(ctx, Shapes.ReservoirSalesPage(null, Shapes.ReservoirSale("5", "123456789012345678901"))),
            _ => Json(ctx, "{}", 400),
        });

        List<Sale> sales = await Source().GetSalesAsync(Bayc with { Since = DateTimeOffset.FromUnixTimeSeconds(1690000000) }).ToListAsync();

        sales.Select(s => s.TokenId).ShouldBe(["1", "2", "3", "4", "5"]);
        sales.Select(s => s.PriceEth).ShouldBe([1m, 1.5m, 2.000000000000000001m, 0.000000000000000007m, 123.456789012345678901m]);
        Sale first = sales[0];
        first.Collection.ShouldBe(Shapes.Contract);
        first.Timestamp.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        first.Marketplace.ShouldBe("opensea.io");
        first.TransactionHash.ShouldBe("0xt1");
        first.BlockNumber.ShouldBe(18000000);
        first.PriceUsd.ShouldBe(2000.5m);
        first.Buyer.ShouldBe("0xbbbb000000000000000000000000000000000002");
        first.Seller.ShouldBe("0xaaaa000000000000000000000000000000000001");

        IReadOnlyList<RecordedRequest> requests = _server.Requests;
        requests.Count.ShouldBe(3);
        requests.ShouldAllBe(r => r.Path == "/sales/v6" && r.ApiKey == Key);
        requests[0].Query.ShouldBe($"?collection={Shapes.Contract}&startTimestamp=1690000000&limit=2");
        requests[1].Query.ShouldEndWith("&continuation=c1");
        requests[2].Query.ShouldEndWith("&continuation=c2");
    }

    [Fact]
    public async Task GetSalesAsync_RepeatedContinuation_ThrowsAfterYieldingTheFirstPages()
    {
        _server.Handle(ctx => Json(ctx, Shapes.ReservoirSalesPage("same", Shapes.ReservoirSale("1", "1000000000000000000"))));
        var seen = new List<Sale>();

        var ex = await Should.ThrowAsync<MarketplaceApiException>(async () =>
        {
            await foreach (Sale s in Source().GetSalesAsync(Bayc))
            {
                seen.Add(s);
            }
        });

        ex.Kind.ShouldBe(MarketplaceErrorKind.RepeatedCursor);
        ex.Endpoint.ShouldBe("/sales/v6");
        seen.Count.ShouldBe(2);
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetSalesAsync_MorePagesThanMaxPages_ThrowsPageLimitReachedInsteadOfTruncating()
    {
        int n = 0;
        _server.Handle(ctx => Json(ctx, Shapes.ReservoirSalesPage("c" + Interlocked.Increment(ref n), Shapes.ReservoirSale("1", "1000000000000000000"))));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source(maxPages: 3).GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.PageLimitReached);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetSalesAsync_429WithRetryAfterSeconds_WaitsThenSucceeds()
    {
        int calls = 0;
        _server.Handle(ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.Headers.RetryAfter = "1";
                return Json(ctx, """{"message":"Too many requests"}""", 429);
            }

            return Json(ctx, Shapes.ReservoirSalesPage(null, Shapes.ReservoirSale("9", "42")));
        });
        var clock = Stopwatch.StartNew();

        List<Sale> sales = await Source().GetSalesAsync(Bayc).ToListAsync();

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        sales.Single().PriceEth.ShouldBe(0.000000000000000042m);
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetSalesAsync_429BeyondRetryBudget_ThrowsRateLimited()
    {
        _server.Handle(ctx =>
        {
            ctx.Response.Headers.RetryAfter = "0";
            return Json(ctx, """{"message":"Too many requests"}""", 429);
        });

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source(maxRetries: 2).GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.RateLimited);
        ex.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        ex.RetryAfter.ShouldBe(TimeSpan.Zero);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetSalesAsync_429WithRetryAfterDateBeyondMaxWait_ThrowsAtOnce()
    {
        _server.Handle(ctx =>
        {
            ctx.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddHours(1).ToString("R");
            return Json(ctx, "{}", 429);
        });
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source(maxRetryAfterSeconds: 5).GetSalesAsync(Bayc).ToListAsync().AsTask());

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        ex.Kind.ShouldBe(MarketplaceErrorKind.RateLimited);
        ex.RetryAfter.ShouldNotBeNull();
        ex.RetryAfter.Value.ShouldBeInRange(TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetSalesAsync_500_ThrowsHttpErrorWithPathOnly()
    {
        _server.Handle(ctx => Json(ctx, """{"statusCode":500,"error":"Internal Server Error","message":"An internal server error occurred"}""", 500));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source().GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.HttpError);
        ex.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ex.Marketplace.ShouldBe("reservoir");
        ex.Endpoint.ShouldBe("/sales/v6");
        ex.Message.ShouldNotContain("?");
        ex.Message.ShouldNotContain(Shapes.Contract);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetSalesAsync_HtmlPageWithStatus200_ThrowsMalformedPayload()
    {
        _server.Handle(ctx => Html(ctx, "<html><body><h1>Just a moment...</h1></body></html>", 200));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source().GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.MalformedPayload);
        ex.Message.ShouldContain("text/html");
    }

    [Fact]
    public async Task GetSalesAsync_HtmlErrorPageWithStatus503_ThrowsHttpErrorWithStatus()
    {
        _server.Handle(ctx => Html(ctx, "<html><body>502 Bad Gateway</body></html>", 503));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source().GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.HttpError);
        ex.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("""{"sales":[{"token":{"tokenId":"1"},""")]
    [InlineData("""{"sales":"not an array","continuation":null}""")]
    [InlineData("""{"continuation":null}""")]
    [InlineData("""{"sales":[{"token":{"tokenId":"1"},"timestamp":1700000000,"price":{"amount":{"raw":[1]}}}]}""")]
    [InlineData("""null""")]
    [InlineData("""{"sales":[{"token":{},"timestamp":1700000000}]}""")]
    public async Task GetSalesAsync_MalformedJson_ThrowsMalformedPayload(string body)
    {
        _server.Handle(ctx => Json(ctx, body));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source().GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.MalformedPayload);
        ex.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, null);
    }

    [Fact]
    public async Task ApiKey_IsSentInHeader_AndNeverAppearsInErrorsOrOptions()
    {
        _server.Handle(ctx =>
        {
            string echoed = ctx.Request.Headers["x-api-key"].ToString();
            ctx.Response.Headers["x-echo"] = echoed;
            return Json(ctx, $$"""{"message":"invalid key {{echoed}}"}""", 401);
        });
        var options = new ReservoirMarketDataSourceOptions { BaseAddress = _server.BaseAddress, ApiKey = Key };

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => new ReservoirMarketDataSource(_http, options).GetBidsAsync(Bayc).ToListAsync().AsTask());

        _server.Requests.Single().ApiKey.ShouldBe(Key);
        ex.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ex.ToString().ShouldNotContain(Key);
        ex.Message.ShouldNotContain(Key);
        options.ToString().ShouldNotContain(Key);
        options.ToString().ShouldContain("ApiKey = ***");
    }

    [Fact]
    public async Task GetSalesAsync_CancelledWhileWaitingForPage2_ThrowsOperationCanceled()
    {
        _server.Handle(async ctx =>
        {
            if (ctx.Request.Query["continuation"].ToString() == "c1")
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(8), ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await Json(ctx, Shapes.ReservoirSalesPage("c1", Shapes.ReservoirSale("1", "1000000000000000000")));
        });
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        int received = 0;

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (Sale _ in Source().GetSalesAsync(Bayc, cts.Token))
            {
                received++;
                cts.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        });

        received.ShouldBe(1);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GetBidsAsync_MapsScopesQuantityAndCurrencies()
    {
        _server.Handle(ctx => Json(ctx, Shapes.ReservoirOrdersPage(
            null,
            Shapes.ReservoirOrder("b1", Shapes.CollectionCriteria, Shapes.ReservoirPrice("31415926535897932384", "BETH", "0x0000000000a39bb272e79075ade125fd351887ac"), quantityRemaining: 12),
            Shapes.ReservoirOrder("b2", Shapes.TokenCriteria("77"), Shapes.ReservoirPrice("40000000000000000000", "WETH", Shapes.Weth)),
            Shapes.ReservoirOrder("b3", Shapes.AttributeCriteria, Shapes.ReservoirPrice("35000000000000000000", "WETH", Shapes.Weth)),
            Shapes.ReservoirOrder("b4", Shapes.CollectionCriteria, Shapes.ReservoirPrice("50000000", "USDC", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", native: "0.025")),
            Shapes.ReservoirOrder("b5", Shapes.CollectionCriteria, Shapes.ReservoirPrice("0", "WETH", Shapes.Weth)))));

        List<MarketBid> bids = await Source().GetBidsAsync(Bayc).ToListAsync();

        bids.Select(b => b.OrderId).ShouldBe(["b1", "b2", "b3", "b4"]);
        MarketBid collection = bids[0];
        collection.Scope.ShouldBe(BidScope.Collection);
        collection.TokenId.ShouldBeNull();
        collection.PriceEth.ShouldBe(31.415926535897932384m);
        collection.Currency.ShouldBe("BETH");
        collection.Quantity.ShouldBe(12);
        collection.Maker.ShouldBe("0xcccc000000000000000000000000000000000003");
        collection.Marketplace.ShouldBe("blur.io");
        collection.ExpiresAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1710000000));
        collection.Source.ShouldBe("reservoir");
        bids[1].Scope.ShouldBe(BidScope.Token);
        bids[1].TokenId.ShouldBe("77");
        bids[2].Scope.ShouldBe(BidScope.Attribute);
        bids[2].Trait.ShouldBe("Fur:Gold");
        bids[3].PriceEth.ShouldBe(0.025m);
        bids[3].Currency.ShouldBe("USDC");
        _server.Requests.Single().Path.ShouldBe("/orders/bids/v6");
    }

    [Fact]
    public async Task GetBidsAsync_ZeroPriceWithThrowOnUnknownPrice_ThrowsUnknownPrice()
    {
        _server.Handle(ctx => Json(ctx, Shapes.ReservoirOrdersPage(null, Shapes.ReservoirOrder("b5", Shapes.CollectionCriteria, Shapes.ReservoirPrice("0", "WETH", Shapes.Weth)))));

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => Source(throwOnUnknownPrice: true).GetBidsAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.UnknownPrice);
    }

    [Fact]
    public async Task GetListingsAsync_TokenQuery_UsesTokenFilterAndMapsListing()
    {
        _server.Handle(ctx => Json(ctx, Shapes.ReservoirOrdersPage(null, Shapes.ReservoirOrder("a1", Shapes.TokenCriteria("8817"), Shapes.ReservoirPrice("1000000000000000001")))));

        MarketListing listing = (await Source().GetListingsAsync(Bayc with { TokenId = "8817" }).ToListAsync()).Single();

        listing.TokenId.ShouldBe("8817");
        listing.PriceEth.ShouldBe(1.000000000000000001m);
        listing.Currency.ShouldBe("ETH");
        listing.ListedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        listing.ToPriceLevel().PriceEth.ShouldBe(1.000000000000000001m);
        RecordedRequest request = _server.Requests.Single();
        request.Path.ShouldBe("/orders/asks/v5");
        request.Query.ShouldContain("token=" + Uri.EscapeDataString(Shapes.Contract + ":8817"));
        request.Query.ShouldContain("status=active");
    }

    [Fact]
    public async Task GetFloorAskAsync_ReadsFloorExactly_NullFloorIsNull_EmptyIsNotFound()
    {
        string floorJson = $$$$"""{"collections":[{"id":"{{{{Shapes.Contract}}}}","slug":"bayc","name":"BAYC","floorAsk":{"id":"0xf","sourceDomain":"opensea.io","price":{{{{Shapes.ReservoirPrice("12345000000000000000")}}}},"maker":"0xm","validFrom":1700000000,"validUntil":1710000000,"token":{"contract":"{{{{Shapes.Contract}}}}","tokenId":"4321","name":null,"image":null}}}]}""";
        string body = floorJson;
        _server.Handle(ctx => Json(ctx, body));
        ReservoirMarketDataSource source = Source();

        FloorAsk? floor = await source.GetFloorAskAsync(Shapes.Contract);

        floor.ShouldNotBeNull();
        floor.PriceEth.ShouldBe(12.345m);
        floor.IsExact.ShouldBeTrue();
        floor.TokenId.ShouldBe("4321");
        floor.Marketplace.ShouldBe("opensea.io");
        _server.Requests.Single().Query.ShouldBe("?id=" + Shapes.Contract);

        body = """{"collections":[{"id":"0x1","floorAsk":{"id":null,"sourceDomain":null,"price":null,"maker":null,"validFrom":null,"validUntil":null,"token":null}}]}""";
        (await source.GetFloorAskAsync(Shapes.Contract)).ShouldBeNull();

        body = """{"collections":[]}""";
        (await Should.ThrowAsync<MarketplaceApiException>(() => source.GetFloorAskAsync(Shapes.Contract))).Kind.ShouldBe(MarketplaceErrorKind.NotFound);
    }

    [Fact]
    public async Task GetSalesAsync_HttpClientTimeout_ThrowsTimeoutNotOperationCanceled()
    {
        _server.Handle(async ctx =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var shortClient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var source = new ReservoirMarketDataSource(shortClient, new ReservoirMarketDataSourceOptions { BaseAddress = _server.BaseAddress, ApiKey = Key });

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => source.GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.Timeout);
        ex.ToString().ShouldNotContain(Key);
    }

    [Fact]
    public async Task GetSalesAsync_ConnectionRefused_ThrowsTransport()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var source = new ReservoirMarketDataSource(_http, new ReservoirMarketDataSourceOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), ApiKey = Key });

        var ex = await Should.ThrowAsync<MarketplaceApiException>(() => source.GetSalesAsync(Bayc).ToListAsync().AsTask());

        ex.Kind.ShouldBe(MarketplaceErrorKind.Transport);
        ex.StatusCode.ShouldBeNull();
        ex.ToString().ShouldNotContain(Key);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReservoirMarketDataSource(_http, new ReservoirMarketDataSourceOptions { PageSize = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ReservoirMarketDataSource(_http, new ReservoirMarketDataSourceOptions { PageSize = 1001 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ReservoirMarketDataSource(_http, new ReservoirMarketDataSourceOptions { MaxPages = 0 }));
        Should.Throw<ArgumentException>(() => new ReservoirMarketDataSource(_http, new ReservoirMarketDataSourceOptions { BaseAddress = new Uri("/relative", UriKind.Relative) }));
        Should.Throw<ArgumentNullException>(() => new ReservoirMarketDataSource(null!));
    }
}
