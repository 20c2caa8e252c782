using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Touchpoint.Hosting;

/// <summary>An expected failure of a command: what went wrong, in words a user can act on.</summary>
public abstract record Failure(string Message)
{
    /// <summary>The input is wrong; <paramref name="Field"/> is its JSON path, e.g. <c>identities[1].value</c>.</summary>
    public sealed record Invalid(string Field, string Message) : Failure(Message);

    /// <summary>The input clashes with what is stored, e.g. an identity that belongs to another customer.</summary>
    public sealed record Conflict(string Message, IReadOnlyDictionary<string, object?>? Details = null) : Failure(Message);

    public sealed record NotFound(string Message) : Failure(Message);

    /// <summary>The same failure as an HTTP problem (400, 409, 403 or 404).</summary>
    public CommandProblem ToResult() => this switch
    {
        Invalid invalid => new(ProblemResults.Invalid(invalid.Field, invalid.Message)),
        Conflict conflict => new(ProblemResults.Conflict(conflict.Message, conflict.Details?.ToDictionary())),
        NotAllowed notAllowed => new(ProblemResults.Forbidden(notAllowed.Message)),
        _ => new(ProblemResults.NotFound(Message)),
    };
}

/// <summary>The caller may not take this step on this record (403), as opposed to the record not allowing it now (409).</summary>
public sealed record NotAllowed(string Message) : Failure(Message);

/// <summary>
/// A <see cref="Failure"/> answered over HTTP. One type for the three problems a command can answer, so that a
/// handler's <c>Results&lt;Ok&lt;View&gt;, CommandProblem&gt;</c> documents 400, 404 and 409 in OpenAPI.
/// </summary>
public sealed class CommandProblem
    : IResult, INestedHttpResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    private readonly IResult problem;

    internal CommandProblem(ValidationProblem problem) => this.problem = problem;

    internal CommandProblem(StatusProblem problem) => this.problem = problem;

    public IResult Result => problem;

    public ProblemDetails Value => (ProblemDetails)((IValueHttpResult)problem).Value!;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => ((IStatusCodeHttpResult)problem).StatusCode;

    public string? ContentType => ((IContentTypeHttpResult)problem).ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ProblemResults.Document(builder, StatusCodes.Status400BadRequest);
        ProblemResults.Document(builder, StatusCodes.Status404NotFound);
        ProblemResults.Document(builder, StatusCodes.Status409Conflict);
    }
}

/// <summary>The value a command produced, or why it could not.</summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
