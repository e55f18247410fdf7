using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using NftCollateral.Sdk.Lending;
using Spectre.Console;

namespace NftCollateral.Cli;

/// <summary><c>nftc loan</c>: one loan as its protocol's contract sees it, to the wei.</summary>
internal static class LoanCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> protocol = new("--protocol", "-p")
        {
            Description = "Protocol: " + string.Join(", ", ProtocolProfiles.All.Select(p => p.Id)) + ".",
            Required = true,
        };
        Option<string> principal = new("--principal") { Description = "Principal, in ETH (exact decimal, up to 18 decimals).", Required = true, HelpName = "ETH" };
        Option<int> rate = new("--rate") { Description = "Annual interest rate, in basis points (1500 = 15% APR).", Required = true, HelpName = "BPS" };
        Option<string> start = new("--start") { Description = "Loan start, ISO 8601 (e.g. 2024-01-01T00:00:00Z).", Required = true, HelpName = "ISO" };
        Option<string> asOf = new("--as-of") { Description = "Evaluate at this moment, ISO 8601 (default: now).", HelpName = "ISO" };
        Option<string> collateral = new("--collateral") { Description = "Collateral value, in ETH.", HelpName = "ETH" };
        Option<int?> threshold = new("--threshold") { Description = "Liquidation threshold, in basis points (default: the protocol's).", HelpName = "BPS" };
        Option<string> duration = new("--duration") { Description = "Fixed term: seconds, or a number with s, m, h or d (30d). Required for nftfi and arcade.", HelpName = "TIME" };
        Option<string> grace = new("--grace") { Description = "Grace period after the term (default: the protocol's), e.g. 72h.", HelpName = "TIME" };
        Option<string> maxRepayment = new("--max-repayment") { Description = "NFTfi maximum repayment, in ETH (default: principal plus full-term interest).", HelpName = "ETH" };
        Option<bool> json = new("--json") { Description = "Print one JSON document: {protocol, asOf, debt, interest, healthFactor, ltv, liquidatable, liquidationPrice, status, ...}; amounts as wei strings." };

        var command = new Command("loan", "Evaluate one loan with its protocol's exact math: debt and interest to the wei, health factor, liquidation price, status.")
        {
            protocol, principal, rate, start, asOf, collateral, threshold, duration, grace, maxRepayment, json,
        };

        command.SetAction(parse =>
        {
            string protocolId = parse.GetRequiredValue(protocol);
            ProtocolProfile profile = ProtocolProfiles.TryGet(protocolId, out ProtocolProfile? found)
                ? found
                : throw new UsageException($"unknown protocol '{protocolId}' (use {string.Join(", ", ProtocolProfiles.All.Select(p => p.Id))})");
            var terms = new LoanTerms
            {
                Protocol = profile,
                Principal = Ether(parse.GetRequiredValue(principal), "--principal"),
                AprBps = parse.GetValue(rate) is int r and >= 0 ? r : throw new UsageException($"--rate must be 0 or more basis points, not {parse.GetValue(rate)}"),
                Start = Moment(parse.GetRequiredValue(start), "--start"),
                Duration = parse.GetValue(duration) is string d ? Time(d, "--duration") : null,
                GracePeriod = parse.GetValue(grace) is string g ? Time(g, "--grace") : null,
                LiquidationThresholdBps = parse.GetValue(threshold) is int t
                    ? t is >= 0 and <= 10_000 ? t : throw new UsageException($"--threshold must be 0 to 10000 basis points, not {t}")
                    : null,
                MaximumRepayment = parse.GetValue(maxRepayment) is string m ? Ether(m, "--max-repayment") : null,
            };
            DateTimeOffset at = parse.GetValue(asOf) is string a ? Moment(a, "--as-of") : TimeProvider.System.GetUtcNow();
            BigInteger? value = parse.GetValue(collateral) is string c ? Ether(c, "--collateral") : null;

            LoanPosition position;
            try
            {
                position = LoanMath.Evaluate(terms, at, value);
            }
            catch (ArgumentException ex)
            {
                string message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
                throw new UsageException(NftcApp.OneLine(message));
            }

            if (parse.GetValue(json))
            {
                WriteJson(context.Out, profile, position);
            }
            else
            {
                Render(context.CreateConsole(), profile, terms, position);
            }

            return NftcApp.Success;
        });
        return command;
    }

    private static BigInteger Ether(string text, string option) =>
        EtherUnits.TryParseEther(text, out BigInteger wei)
            ? wei
            : throw new UsageException($"{option} must be an amount of ETH (digits, at most 18 decimals), not '{text}'");

    private static DateTimeOffset Moment(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset moment)
            ? moment
            : throw new UsageException($"{option} must be an ISO 8601 date and time, not '{text}'");

    internal static TimeSpan Time(string text, string option)
    {
        string trimmed = text.Trim();
        double factor = trimmed.Length > 0 ? char.ToLowerInvariant(trimmed[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 } : 0;
        string number = factor == 0 ? trimmed : trimmed[..^1];
        factor = factor == 0 ? 1 : factor;
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long amount) && amount > 0 && amount <= 100L * 365 * 86400
            ? TimeSpan.FromSeconds(amount * factor)
            : throw new UsageException($"{option} must be a positive whole number of seconds, or of s, m, h or d (e.g. 30d), not '{text}'");
    }

    private static void WriteJson(TextWriter output, ProtocolProfile profile, LoanPosition p)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("protocol", profile.Id);
            writer.WriteString("asOf", Iso(p.AsOf));
            writer.WriteString("principal", p.OutstandingPrincipal.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("interest", p.Interest.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("debt", p.Debt.ToString(CultureInfo.InvariantCulture));
            WriteOptional(writer, "collateral", p.CollateralValue);
            WriteOptional(writer, "healthFactor", p.HealthFactor);
            if (p.Ltv is double ltv)
            {
                writer.WriteNumber("ltv", ltv);
            }
            else
            {
                writer.WriteNull("ltv");
            }

            writer.WriteBoolean("liquidatable", p.Liquidatable);
            if (p.LiquidationPrice is BigInteger price)
            {
                writer.WriteNumber("liquidationPrice", double.Parse(EtherUnits.FormatEther(price), CultureInfo.InvariantCulture));
                writer.WriteString("liquidationPriceWei", price.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("liquidationPrice");
                writer.WriteNull("liquidationPriceWei");
            }

            writer.WriteString("status", p.Status.ToString());
            writer.WriteString("maturity", p.Maturity is DateTimeOffset maturity ? Iso(maturity) : null);
            writer.WriteString("claimableAfter", p.ClaimableAfter is DateTimeOffset claim ? Iso(claim) : null);
        });
    }

    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter writer, string name, BigInteger? value)
    {
        if (value is BigInteger v)
        {
            writer.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Render(IAnsiConsole console, ProtocolProfile profile, LoanTerms terms, LoanPosition p)
    {
        var grid = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(profile.Name)} loan at {p.AsOf:u}");
        grid.AddColumn("Figure");
        grid.AddColumn(new TableColumn("Value").RightAligned());
        grid.AddRow("Principal outstanding", Eth(p.OutstandingPrincipal));
        grid.AddRow("Interest accrued", Eth(p.Interest));
        grid.AddRow("[bold]Debt[/]", $"[bold]{Eth(p.Debt)}[/]");
        if (p.CollateralValue is BigInteger value)
        {
            grid.AddRow("Collateral value", Eth(value));
        }

        if (p.Ltv is double ltv)
        {
            grid.AddRow("Loan-to-value", ltv.ToString("P2", CultureInfo.InvariantCulture));
        }

        if (p.HealthFactor is BigInteger hf)
        {
            grid.AddRow("Health factor", hf == UInt256.MaxValue ? "∞ (no debt)" : EtherUnits.FormatEther(hf));
        }

        if (p.LiquidationPrice is BigInteger price)
        {
            grid.AddRow($"Liquidation price (threshold {terms.EffectiveLiquidationThresholdBps / 100.0:0.##}%)", Eth(price));
        }

        grid.AddRow("Liquidatable", p.Liquidatable ? "[red]yes[/]" : "no");
        if (p.Maturity is DateTimeOffset maturity)
        {
            grid.AddRow("Maturity", maturity.ToString("u", CultureInfo.InvariantCulture));
        }

        if (p.ClaimableAfter is DateTimeOffset claim)
        {
            grid.AddRow("Lender may claim after", claim.ToString("u", CultureInfo.InvariantCulture));
        }

        grid.AddRow("Status", p.Status.ToString());
        console.Write(grid);
    }

    private static string Eth(BigInteger wei) => $"{EtherUnits.FormatEther(wei)} ETH";
}
