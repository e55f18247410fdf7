using NftCollateral.Sdk.Evm.Chainlink;
using NftCollateral.Sdk.Evm.Contracts;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Evm.Tests.Rpc;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Evm.Tests.Contracts;

/// <summary>A node (scripted) that answers eth_call with data of the wrong shape: every read must refuse it.</summary>
public class MalformedReturnDataTests
{
    private static readonly Address Contract = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    private static JsonRpcClient Node(string callResult, string code = "0x6000") => new(
        new HttpClient(ScriptedHandler.Results((method, _) => method switch
        {
            "eth_call" => $"\"{callResult}\"",
            "eth_getCode" => $"\"{code}\"",
            _ => "\"0x1\"",
        })),
        new JsonRpcClientOptions { Endpoint = new Uri("http://127.0.0.1:1/") });

    private static string Words(int count, char fill = '0') => "0x" + new string(fill, 64 * count);

    [Theory]
    [InlineData("0x00")]
    [InlineData("0x000000000000000000000000000000000000000000000000000000000000000000")]
    public async Task OwnerOf_ShortOrOversized_IsMalformed(string data)
    {
        var ex = await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node(data)).OwnerOfAsync(Contract, 1));
        ex.Kind.ShouldBe(ContractReadErrorKind.MalformedReturnData);
    }

    [Fact]
    public async Task OwnerOf_ZeroAddress_IsNonexistent_NeverAnEmptyOwner()
    {
        var ex = await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node(Words(1))).OwnerOfAsync(Contract, 1));
        ex.Kind.ShouldBe(ContractReadErrorKind.NonexistentToken);
    }

    [Fact]
    public async Task OwnerOf_DirtyAddressPadding_IsMalformed()
    {
        var ex = await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node(Words(1, 'f'))).OwnerOfAsync(Contract, 1));
        ex.Kind.ShouldBe(ContractReadErrorKind.MalformedReturnData);
        ex.Message.ShouldContain("padding");
    }

    [Fact]
    public async Task EmptyReturn_FromAContract_IsEmptyReturn_AndFromNoCode_IsNoContract()
    {
        (await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node("0x")).TotalSupplyAsync(Contract))).Kind.ShouldBe(ContractReadErrorKind.EmptyReturn);
        (await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node("0x", code: "0x")).TotalSupplyAsync(Contract))).Kind.ShouldBe(ContractReadErrorKind.NoContract);
    }

    [Fact]
    public async Task SupportsInterface_MalformedBool_IsAnError_NotFalse()
    {
        string two = "0x" + new string('0', 63) + "2";
        (await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node(two)).SupportsInterfaceAsync(Contract, Erc721Reader.Erc721InterfaceId)))
            .Kind.ShouldBe(ContractReadErrorKind.MalformedReturnData);
    }

    [Fact]
    public async Task TokenUri_TruncatedString_IsMalformed()
    {
        string truncated = "0x" + new string('0', 62) + "20" + new string('0', 62) + "40" + "41";
        (await Should.ThrowAsync<ContractReadException>(() => new Erc721Reader(Node(truncated)).TokenUriAsync(Contract, 1)))
            .Kind.ShouldBe(ContractReadErrorKind.MalformedReturnData);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task LatestRoundData_WrongLength_IsMalformedAnswer(int words)
    {
        // decimals() and latestRoundData() both get this answer: one word passes as decimals 0 when it is zero, so use words of 0x01.
        string data = "0x" + string.Concat(Enumerable.Repeat(new string('0', 63) + "1", words));
        var ex = await Should.ThrowAsync<OracleException>(() => new ChainlinkFeedReader(Node(data)).ReadAsync(Contract, TimeSpan.FromHours(1)));
        ex.Kind.ShouldBe(OracleErrorKind.MalformedAnswer);
    }

    [Fact]
    public async Task Oracle_NodeAnswersGarbage_IsNeverAPrice()
    {
        var client = new JsonRpcClient(
            new HttpClient(ScriptedHandler.Results((_, _) => "null")),
            new JsonRpcClientOptions { Endpoint = new Uri("http://127.0.0.1:1/") });
        var ex = await Should.ThrowAsync<OracleException>(() => new ChainlinkFeedReader(client).ReadAsync(Contract, TimeSpan.FromHours(1)));
        ex.Kind.ShouldBe(OracleErrorKind.SourceUnavailable);
        ex.InnerException.ShouldBeOfType<JsonRpcException>().Kind.ShouldBe(JsonRpcErrorKind.MalformedResponse);
    }
}
