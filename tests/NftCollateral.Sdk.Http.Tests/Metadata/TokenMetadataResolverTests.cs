using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NftCollateral.Sdk.Http.Metadata;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Http.Tests.Metadata;

/// <summary>Schemes, data: URIs, gateways, {id} templates, content checks and time limits.</summary>
public sealed class TokenMetadataResolverTests
{
    private const string Json = """{"name":"Ape #7","image":"ipfs://QmImage/7.png","attributes":[{"trait_type":"Hat","value":"Cap"},{"trait_type":"Level","value":5,"display_type":"number"}]}""";

    private static Task<IPAddress[]> NoDns(string host, CancellationToken token) =>
        throw new InvalidOperationException($"DNS lookup for '{host}' should not happen");

    private static TokenMetadataResolver Resolver(TokenMetadataResolverOptions options) => new(options, null, NoDns);

    private static string Nested(int depth) => """{"name":"deep","x":""" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

    [Fact]
    public async Task DataUri_Base64_IsDecoded()
    {
        using var resolver = new TokenMetadataResolver();
        string uri = "data:application/json;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Json));

        TokenMetadataDocument document = await resolver.ResolveAsync(uri);

        document.Name.ShouldBe("Ape #7");
        document.Image.ShouldBe("ipfs://QmImage/7.png");
        document.Attributes.Count.ShouldBe(2);
        document.FinalUri.ShouldBe(uri);
        document.RawJson.ShouldBe(Json);
    }

    [Fact]
    public async Task DataUri_PercentEncoded_IsDecodedAsUtf8()
    {
        using var resolver = new TokenMetadataResolver();
        string uri = "data:application/json," + Uri.EscapeDataString("""{"name":"Café ☕ 100%","attributes":[]}""");

        TokenMetadataDocument document = await resolver.ResolveAsync(uri);

        document.Name.ShouldBe("Café ☕ 100%");
    }

    [Theory]
    [InlineData("data:application/json;utf8,{\"name\":\"raw 100% json\"}", "raw 100% json")]
    [InlineData("DATA:application/json;charset=utf-8,{\"name\":\"a%20b\"}", "a b")]
    [InlineData("data:application/json,%7B%22name%22%3A%22x%22%7D", "x")]
    public async Task DataUri_Utf8Variants_AreDecoded(string uri, string name)
    {
        using var resolver = new TokenMetadataResolver();

        (await resolver.ResolveAsync(uri)).Name.ShouldBe(name);
    }

