using NftCollateral.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await NftcApp.RunAsync(args, Console.Out, Console.Error, interactiveConsole: !Console.IsOutputRedirected, cancellation.Token).ConfigureAwait(false);
