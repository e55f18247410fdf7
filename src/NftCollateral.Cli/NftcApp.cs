using System.CommandLine;
using NftCollateral.Sdk;
using Spectre.Console;

namespace NftCollateral.Cli;

/// <summary>The <c>nftc</c> command line: parsing, dispatch, exit codes and one-line errors.</summary>
/// <remarks>
/// Exit codes: 0 success, 1 a domain failure, 2 bad input or usage. Errors go to standard error in one line; a stack
/// trace only with <c>--verbose</c>.
/// </remarks>
internal static class NftcApp
{
    public const int Success = 0;
    public const int DomainFailure = 1;
    public const int BadInput = 2;

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces with errors.",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactiveConsole, CancellationToken cancellationToken)
    {
        var context = new CliContext(stdout, stderr, interactiveConsole);
        RootCommand root = new("nftc: value NFTs as loan collateral (NftCollateral.Sdk).")
        {
            Verbose,
            RarityCommand.Create(context),
            DemoCommand.Create(context),
            LoanCommand.Create(context),
            FloorCommand.Create(context),
            DrawdownCommand.Create(context),
            LiquidityCommand.Create(context),
            TokenCommand.Create(context),
            OracleCommand.Create(context),
            AppraiseCommand.Create(context),
            BacktestCommand.Create(context),
            LtvCommand.Create(context),
            ExitCommand.Create(context),
            ValueCashFlowsCommand.Create(context),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"error: {OneLine(parse.Errors[0].Message)} (see 'nftc --help')").ConfigureAwait(false);
            return BadInput;
        }

        context.Verbose = parse.GetValue(Verbose);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return DomainFailure;
        }
        catch (Exception ex) when (Classify(ex) is int code)
        {
            await stderr.WriteLineAsync($"error: {Describe(ex)}").ConfigureAwait(false);
            if (context.Verbose)
            {
                await stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }

    internal static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();

    private static int? Classify(Exception ex) => ex switch
    {
        CollectionDataException => BadInput,
        NftCollateral.Sdk.Lending.ProtocolRevertException => DomainFailure,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => BadInput,
        UsageException => BadInput,
        NftCollateralException => DomainFailure,
        IOException => DomainFailure,
        _ => DomainFailure,
    };

    private static string Describe(Exception ex) => ex switch
    {
        FileNotFoundException f => $"{f.FileName}: file not found",
        DirectoryNotFoundException d => $"{OneLine(d.Message)}",
        UnauthorizedAccessException u => $"{OneLine(u.Message)}",
        CollectionDataException or UsageException => OneLine(ex.Message),
        NftCollateralException => OneLine(ex.Message),
        _ => $"unexpected {ex.GetType().Name}: {OneLine(ex.Message)}",
    };
}

/// <summary>Bad command-line usage found after parsing (a value out of range, a conflicting option).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Where a command writes, and how.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, bool interactiveConsole)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Verbose { get; set; }

    /// <summary>Creates a Spectre console over <see cref="Out"/>: plain text when not writing to a terminal.</summary>
    public IAnsiConsole CreateConsole()
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = interactiveConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactiveConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        };
        IAnsiConsole console = AnsiConsole.Create(settings);
        if (!interactiveConsole || Console.IsOutputRedirected)
        {
            console.Profile.Width = 140;
        }

        return console;
    }
}
