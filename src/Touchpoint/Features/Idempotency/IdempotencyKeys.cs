using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every create of the API: a signed-in client that repeats a POST with the same key within
/// <see cref="Lifetime"/> gets the first answer back (with <c>Idempotent-Replayed: true</c>) and nothing is created
/// twice, also when the first answer never arrived because the database or the network failed after the commit. The
/// key's record is added to the request's unit of work before the endpoint runs, so it is committed with what the
/// endpoint creates or not at all; the answer is written to it afterwards.
/// </summary>
public sealed class IdempotencyKeys(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context, TouchpointDbContext db, TimeProvider clock)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !IsApi(request.Path) || !request.Headers.TryGetValue(Header, out var values)
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "The request is invalid.",
                $"The header '{Header}' must be one value of 1 to {IdempotencyRecord.KeyLength} visible ASCII characters, such as a UUID.");
            return;
        }

        var key = values[0]!;
        var hash = await HashAsync(request, context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, context.RequestAborted);
        if (earlier is not null && earlier.CreatedAt <= now - Lifetime)
        {
            // Forgotten: the key may be used again even before the hourly clean-up has removed it.
            await db.IdempotencyRecords.Where(r => r.Id == earlier.Id).ExecuteDeleteAsync(context.RequestAborted);
            earlier = null;
        }

        if (earlier is not null)
        {
            await AnswerRepeatAsync(context, earlier, hash);
            return;
        }

        var record = new IdempotencyRecord { UserId = userId, Key = key, RequestHash = hash, CreatedAt = now };
        db.IdempotencyRecords.Add(record);
        var answer = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = answer;
            if (db.Entry(record).State == EntityState.Added)
            {
                // The endpoint saved nothing (it refused the request): the key stays free.
                db.Entry(record).State = EntityState.Detached;
            }
        }

        if (db.Entry(record).State != EntityState.Detached)
        {
            var response = context.Response;
            var body = captured.ToArray();
            string? location = response.Headers.Location;
            await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.Body, body), CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(answer, context.RequestAborted);
    }

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotencyRecord earlier, byte[] hash)
    {
        if (!CryptographicOperations.FixedTimeEquals(earlier.RequestHash, hash))
        {
            await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request.",
                $"This {Header} was sent with a different request in the last {Lifetime.TotalHours:0} hours; send a new key for a new request.");
            return;
        }

        if (earlier.StatusCode is not { } status)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, "The first request with this Idempotency-Key was carried out.",
                $"It was committed, but its answer is still on its way or was lost; nothing was created again. Look up what it created instead of repeating it.");
            return;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = earlier.ContentType;
        if (earlier.Location is not null)
        {
            response.Headers.Location = earlier.Location;
        }

        response.Headers[ReplayedHeader] = "true";
        if (earlier.Body is { Length: > 0 } body)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/tmf-api", StringComparison.OrdinalIgnoreCase);

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyRecord.KeyLength } && key.All(c => c is > ' ' and <= '~');

    private static async Task<byte[]> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = [detail] } })
            .ExecuteAsync(context);
}
