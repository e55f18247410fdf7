using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class OracleExceptionTests
{
    [Fact]
    public void Constructor_NamesKindSourceAndQueryInMessage()
    {
        var query = new PriceQuery("0xabc", "ETH", "42");
        var ex = new OracleException(OracleErrorKind.IncompleteRound, "chainlink:azuki", query, "answeredInRound < roundId");

        ex.ShouldBeAssignableTo<NftCollateralException>();
        ex.Message.ShouldBe("Oracle IncompleteRound from 'chainlink:azuki' for 0xabc/42 in ETH: answeredInRound < roundId");
        ex.InnerExceptions.ShouldBeEmpty();
        ex.InnerException.ShouldBeNull();
    }

    [Fact]
    public void Constructor_WithCause_ListsItAsSingleInner()
    {
        var cause = new InvalidOperationException("x");
        var ex = new OracleException(OracleErrorKind.Reverted, "feed", Bayc, "reverted", cause);

        ex.InnerException.ShouldBeSameAs(cause);
        ex.InnerExceptions.ShouldBe([cause]);
    }

    [Fact]
    public void PriceQuery_EqualityIsByValue_AndBlankFieldsRejected()
    {
        new PriceQuery("0xabc", "ETH").ShouldBe(new PriceQuery("0xabc", "ETH"));
        new PriceQuery("0xabc", "ETH").ShouldNotBe(new PriceQuery("0xabc", "USD"));
        new PriceQuery("0xabc", "ETH", "1").ShouldNotBe(new PriceQuery("0xabc", "ETH"));
        Should.Throw<ArgumentException>(() => new PriceQuery(" ", "ETH"));
        Should.Throw<ArgumentException>(() => new PriceQuery("0xabc", ""));
        Should.Throw<ArgumentException>(() => new PriceQuery("0xabc", "ETH", " "));
        Should.Throw<ArgumentException>(() => new PriceQuote(1m, "ETH", Now, ""));
    }
}
