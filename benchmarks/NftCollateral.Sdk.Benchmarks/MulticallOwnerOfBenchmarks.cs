using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using NftCollateral.Evm.TestNode;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Contracts;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// Reading the owners of 1,000 ERC-721 tokens from a real local node (anvil on 127.0.0.1, started in the setup):
/// one <c>eth_call</c> per token, one after the other (baseline), against <see cref="Erc721Reader.GetOwnersAsync"/>
/// (Multicall3 <c>aggregate3</c>, 500 calls per <c>eth_call</c>, the chunks in one JSON-RPC batch), and against 1,000
/// plain <c>eth_call</c>s sent as JSON-RPC batches (<see cref="IJsonRpcClient.SendBatchAsync"/>, 200 per HTTP request
/// by default). Targets of the issue: at least 20× fewer HTTP round trips and 10× less wall time batched.
/// </summary>
/// <remarks>
/// <para>
/// The setup starts anvil, deploys the test contracts (TestMulticall3's code is installed at the canonical Multicall3
/// address), mints tokens 1–1,000 to nine of anvil's accounts in turn (each account mints its own tokens, the nine
/// accounts in parallel), then reads the owners once on every path and throws unless all three agree with the mints.
/// The node runs in every benchmark process, so each benchmark pays the setup once: about 3–5 s (9–12 s when one
/// account minted all 1,000 tokens one transaction at a time).
/// </para>
/// <para>
/// A <see cref="RoundTripCounter"/> on the <see cref="HttpClient"/> counts HTTP exchanges; the "HTTP round trips"
/// column shows them per invocation (see <see cref="RoundTripMetrics"/>).
/// </para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(MulticallOwnerOfBenchmarks.Config))]
public class MulticallOwnerOfBenchmarks : IDisposable
{
    private const int Tokens = 1_000;
    private const int Minters = 9;

    private AnvilNode? _node;
    private HttpClient? _http;
    private RoundTripCounter? _counter;
    private JsonRpcClient _rpc = null!;
    private Erc721Reader _reader = null!;
    private Address _nft;
    private BigInteger[] _ids = [];
    private Address[] _expected = [];
    private long _roundTripsAtStart;
    private long _invocations;
    private string? _measured;

