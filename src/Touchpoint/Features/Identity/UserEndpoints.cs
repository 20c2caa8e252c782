using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

public sealed record UserView(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? PartnerAgencyId, string? PartnerAgency, bool LockedOut,
    string? TeamLeadId = null, string? TeamLead = null, string? TimeZone = null, string? Channel = null);

public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, string? Role, Guid? PartnerAgencyId, string? TeamLeadId = null);

/// <summary>The IANA zone the user reads times in; null follows their team lead's, then the home country's.</summary>
public sealed record SetTimeZoneRequest(string? TimeZone);

/// <summary>Where the user meets customers (e.g. store): what they promise is promised via it by default; null for none.</summary>
public sealed record SetChannelRequest(string? Channel);

/// <summary>Who the user reports to; null takes them out of any team.</summary>
public sealed record SetTeamLeadRequest(string? TeamLeadId);

public sealed record PartnerAgencyView(Guid Id, string Name);

public sealed record CreatePartnerAgencyRequest(string? Name);

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", Me).WithTags("Users").WithSummary("The signed-in user and their roles.");

        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", List).WithSummary("Users, sorted by user name; search matches user or display name.");
        users.MapGet("/{id}", Get).WithSummary("One user.");
        users.MapPost("/", Create).WithSummary("Create a user with one role; partner agents need their agency.");
        users.MapPost("/{id}/unlock", Unlock).WithSummary("Lift a lockout after failed sign-ins.");
        users.MapPut("/{id}/team-lead", SetTeamLead).WithSummary("Set the team lead the user reports to: the next step of their escalations.");
        users.MapPut("/{id}/channel", SetChannel).WithSummary("Set where the user meets customers (e.g. store); their promises are made via it unless they say otherwise.");
        users.MapPut("/{id}/time-zone", SetTimeZone).WithSummary("Set the IANA time zone the user reads and enters times in; null follows their team lead's.");

        var agencies = app.MapGroup("/api/partner-agencies").WithTags("Users").RequireAuthorization(Policies.Admin);
        agencies.MapGet("/", ListAgencies);
        agencies.MapPost("/", CreateAgency);
        return app;
    }

    internal static async Task<Ok<UserView>> Me(ClaimsPrincipal principal, UserManager<TouchpointUser> userManager, TouchpointDbContext db, TimeProvider clock)
    {
        var id = userManager.GetUserId(principal)!;
        return TypedResults.Ok((await LoadViews(db, db.Users.Where(u => u.Id == id), clock, CancellationToken.None)).Single());
    }

    internal static async Task<Results<Ok<List<UserView>>, ValidationProblem>> List(
        TouchpointDbContext db, TimeProvider clock, HttpResponse response, string? search, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var query = UserAdministration.Search(db.Users.AsNoTracking(), search);

        var total = await query.CountAsync(cancellationToken);
        var views = await LoadViews(db, query.OrderBy(u => u.NormalizedUserName).Skip(page.Offset).Take(page.Limit), clock, cancellationToken);
        Page.WriteHeaders(response, total, views.Count);
        return TypedResults.Ok(views);
    }

    internal static async Task<Results<Ok<UserView>, NotFoundProblem>> Get(
        string id, TouchpointDbContext db, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var view = (await LoadViews(db, db.Users.Where(u => u.Id == id), clock, cancellationToken)).SingleOrDefault();
        if (view is null)
        {
            return ProblemResults.NotFound($"There is no user with id '{id}'.");
        }

        readAudit.Record(nameof(TouchpointUser), id, "user profile");
        return TypedResults.Ok(view);
    }

    internal static async Task<Results<Created<UserView>, ValidationProblem, ConflictProblem>> Create(
        CreateUserRequest request, UserManager<TouchpointUser> userManager, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await UserAdministration.CreateAsync(request, userManager, db, clock, cancellationToken) switch
        {
            CreateUserResult.Created created => TypedResults.Created($"/api/users/{created.User.Id}", created.User),
            CreateUserResult.Taken taken => ProblemResults.Conflict(taken.Message, new Dictionary<string, object?> { ["existingId"] = taken.ExistingId }),
            CreateUserResult.Invalid invalid => ProblemResults.Invalid(invalid.Errors),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };

    internal static async Task<Results<NoContent, NotFoundProblem>> Unlock(string id, UserManager<TouchpointUser> userManager) =>
        await UserAdministration.UnlockAsync(id, userManager)
            ? TypedResults.NoContent()
            : ProblemResults.NotFound($"There is no user with id '{id}'.");

    internal static async Task<Ok<List<PartnerAgencyView>>> ListAgencies(TouchpointDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PartnerAgencyListAsync(db, cancellationToken));

    /// <summary>Every partner agency by name: for the API and the pages that let a user pick one.</summary>
    public static Task<List<PartnerAgencyView>> PartnerAgencyListAsync(TouchpointDbContext db, CancellationToken cancellationToken) =>
        db.PartnerAgencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new PartnerAgencyView(a.Id, a.Name)).ToListAsync(cancellationToken);

    internal static async Task<Results<Created<PartnerAgencyView>, ValidationProblem, ConflictProblem>> CreateAgency(
        CreatePartnerAgencyRequest request, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return ProblemResults.Invalid("name", "name is required.");
        }

        if (name.Length > PartnerAgency.MaxNameLength)
        {
            return ProblemResults.Invalid("name", $"name is longer than {PartnerAgency.MaxNameLength} characters.");
        }

        if (await db.PartnerAgencies.FirstOrDefaultAsync(a => a.Name == name, cancellationToken) is { } existing)
        {
            return ProblemResults.Conflict($"A partner agency named '{name}' exists.", new Dictionary<string, object?> { ["existingId"] = existing.Id });
        }

        var agency = new PartnerAgency { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.PartnerAgencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/partner-agencies/{agency.Id}", new PartnerAgencyView(agency.Id, agency.Name));
    }

    internal static async Task<Results<Ok<UserView>, NotFoundProblem, ValidationProblem>> SetTeamLead(
        string id, SetTeamLeadRequest request, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return ProblemResults.NotFound($"There is no user with id '{id}'.");
        }

        if (await UserAdministration.CheckTeamLeadAsync(db, request.TeamLeadId, id, cancellationToken) is { } error)
        {
            return ProblemResults.Invalid("teamLeadId", error);
        }

        user.TeamLeadId = request.TeamLeadId;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await LoadViews(db, db.Users.Where(u => u.Id == id), clock, cancellationToken)).Single());
    }

    internal static async Task<Results<Ok<UserView>, NotFoundProblem, ValidationProblem>> SetTimeZone(
        string id, SetTimeZoneRequest request, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (StaffTimeZoneResolver.Check(request.TimeZone) is { } error)
        {
            return ProblemResults.Invalid("timeZone", error);
        }

        if (!await StaffTimeZoneResolver.SetAsync(db, id, request.TimeZone, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no user with id '{id}'.");
        }

        return TypedResults.Ok((await LoadViews(db, db.Users.Where(u => u.Id == id), clock, cancellationToken)).Single());
    }

    internal static async Task<Results<Ok<UserView>, NotFoundProblem, ValidationProblem>> SetChannel(
        string id, SetChannelRequest request, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (StaffChannels.Check(request.Channel, out var channel) is { } error)
        {
            return ProblemResults.Invalid("channel", error);
        }

        if (!await StaffChannels.SetAsync(db, id, channel, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no user with id '{id}'.");
        }

        return TypedResults.Ok((await LoadViews(db, db.Users.Where(u => u.Id == id), clock, cancellationToken)).Single());
    }

    /// <summary>Users with their roles and agency in two queries, whatever the page size.</summary>
    public static async Task<List<UserView>> LoadViews(TouchpointDbContext db, IQueryable<TouchpointUser> users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rows = await users.AsNoTracking()
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.PartnerAgencyId, Agency = u.PartnerAgency!.Name, u.LockoutEnd, u.TeamLeadId, u.TimeZone, u.Channel,
                TeamLead = db.Users.Where(l => l.Id == u.TeamLeadId).Select(l => l.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(r => new UserView(
            r.Id, r.UserName!, r.DisplayName,
            roles.Where(x => x.UserId == r.Id).Select(x => x.Name!).Order().ToList(),
            r.PartnerAgencyId, r.Agency, r.LockoutEnd > now, r.TeamLeadId, r.TeamLead, r.TimeZone, r.Channel?.ToWireName())).ToList();
    }
}
