using System.CommandLine;
using System.Globalization;

namespace NftCollateral.Cli;

/// <summary>The options and checks the market commands (<c>floor</c>, <c>liquidity</c>) share.</summary>
internal static class MarketOptions
{
    public static Option<string> SalesFile(bool required) => new("--sales")
    {
        Description = "Sales CSV with a header (columns collection, token_id, timestamp_utc, price_eth; others optional), as in shared/data/cryptopunks-sales.csv.",
        Required = required,
        HelpName = "FILE",
    };

    public static Option<string> Collection() => new("--collection")
    {
        Description = "The collection, as named in the file's collection column (case-insensitive).",
        Required = true,
        HelpName = "NAME",
    };

    public static Option<string> AsOf() => new("--as-of")
    {
        Description = "The as-of time: a UTC date (yyyy-MM-dd, meaning the end of that day) or an ISO 8601 timestamp. Sales strictly before it count.",
        Required = true,
        HelpName = "DATE",
    };

    public static Option<double> WindowDays() => new("--window")
    {
        Description = "Window length in days before the as-of time (default 30).",
        DefaultValueFactory = _ => 30,
        HelpName = "DAYS",
    };

    /// <summary>Checks a <c>--window</c> value: above 0 and at most 36,500 days.</summary>
    public static double CheckWindow(double days) =>
        days > 0 && days <= 36_500
            ? days
            : throw new UsageException($"--window must be a number of days above 0 (at most 36500), not {days.ToString(CultureInfo.InvariantCulture)}");
}