    [Theory]
    [InlineData("data:application/json;base64,eyJuYW1lIjoi*!!")]
    [InlineData("data:application/json;base64,eyJ")]
    [InlineData("data:application/json;base64")]
    [InlineData("data:application/json;base64;charset=utf-8,e30=")]
    public async Task DataUri_InvalidBase64OrHeader_IsRefused(string uri)
    {
        using var resolver = new TokenMetadataResolver();

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.InvalidDataUri);
    }

    [Theory]
    [InlineData("data:text/html,<html><body>404</body></html>")]
    [InlineData("data:,hello")]
    [InlineData("data:application/json,<html>not found</html>")]
    [InlineData("data:application/json,{\"name\":")]
    public async Task DataUri_NotJson_IsRefused(string uri)
    {
        using var resolver = new TokenMetadataResolver();

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.NotJson);
    }

    [Fact]
    public async Task DataUri_OverTheSizeLimit_IsTooLarge()
    {
        using var resolver = new TokenMetadataResolver(new() { MaxResponseBytes = 100 });
        string json = "{\"name\":\"" + new string('a', 200) + "\"}";

        var b64 = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("data:application/json;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));
        var plain = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("data:application/json," + json));

        b64.Kind.ShouldBe(MetadataErrorKind.TooLarge);
        plain.Kind.ShouldBe(MetadataErrorKind.TooLarge);
        b64.Message.Length.ShouldBeLessThan(300); // the payload is not echoed
    }

    [Fact]
    public async Task Json_AtTheDepthLimit_IsAcceptedAndOneDeeperIsTooDeep()
    {
        using var resolver = new TokenMetadataResolver(new() { MaxJsonDepth = 32 });

        TokenMetadataDocument ok = await resolver.ResolveAsync("data:application/json," + Nested(32));
        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("data:application/json," + Nested(33)));

        ok.Name.ShouldBe("deep");
        ex.Kind.ShouldBe(MetadataErrorKind.TooDeep);
    }

    [Fact]
    public async Task DeeplyNestedJson_OverHttp_IsTooDeep()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/deep.json", () => Results.Text(deep, "application/json")));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/deep.json")));

        ex.Kind.ShouldBe(MetadataErrorKind.TooDeep);
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "<!DOCTYPE html><html><body>504 Gateway Time-out</body></html>")]
    [InlineData("text/plain", "<html><body>Not found</body></html>")]
    [InlineData("image/png", "{\"name\":\"x\"}")]
    [InlineData("application/json", "")]
    public async Task NonJsonResponse_IsNotJson(string contentType, string body)
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/1", () => Results.Text(body, contentType)));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/1")));

        ex.Kind.ShouldBe(MetadataErrorKind.NotJson);
    }

    [Fact]
    public async Task JsonServedAsTextPlain_IsAccepted()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/1", () => Results.Text(Json, "text/plain; charset=utf-8")));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry] });

        (await resolver.ResolveAsync(server.Url("/1"))).Name.ShouldBe("Ape #7");
    }

    [Fact]
    public async Task HttpErrorStatus_IsHttpErrorWithTheStatus()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/gone", () => Results.StatusCode(410)));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/gone")));

        ex.Kind.ShouldBe(MetadataErrorKind.HttpError);
        ex.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Theory]
    [InlineData("ipfs://QmCid123/7.json")]
    [InlineData("ipfs://ipfs/QmCid123/7.json")]
    [InlineData("IPFS://QmCid123/7.json")]
    public async Task Ipfs_GoesThroughTheGateway(string uri)
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/ipfs/{cid}/{file}", (string cid, string file) => cid == "QmCid123" && file == "7.json" ? Results.Text(Json, "application/json") : Results.NotFound()));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], IpfsGateways = [new Uri(server.BaseUri, "/ipfs/")] });

        TokenMetadataDocument document = await resolver.ResolveAsync(uri);

        document.Name.ShouldBe("Ape #7");
        document.SourceUri.ShouldBe(uri);
        document.FinalUri.ShouldBe(server.Url("/ipfs/QmCid123/7.json"));
        server.Requests.ShouldBe(["/ipfs/QmCid123/7.json"]);
    }

    [Fact]
    public async Task Ipfs_TriesGatewaysInOrder()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
        {
            app.MapGet("/broken/{**path}", () => Results.StatusCode(502));
            app.MapGet("/html/{**path}", () => Results.Text("<html>rate limited</html>", "text/html"));
            app.MapGet("/good/{**path}", () => Results.Text(Json, "application/json"));
        });
        using TokenMetadataResolver resolver = Resolver(new()
        {
            AllowHttp = true,
            AllowedHosts = [server.AllowEntry],
            IpfsGateways = [new Uri("http://10.0.0.1/ipfs/"), new Uri(server.BaseUri, "/broken/"), new Uri(server.BaseUri, "/html/"), new Uri(server.BaseUri, "/good/")],
        });

        TokenMetadataDocument document = await resolver.ResolveAsync("ipfs://QmCid/1");

        document.Name.ShouldBe("Ape #7");
        server.Requests.ShouldBe(["/broken/QmCid/1", "/html/QmCid/1", "/good/QmCid/1"]);
    }

    [Fact]
    public async Task Ipfs_AllGatewaysFailing_ThrowsTheLastError()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/broken/{**path}", () => Results.StatusCode(503)));
        using TokenMetadataResolver resolver = Resolver(new()
        {
            AllowHttp = true,
            AllowedHosts = [server.AllowEntry],
            IpfsGateways = [new Uri("http://10.0.0.1/ipfs/"), new Uri(server.BaseUri, "/broken/")],
        });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("ipfs://QmCid/1"));

        ex.Kind.ShouldBe(MetadataErrorKind.HttpError);
        ex.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("ipfs://QmCid/../../admin")]
    [InlineData("ipfs://QmCid/%2e%2e/admin")]
    [InlineData("ipfs://../etc")]
    [InlineData("ipfs://")]
    [InlineData("ar://")]
    public async Task Ipfs_PathEscapingTheGateway_IsInvalid(string uri)
    {
        using TokenMetadataResolver resolver = Resolver(new() { IpfsGateways = [new Uri("https://gateway.example/ipfs/")] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.InvalidUri);
    }

    [Fact]
    public async Task Arweave_GoesThroughTheArweaveGateway()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/ar/{id}/{file}", (string id, string file) => Results.Text(Json, "application/json")));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], ArweaveGateway = new Uri(server.BaseUri, "/ar") });

        TokenMetadataDocument document = await resolver.ResolveAsync("ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/7.json");

        document.Name.ShouldBe("Ape #7");
        server.Requests.ShouldBe(["/ar/bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/7.json"]);
    }

    [Fact]
    public async Task IdTemplate_IsReplacedWith64LowercaseHexDigits()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
        {
            app.MapGet("/api/token/{file}", (string file) => Results.Text(Json, "application/json"));
            app.MapGet("/ipfs/{cid}/{file}", (string cid, string file) => Results.Text(Json, "application/json"));
        });
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], IpfsGateways = [new Uri(server.BaseUri, "/ipfs/")] });

        await resolver.ResolveAsync(server.BaseUri.AbsoluteUri + "api/token/{id}.json", new BigInteger(0x4CE0));
        await resolver.ResolveAsync("ipfs://QmCid/{id}.json", BigInteger.One);

        server.Requests.ShouldBe([
            "/api/token/0000000000000000000000000000000000000000000000000000000000004ce0.json",
            "/ipfs/QmCid/0000000000000000000000000000000000000000000000000000000000000001.json",
        ]);
    }

    [Fact]
    public async Task IdTemplate_WithoutTokenId_IsInvalidUri()
    {
        using var resolver = new TokenMetadataResolver();

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("https://api.example/{id}.json"));

        ex.Kind.ShouldBe(MetadataErrorKind.InvalidUri);
    }

    [Fact]
    public void Erc1155Id_FormatsTheFullRange()
    {
        BigInteger max = (BigInteger.One << 256) - 1;

        TokenMetadataResolver.Erc1155Id(BigInteger.Zero).ShouldBe(new string('0', 64));
        TokenMetadataResolver.Erc1155Id(max).ShouldBe(new string('f', 64));
        TokenMetadataResolver.Erc1155Id(BigInteger.One << 255).ShouldBe("8" + new string('0', 63));
        TokenMetadataResolver.Erc1155Id(314592).ShouldBe("000000000000000000000000000000000000000000000000000000000004cce0");
        Should.Throw<ArgumentOutOfRangeException>(() => TokenMetadataResolver.Erc1155Id(max + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => TokenMetadataResolver.Erc1155Id(BigInteger.MinusOne));
    }

    [Theory]
    [InlineData("ftp://example.com/1.json")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://example.com/1.json")]
    public async Task UnsupportedScheme_IsRefused(string uri)
    {
        using TokenMetadataResolver resolver = Resolver(new());

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.UnsupportedScheme);
    }

    [Fact]
    public async Task SlowServer_IsATimeout()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                return Results.Text(Json, "application/json");
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/slow")));

        ex.Kind.ShouldBe(MetadataErrorKind.Timeout);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TricklingBody_IsATimeout()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/trickle", async (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                for (int i = 0; i < 300 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], RequestTimeout = TimeSpan.FromMilliseconds(500) });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/trickle")));

        ex.Kind.ShouldBe(MetadataErrorKind.Timeout);
    }

    [Fact]
    public async Task CallerCancellation_StaysOperationCanceled()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/slow", async (HttpContext context) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                return Results.Text(Json, "application/json");
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [server.AllowEntry], RequestTimeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Exception? ex = await Record.ExceptionAsync(() => resolver.ResolveAsync(server.Url("/slow"), null, cts.Token));

        ex.ShouldBeAssignableTo<OperationCanceledException>();
        ((OperationCanceledException)ex!).CancellationToken.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task AlreadyCancelledToken_ThrowsBeforeWork()
    {
        using var resolver = new TokenMetadataResolver();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Exception? ex = await Record.ExceptionAsync(() => resolver.ResolveAsync("data:application/json,{}", null, cts.Token));

        ex.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task ToTokenTraits_UsesTheErc721AttributeSemantics()
    {
        using var resolver = new TokenMetadataResolver();
        TokenMetadataDocument document = await resolver.ResolveAsync("data:application/json," + Json);

        TokenTraits traits = document.ToTokenTraits(new BigInteger(7));

        traits.TokenId.ShouldBe("7");
        traits.Traits.Count.ShouldBe(2);
        traits.Traits[0].ShouldBe(TraitValue.FromText("Hat", "Cap"));
        traits.Traits[1].TraitType.ShouldBe("Level");
        traits.Traits[1].Kind.ShouldBe(TraitValueKind.Number);
        traits.Traits[1].Number.ShouldBe(5);
    }

    [Fact]
    public async Task ToTokenTraits_WithoutAttributes_IsEmpty_AndBadAttributesThrow()
    {
        using var resolver = new TokenMetadataResolver();
        TokenMetadataDocument none = await resolver.ResolveAsync("data:application/json,{\"name\":\"x\"}");
        TokenMetadataDocument bad = await resolver.ResolveAsync("data:application/json,{\"attributes\":[{\"trait_type\":\"Hat\",\"value\":null}]}");

        none.ToTokenTraits("1").Traits.ShouldBeEmpty();
        Should.Throw<CollectionDataException>(() => bad.ToTokenTraits("1"));
    }

    [Fact]
    public async Task Placeholders_AreDetectedWhenTokensShareTheirContent()
    {
        using var resolver = new TokenMetadataResolver();
        var docs = new ConcurrentBag<TokenMetadataDocument>();
        string hidden = """{"name":"Mystery Box","image":"ipfs://QmHidden/box.gif","attributes":[]}""";
        TokenMetadataDocument[] identical = [
            await resolver.ResolveAsync("data:application/json," + hidden),
            await resolver.ResolveAsync("data:application/json," + hidden.Replace(",", ", ", StringComparison.Ordinal)),
            await resolver.ResolveAsync("data:application/json," + hidden)];
        TokenMetadataDocument[] numbered = [
            await resolver.ResolveAsync("data:application/json," + hidden.Replace("Mystery Box", "Mystery Box #1", StringComparison.Ordinal)),
            await resolver.ResolveAsync("data:application/json," + hidden.Replace("Mystery Box", "Mystery Box #2", StringComparison.Ordinal))];
        TokenMetadataDocument[] revealed = [
            await resolver.ResolveAsync("data:application/json," + Json),
            await resolver.ResolveAsync("data:application/json," + Json.Replace("Cap", "Crown", StringComparison.Ordinal))];

        PlaceholderReport same = PlaceholderDetector.Detect(identical);
        PlaceholderReport named = PlaceholderDetector.Detect(numbered);
        PlaceholderReport real = PlaceholderDetector.Detect(revealed);
        PlaceholderReport single = PlaceholderDetector.Detect(identical.Take(1));

        same.ShouldBe(new PlaceholderReport(3, 1, 1, true, true));
        named.ShouldBe(new PlaceholderReport(2, 2, 1, false, true));
        real.ShouldBe(new PlaceholderReport(2, 2, 2, false, false));
        single.IsLikelyPlaceholder.ShouldBeFalse();
    }
}