    private static FunctionSelector OwnerOfSelector { get; } = FunctionSelector.FromSignature("ownerOf(uint256)");

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        try
        {
            if (_measured is not null && _counter is not null && _invocations > 0)
            {
                long roundTrips = _counter.Count - _roundTripsAtStart;
                double perInvocation = (double)roundTrips / _invocations;
                RoundTripMetrics.Write(nameof(MulticallOwnerOfBenchmarks) + "." + _measured, perInvocation);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"// {_measured}: {roundTrips} HTTP round trips in {_invocations} invocations = {perInvocation:0.##} per read of {Tokens} owners"));
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Stops anvil and releases the HTTP client (also done by <see cref="Cleanup"/>); safe to call twice.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops anvil and releases the HTTP client. Not sealed: BenchmarkDotNet derives from benchmark classes.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _http?.Dispose();
        _counter?.Dispose();
        _node?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _http = null;
        _counter = null;
        _node = null;
    }

    /// <summary>1,000 <see cref="Erc721Reader.OwnerOfAsync"/> calls, each awaited before the next: 1,000 round trips.</summary>
    [Benchmark(Baseline = true)]
    public async Task<Address[]> OneCallAtATime()
    {
        Measured(nameof(OneCallAtATime));
        var owners = new Address[_ids.Length];
        for (int i = 0; i < owners.Length; i++)
        {
            owners[i] = await _reader.OwnerOfAsync(_nft, _ids[i]);
        }

        return owners;
    }

    /// <summary><see cref="Erc721Reader.GetOwnersAsync"/>: two aggregate3 chunks of 500 in one JSON-RPC batch, after one eth_blockNumber that pins the block.</summary>
    [Benchmark]
    public async Task<IReadOnlyList<TokenOwnerResult>> Multicall3Batched()
    {
        Measured(nameof(Multicall3Batched));
        return await _reader.GetOwnersAsync(_nft, _ids);
    }

    /// <summary>1,000 plain <c>ownerOf</c> eth_calls in JSON-RPC batches (<see cref="JsonRpcClientOptions.MaxBatchSize"/> 200: five HTTP requests).</summary>
    [Benchmark]
    public async Task<Address[]> JsonRpcBatchOfEthCalls()
    {
        Measured(nameof(JsonRpcBatchOfEthCalls));
        return await ReadWithJsonRpcBatchAsync();
    }

    private void Measured(string name)
    {
        if (_measured is null)
        {
            _measured = name;
            _roundTripsAtStart = _counter!.Count;
        }

        _invocations++;
    }

    private async Task<Address[]> ReadWithJsonRpcBatchAsync()
    {
        var requests = new JsonRpcRequest[_ids.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            byte[] data = new AbiEncoder().UInt256(_ids[i]).EncodeCall(OwnerOfSelector);
            requests[i] = EthRpc.BuildCall(new EthCallRequest(_nft, data));
        }

        IReadOnlyList<JsonRpcResult> answers = await _rpc.SendBatchAsync(requests);
        var owners = new Address[answers.Count];
        for (int i = 0; i < owners.Length; i++)
        {
            JsonElement result = answers[i].GetResultOrThrow();
            byte[] word = Hex.Decode(result.GetString()!);
            AbiReader.RequireStaticLength(word, 1);
            owners[i] = new AbiReader(word).ReadAddress();
        }

        return owners;
    }

    private async Task SetupAsync()
    {
        var clock = Stopwatch.StartNew();
        _node = await AnvilNode.StartAsync();
        TestChain chain = await TestChain.DeployAsync(_node);
        TimeSpan started = clock.Elapsed;

        // Token i + 1 goes to account 1 + i % 9. TestNft.mint is open to anyone, so each of the nine accounts mints its
        // own tokens, one transaction after the other, while the other accounts do the same (own nonces, no races).
        _ids = new BigInteger[Tokens];
        _expected = new Address[Tokens];
        for (int i = 0; i < Tokens; i++)
        {
            _ids[i] = i + 1;
            _expected[i] = Address.Parse(_node.Accounts[1 + (i % Minters)]);
        }

        await Task.WhenAll(Enumerable.Range(0, Minters).Select(k => MintAsync(chain, _node.Accounts[1 + k], k)));
        TimeSpan minted = clock.Elapsed - started;
        _nft = Address.Parse(chain.Nft);
        if (Multicall3.CanonicalAddress != Address.Parse(TestChain.CanonicalMulticall3))
        {
            throw new InvalidOperationException("TestChain installs Multicall3 somewhere else than Multicall3.CanonicalAddress.");
        }

        _counter = new RoundTripCounter(new SocketsHttpHandler { UseProxy = false });
        _http = new HttpClient(_counter);
        _rpc = new JsonRpcClient(_http, new JsonRpcClientOptions { Endpoint = _node.RpcUri });
        _reader = new Erc721Reader(_rpc);

        // Validation: every path returns the minted owners, in order.
        long before = _counter.Count;
        var oneByOne = new Address[Tokens];
        for (int i = 0; i < Tokens; i++)
        {
            oneByOne[i] = await _reader.OwnerOfAsync(_nft, _ids[i]);
        }

        long oneByOneTrips = _counter.Count - before;
        Check("OneCallAtATime", oneByOne);

        before = _counter.Count;
        IReadOnlyList<TokenOwnerResult> batched = await _reader.GetOwnersAsync(_nft, _ids);
        long multicallTrips = _counter.Count - before;
        var batchedOwners = new Address[batched.Count];
        for (int i = 0; i < batched.Count; i++)
        {
            TokenOwnerResult r = batched[i];
            if (r.Error is not null || r.Owner is not Address owner || r.TokenId != _ids[i])
            {
                throw new InvalidOperationException($"Multicall3Batched: token {_ids[i]}: {r}");
            }

            batchedOwners[i] = owner;
        }

        Check("Multicall3Batched", batchedOwners);

        before = _counter.Count;
        Address[] jsonBatch = await ReadWithJsonRpcBatchAsync();
        long jsonBatchTrips = _counter.Count - before;
        Check("JsonRpcBatchOfEthCalls", jsonBatch);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// Setup: anvil started and contracts deployed in {started.TotalSeconds:0.0} s, {Tokens} tokens minted in {minted.TotalSeconds:0.0} s; "
            + $"all paths return the minted owners. HTTP round trips per read of {Tokens} owners: one at a time {oneByOneTrips}, "
            + $"Multicall3 {multicallTrips}, JSON-RPC batch {jsonBatchTrips}."));
    }

    private async Task MintAsync(TestChain chain, string minter, int k)
    {
        CompiledContract nft = chain.Contracts["TestNft"];
        for (int i = k; i < Tokens; i += Minters)
        {
            await chain.Node.SendTransactionAsync(minter, chain.Nft, Calldata.Encode(nft, "mint(address,uint256)", minter, _ids[i]));
        }
    }

    /// <summary>
    /// One launch, 2 warm-up and 8 measured iterations (the node is real and one invocation takes up to ~0.5 s), as the
    /// <em>default</em> job: a job given on the command line (<c>--job Dry</c> in CI) replaces it instead of running
    /// next to it, so that the smoke run starts anvil once per benchmark, not twice. Adds the "HTTP round trips" column.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).AsDefault());
            AddColumn(new HttpRoundTripsColumn());
        }
    }

    private void Check(string path, Address[] owners)
    {
        if (owners.Length != _expected.Length)
        {
            throw new InvalidOperationException($"{path}: {owners.Length} owners for {_expected.Length} tokens.");
        }

        for (int i = 0; i < owners.Length; i++)
        {
            if (owners[i] != _expected[i])
            {
                throw new InvalidOperationException($"{path}: token {_ids[i]} is owned by {owners[i]}, but it was minted to {_expected[i]}.");
            }
        }
    }
}
