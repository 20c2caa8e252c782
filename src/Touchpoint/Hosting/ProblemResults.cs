using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Hosting;

/// <summary>Shorthands for the RFC 9457 errors every feature returns.</summary>
public static class ProblemResults
{
    /// <summary>400 naming the invalid field (camelCase, as in the JSON body).</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: message, title: "The request is invalid.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: errors.Values.SelectMany(v => v).FirstOrDefault(), title: "The request is invalid.");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: what);

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail, extensions: extensions);

    public static ProblemHttpResult Unauthorized(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", detail: detail, extensions: extensions);
}
