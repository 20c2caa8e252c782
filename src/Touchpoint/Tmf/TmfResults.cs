using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

// A TMF answer is the resource as JSON with only the attributes fields= selected, so its body is a JSON node; these
// results carry the resource type beside it, for the OpenAPI document to describe what a client gets.

/// <summary>
/// 200 with a <typeparamref name="T"/> shaped by <c>fields</c>: one resource, or a page of them as
/// <c>TmfResource&lt;List&lt;TmfCustomer&gt;&gt;</c> (the paging headers are set by then).
/// </summary>
public sealed class TmfResource<T>(JsonNode body, T source) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<JsonNode>, IShapedResult
{
    /// <summary>What the body was shaped from, for the read audit to find whose data it is (<see cref="DataSubjects"/>).</summary>
    public object? Source => source;

    public JsonNode Value => body;

    object? IValueHttpResult.Value => body;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(body, TmfConventions.Json).ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>201 with the created <typeparamref name="T"/> and where it lives.</summary>
public sealed class TmfCreated<T>(string location, JsonObject body, T source) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<JsonObject>, IShapedResult
{
    public object? Source => source;

    public string Location => location;

    public JsonObject Value => body;

    object? IValueHttpResult.Value => body;

    public int? StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Created(location, body).ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
}
