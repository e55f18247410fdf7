using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NftCollateral.Sdk.Http.Metadata;

namespace NftCollateral.Sdk.Http.Tests.Metadata;

/// <summary>The resolver must never reach loopback, private, link-local or metadata targets, directly or by redirect.</summary>
public sealed class TokenMetadataResolverSsrfTests
{
    private const string Json = """{"name":"Token #1","image":"ipfs://QmImage/1.png","attributes":[{"trait_type":"Hat","value":"Cap"}]}""";

    // DNS must not be consulted for a literal address or for a name refused by the name rules.
    private static Task<IPAddress[]> NoDns(string host, CancellationToken token) =>
        throw new InvalidOperationException($"DNS lookup for '{host}' should not happen");

    private static TokenMetadataResolver Resolver(TokenMetadataResolverOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? dns = null) =>
        new(options with { RequestTimeout = TimeSpan.FromSeconds(10) }, null, dns ?? NoDns);

    [Theory]
    [InlineData("https://127.0.0.1/token.json")]
    [InlineData("https://127.1.2.3:8443/token.json")]
    [InlineData("https://10.0.0.1/token.json")]
    [InlineData("https://172.16.0.1/token.json")]
    [InlineData("https://172.31.255.255/token.json")]
    [InlineData("https://192.168.1.1/token.json")]
    [InlineData("https://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("https://100.64.0.1/token.json")]
    [InlineData("https://0.0.0.0/token.json")]
    [InlineData("https://224.0.0.1/token.json")]
    [InlineData("https://255.255.255.255/token.json")]
    [InlineData("https://[::1]/token.json")]
    [InlineData("https://[::]/token.json")]
    [InlineData("https://[fe80::1]/token.json")]
    [InlineData("https://[fc00::1]/token.json")]
    [InlineData("https://[fd12:3456::1]/token.json")]
    [InlineData("https://[ff02::1]/token.json")]
    [InlineData("https://[::ffff:127.0.0.1]/token.json")]
    [InlineData("https://[::ffff:169.254.169.254]/token.json")]
    [InlineData("https://[::ffff:10.0.0.1]/token.json")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/token.json")]
    [InlineData("https://2130706433/token.json")]
    [InlineData("https://0x7f.0.0.1/token.json")]
    public async Task LiteralForbiddenAddress_IsRefusedBeforeAnyConnection(string uri)
    {
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        ex.InnerException.ShouldBeNull(); // refused by the pre-check, not by a failed or intercepted connection
        ex.Message.ShouldNotContain("token.json?");
    }

    [Theory]
    [InlineData("http://127.0.0.1/token.json")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:8080/")]
    public async Task LiteralForbiddenAddress_OverHttp_IsRefused(string uri)
    {
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
    }

    [Theory]
    [InlineData("https://localhost/token.json")]
    [InlineData("https://LOCALHOST./token.json")]
    [InlineData("https://api.localhost/token.json")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://metadata/computeMetadata/v1/")]
    [InlineData("https://instance-data/latest/meta-data/")]
    [InlineData("https://printer.local/token.json")]
    public async Task ForbiddenHostName_IsRefusedBeforeDns(string uri)
    {
        using TokenMetadataResolver resolver = Resolver(new());

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(uri));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        ex.InnerException.ShouldBeNull();
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:192.168.0.10")]
    public async Task HostName_ResolvingToForbiddenAddress_IsRefusedAfterDns(string address)
    {
        var looked = new List<string>();
        using TokenMetadataResolver resolver = Resolver(new(), (host, _) =>
        {
            looked.Add(host);
            return Task.FromResult(new[] { IPAddress.Parse(address) });
        });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("https://nft.example.com/1.json"));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        looked.ShouldBe(["nft.example.com"]);
    }

    [Fact]
    public async Task HostName_WithOnePublicAndOnePrivateAddress_IsRefused()
    {
        using TokenMetadataResolver resolver = Resolver(new(), (_, _) =>
            Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("127.0.0.1") }));

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("https://rebind.example.com/1.json"));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
    }

    [Fact]
    public async Task AllowListedHostName_ConnectsToTheVettedAddressOnly()
    {
        // "nft.test" is allow-listed and "resolves" to the loopback server; the connection must go to that address.
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app => app.MapGet("/1.json", () => Results.Text(Json, "application/json")));
        int lookups = 0;
        using TokenMetadataResolver resolver = Resolver(
            new() { AllowHttp = true, AllowedHosts = [$"nft.test:{server.Port}"] },
            (_, _) =>
            {
                Interlocked.Increment(ref lookups);
                return Task.FromResult(new[] { IPAddress.Loopback });
            });

        TokenMetadataDocument document = await resolver.ResolveAsync($"http://nft.test:{server.Port}/1.json");

        document.Name.ShouldBe("Token #1");
        lookups.ShouldBe(1);
    }

