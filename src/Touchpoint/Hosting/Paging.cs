using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Hosting;

/// <summary>A page request as TM Forum APIs spell it: <c>offset</c> and <c>limit</c>.</summary>
public readonly record struct Page(int Offset, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Checks the query values; an out-of-range one is a 400 naming it.</summary>
    public static bool TryCreate(int? offset, int? limit, out Page page, out ValidationProblem? problem)
    {
        page = new Page(offset ?? 0, limit ?? DefaultLimit);
        problem = page switch
        {
            { Offset: < 0 } => ProblemResults.Invalid("offset", "offset must be 0 or more."),
            { Limit: < 1 or > MaxLimit } => ProblemResults.Invalid("limit", $"limit must be between 1 and {MaxLimit}."),
            _ => null,
        };
        return problem is null;
    }

    /// <summary>Sets <c>X-Total-Count</c> and <c>X-Result-Count</c>, the TMF paging headers.</summary>
    public static void WriteHeaders(HttpResponse response, int totalCount, int resultCount)
    {
        response.Headers["X-Total-Count"] = totalCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Result-Count"] = resultCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
