using Touchpoint.Domain.Platform;

namespace Touchpoint.Hosting;

/// <summary>
/// The address's share of <see cref="WrittenText"/>: a route value or query parameter with a refused character
/// (<c>?search=%00</c>, <c>/api/customers/%00</c>) is answered with a 400 naming the parameter before any endpoint,
/// API or page, runs. JSON bodies are checked by <see cref="WrittenTextJson"/>.
/// </summary>
public static class WrittenTextInAddresses
{
    public static IApplicationBuilder UseWrittenTextInAddresses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (FindRefused(context.Request) is not { } refused)
        {
            await next(context);
            return;
        }

        var (field, problem) = refused;
        var detail = $"The parameter '{field}' is not valid: {problem}";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = detail,
            },
        });
    });

    private static (string Field, string Problem)? FindRefused(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && WrittenText.Problem(text) is { } problem)
            {
                return (name, problem);
            }
        }

        foreach (var (name, values) in request.Query)
        {
            if (WrittenText.Problem(name) is { } nameProblem)
            {
                return (name, nameProblem);
            }

            foreach (var text in values)
            {
                if (text is not null && WrittenText.Problem(text) is { } problem)
                {
                    return (name, problem);
                }
            }
        }

        return null;
    }
}
