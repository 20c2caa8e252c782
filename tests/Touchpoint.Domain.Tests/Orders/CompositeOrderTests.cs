using Touchpoint.Domain.Orders;
using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Tests.Orders;

public sealed class CompositeOrderTests
{
    private static readonly Guid Jan = Guid.NewGuid();
    private static readonly Guid Someone = Guid.NewGuid();
    private static readonly OrderAddress Utrecht = new("Oudegracht 100", "3511 AX", "Utrecht", "NL");
    private static readonly OrderAddress Amersfoort = new("Langestraat 1", "3811 AA", "Amersfoort", "NL");
    private static readonly PlanFacts Internet = new("NL-INTERNET", "dsl");
    private static readonly PlanFacts FasterInternet = new("NL-INTERNET-200", "fiber");
    private static readonly PlanFacts Tv = new("NL-DIGITAL-TV", "cable-tv");
    private static readonly PlanFacts Mobile = new("DK-MOBIL-FRI", "4G");

    private static readonly SubscriptionFacts JansInternet = new(Guid.NewGuid(), Jan, SubscriptionStatus.Active, Internet.Code, Internet.Technology, null, Utrecht);
    private static readonly SubscriptionFacts JansMobile = new(Guid.NewGuid(), Jan, SubscriptionStatus.Active, Mobile.Code, Mobile.Technology, "+31612345678", null);
    private static readonly SubscriptionFacts SomeoneElses = new(Guid.NewGuid(), Someone, SubscriptionStatus.Active, Internet.Code, Internet.Technology, null, Utrecht);
    private static readonly SubscriptionFacts Ended = new(Guid.NewGuid(), Jan, SubscriptionStatus.Terminated, Internet.Code, Internet.Technology, null, Utrecht);

    private static readonly Dictionary<Guid, SubscriptionFacts> Known = new[] { JansInternet, JansMobile, SomeoneElses, Ended }.ToDictionary(s => s.Id);

    private static IReadOnlyList<OrderProblem> Validate(params OrderItemRequest[] items) => CompositeOrder.Validate(Jan, items, Known);

    [Fact]
    public void S2_1_a_move_a_plan_change_and_an_add_on_are_one_valid_order_with_the_add_on_after_the_move_it_relies_on()
    {
        OrderItemRequest[] items =
        [
            new OrderItemRequest("tv", OrderItemAction.Add, NewPlan: Tv, NewAddress: Amersfoort, Relationships: [new("move", OrderItemRelationshipType.ReliesOn)]),
            new OrderItemRequest("move", OrderItemAction.Modify, JansInternet.Id, NewPlan: FasterInternet, NewAddress: Amersfoort),
        ];

        Assert.Empty(Validate(items));
        Assert.Equal([1, 0], CompositeOrder.ExecutionOrder(items));
        Assert.Equal("move and plan change", CompositeOrder.Describe(items[1], JansInternet));
        Assert.Equal("new subscription", CompositeOrder.Describe(items[0], null));
    }

