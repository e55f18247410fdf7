using System.Net;
using System.Net.Sockets;
using NftCollateral.Evm.TestNode;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Tests.Integration;

/// <summary>One real local EVM node (anvil on 127.0.0.1) with our test contracts deployed, shared by the integration tests.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _node;
    private TestChain? _chain;

    public AnvilNode Node => _node ?? throw new InvalidOperationException("The node is not started.");

    public TestChain Chain => _chain ?? throw new InvalidOperationException("The contracts are not deployed.");

    public Address Nft => Address.Parse(Chain.Nft);

    public Address Aggregator => Address.Parse(Chain.Aggregator);

    public Address Aggregator8 => Address.Parse(Chain.Aggregator8);

    public Address Reverter => Address.Parse(Chain.Reverter);

    public Address Account(int index) => Address.Parse(Node.Accounts[index]);

    /// <summary>Creates a client whose HTTP exchanges are counted by the returned handler.</summary>
    public (JsonRpcClient Client, CountingHandler Counter) CountedClient(JsonRpcClientOptions? options = null)
    {
        var counter = new CountingHandler();
        options ??= new JsonRpcClientOptions();
        options.Endpoint ??= Node.RpcUri;
        return (new JsonRpcClient(new HttpClient(counter), options), counter);
    }

    public JsonRpcClient Client(JsonRpcClientOptions? options = null) => CountedClient(options).Client;

    /// <summary>A 127.0.0.1 port with nothing listening (bound, read, released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _node = await AnvilNode.StartAsync(cancellationToken: timeout.Token);
        _chain = await TestChain.DeployAsync(_node, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AnvilGroup : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}

/// <summary>Counts HTTP exchanges and remembers each request body.</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private int _count;

    public CountingHandler()
        : base(new SocketsHttpHandler { UseProxy = false })
    {
    }

    public int Count => Volatile.Read(ref _count);

    public List<string> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        string body = await request.Content!.ReadAsStringAsync(cancellationToken);
        lock (Bodies)
        {
            Bodies.Add(body);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
