using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Audits every API read of personal data in one place: after the endpoint has answered and before its answer is sent,
/// the request's one entry names every customer the answer names (<see cref="DataSubjects"/>). A new endpoint is audited
/// without asking; what it records itself only says more precisely what was read.
/// </summary>
/// <remarks>
/// The same filter counts the customers each user reads against <see cref="ReadVolumeGuard"/>'s limit.
/// Reads only: a write's answer shows what was just written, and the write is in the log already, with its changes.
/// </remarks>
public static class ReadAuditFilter
{
    public static TBuilder WithReadAudit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // Any read may be refused for volume: the document says so.
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Get))
                && !endpoint.Metadata.OfType<LeftOutOfReadAudit>().Any())
            {
                ProblemResults.Document(endpoint, StatusCodes.Status429TooManyRequests);
            }
        });
        return builder.AddEndpointFilter(static async (context, next) =>
        {
            var http = context.HttpContext;
            if ((!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
                || http.GetEndpoint()?.Metadata.GetMetadata<LeftOutOfReadAudit>() is not null)
            {
                return await next(context);
            }

            var audit = http.RequestServices.GetRequiredService<ReadAudit>();
            audit.BeginRequest(PurposeOf(http));
            var answer = await next(context);
            var shown = DataSubjects.In(answer);
            var actor = http.RequestServices.GetRequiredService<CurrentActor>().Get();
            if (await http.RequestServices.GetRequiredService<ReadVolumeGuard>().CountAsync(actor, shown, http.RequestAborted) is { } refused)
            {
                return refused;
            }

            await audit.EndRequestAsync(shown, http.RequestAborted);
            return answer;
        });
    }

    /// <summary>Leaves an endpoint out of the read audit; <paramref name="why"/> says why, for whoever reads the endpoint's metadata.</summary>
    public static TBuilder WithoutReadAudit<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new LeftOutOfReadAudit(why));

    /// <summary>Says in the OpenAPI document which operations the read audit leaves out, and why (<c>x-read-audit</c>).</summary>
    public static void DocumentLeftOut(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<LeftOutOfReadAudit>().FirstOrDefault() is { } left)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-read-audit"] = new JsonNodeExtension(JsonValue.Create($"left out: {left.Why}"));
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The operation, as the API documents it: "GET /api/cases/{id}".</summary>
    private static string PurposeOf(HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        return $"{http.Request.Method} /{route.TrimStart('/')}";
    }
}

/// <summary>An endpoint the read audit leaves out, and why (<see cref="ReadAuditFilter.WithoutReadAudit"/>).</summary>
public sealed record LeftOutOfReadAudit(string Why);
