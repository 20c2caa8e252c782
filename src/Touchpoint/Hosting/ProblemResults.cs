using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Touchpoint.Hosting;

/// <summary>
/// Shorthands for the RFC 9457 errors every feature returns. Each has a type of its own, so a handler's
/// <c>Results&lt;…&gt;</c> names the problems it can answer and the OpenAPI document lists them.
/// </summary>
public static class ProblemResults
{
    public const string ContentType = "application/problem+json";

    /// <summary>400 naming the invalid field (camelCase, as in the JSON body).</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: message, title: "The request is invalid.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: errors.Values.SelectMany(v => v).FirstOrDefault(), title: "The request is invalid.");

    public static NotFoundProblem NotFound(string what) => new(what);

    public static ConflictProblem Conflict(string detail, IDictionary<string, object?>? extensions = null) => new(detail, extensions);

    public static UnauthorizedProblem Unauthorized(string detail, IDictionary<string, object?>? extensions = null) => new(detail, extensions);

    public static ForbiddenProblem Forbidden(string detail) => new(detail);

    public static GoneProblem Gone(string detail) => new(detail);

    public static UnprocessableProblem Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) => new(title, detail, extensions);

    public static TooManyRequestsProblem TooManyRequests(string detail, TimeSpan? retryAfter = null) => new(detail, retryAfter);

    public static UnavailableProblem Unavailable(string title, string detail) => new(title, detail);

    /// <summary>Documents <paramref name="status"/> as a ProblemDetails (or, for 400, a validation problem) of the endpoint.</summary>
    internal static void Document(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(
            status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), [ContentType]));
}

/// <summary>A ProblemDetails whose status is fixed by its type.</summary>
public abstract class StatusProblem(ProblemHttpResult problem)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value => problem.ProblemDetails;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => problem.StatusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => problem.ContentType;

    public virtual Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);
}

/// <summary>404: what was asked for does not exist.</summary>
public sealed class NotFoundProblem(string detail)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the request clashes with what is stored or with a rule; the detail says which.</summary>
public sealed class ConflictProblem(string detail, IDictionary<string, object?>? extensions = null)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail, extensions: extensions)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status409Conflict);
}

/// <summary>422: the request is well formed, but what it asks for cannot be done; the title says what, the detail why.</summary>
public sealed class UnprocessableProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>401 answered by a handler itself (a wrong password), not by the authentication middleware.</summary>
public sealed class UnauthorizedProblem(string detail, IDictionary<string, object?>? extensions = null)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", detail: detail, extensions: extensions)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>403 decided by a handler (the caller's role may do this, but not to this record).</summary>
public sealed class ForbiddenProblem(string detail)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: detail)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status403Forbidden);
}

/// <summary>503: a part Touchpoint needs for the answer is not ready; the title says which, the detail why.</summary>
public sealed class UnavailableProblem(string title, string detail)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status503ServiceUnavailable);
}

/// <summary>429: the caller asked too often; the detail says when to try again or what else to do, Retry-After when known.</summary>
public sealed class TooManyRequestsProblem(string detail, TimeSpan? retryAfter = null)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: detail)), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return base.ExecuteAsync(httpContext);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status429TooManyRequests);
}

/// <summary>410: what was asked for existed and is gone for good (a one-time download taken); the detail says when.</summary>
public sealed class GoneProblem(string detail)
    : StatusProblem(TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone.", detail: detail)), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ProblemResults.Document(builder, StatusCodes.Status410Gone);
}