    [Fact]
    public void S2_2_ending_a_subscription_and_adding_one_of_the_same_kind_is_refused_with_the_modify_path()
    {
        var problem = Assert.Single(Validate(
            new OrderItemRequest("1", OrderItemAction.Delete, JansInternet.Id),
            new OrderItemRequest("2", OrderItemAction.Add, NewPlan: FasterInternet, NewAddress: Utrecht)));

        Assert.Equal((0, "action"), (problem.ItemIndex, problem.Field));
        Assert.StartsWith("No change needs cancelling and subscribing again (S2-2)", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"{{\"action\": \"modify\", \"subscriptionId\": \"{JansInternet.Id}\", \"planCode\": \"NL-INTERNET-200\"}}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ending_one_service_and_adding_another_kind_or_porting_a_number_out_is_not_a_disguised_change()
    {
        Assert.Empty(Validate(new OrderItemRequest("1", OrderItemAction.Delete, JansInternet.Id), new OrderItemRequest("2", OrderItemAction.Add, NewPlan: Tv, NewAddress: Utrecht)));
        Assert.Empty(Validate(
            new OrderItemRequest("1", OrderItemAction.Delete, JansMobile.Id, PortOut: new PortOut(new DateOnly(2026, 12, 1), "Other operator")),
            new OrderItemRequest("2", OrderItemAction.Add, NewPlan: Mobile)));
    }

    [Fact]
    public void An_item_for_another_customers_subscription_or_an_unknown_one_is_refused_without_saying_whose_it_is()
    {
        var unknown = Guid.NewGuid();
        var problems = Validate(new OrderItemRequest("1", OrderItemAction.Modify, SomeoneElses.Id, NewPlan: FasterInternet), new OrderItemRequest("2", OrderItemAction.Delete, unknown));

        Assert.Equal(
            [(0, "subscriptionId", $"Subscription {SomeoneElses.Id} is not one of this customer's."), (1, "subscriptionId", $"There is no subscription with id '{unknown}'.")],
            problems.Select(p => (p.ItemIndex, p.Field, p.Message)).ToArray());
    }

    [Fact]
    public void A_plan_change_stays_within_the_service_and_a_new_binding_needs_consent()
    {
        var crossKind = Assert.Single(Validate(new OrderItemRequest("1", OrderItemAction.Modify, JansInternet.Id, NewPlan: Tv)));
        Assert.Equal("planCode", crossKind.Field);
        Assert.Contains("add the new service with an add item", crossKind.Message, StringComparison.Ordinal);

        var binding = Assert.Single(Validate(new OrderItemRequest("1", OrderItemAction.Modify, JansInternet.Id, NewPlan: FasterInternet, BindingMonths: 12)));
        Assert.Equal("bindingConsent", binding.Field);
        Assert.Contains("EU-107", binding.Message, StringComparison.Ordinal);
        Assert.Empty(Validate(new OrderItemRequest("1", OrderItemAction.Modify, JansInternet.Id, NewPlan: FasterInternet, BindingMonths: 12, BindingConsent: true)));
    }

    [Fact]
    public void Each_action_takes_only_what_it_needs()
    {
        Assert.Equal(["subscriptionId"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Add, JansInternet.Id, NewPlan: Tv, NewAddress: Utrecht))));
        Assert.Equal(["planCode"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Add))));
        Assert.Equal(["serviceAddress"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Add, NewPlan: Tv))));
        Assert.Equal(["action"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Modify, JansInternet.Id))));
        Assert.Equal(["subscriptionId"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Modify, NewPlan: FasterInternet))));
        Assert.Equal(["action"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Delete, JansInternet.Id, NewPlan: FasterInternet))));
        Assert.Equal(["action"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.NoChange, JansInternet.Id, NewAddress: Amersfoort))));
        Assert.Equal(["subscriptionId"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Delete, Ended.Id))));
        Assert.Equal(["portInMsisdn"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Add, NewPlan: Tv, NewAddress: Utrecht, PortIn: new PortIn("+4520550101", "Telia", null)))));
        Assert.Equal(["portOut"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.Delete, JansInternet.Id, PortOut: new PortOut(new DateOnly(2026, 12, 1), null)))));
        Assert.Empty(Validate(new OrderItemRequest("1", OrderItemAction.NoChange, JansInternet.Id)));
    }

    [Theory]
    [InlineData("Oudegracht 100", "3511 AX", "Utrecht")]
    [InlineData("oudegracht  100 ", "3511ax", "UTRECHT")]
    public void A_move_to_the_address_the_subscription_already_has_is_refused_however_it_is_written(string street, string postcode, string city)
    {
        var problem = Assert.Single(Validate(new OrderItemRequest("move", OrderItemAction.Modify, JansInternet.Id, NewAddress: new OrderAddress(street, postcode, city, "NL"))));

        Assert.Equal((0, "serviceAddress"), (problem.ItemIndex, problem.Field));
        Assert.Equal(
            $"Subscription {JansInternet.Id} is already at Oudegracht 100, 3511 AX Utrecht: a move needs the new address. To change only the plan or binding, leave serviceAddress out.",
            problem.Message);
        Assert.Equal("serviceAddress", Assert.Single(Validate(new OrderItemRequest("move", OrderItemAction.Modify, JansInternet.Id, NewPlan: FasterInternet, NewAddress: Utrecht))).Field);
    }

    [Theory]
    [InlineData("Oudegracht 102", "3511 AX", "Utrecht", "NL")]
    [InlineData("Oudegracht 100", "3512 AX", "Utrecht", "NL")]
    [InlineData("Oudegracht 100", "3511 AX", "Amersfoort", "NL")]
    public void Another_house_number_postcode_or_town_is_a_real_move(string street, string postcode, string city, string country)
    {
        var destination = new OrderAddress(street, postcode, city, country);

        Assert.False(destination.IsSamePlaceAs(Utrecht));
        Assert.Empty(Validate(new OrderItemRequest("move", OrderItemAction.Modify, JansInternet.Id, NewAddress: destination)));
    }

    [Fact]
    public void Ids_are_unique_relationships_name_items_of_the_order_and_never_go_in_a_circle()
    {
        Assert.Equal(["id"], Fields(Validate(new OrderItemRequest("1", OrderItemAction.NoChange, JansInternet.Id), new OrderItemRequest("1", OrderItemAction.NoChange, JansMobile.Id))));
        Assert.Equal(["relationships[0].itemId"], Fields(Validate(
            new OrderItemRequest("1", OrderItemAction.NoChange, JansInternet.Id, Relationships: [new("9", OrderItemRelationshipType.ReliesOn)]))));
        Assert.Equal(["relationships"], Fields(Validate(
            new OrderItemRequest("1", OrderItemAction.NoChange, JansInternet.Id, Relationships: [new("2", OrderItemRelationshipType.ReliesOn)]),
            new OrderItemRequest("2", OrderItemAction.NoChange, JansMobile.Id, Relationships: [new("1", OrderItemRelationshipType.ReliesOn)]))));
        Assert.Equal(["subscriptionId"], Fields(Validate(
            new OrderItemRequest("1", OrderItemAction.Modify, JansInternet.Id, NewPlan: FasterInternet),
            new OrderItemRequest("2", OrderItemAction.Modify, JansInternet.Id, NewAddress: Amersfoort))));
        Assert.Equal(["items"], Fields(Validate()));
    }

    [Fact]
    public void Bundled_items_keep_their_order_and_relied_on_items_come_first()
    {
        OrderItemRequest[] items =
        [
            new OrderItemRequest("a", OrderItemAction.NoChange, JansInternet.Id, Relationships: [new("c", OrderItemRelationshipType.ReliesOn)]),
            new OrderItemRequest("b", OrderItemAction.NoChange, JansMobile.Id, Relationships: [new("a", OrderItemRelationshipType.Bundles)]),
            new OrderItemRequest("c", OrderItemAction.Add, NewPlan: Tv, NewAddress: Utrecht),
        ];

        Assert.Empty(Validate(items));
        Assert.Equal([1, 2, 0], CompositeOrder.ExecutionOrder(items));
    }

    private static string[] Fields(IReadOnlyList<OrderProblem> problems) => [.. problems.Select(p => p.Field)];
}
