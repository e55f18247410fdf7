using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NftCollateral.Sdk.Http.Tests.Metadata;

/// <summary>A real Kestrel server on 127.0.0.1 with an ephemeral port, recording every request path.</summary>
internal sealed class MetadataTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetadataTestServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    /// <summary>The host:port entry that allow-lists exactly this server.</summary>
    public string AllowEntry => $"127.0.0.1:{Port}";

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<MetadataTestServer> StartAsync(Action<WebApplication> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        MetadataTestServer? server = null;
        app.Use(async (HttpContext context, Func<Task> next) =>
        {
            server!.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next();
        });
        map(app);
        await app.StartAsync();
        var uri = new Uri(app.Urls.Single());
        uri.Host.ShouldBe("127.0.0.1");
        server = new MetadataTestServer(app, uri);
        return server;
    }

    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
