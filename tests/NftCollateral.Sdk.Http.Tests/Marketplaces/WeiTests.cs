using NftCollateral.Sdk.Http.Marketplaces;

namespace NftCollateral.Sdk.Http.Tests.Marketplaces;

public sealed class WeiTests
{
    [Theory]
    [InlineData("1000000000000000000", 18, "1")]
    [InlineData("1", 18, "0.000000000000000001")]
    [InlineData("123456789012345678901234567", 18, "123456789.012345678901234567")]
    [InlineData("79228162514264337593543950335", 18, "79228162514.264337593543950335")]
    [InlineData("50000000", 6, "50")]
    [InlineData("0", 18, "0")]
    public void TryToDecimal_Exact(string raw, int decimals, string expected)
    {
        Wei.TryToDecimal(raw, decimals, out decimal value).ShouldBeTrue();
        value.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null, 18)]
    [InlineData("", 18)]
    [InlineData("-1", 18)]
    [InlineData("1.5", 18)]
    [InlineData("0x10", 18)]
    [InlineData(" 1", 18)]
    [InlineData("79228162514264337593543950336", 18)]
    [InlineData("1", 29)]
    [InlineData("1", -1)]
    public void TryToDecimal_Rejects(string? raw, int decimals)
    {
        Wei.TryToDecimal(raw, decimals, out _).ShouldBeFalse();
    }
}