    [Fact]
    public async Task AllowList_OnOnePort_DoesNotAllowAnotherPort()
    {
        await using MetadataTestServer allowed = await MetadataTestServer.StartAsync(app => app.MapGet("/1.json", () => Results.Text(Json, "application/json")));
        await using MetadataTestServer other = await MetadataTestServer.StartAsync(app => app.MapGet("/1.json", () => Results.Text(Json, "application/json")));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [allowed.AllowEntry] });

        (await resolver.ResolveAsync(allowed.Url("/1.json"))).Name.ShouldBe("Token #1");
        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(other.Url("/1.json")));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        other.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Redirect_ToNonAllowedLoopbackPort_IsRefusedAndNeverReachesIt()
    {
        await using MetadataTestServer target = await MetadataTestServer.StartAsync(app => app.MapGet("/secret", () => Results.Text(Json, "application/json")));
        await using MetadataTestServer origin = await MetadataTestServer.StartAsync(app => app.MapGet("/1.json", () => Results.Redirect(target.Url("/secret"))));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [origin.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(origin.Url("/1.json")));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        ex.Uri.ShouldContain($":{target.Port}/secret");
        origin.Requests.ShouldBe(["/1.json"]);
        target.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", MetadataErrorKind.ForbiddenAddress)]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", MetadataErrorKind.ForbiddenAddress)]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", MetadataErrorKind.ForbiddenAddress)]
    [InlineData("http://localhost/admin", MetadataErrorKind.ForbiddenAddress)]
    [InlineData("file:///etc/passwd", MetadataErrorKind.UnsupportedScheme)]
    [InlineData("gopher://127.0.0.1:6379/_INFO", MetadataErrorKind.UnsupportedScheme)]
    public async Task Redirect_ToForbiddenTarget_IsRefused(string location, MetadataErrorKind kind)
    {
        await using MetadataTestServer origin = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/1.json", (HttpContext context) =>
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = location;
                return Task.CompletedTask;
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, AllowedHosts = [origin.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(origin.Url("/1.json")));

        ex.Kind.ShouldBe(kind);
        origin.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PlainHttp_WhenNotAllowed_IsRefusedEvenForAnAllowListedHost()
    {
        // The start is http (allowed for the test) but the option is off: the first URI itself is refused.
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = false, AllowedHosts = ["127.0.0.1"] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("http://127.0.0.1:9/1.json"));

        ex.Kind.ShouldBe(MetadataErrorKind.UnsupportedScheme);
    }

    [Fact]
    public async Task RedirectLoop_StopsAtMaxRedirects()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/hop/{n:int}", (int n) => Results.Redirect($"/hop/{n + 1}")));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, MaxRedirects = 3, AllowedHosts = [server.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/hop/0")));

        ex.Kind.ShouldBe(MetadataErrorKind.TooManyRedirects);
        server.Requests.ShouldBe(["/hop/0", "/hop/1", "/hop/2", "/hop/3"]);
    }

    [Fact]
    public async Task RedirectChain_WithinTheLimit_IsFollowed()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
        {
            app.MapGet("/hop/{n:int}", (int n) => n < 3 ? Results.Redirect($"/hop/{n + 1}") : Results.Redirect("/final.json"));
            app.MapGet("/final.json", () => Results.Text(Json, "application/json"));
        });
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, MaxRedirects = 4, AllowedHosts = [server.AllowEntry] });

        TokenMetadataDocument document = await resolver.ResolveAsync(server.Url("/hop/0"));

        document.Name.ShouldBe("Token #1");
        document.FinalUri.ShouldBe(server.Url("/final.json"));
    }

    [Fact]
    public async Task FiftyMegabyteBody_IsCutAtTheLimitWithoutReadingItAll()
    {
        // The server paces 64 KiB chunks 10 ms apart, so serving all 50 MiB takes at least 8 s; the resolver must
        // give up after about 1 MiB (16 chunks). Kestrel may discard writes after the client hangs up, so the
        // written count is sampled when the call returns, and the server loop is stopped by the test.
        const long total = 50L * 1024 * 1024;
        const int chunkSize = 64 * 1024;
        long written = 0;
        using var stop = new CancellationTokenSource();
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/huge.json", async (HttpContext context) =>
            {
                try
                {
                    using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stop.Token);
                    context.Response.ContentType = "application/json";
                    byte[] chunk = new byte[chunkSize];
                    chunk.AsSpan().Fill((byte)' ');
                    chunk[0] = (byte)'[';
                    for (int i = 0; i < total / chunkSize && !both.IsCancellationRequested; i++)
                    {
                        await context.Response.Body.WriteAsync(chunk, both.Token);
                        await context.Response.Body.FlushAsync(both.Token);
                        Interlocked.Add(ref written, chunk.Length);
                        chunk[0] = (byte)' ';
                        await Task.Delay(10, both.Token);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                    // The client hung up or the test stopped the loop.
                }
                finally
                {
                    handlerDone.TrySetResult();
                }
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, MaxResponseBytes = 1024 * 1024, AllowedHosts = [server.AllowEntry] });
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/huge.json")));
        TimeSpan elapsed = clock.Elapsed;
        long writtenWhenRefused = Interlocked.Read(ref written);
        await stop.CancelAsync();
        await handlerDone.Task.WaitAsync(TimeSpan.FromSeconds(15));

        ex.Kind.ShouldBe(MetadataErrorKind.TooLarge);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        writtenWhenRefused.ShouldBeGreaterThanOrEqualTo(1024 * 1024 - chunkSize); // the server streamed up to the limit
        writtenWhenRefused.ShouldBeLessThan(total / 4);
    }

    [Fact]
    public async Task DeclaredContentLength_OverTheLimit_IsRefusedBeforeReading()
    {
        await using MetadataTestServer server = await MetadataTestServer.StartAsync(app =>
            app.MapGet("/big.json", async (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 4096;
                await context.Response.Body.WriteAsync(new byte[4096]);
            }));
        using TokenMetadataResolver resolver = Resolver(new() { AllowHttp = true, MaxResponseBytes = 1000, AllowedHosts = [server.AllowEntry] });

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync(server.Url("/big.json")));

        ex.Kind.ShouldBe(MetadataErrorKind.TooLarge);
        ex.Reason.ShouldContain("declared");
    }

    [Fact]
    public async Task Credentials_AndQuery_AreNotInTheError()
    {
        using TokenMetadataResolver resolver = Resolver(new());

        var ex = await Should.ThrowAsync<MetadataResolutionException>(() => resolver.ResolveAsync("https://alice:hunter2@10.0.0.1/1.json?apikey=topsecret#frag"));

        ex.Kind.ShouldBe(MetadataErrorKind.ForbiddenAddress);
        ex.Message.ShouldNotContain("hunter2");
        ex.Message.ShouldNotContain("alice");
        ex.Message.ShouldNotContain("topsecret");
        ex.Uri.ShouldBe("https://10.0.0.1/1.json");
    }
}
