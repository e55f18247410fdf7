using System.Net;
using System.Text.Json;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Tests.Rpc;

public class JsonRpcClientTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/secret-api-key");

    private static JsonRpcClient Client(HttpMessageHandler handler, JsonRpcClientOptions? options = null)
    {
        options ??= new JsonRpcClientOptions();
        options.Endpoint ??= Endpoint;
        return new JsonRpcClient(new HttpClient(handler), options);
    }

    private static string Id(JsonElement request) => request.GetProperty("id").GetRawText();

    [Fact]
    public async Task SendAsync_WritesJsonRpc20_AndReturnsTheResult()
    {
        JsonElement? seen = null;
        var handler = new ScriptedHandler(r =>
        {
            seen = r;
            return ScriptedHandler.Json($"{{\"jsonrpc\":\"2.0\",\"id\":{Id(r)},\"result\":\"0x7a69\"}}");
        });
        ulong chainId = await Client(handler).GetChainIdAsync();
        chainId.ShouldBe(31337ul);
        seen!.Value.GetProperty("jsonrpc").GetString().ShouldBe("2.0");
        seen.Value.GetProperty("method").GetString().ShouldBe("eth_chainId");
        seen.Value.GetProperty("params").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Batch_ReorderedResponses_AreMatchedById()
    {
        var handler = new ScriptedHandler(r =>
        {
            var entries = r.EnumerateArray().Reverse().Select(e => $"{{\"jsonrpc\":\"2.0\",\"id\":{Id(e)},\"result\":\"{e.GetProperty("params")[0].GetString()}\"}}");
            return ScriptedHandler.Json("[" + string.Join(",", entries) + "]");
        });
        var requests = Enumerable.Range(0, 5).Select(i => new JsonRpcRequest("web3_sha3", $"0x0{i}")).ToList();
        IReadOnlyList<JsonRpcResult> results = await Client(handler).SendBatchAsync(requests);
        results.Select(r => r.GetResultOrThrow().GetString()).ShouldBe(["0x00", "0x01", "0x02", "0x03", "0x04"]);
        handler.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_MissingEntry_FailsOnlyThatRequest()
    {
        var handler = new ScriptedHandler(r =>
        {
            var entries = r.EnumerateArray().Skip(1).Select(e => $"{{\"jsonrpc\":\"2.0\",\"id\":{Id(e)},\"result\":\"0x1\"}}");
            return ScriptedHandler.Json("[" + string.Join(",", entries) + "]");
        });
        IReadOnlyList<JsonRpcResult> results = await Client(handler).SendBatchAsync([new("a"), new("b")]);
        results[0].IsSuccess.ShouldBeFalse();
        results[0].Error!.Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
        results[0].Error!.Message.ShouldContain("no entry");
        results[1].GetResultOrThrow().GetString().ShouldBe("0x1");
    }

    [Fact]
    public async Task Batch_DuplicatedOrUnknownIds_FailTheWholeBatch()
    {
        var duplicate = new ScriptedHandler(r =>
        {
            string first = Id(r[0]);
            return ScriptedHandler.Json($"[{{\"jsonrpc\":\"2.0\",\"id\":{first},\"result\":\"0x1\"}},{{\"jsonrpc\":\"2.0\",\"id\":{first},\"result\":\"0x2\"}}]");
        });
        (await Should.ThrowAsync<JsonRpcException>(() => Client(duplicate).SendBatchAsync([new("a"), new("b")])))
            .Message.ShouldContain("twice");

        var unknown = new ScriptedHandler(_ => ScriptedHandler.Json("[{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}]"));
        (await Should.ThrowAsync<JsonRpcException>(() => Client(unknown).SendBatchAsync([new("a")]))).Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
    }

    [Fact]
    public async Task Batch_AnsweredWithOneErrorObject_Throws()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch requests are not supported\"}}"));
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).SendBatchAsync([new("a"), new("b")]));
        ex.Kind.ShouldBe(JsonRpcErrorKind.RpcError);
        ex.Code.ShouldBe(-32600);
    }

    [Fact]
    public async Task Batch_LargerThanMaxBatchSize_IsSplit()
    {
        var handler = ScriptedHandler.Results((_, p) => $"\"{p[0].GetString()}\"");
        var requests = Enumerable.Range(0, 25).Select(i => new JsonRpcRequest("echo", $"v{i}")).ToList();
        IReadOnlyList<JsonRpcResult> results = await Client(handler, new JsonRpcClientOptions { MaxBatchSize = 10 }).SendBatchAsync(requests);
        handler.Requests.ShouldBe(3);
        results.Select(r => r.GetResultOrThrow().GetString()).ShouldBe(Enumerable.Range(0, 25).Select(i => $"v{i}"));
    }

    [Fact]
    public async Task ErrorObject_WithRevertData_IsEvmRevertException()
    {
        string revert = Hex.Encode(new AbiEncoder().Text("feed paused").EncodeCall(RevertReason.ErrorSelector));
        var handler = new ScriptedHandler(r => ScriptedHandler.Json(
            $"{{\"jsonrpc\":\"2.0\",\"id\":{Id(r)},\"error\":{{\"code\":3,\"message\":\"execution reverted: feed paused\",\"data\":\"{revert}\"}}}}"));
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Client(handler).SendAsync(new JsonRpcRequest("eth_call")));
        ex.Reason.Message.ShouldBe("feed paused");
        ex.Code.ShouldBe(3);
        ex.Message.ShouldContain("feed paused");
    }

    [Fact]
    public async Task ErrorObject_PlainNodeError_IsRpcError_WithCodeAndMessage()
    {
        var handler = new ScriptedHandler(r => ScriptedHandler.Json($"{{\"jsonrpc\":\"2.0\",\"id\":{Id(r)},\"error\":{{\"code\":-32601,\"message\":\"method not found\"}}}}"));
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).SendAsync(new JsonRpcRequest("eth_nope")));
        ex.Kind.ShouldBe(JsonRpcErrorKind.RpcError);
        ex.Code.ShouldBe(-32601);
        ex.RpcMessage.ShouldBe("method not found");
        ex.Message.ShouldContain("eth_nope");
    }

    [Fact]
    public async Task HtmlErrorPage_IsMalformedResponse_AndTheApiKeyIsNotInTheMessage()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><body>Bad gateway</body></html>") });
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
        ex.Message.ShouldContain("<html>");
        ex.Message.ShouldNotContain("secret-api-key");
    }

    [Fact]
    public async Task Http429_IsRateLimited_WithRetryAfter()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("slow down") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.RateLimited);
        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        ex.HttpStatusCode.ShouldBe(429);
        ex.IsTransient.ShouldBeTrue();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    public async Task HttpErrorStatus_IsHttpStatus(HttpStatusCode status, bool transient)
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(status) { Content = new StringContent("oops") });
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.HttpStatus);
        ex.HttpStatusCode.ShouldBe((int)status);
        ex.IsTransient.ShouldBe(transient);
    }

    [Fact]
    public async Task HttpErrorStatus_WithJsonRpcErrorBody_IsReportedAsTheNodeError()
    {
        var handler = new ScriptedHandler(r => ScriptedHandler.Json(
            $"{{\"jsonrpc\":\"2.0\",\"id\":{Id(r)},\"error\":{{\"code\":-32005,\"message\":\"limit exceeded\"}}}}", HttpStatusCode.BadRequest));
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.RpcError);
        ex.Code.ShouldBe(-32005);
        ex.HttpStatusCode.ShouldBe(400);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":ID}", "neither result nor error")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":12345678,\"result\":\"0x1\"}", "does not match")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":\"0xzz\"}", "non-hex")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":42}", "quantity")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":\"0x1\"", "not JSON")]
    public async Task MalformedResponses_AreTypedErrors_NeverValues(string body, string expected)
    {
        var handler = new ScriptedHandler(r => ScriptedHandler.Json(body.Replace("ID", Id(r))));
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task OversizedResponse_IsRefused()
    {
        var handler = new ScriptedHandler(r => ScriptedHandler.Json($"{{\"jsonrpc\":\"2.0\",\"id\":{Id(r)},\"result\":\"0x{new string('0', 5000)}\"}}"));
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler, new JsonRpcClientOptions { MaxResponseBytes = 1000 }).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
        ex.Message.ShouldContain("limit");
    }

    [Fact]
    public async Task ChainIdMismatch_IsRefused_BeforeTheRequest()
    {
        var methods = new List<string>();
        var handler = ScriptedHandler.Results((method, _) =>
        {
            methods.Add(method);
            return "\"0x1\"";
        });
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler, new JsonRpcClientOptions { ExpectedChainId = 31337 }).GetBlockNumberAsync());
        ex.Kind.ShouldBe(JsonRpcErrorKind.ChainIdMismatch);
        ex.Message.ShouldContain("31337");
        methods.ShouldBe(["eth_chainId"]);
    }

    [Fact]
    public async Task ChainIdMatch_IsCheckedOnce()
    {
        var methods = new List<string>();
        var handler = ScriptedHandler.Results((method, _) =>
        {
            methods.Add(method);
            return method == "eth_chainId" ? "\"0x7a69\"" : "\"0x10\"";
        });
        JsonRpcClient client = Client(handler, new JsonRpcClientOptions { ExpectedChainId = 31337 });
        (await client.GetBlockNumberAsync()).ShouldBe(16ul);
        (await client.GetBlockNumberAsync()).ShouldBe(16ul);
        methods.ShouldBe(["eth_chainId", "eth_blockNumber", "eth_blockNumber"]);
    }

    [Fact]
    public async Task GetBlock_Null_IsMissingResult()
    {
        var handler = ScriptedHandler.Results((_, _) => "null");
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetBlockAsync(BlockParameter.AtNumber(99)));
        ex.Kind.ShouldBe(JsonRpcErrorKind.MissingResult);
        ex.Message.ShouldContain("0x63");
    }

    [Fact]
    public void Constructor_RefusesMissingOrNonHttpEndpoints()
    {
        Should.Throw<ArgumentException>(() => new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions()));
        Should.Throw<ArgumentException>(() => new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = new Uri("file:///etc/passwd") }));
        Should.Throw<ArgumentException>(() => new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = Endpoint, Timeout = TimeSpan.Zero }));
    }
}
