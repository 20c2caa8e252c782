namespace Touchpoint.Hosting;

/// <summary>An expected failure of a command: what went wrong, in words a user can act on.</summary>
public abstract record Failure(string Message)
{
    /// <summary>The input is wrong; <paramref name="Field"/> is its JSON path, e.g. <c>identities[1].value</c>.</summary>
    public sealed record Invalid(string Field, string Message) : Failure(Message);

    /// <summary>The input clashes with what is stored, e.g. an identity that belongs to another customer.</summary>
    public sealed record Conflict(string Message, IReadOnlyDictionary<string, object?>? Details = null) : Failure(Message);

    public sealed record NotFound(string Message) : Failure(Message);

    /// <summary>The same failure as an HTTP problem (400, 409 or 404).</summary>
    public IResult ToResult() => this switch
    {
        Invalid invalid => ProblemResults.Invalid(invalid.Field, invalid.Message),
        Conflict conflict => ProblemResults.Conflict(conflict.Message, conflict.Details?.ToDictionary()),
        _ => ProblemResults.NotFound(Message),
    };
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
