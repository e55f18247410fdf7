namespace NftCollateral.Cli.Tests;

/// <summary>
/// Bad input to the chain commands: exit code 2 and one line naming the option, before any request is sent (the
/// --rpc given here refuses connections, so a request would end in exit code 1 instead).
/// </summary>
public sealed class ChainBadInputTests
{
    private const string Contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private static readonly string DeadRpc = DeadEndpoints.ClosedPort();

    public static TheoryData<string[], string[]> Cases => new()
    {
        // A mistyped mixed-case address: the checksum is wrong; the message gives the right form.
        { ["token", "--contract", "0x5FbDB2315678afecb367f032d93F642f64180aA3", "--token", "1"], ["--contract", "EIP-55 checksum", Contract] },
        { ["token", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180a", "--token", "1"], ["--contract", "not an address"] },
        { ["token", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180aaZ", "--token", "1"], ["--contract", "not an address"] },
        { ["token", "--contract", "vitalik.eth", "--token", "1"], ["--contract", "not an address"] },
        { ["token", "--contract", Contract, "--token", "abc"], ["--token", "'abc'"] },
        { ["token", "--contract", Contract, "--token", "-1"], ["--token", "'-1'"] },
        { ["token", "--contract", Contract, "--token", "1.5"], ["--token", "'1.5'"] },
        { ["token", "--contract", Contract, "--token", "0x10"], ["--token", "'0x10'"] },
        { ["token", "--contract", Contract, "--token", ""], ["--token"] },
        { ["token", "--contract", Contract, "--token", "115792089237316195423570985008687907853269984665640564039457584007913129639936"], ["--token", "2^256"] },
        { ["token", "--contract", Contract, "--token", "1", "--from-block", "-3"], ["--from-block"] },
        { ["token", "--contract", Contract, "--token", "1", "--timeout", "0"], ["--timeout", "above 0"] },
        { ["token", "--contract", Contract, "--token", "1", "--timeout", "-1"], ["--timeout"] },
        { ["token", "--contract", Contract, "--token", "1", "--timeout", "soon"], ["--timeout"] },
        { ["token", "--contract", Contract, "--token", "1", "--chain-id", "0"], ["--chain-id", "positive integer"] },
        { ["token", "--contract", Contract, "--token", "1", "--chain-id", "-1"], ["--chain-id"] },
        { ["token", "--contract", Contract, "--token", "1", "--chain-id", "mainnet"], ["--chain-id"] },
        { ["oracle", "--feed", "0x5FbDB2315678afecb367f032d93F642f64180aA3"], ["--feed", "EIP-55 checksum", Contract] },
        { ["oracle", "--feed", "0x123"], ["--feed", "not an address"] },
        { ["oracle", "--feed", Contract, "--max-age", "0"], ["--max-age", "above 0"] },
        { ["oracle", "--feed", Contract, "--max-age", "-60"], ["--max-age"] },
        { ["oracle", "--feed", Contract, "--max-age", "1e9999"], ["--max-age"] },
        { ["oracle", "--feed", Contract, "--timeout", "NaN"], ["--timeout"] },
        { ["oracle", "--feed", Contract, "--chain-id", "18446744073709551616"], ["--chain-id"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadValue_ExitsTwoWithOneLineNamingTheOption(string[] args, string[] mentions)
    {
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--rpc", DeadRpc, "--json"]);

        code.ShouldBe(2, error);
        output.ShouldBeEmpty();
        string line = error.TrimEnd('\r', '\n');
        line.ShouldStartWith("error: ");
        line.ShouldNotContain('\n', customMessage: "exactly one line");
        line.ShouldNotContain("   at ");
        foreach (string mention in mentions)
        {
            line.ShouldContain(mention);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:8545", "absolute")]
    [InlineData("/rpc", "absolute")]
    [InlineData("ws://127.0.0.1:8545", "'ws'")]
    [InlineData("file:///etc/passwd", "'file'")]
    public async Task BadRpcUrl_ExitsTwoNamingRpc(string rpc, string mention)
    {
        foreach (string[] command in new[] { new[] { "token", "--contract", Contract, "--token", "1" }, new[] { "oracle", "--feed", Contract } })
        {
            var (code, output, error) = await CliRunner.RunAsync([.. command, "--rpc", rpc]);

            code.ShouldBe(2, error);
            output.ShouldBeEmpty();
            error.Trim().ShouldStartWith("error: --rpc ");
            error.Trim().ShouldContain(mention);
            error.Trim().ShouldNotContain('\n');
        }
    }

    [Theory]
    [InlineData("token", "--contract", Contract)]
    [InlineData("token", "--token", "1")]
    [InlineData("oracle")]
    public async Task MissingRequiredOption_ExitsTwo(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync([.. args, "--rpc", DeadRpc]);
        code.ShouldBe(2);
        error.Trim().ShouldStartWith("error: ");
        error.Trim().ShouldContain("required");
    }

    [Fact]
    public async Task MissingRpc_ExitsTwoNamingRpc()
    {
        var (code, _, error) = await CliRunner.RunAsync("oracle", "--feed", Contract);
        code.ShouldBe(2);
        error.Trim().ShouldContain("--rpc");
    }
}
