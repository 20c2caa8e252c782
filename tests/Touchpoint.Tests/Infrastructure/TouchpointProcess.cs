using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// The built host as users run it: <c>dotnet Touchpoint.dll</c> (copied into the test output by the
/// project reference), on Kestrel, in a temp working folder, with none of the caller's Touchpoint settings.
/// </summary>
public sealed partial class TouchpointProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string workingDirectory;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? baseAddress;

    private TouchpointProcess(Process process, string workingDirectory)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
    }

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Touchpoint.dll");

    /// <summary>The address Kestrel bound, as 127.0.0.1 (the banner prints localhost).</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("Touchpoint is not listening yet.");

    /// <summary>Runs the host with <paramref name="arguments"/> until it exits; kills it if it is still running after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunToExitAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("touchpoint-run-").FullName;
        try
        {
            return await ProcessRunner.RunAsync(DotnetHost, [HostDll, "--urls", "http://127.0.0.1:0", .. arguments], timeout, workingDirectory, CleanEnvironment());
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    /// <summary>Runs a command of the host (<c>dotnet Touchpoint.dll verify-audit …</c>) until it exits, in a temp working folder.</summary>
    public static async Task<ProcessResult> RunCommandAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("touchpoint-run-").FullName;
        try
        {
            return await ProcessRunner.RunAsync(DotnetHost, [HostDll, .. arguments], timeout, workingDirectory, CleanEnvironment());
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    /// <summary>Starts the host and waits until it listens (the startup banner); disposing kills it.</summary>
    public static async Task<TouchpointProcess> StartAsync(IEnumerable<string> arguments)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("touchpoint-run-").FullName;
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])[HostDll, "--urls", "http://127.0.0.1:0", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        ProcessRunner.Apply(start, CleanEnvironment());
        var running = new TouchpointProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, workingDirectory);
        running.process.OutputDataReceived += (_, e) => running.OnOutput(e.Data);
        running.process.ErrorDataReceived += (_, e) => running.OnOutput(e.Data);
        running.process.Exited += (_, _) => running.listening.TrySetException(
            new InvalidOperationException($"Touchpoint exited with {running.process.ExitCode} before listening: {running.Output}"));
        running.process.Start();
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();

        try
        {
            running.baseAddress = await running.listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            process.Dispose();
            try
            {
                Directory.Delete(workingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    /// <summary>The dotnet that runs the tests, so the host gets the same runtime.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>Settings of the calling environment must not leak into the host under test.</summary>
    private static Dictionary<string, string?> CleanEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("Touchpoint__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                environment[key] = null;
            }
        }

        return environment;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }

        if (BannerAddress().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
        }
    }

    [GeneratedRegex(@"Touchpoint is running at (http://\S+)")]
    private static partial Regex BannerAddress();
}
