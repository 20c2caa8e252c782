using Touchpoint.Domain.Cases;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;

namespace Touchpoint.Tests.Api;

/// <summary>The in-app inbox each user reads, and the team leads escalations climb to.</summary>
public abstract class InboxAndTeamTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_user_sees_and_marks_only_their_own_notifications_newest_first()
    {
        var anna = await CreateUserAsync();
        var other = await CreateUserAsync();
        var now = App.UtcNow;
        await App.WithDbContextAsync(async db =>
        {
            Inbox.Notify(db, anna.Id, now.AddMinutes(-2), NotificationKinds.PromiseDueSoon, "Callback due in 5 minutes", link: "/customers/x");
            Inbox.Notify(db, anna.Id, now.AddMinutes(-1), NotificationKinds.SlaBreach, "Complaint breached its resolution deadline");
            Inbox.Notify(db, other.Id, now, NotificationKinds.PromiseBroken, "Not for Anna");
            return await db.SaveChangesAsync(Cancel);
        });
        using var client = await App.CreateClientAsAsync(anna.UserName, anna.Password);

        using var listed = await client.GetAsync("/api/inbox", Cancel);
        var inbox = await HttpAssert.JsonAsync(listed);
        Assert.Equal(2, inbox.GetProperty("unread").GetInt32());
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Complaint breached its resolution deadline", "Callback due in 5 minutes"], items.Select(i => i.GetProperty("title").GetString()));
        Assert.Equal("2", listed.Headers.GetValues("X-Total-Count").Single());

        var first = items[0].GetProperty("id").GetInt64();
        using (var read = await client.PostAsync($"/api/inbox/{first}/read", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        }

        using var unread = await client.GetAsync("/api/inbox?unreadOnly=true", Cancel);
        var remaining = await HttpAssert.JsonAsync(unread);
        Assert.Equal(1, remaining.GetProperty("unread").GetInt32());
        Assert.Equal("Callback due in 5 minutes", Assert.Single(remaining.GetProperty("items").EnumerateArray().ToList()).GetProperty("title").GetString());

        var othersId = await App.WithDbContextAsync(db => Task.FromResult(db.Notifications.Single(n => n.UserId == other.Id).Id));
        using var foreign = await client.PostAsync($"/api/inbox/{othersId}/read", null, Cancel);
        await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        Assert.Null(await App.WithDbContextAsync(db => Task.FromResult(db.Notifications.Single(n => n.Id == othersId).ReadAt)));

        using (var all = await client.PostAsync("/api/inbox/read-all", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        }

        using var after = await client.GetAsync("/api/inbox", Cancel);
        Assert.Equal(0, (await HttpAssert.JsonAsync(after)).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task The_inbox_needs_a_signed_in_user_and_checks_its_paging()
    {
        using var anonymous = App.CreateAnonymousClient();
        using var refused = await anonymous.GetAsync("/api/inbox", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var admin = await App.CreateAdminClientAsync();
        using var bad = await admin.GetAsync("/api/inbox?limit=0", Cancel);
        await HttpAssert.ValidationProblemAsync(bad, "limit");
    }

    [Fact]
    public async Task A_team_lead_is_set_shown_and_climbed_by_escalations()
    {
        var lead = await CreateUserAsync("TeamLead");
        var head = await CreateUserAsync("TeamLead");
        var agent = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();

        using (var set = await admin.PutAsJsonAsync($"/api/users/{lead.Id}/team-lead", new { teamLeadId = head.Id }, Cancel))
        {
            await HttpAssert.JsonAsync(set);
        }

        using var agentSet = await admin.PutAsJsonAsync($"/api/users/{agent.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel);
        var view = await HttpAssert.JsonAsync(agentSet);
        Assert.Equal(lead.Id, view.GetProperty("teamLeadId").GetString());
        Assert.Equal(lead.UserName, view.GetProperty("teamLead").GetString());

        var recipients = await App.WithDbContextAsync(async db => new List<string?>
        {
            await Teams.RecipientAsync(db, agent.Id, EscalationStep.Owner, Cancel),
            await Teams.RecipientAsync(db, agent.Id, EscalationStep.TeamLead, Cancel),
            await Teams.RecipientAsync(db, agent.Id, EscalationStep.HeadOfCare, Cancel),
        });
        Assert.Equal<string?>([agent.Id, lead.Id, head.Id], recipients);
    }

    [Fact]
    public async Task A_team_lead_must_exist_lead_teams_and_not_close_a_circle()
    {
        var lead = await CreateUserAsync("TeamLead");
        var agent = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        using (var set = await admin.PutAsJsonAsync($"/api/users/{agent.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel))
        {
            await HttpAssert.JsonAsync(set);
        }

        using var agentAsLead = await admin.PutAsJsonAsync($"/api/users/{lead.Id}/team-lead", new { teamLeadId = agent.Id }, Cancel);
        await HttpAssert.ValidationProblemAsync(agentAsLead, "teamLeadId");

        using var missing = await admin.PutAsJsonAsync($"/api/users/{agent.Id}/team-lead", new { teamLeadId = "no-such-user" }, Cancel);
        await HttpAssert.ValidationProblemAsync(missing, "teamLeadId");

        using var self = await admin.PutAsJsonAsync($"/api/users/{lead.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel);
        await HttpAssert.ValidationProblemAsync(self, "teamLeadId");

        var other = await CreateUserAsync("TeamLead");
        using (var up = await admin.PutAsJsonAsync($"/api/users/{other.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel))
        {
            await HttpAssert.JsonAsync(up);
        }

        using var circle = await admin.PutAsJsonAsync($"/api/users/{lead.Id}/team-lead", new { teamLeadId = other.Id }, Cancel);
        await HttpAssert.ValidationProblemAsync(circle, "teamLeadId");

        var unchanged = await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Id == lead.Id).TeamLeadId));
        Assert.Null(unchanged);
    }

    [Fact]
    public async Task The_demo_staff_report_to_the_demo_lead_who_reports_to_the_admin()
    {
        var chain = await App.WithDbContextAsync(db =>
        {
            var byName = db.Users.ToDictionary(u => u.UserName!, u => u);
            return Task.FromResult((byName["agent"].TeamLeadId, byName["store"].TeamLeadId, byName["lead"].TeamLeadId, Lead: byName["lead"].Id, Admin: byName["admin"].Id));
        });
        Assert.Equal((chain.Lead, chain.Lead, chain.Admin), (chain.Item1, chain.Item2, chain.Item3));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class InboxAndTeamTestsOnSqlite(SqliteApp app) : InboxAndTeamTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class InboxAndTeamTestsOnPostgres(PostgresApp app) : InboxAndTeamTests(app), IClassFixture<PostgresApp>;
