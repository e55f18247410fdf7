using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Tests.Integration;

[Collection(AnvilGroup.Name)]
public class RpcIntegrationTests(AnvilFixture fixture)
{
    [Fact]
    public async Task ChainId_BlockNumber_And_Block_AreReadFromTheNode()
    {
        JsonRpcClient client = fixture.Client();
        (await client.GetChainIdAsync()).ShouldBe(31337ul);
        ulong number = await client.GetBlockNumberAsync();
        number.ShouldBe((ulong)await fixture.Node.GetBlockNumberAsync());
        BlockHeader block = await client.GetBlockAsync(BlockParameter.AtNumber(number));
        block.Number.ShouldBe(number);
        block.Timestamp.ToUnixTimeSeconds().ShouldBe(await fixture.Node.GetLatestTimestampAsync());
        block.Hash.Length.ShouldBe(66);
    }

    [Fact]
    public async Task UnknownBlock_IsMissingResult()
    {
        var ex = await Should.ThrowAsync<JsonRpcException>(() => fixture.Client().GetBlockAsync(BlockParameter.AtNumber(10_000_000)));
        ex.Kind.ShouldBe(JsonRpcErrorKind.MissingResult);
    }

    [Fact]
    public async Task WrongExpectedChainId_IsRefused()
    {
        var ex = await Should.ThrowAsync<JsonRpcException>(() => fixture.Client(new JsonRpcClientOptions { ExpectedChainId = 1 }).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.ChainIdMismatch);
        ex.Message.ShouldContain("31337");
    }

    [Fact]
    public async Task Keccak256_MatchesTheNodesWeb3Sha3_ForEveryLengthTo300_InOneBatch()
    {
        var random = new Random(20261121);
        var inputs = Enumerable.Range(0, 301).Select(n =>
        {
            byte[] data = new byte[n];
            random.NextBytes(data);
            return data;
        }).ToList();
        var (client, counter) = fixture.CountedClient();
        IReadOnlyList<JsonRpcResult> results = await client.SendBatchAsync(inputs.Select(d => new JsonRpcRequest("web3_sha3", Hex.Encode(d))).ToList());
        counter.Count.ShouldBe(2); // 301 requests in batches of 200
        for (int i = 0; i < inputs.Count; i++)
        {
            results[i].GetResultOrThrow().GetString().ShouldBe(Hex.Encode(Keccak256.HashData(inputs[i])), $"length {i}");
        }
    }

    [Fact]
    public async Task UnknownMethod_IsRpcError_WithTheNodesCode()
    {
        var ex = await Should.ThrowAsync<JsonRpcException>(() => fixture.Client().SendAsync(new JsonRpcRequest("eth_noSuchMethod")));
        ex.Kind.ShouldBe(JsonRpcErrorKind.RpcError);
        ex.Code.ShouldNotBeNull();
    }

    [Fact]
    public async Task ClosedPort_IsTransport()
    {
        var client = new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = new Uri($"http://127.0.0.1:{AnvilFixture.ClosedPort()}/") });
        var ex = await Should.ThrowAsync<JsonRpcException>(() => client.GetChainIdAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.Transport);
        ex.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task SilentServer_IsTimeout_ButCallerCancellation_IsOperationCanceled()
    {
        // A real loopback server that accepts connections and never answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        Task acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    accepted.Add(await listener.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        try
        {
            var timingOut = new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = endpoint, Timeout = TimeSpan.FromMilliseconds(300) });
            var ex = await Should.ThrowAsync<JsonRpcException>(() => timingOut.GetChainIdAsync());
            ex.Kind.ShouldBe(JsonRpcErrorKind.Timeout);
            ex.InnerException.ShouldBeOfType<TimeoutException>();

            var patient = new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = endpoint, Timeout = TimeSpan.FromMinutes(1) });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var canceled = await Should.ThrowAsync<OperationCanceledException>(() => patient.GetChainIdAsync(cancel.Token));
            canceled.ShouldNotBeOfType<JsonRpcException>();
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await acceptLoop;
            accepted.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task GetLogs_PreSplitIntoSingleBlocks_EqualsOneRequest()
    {
        for (int i = 0; i < 3; i++)
        {
            await fixture.Chain.MintAsync(fixture.Node.Accounts[3], 5000 + i);
        }

        JsonRpcClient client = fixture.Client();
        ulong head = await client.GetBlockNumberAsync();
        var filter = new LogFilter(0, head, fixture.Nft, [NftCollateral.Sdk.Evm.Contracts.Erc721Reader.TransferTopic]);
        IReadOnlyList<EvmLog> whole = await client.GetLogsAsync(filter);
        IReadOnlyList<EvmLog> split = await client.GetLogsAsync(filter, maxBlockRange: 1);
        whole.Count.ShouldBeGreaterThanOrEqualTo(3);
        split.Select(l => (l.BlockNumber, l.LogIndex, l.TransactionHash)).ShouldBe(whole.Select(l => (l.BlockNumber, l.LogIndex, l.TransactionHash)));
        whole.ShouldAllBe(l => l.Address == fixture.Nft && l.Topics.Count == 4);
    }

    [Fact]
    public async Task EthCall_ToAnAccountWithoutCode_ReturnsEmpty_ForTheCallerToInterpret()
    {
        byte[] data = await fixture.Client().CallAsync(new EthCallRequest(fixture.Account(9), new byte[] { 1, 2, 3, 4 }));
        data.ShouldBeEmpty();
        JsonElement code = await fixture.Node.RpcAsync("eth_getCode", fixture.Node.Accounts[9], "latest");
        code.GetString().ShouldBe("0x");
    }
}
