using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Evm.TestNode;

/// <summary>
/// A real anvil node on 127.0.0.1 (from <c>tests/evm-node/node_modules</c>) with auto-mining and anvil's ten unlocked,
/// funded accounts. Dispose it to stop the process; it is also stopped when the host process exits.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    private const int MaxStartAttempts = 5;
    private const int MaxCapturedChars = 64 * 1024;
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly HashSet<AnvilNode> Live = [];
    private static int s_exitHookRegistered;

    private readonly Process _process;
    private readonly Process? _watchdog;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;
    private long _nextId;
    private int _disposed;

    private AnvilNode(Process process, Process? watchdog, StringBuilder output, HttpClient http, Uri rpcUri)
    {
        _process = process;
        _watchdog = watchdog;
        _output = output;
        _http = http;
        RpcUri = rpcUri;
    }

    /// <summary>Gets the JSON-RPC endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RpcUri { get; }

    /// <summary>Gets the chain id answered by <c>eth_chainId</c>.</summary>
    public long ChainId { get; private set; }

    /// <summary>Gets the unlocked, funded accounts (<c>eth_accounts</c>), lowercase 0x hex.</summary>
    public IReadOnlyList<string> Accounts { get; private set; } = [];

    /// <summary>Gets the anvil process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets what anvil wrote to stdout and stderr so far (the last 64 KiB).</summary>
    public string CapturedOutput
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Installs the npm packages if needed, starts anvil on a free port and waits until it answers.</summary>
    public static async Task<AnvilNode> StartAsync(AnvilNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilNodeOptions();
        await EvmNodeTools.EnsureNpmPackagesAsync(cancellationToken);
        RegisterExitHook();

        string lastFailure = "";
        for (int attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            int port = PickFreePort();
            (AnvilNode? node, string failure, bool retry) = await TryStartAsync(options, port, cancellationToken);
            if (node is not null)
            {
                return node;
            }

            lastFailure = failure;
            if (!retry)
            {
                break;
            }
        }

        throw new InvalidOperationException($"anvil did not start: {lastFailure}");
    }

    /// <summary>Sends a JSON-RPC request and returns its <c>result</c>.</summary>
    /// <exception cref="AnvilRpcException">The node answered with a JSON-RPC error.</exception>
    public async Task<JsonElement> RpcAsync(string method, params object?[] parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        byte[] body = BuildRequest(Interlocked.Increment(ref _nextId), method, parameters ?? []);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await _http.PostAsync(RpcUri, content);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(answer);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"{method}: HTTP {(int)response.StatusCode}, not JSON-RPC: {Encoding.UTF8.GetString(answer)}", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
            {
                long code = error.TryGetProperty("code", out JsonElement c) && c.TryGetInt64(out long v) ? v : 0;
                string message = error.TryGetProperty("message", out JsonElement m) ? m.ToString() : error.GetRawText();
                JsonElement? data = error.TryGetProperty("data", out JsonElement d) ? d.Clone() : null;
                throw new AnvilRpcException(method, code, message, data);
            }

            return root.TryGetProperty("result", out JsonElement result)
                ? result.Clone()
                : throw new InvalidOperationException($"{method}: answer has neither result nor error: {root.GetRawText()}");
        }
    }

    /// <summary>Deploys creation code plus encoded constructor arguments and returns the contract address (lowercase).</summary>
    /// <param name="contract">The compiled contract.</param>
    /// <param name="constructorArgsHex">ABI-encoded constructor arguments (with or without 0x), e.g. from <see cref="Calldata.EncodeConstructor"/>.</param>
    /// <param name="from">The sender; <see cref="Accounts"/>[0] when null.</param>
    public async Task<string> DeployAsync(CompiledContract contract, string constructorArgsHex = "", string? from = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(constructorArgsHex);
        if (contract.Bytecode.Length <= 2)
        {
            throw new ArgumentException($"{contract.Name} has no creation code (an interface or abstract contract?).", nameof(contract));
        }

        var tx = new Dictionary<string, string>
        {
            ["from"] = from ?? Accounts[0],
            ["data"] = contract.Bytecode + Hex.Strip(constructorArgsHex),
        };
        string hash = (await RpcAsync("eth_sendTransaction", tx)).GetString()!;
        JsonElement receipt = await WaitForReceiptAsync(hash);
        await EnsureSuccessAsync(receipt, tx, $"deploying {contract.Name}");
        return receipt.GetProperty("contractAddress").GetString()!.ToLowerInvariant();
    }

    /// <summary>Sends a transaction from an unlocked account, waits for its receipt and returns it.</summary>
    /// <exception cref="AnvilRpcException">The node refused it (e.g. the gas estimate reverted).</exception>
    /// <exception cref="InvalidOperationException">The receipt's status is not 0x1.</exception>
    public async Task<JsonElement> SendTransactionAsync(string from, string to, string dataHex, BigInteger value = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        var tx = new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["data"] = "0x" + Hex.Strip(dataHex ?? "") };
        if (!value.IsZero)
        {
            tx["value"] = Hex.Quantity(value);
        }

        string hash = (await RpcAsync("eth_sendTransaction", tx)).GetString()!;
        JsonElement receipt = await WaitForReceiptAsync(hash);
        await EnsureSuccessAsync(receipt, tx, $"transaction to {to}");
        return receipt;
    }

    /// <summary>Polls <c>eth_getTransactionReceipt</c> until the receipt exists (at most 30 s).</summary>
    public async Task<JsonElement> WaitForReceiptAsync(string transactionHash)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            JsonElement receipt = await RpcAsync("eth_getTransactionReceipt", transactionHash);
            if (receipt.ValueKind == JsonValueKind.Object)
            {
                return receipt;
            }

            if (clock.Elapsed > ReceiptTimeout)
            {
                throw new TimeoutException($"No receipt for {transactionHash} after {ReceiptTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Runs <c>eth_call</c> at the latest block and returns the 0x hex result.</summary>
    /// <exception cref="AnvilRpcException">The call reverted (<see cref="AnvilRpcException.ErrorData"/> holds the revert data).</exception>
    public async Task<string> CallAsync(string to, string dataHex, string? from = null)
    {
        var call = new Dictionary<string, string> { ["to"] = to, ["data"] = "0x" + Hex.Strip(dataHex ?? "") };
        if (from is not null)
        {
            call["from"] = from;
        }

        return (await RpcAsync("eth_call", call, "latest")).GetString()!;
    }

    /// <summary>Moves the clock forward (<c>evm_increaseTime</c>) and mines a block with the new time.</summary>
    public async Task IncreaseTimeAsync(long seconds)
    {
        await RpcAsync("evm_increaseTime", seconds);
        await RpcAsync("evm_mine");
    }

    /// <summary>Mines empty blocks (<c>anvil_mine</c>).</summary>
    public async Task MineAsync(int blocks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        await RpcAsync("anvil_mine", Hex.Quantity(blocks));
    }

    /// <summary>Sets the timestamp of the next mined block (<c>evm_setNextBlockTimestamp</c>).</summary>
    public async Task SetNextBlockTimestampAsync(long unixSeconds) => await RpcAsync("evm_setNextBlockTimestamp", unixSeconds);

    /// <summary>Gets the latest block number.</summary>
    public async Task<long> GetBlockNumberAsync() => Hex.ToLong((await RpcAsync("eth_blockNumber")).GetString()!);

    /// <summary>Gets the timestamp of the latest block, in Unix seconds.</summary>
    public async Task<long> GetLatestTimestampAsync()
    {
        JsonElement block = await RpcAsync("eth_getBlockByNumber", "latest", false);
        return Hex.ToLong(block.GetProperty("timestamp").GetString()!);
    }

    /// <summary>Replaces the runtime code at an address (<c>anvil_setCode</c>).</summary>
    public async Task SetCodeAsync(string address, string runtimeHex) =>
        await RpcAsync("anvil_setCode", address, "0x" + Hex.Strip(runtimeHex));

    /// <summary>Takes a snapshot of the chain state (<c>evm_snapshot</c>) and returns its id.</summary>
    public async Task<string> SnapshotAsync() => (await RpcAsync("evm_snapshot")).GetString()!;

    /// <summary>Returns to a snapshot (<c>evm_revert</c>); the snapshot is used up, so take a new one to revert again.</summary>
    public async Task<bool> RevertAsync(string snapshotId) => (await RpcAsync("evm_revert", snapshotId)).GetBoolean();

    /// <summary>Stops anvil (its whole process tree) and waits for it to exit (at most 10 s).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (Live)
        {
            Live.Remove(this);
        }

        _http.Dispose();
        await StopAsync(_process, _watchdog);
    }

    private static async Task<(AnvilNode? Node, string Failure, bool Retry)> TryStartAsync(
        AnvilNodeOptions options, int port, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(EvmNodeTools.AnvilPath)
        {
            WorkingDirectory = EvmNodeTools.EvmNodeDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in (string[])["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent"])
        {
            psi.ArgumentList.Add(a);
        }

        if (options.ChainId is { } chainId)
        {
            psi.ArgumentList.Add("--chain-id");
            psi.ArgumentList.Add(chainId.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Hardfork is { } hardfork)
        {
            psi.ArgumentList.Add("--hardfork");
            psi.ArgumentList.Add(hardfork);
        }

        foreach (string a in options.ExtraArguments)
        {
            psi.ArgumentList.Add(a);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Capture(output, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Process? watchdog = StartWatchdog(process.Id);

        var rpcUri = new Uri($"http://127.0.0.1:{port}/");
#pragma warning disable CA2000 // Owned by the node on success, disposed below on failure.
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = options.RequestTimeout,
        };
#pragma warning restore CA2000
        var node = new AnvilNode(process, watchdog, output, http, rpcUri);
        string failure;
        bool retry;
        try
        {
            (failure, retry) = await node.WaitUntilReadyAsync(port, options.StartupTimeout, ct);
            if (failure.Length == 0)
            {
                node.ChainId = Hex.ToLong((await node.RpcAsync("eth_chainId")).GetString()!);
                node.Accounts = (await node.RpcAsync("eth_accounts")).EnumerateArray()
                    .Select(a => a.GetString()!.ToLowerInvariant())
                    .ToList();
                lock (Live)
                {
                    Live.Add(node);
                }

                return (node, "", false);
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        await node.DisposeAsync();
        return (null, $"{failure}\nanvil output:\n{node.CapturedOutput}", retry);
    }

    private async Task<(string Failure, bool Retry)> WaitUntilReadyAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        byte[] request = BuildRequest(0, "eth_chainId", []);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                using (var flush = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    flush.CancelAfter(TimeSpan.FromSeconds(5));
                    await _process.WaitForExitAsync(flush.Token); // Flushes the captured output.
                }

                bool inUse = CapturedOutput.Contains("in use", StringComparison.OrdinalIgnoreCase);
                return ($"anvil exited with code {_process.ExitCode} on port {port}.", inUse);
            }

            try
            {
                using var content = new ByteArrayContent(request);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await probe.PostAsync(RpcUri, content, ct);
                if (response.IsSuccessStatusCode)
                {
                    // Make sure the port is ours, not another anvil's that took it between our probe and our bind.
                    return OwnsListeningSocket(_process.Id, port) == false
                        ? ($"port {port} answered but is held by another process.", true)
                        : ("", false);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // The probe's own time limit.
            }

            if (clock.Elapsed > timeout)
            {
                return ($"eth_chainId did not answer on port {port} within {timeout.TotalSeconds:0} s.", false);
            }

            await Task.Delay(20, ct);
        }
    }

    private static byte[] BuildRequest(long id, string method, object?[] parameters)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteString("method", method);
            w.WritePropertyName("params");
            JsonSerializer.Serialize(w, parameters);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Throws when the receipt's status is not 0x1 (anvil mines reverting transactions rather than refusing them),
    /// with the revert reason found by replaying the transaction as an eth_call on the parent block.
    /// </summary>
    private async Task EnsureSuccessAsync(JsonElement receipt, Dictionary<string, string> tx, string what)
    {
        string? status = receipt.TryGetProperty("status", out JsonElement s) ? s.GetString() : null;
        if (status == "0x1")
        {
            return;
        }

        string reason = "";
        if (receipt.TryGetProperty("blockNumber", out JsonElement b) && Hex.ToLong(b.GetString()!) is > 0 and long block)
        {
            try
            {
                await RpcAsync("eth_call", tx, Hex.Quantity(block - 1));
            }
            catch (AnvilRpcException e)
            {
                reason = $" ({e.RpcMessage}{(e.ErrorData is { } d ? " data=" + d.GetRawText() : "")})";
            }
        }

        throw new InvalidOperationException(
            $"{what} failed (status {status ?? "missing"}){reason}: {receipt.GetRawText()}");
    }

    private static int PickFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void Capture(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > MaxCapturedChars)
            {
                output.Remove(0, output.Length - MaxCapturedChars);
            }
        }
    }

    /// <summary>
    /// On Linux, a shell that waits on a pipe from this process and kills anvil when the pipe closes, i.e. when
    /// this process dies without running its exit handlers (test host killed). Null elsewhere.
    /// </summary>
    private static Process? StartWatchdog(int anvilPid)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/sh"))
        {
            return null;
        }

        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("read -r _; [ \"$(cat /proc/$0/comm 2>/dev/null)\" = anvil ] && kill $0");
        psi.ArgumentList.Add(anvilPid.ToString(CultureInfo.InvariantCulture));
        try
        {
            return Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Whether the process holds the listening TCP socket of the port (Linux /proc); null when unknown.</summary>
    private static bool? OwnsListeningSocket(int pid, int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            string suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == "0A" && f[1].EndsWith(suffix, StringComparison.Ordinal))
                {
                    inodes.Add(f[9]);
                }
            }

            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (string fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && inodes.Contains(target[8..^1]))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void RegisterExitHook()
    {
        if (Interlocked.Exchange(ref s_exitHookRegistered, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }
    }

    private static void KillAll()
    {
        AnvilNode[] nodes;
        lock (Live)
        {
            nodes = [.. Live];
            Live.Clear();
        }

        foreach (AnvilNode node in nodes)
        {
            ProcessRunner.KillQuietly(node._process);
            node._process.WaitForExit(2000);
            if (node._watchdog is { } w)
            {
                ProcessRunner.KillQuietly(w);
            }
        }
    }

    private static async Task StopAsync(Process process, Process? watchdog)
    {
        ProcessRunner.KillQuietly(process);
        using (var limit = new CancellationTokenSource(ExitTimeout))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported by the caller's own checks; do not hang disposal.
            }
        }

        if (watchdog is not null)
        {
            ProcessRunner.KillQuietly(watchdog);
            watchdog.WaitForExit(2000);
            watchdog.Dispose();
        }

        process.Dispose();
    }
}
