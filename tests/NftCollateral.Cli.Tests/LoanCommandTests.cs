using System.Numerics;
using System.Text.Json;

namespace NftCollateral.Cli.Tests;

public sealed class LoanCommandTests
{
    [Fact]
    public async Task Json_BendDao_FortyPercentLoanWithEightyPercentThreshold()
    {
        var (code, output, error) = await CliRunner.RunAsync(
            "loan", "--protocol", "benddao", "--principal", "4", "--rate", "0", "--start", "2024-01-01T00:00:00Z",
            "--as-of", "2024-01-01T00:00:00Z", "--collateral", "10", "--threshold", "8000", "--json");

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.GetProperty("protocol").GetString().ShouldBe("benddao");
        root.GetProperty("debt").GetString().ShouldBe("4000000000000000000");
        root.GetProperty("interest").GetString().ShouldBe("0");
        root.GetProperty("healthFactor").GetString().ShouldBe("2000000000000000000");
        root.GetProperty("ltv").GetDouble().ShouldBe(0.4);
        root.GetProperty("liquidatable").GetBoolean().ShouldBeFalse();
        root.GetProperty("liquidationPrice").GetDouble().ShouldBe(5.0);
        root.GetProperty("liquidationPriceWei").GetString().ShouldBe("5000000000000000000");
        root.GetProperty("status").GetString().ShouldBe("Active");
        root.GetProperty("asOf").GetString().ShouldBe("2024-01-01T00:00:00Z");
    }

    [Fact]
    public async Task Json_NftFi_InterestToTheWei()
    {
        // 1 ETH at 10% APR for 30 days: maximum repayment 1 + 1 * 1000 * 2592000 / (1e4 * 31536000) ETH; the stored
        // rate is floor((M - P) * 1e4 / P) bps; after 15 of 30 days the interest is P * rate * 15d / 30d / 1e4.
        var (code, output, error) = await CliRunner.RunAsync(
            "loan", "--protocol", "nftfi", "--principal", "1", "--rate", "1000", "--start", "2024-01-01T00:00:00Z",
            "--as-of", "2024-01-16T00:00:00Z", "--duration", "30d", "--json");

        code.ShouldBe(0, error);
        BigInteger p = BigInteger.Pow(10, 18);
        BigInteger m = p + (p * 1000 * 2_592_000 / (10_000 * (BigInteger)31_536_000));
        BigInteger rate = (m - p) * 10_000 / p;
        BigInteger interest = p * rate * 1_296_000 / 2_592_000 / 10_000;
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("interest").GetString().ShouldBe(interest.ToString());
        doc.RootElement.GetProperty("maturity").GetString().ShouldBe("2024-01-31T00:00:00Z");
    }

    [Fact]
    public async Task Human_Arcade_ShowsStatusAndClaimTime()
    {
        var (code, output, _) = await CliRunner.RunAsync(
            "loan", "--protocol", "arcade", "--principal", "4", "--rate", "1500", "--start", "2024-01-01T00:00:00Z",
            "--as-of", "2024-02-02T00:00:00Z", "--duration", "30d", "--grace", "72h", "--collateral", "9");

        code.ShouldBe(0);
        output.ShouldContain("Debt");
        output.ShouldContain("InGracePeriod");
        output.ShouldContain("2024-02-03 00:00:00Z");
    }

    [Theory]
    [InlineData("--protocol", "nope")]
    [InlineData("--principal", "-1")]
    [InlineData("--principal", "1.0000000000000000001")]
    [InlineData("--rate", "-5")]
    [InlineData("--start", "yesterday")]
    [InlineData("--threshold", "12000")]
    [InlineData("--duration", "30x")]
    [InlineData("--as-of", "2023-01-01T00:00:00Z")]
    public async Task BadInput_ExitsTwoWithOneLine(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--protocol"] = "arcade",
            ["--principal"] = "1",
            ["--rate"] = "1000",
            ["--start"] = "2024-01-01T00:00:00Z",
            ["--as-of"] = "2024-01-10T00:00:00Z",
            ["--duration"] = "30d",
        };
        args[option] = value;

        var (code, output, error) = await CliRunner.RunAsync(["loan", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Trim().ShouldStartWith("error: ");
        error.Trim().ShouldNotContain('\n');
    }

    [Fact]
    public async Task ProtocolRevert_ExitsOneAndNamesTheRevert()
    {
        // 10^59 ETH of principal overflows BendDAO's rayMul: the contract reverts with "200".
        var (code, _, error) = await CliRunner.RunAsync(
            "loan", "--protocol", "benddao", "--principal", "1" + new string('0', 59), "--rate", "1000",
            "--start", "2024-01-01T00:00:00Z", "--as-of", "2024-02-01T00:00:00Z");

        code.ShouldBe(1);
        error.ShouldContain("reverts: 200");
    }
}
