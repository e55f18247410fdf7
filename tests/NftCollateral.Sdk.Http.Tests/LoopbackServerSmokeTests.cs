using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NftCollateral.Sdk.Http.Tests;

/// <summary>Checks that the test project can run a real Kestrel server on 127.0.0.1 (the base of the adapter tests).</summary>
public sealed class LoopbackServerSmokeTests
{
    [Fact]
    public async Task Kestrel_OnLoopback_ServesARequest()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        app.MapGet("/ping", () => Results.Text("pong"));
        await app.StartAsync();
        string address = app.Urls.Single();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string body = await client.GetStringAsync(new Uri(address + "/ping"));

        body.ShouldBe("pong");
        new Uri(address).Host.ShouldBe("127.0.0.1");
    }
}
