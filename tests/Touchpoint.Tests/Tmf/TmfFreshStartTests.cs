using System.Net.Http.Headers;
using Touchpoint.Tmf;

namespace Touchpoint.Tests.Tmf;

/// <summary>
/// Every TMF list asked with <c>fields</c> as the very first TMF request of a freshly started Touchpoint. The JSON
/// options the TMF APIs share live for the whole process, so only a process of its own per resource shows whether a
/// <c>fields</c> selection works before anything else has been serialised with them (it once answered 500 until some
/// list without <c>fields</c> had run). The database plays no part in this, so SQLite alone is enough, and the
/// processes share one data folder, one after another, so only the first migrates it.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class TmfFreshStartTests(TmfFreshStartTests.DataFolder folder) : IClassFixture<TmfFreshStartTests.DataFolder>
{
    private const string AdminPassword = "admin-password-for-fresh-start";

    public static TheoryData<string> Lists =>
    [
        TmfConventions.CustomerPath,
        TmfConventions.IndividualPath,
        TmfConventions.OrganizationPath,
        // Interactions are listed per customer; one nobody has is an empty list.
        $"{TmfConventions.PartyInteractionPath}?relatedParty.id={Guid.Empty}",
        TmfConventions.ProductPath,
        Tmf621TroubleTicketMapping.TroubleTicketPath,
        Tmf622ProductOrderApi.ProductOrderPath,
        Tmf622ProductOrderApi.CancelProductOrderPath,
        Tmf679ProductOfferingQualificationApi.Path,
        Tmf681CommunicationApi.MessagePath,
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_with_fields_works_as_the_first_request_after_start(string path)
    {
        await using var server = await TouchpointProcess.StartAsync(
            [$"--Touchpoint:AdminPassword={AdminPassword}", "--Touchpoint:DemoData=false", $"--Touchpoint:DataDirectory={folder.Path}"]);
        using var client = server.CreateClient();
        using var token = await TouchpointApp.RequestTokenAsync(client, "admin", AdminPassword);
        var accessToken = (await HttpAssert.JsonAsync(token)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var request = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}limit=1&fields=id";
        using var response = await client.GetAsync(request, Cancel);

        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {request} answered {(int)response.StatusCode}: {body}");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(body).RootElement.ValueKind);
    }

    public sealed class DataFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("touchpoint-fresh-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
