namespace Touchpoint.Tmf;

/// <summary>The TM Forum Open APIs Touchpoint serves to integrators.</summary>
public static class TmfApis
{
    public static IEndpointRouteBuilder MapTmfApis(this IEndpointRouteBuilder app) => app
        .MapTmf629CustomerApi()
        .MapTmf632PartyApi()
        .MapTmf683PartyInteractionApi()
        .MapTmf637ProductInventoryApi()
        .MapTmf621TroubleTicketApi()
        .MapTmf622ProductOrderApi()
        .MapTmf679ProductOfferingQualificationApi()
        .MapTmf681CommunicationApi();
}
