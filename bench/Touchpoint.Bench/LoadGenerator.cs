using System.Diagnostics;
using System.Net.Http.Headers;

namespace Touchpoint.Bench;

/// <summary>What one measured phase of load gave: the latencies of successful calls, how many there were, over how long.</summary>
internal sealed record LoadRun(Latencies Latencies, long Requests, double Seconds);

/// <summary>
/// Closed-loop load, the same for every benchmark and for its raw baseline: a fixed number of workers each call one
/// operation back to back, first for the warm-up and then for the measured duration. The warm-up is there because the
/// JIT's tiered compilation keeps optimising hot paths for seconds, and a server measured before it settles is
/// measured half-compiled.
/// </summary>
/// <param name="maxCallsPerPhase">A cap on calls in each phase (warm-up, measured), for operations that add rows.</param>
internal sealed class LoadGenerator(int concurrency, TimeSpan warmUp, TimeSpan duration, long maxCallsPerPhase = long.MaxValue)
{
    /// <param name="once">One call by the given worker (0 … concurrency − 1); false when it failed, which is not measured.</param>
    /// <param name="keepGoing">Asked before every call; false stops every worker (too many errors, say).</param>
    public async Task<LoadRun> RunAsync(Func<int, Task<bool>> once, Func<bool> keepGoing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(once);
        ArgumentNullException.ThrowIfNull(keepGoing);
        _ = await PhaseAsync(once, keepGoing, warmUp, cancellationToken);
        return await PhaseAsync(once, keepGoing, duration, cancellationToken);
    }

    private async Task<LoadRun> PhaseAsync(Func<int, Task<bool>> once, Func<bool> keepGoing, TimeSpan length, CancellationToken cancellationToken)
    {
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new Latencies()).ToArray();
        var budget = maxCallsPerPhase;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed < length && keepGoing() && Interlocked.Decrement(ref budget) >= 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                if (await once(w))
                {
                    perWorker[w].Add(Stopwatch.GetTimestamp() - started);
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var latencies = Latencies.Merge(perWorker);
        return new LoadRun(latencies, latencies.Count, seconds);
    }
}

/// <summary>
/// The HTTP side of load against a <see cref="TouchpointServer"/>: one connection per worker, a bearer token, and failed
/// answers counted (the first one shown) so a run stops after <see cref="MaxErrors"/> instead of measuring errors.
/// </summary>
internal sealed class HttpLoadClient : IDisposable
{
    public const int MaxErrors = 100;

    private readonly SocketsHttpHandler handler;
    private int errors;

    private HttpLoadClient(SocketsHttpHandler handler, HttpClient client)
    {
        this.handler = handler;
        Client = client;
    }

    public HttpClient Client { get; }

    public int Errors => Volatile.Read(ref errors);

    public static async Task<HttpLoadClient> SignInAsync(
        TouchpointServer server, int connections, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false };
        var load = new HttpLoadClient(handler, new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) });
        try
        {
            var token = await server.TokenAsync(load.Client, userName, password, cancellationToken);
            load.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return load;
        }
        catch
        {
            load.Dispose();
            throw;
        }
    }

    /// <summary>For <see cref="LoadGenerator.RunAsync"/>: keep going while fewer than <see cref="MaxErrors"/> calls failed.</summary>
    public bool KeepGoing() => Errors < MaxErrors;

    /// <summary>Whether the answer is a success; a failure is counted, and the first one shown with what it said.</summary>
    /// <param name="request">The request as the warning names it, e.g. <c>GET /api/customers/…</c>.</param>
    /// <param name="body">The answer's body, when it says why; null when not worth showing.</param>
    public bool Succeeded(HttpResponseMessage response, string request, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (Interlocked.Increment(ref errors) == 1)
        {
            Console.Error.WriteLine($"warning: {request} answered {(int)response.StatusCode}{(body is null ? "." : $": {body}")}");
        }

        return false;
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }
}
