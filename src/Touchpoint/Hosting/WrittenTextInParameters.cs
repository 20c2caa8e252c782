using Touchpoint.Domain.Platform;

namespace Touchpoint.Hosting;

/// <summary>
/// The parameters' share of <see cref="WrittenText"/>: a route value, query parameter or posted form field
/// with a refused character (<c>?search=%00</c>) is answered with a 400 naming it before any endpoint, API or page,
/// runs. JSON bodies are checked by <see cref="WrittenTextJson"/>. (Kestrel itself refuses a NUL in the path, with a
/// bare 400, before the app sees the request.)
/// </summary>
public static class WrittenTextInParameters
{
    public static IApplicationBuilder UseWrittenTextInParameters(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if ((FindRefused(context.Request) ?? await FindRefusedInFormAsync(context)) is not (string field, string problem))
        {
            await next(context);
            return;
        }

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

    /// <summary>A form a page posts (the public "Cancel or withdraw" page has no JSON): its fields are text a person wrote.</summary>
    private static async Task<(string Field, string Problem)?> FindRefusedInFormAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null || !context.Request.HasFormContentType)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // A form that cannot be read is the endpoint's to refuse, as it was before this check.
            return null;
        }

        foreach (var (name, values) in form)
        {
            foreach (var text in values.Prepend(name))
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
