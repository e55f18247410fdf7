using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NftCollateral.Evm.TestNode;

namespace NftCollateral.Cli.Tests;

/// <summary>One local anvil node with the test contracts deployed, shared by the tests of a class.</summary>
public sealed class EvmChainFixture : IAsyncLifetime
{
    private AnvilNode? _node;
    private TestChain? _chain;

    public AnvilNode Node => _node ?? throw new InvalidOperationException("The node is not started.");

    public TestChain Chain => _chain ?? throw new InvalidOperationException("The contracts are not deployed.");

    /// <summary>Gets the node's JSON-RPC URL as the CLI takes it.</summary>
    public string Rpc => Node.RpcUri.ToString();

    public async Task InitializeAsync()
    {
        _node = await AnvilNode.StartAsync();
        _chain = await TestChain.DeployAsync(_node);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>The block number of a transaction receipt.</summary>
    public static ulong BlockOf(JsonElement receipt) =>
        ulong.Parse(receipt.GetProperty("blockNumber").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>Local TCP endpoints that fail: a closed port, and a server that accepts connections but never answers.</summary>
internal static class DeadEndpoints
{
    /// <summary>An http URL on a 127.0.0.1 port nothing listens on (connections are refused).</summary>
    public static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    /// <summary>Listens on 127.0.0.1 and accepts connections (the OS backlog does) but never reads or answers.</summary>
    public sealed class Silent : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public Silent()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        }

        public string Url { get; }

        public void Dispose() => _listener.Stop();
    }
}
