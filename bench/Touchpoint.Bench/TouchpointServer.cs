using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// Touchpoint itself, the built Touchpoint.dll in its own process on Kestrel, on a free loopback port,
/// against the benchmark's database. Secrets go through the environment, not the command line.
/// </summary>
internal sealed class TouchpointServer : IAsyncDisposable
{
    private const int KeptOutputLines = 40;

    private readonly Process process;
    private readonly Queue<string> output = new();

    private TouchpointServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<TouchpointServer> StartAsync(IReadOnlyDictionary<string, string> settings, string workingDirectory, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Touchpoint.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Per-request logging would measure the console, not Touchpoint.
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Touchpoint could not be started.");
        var server = new TouchpointServer(process, address);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async Task<string> TokenAsync(HttpClient client, string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(Address, "/api/auth/token"), new { userName, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("The token response has no accessToken.");
    }

    public string RecentOutput()
    {
        lock (output)
        {
            return string.Join(Environment.NewLine, output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Touchpoint exited with code {process.ExitCode} while starting:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first response on a busy machine; ask again.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Touchpoint did not answer /health within {limit.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput()}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host of the runtime running this benchmark, so Touchpoint runs on the same one.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == name)
        {
            return self;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
