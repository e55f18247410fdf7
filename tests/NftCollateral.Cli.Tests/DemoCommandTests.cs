using System.Text.Json;

namespace NftCollateral.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PrintsTopTokensWithTraitBreakdown()
    {
        var (code, output, error) = await CliRunner.RunAsync("demo");

        code.ShouldBe(0, error);
        output.ShouldContain("Demo Apes (synthetic)");
        output.ShouldContain("5,000 tokens");
        output.ShouldContain("Top 5 by rarity");
        output.ShouldContain("IC (bits)");
        output.ShouldContain("(trait count)");
        output.Split("Token ").Length.ShouldBeGreaterThan(5, "a breakdown per top token");
    }

    [Fact]
    public async Task Demo_Json_IsDeterministicAndComplete()
    {
        var first = await CliRunner.RunAsync("demo", "--json");
        var second = await CliRunner.RunAsync("demo", "--json");

        first.ExitCode.ShouldBe(0);
        first.Out.ShouldBe(second.Out);
        using JsonDocument doc = JsonDocument.Parse(first.Out);
        doc.RootElement.GetProperty("tokenCount").GetInt32().ShouldBe(5000);
        doc.RootElement.GetProperty("ranks").EnumerateObject().Count().ShouldBe(5000);
    }

    [Fact]
    public async Task Demo_OtherSeed_GivesOtherCollection()
    {
        var first = await CliRunner.RunAsync("demo", "--json", "--tokens", "500");
        var other = await CliRunner.RunAsync("demo", "--json", "--tokens", "500", "--seed", "7");
        first.Out.ShouldNotBe(other.Out);
    }

    [Fact]
    public async Task Help_ExitsZeroAndListsCommands()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");
        code.ShouldBe(0);
        output.ShouldContain("rarity");
        output.ShouldContain("demo");
    }

    [Fact]
    public void RealProcess_Demo_ExitsZero()
    {
        var (code, output, error) = CliRunner.RunProcess("demo", "--top", "2");
        code.ShouldBe(0, error);
        output.ShouldContain("Top 2 by rarity");
    }
}
