using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Touchpoint.Features.Audit;

namespace Touchpoint.Hosting;

public static class HttpSetup
{
    public const string MaxRequestBodyKey = "Touchpoint:Http:MaxRequestBodyBytes";

    /// <summary>RFC 9457 errors everywhere, request size limits and the OpenAPI document.</summary>
    public static IServiceCollection AddTouchpointHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UniqueConflictExceptionHandler>();
        services.AddExceptionHandler<StoredTextRefusedExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = configuration.GetValue<long>(MaxRequestBodyKey, 1024 * 1024));
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            WrittenTextJson.Register(options.SerializerOptions);
        });
        services.AddSingleton(sp => ReadVolumeGuard.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ReadVolumeGuard>();
        services.AddHostedService<ReadVolumeSettingsCheck>();
        services.AddOpenApi(ReadAuditFilter.DocumentLeftOut);
        return services;
    }

    /// <summary>
    /// Documents the problems the authentication and authorization middleware answer before a handler runs: 401 for
    /// every endpoint that is not anonymous (the fallback policy wants a signed-in user), 403 where a role is required.
    /// </summary>
    public static TBuilder WithAuthorizationProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            ProblemResults.Document(endpoint, StatusCodes.Status401Unauthorized);
            var needsRole = endpoint.Metadata.OfType<AuthorizationPolicy>().Any()
                || endpoint.Metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null);
            if (needsRole)
            {
                ProblemResults.Document(endpoint, StatusCodes.Status403Forbidden);
            }
        });
        return builder;
    }
}

/// <summary>
/// Unreadable bodies (malformed JSON, a missing body, a body over the size limit) become a
/// ProblemDetails with the status Kestrel chose (400 or 413) and, for JSON, the offending field.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than this endpoint accepts."
            : field is not null
                ? $"The field '{field}' is not valid: {json!.Message.Split(" Path:", 2)[0]}"
                : json is not null ? $"The body is not valid JSON: {json.Message.Split(" Path:", 2)[0]}" : bad.Message;

        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : "The request is invalid.",
            Detail = detail,
        };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}

/// <summary>
/// Two requests that both passed the "is it free?" check (an identity, a user name) and raced to insert it: the
/// database's unique index refused the second. That is the conflict the check would have reported a moment
/// later, so it is answered as one (409), not as a server error; nothing of the refused request was saved.
/// </summary>
internal sealed class UniqueConflictExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } || !IsUniqueViolation(inner))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict.",
                Detail = "Another change claimed the same value at the same moment; nothing was saved. Look the record up again and retry.",
            },
        });
    }

    // PostgreSQL 23505 unique_violation; SQLite SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    private static bool IsUniqueViolation(Exception inner) => inner switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}

/// <summary>
/// A text the endpoint did not check and <see cref="Touchpoint.Data.StoredTextGuard"/> refused before the database:
/// the request was invalid, so it is a 400 naming the field, on SQLite and PostgreSQL alike; nothing was saved.
/// </summary>
internal sealed class StoredTextRefusedExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not Touchpoint.Data.StoredTextRefusedException refused)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        var detail = $"The field '{refused.Field}' is not valid: {refused.Problem}";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [refused.Field] = [detail] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = detail,
            },
        });
    }
}
