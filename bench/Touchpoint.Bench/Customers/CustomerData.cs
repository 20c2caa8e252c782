using System.Globalization;
using System.Text;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Import;
using Touchpoint.Demo;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;

namespace Touchpoint.Bench.Customers;

/// <summary>The generated operator as import files, and what the measurements need to pick from it.</summary>
internal sealed record CustomerData(
    string CustomersCsv, string SubscriptionsCsv, string InteractionsCsv, Guid[] CustomerIds, long Interactions);

/// <summary>Writes <see cref="GeneratedOperator"/>'s customers, subscriptions and interactions in the import's CSV layouts.</summary>
internal static class CustomerDataWriter
{
    public const int Seed = 2026;

    public static CustomerData Write(
        string folder, int customers, double averageInteractions, IReadOnlyList<Plan> plans, (Guid Id, string Name) agency, DateTime now)
    {
        var paths = (Customers: Path.Combine(folder, "customers.csv"), Subscriptions: Path.Combine(folder, "subscriptions.csv"), Interactions: Path.Combine(folder, "interactions.csv"));
        var codes = plans.ToDictionary(p => p.Id, p => p.Code);
        var ids = new Guid[customers];
        var interactions = 0L;
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        ImportProgressDisplay.Bar(BenchConsole.Output).Start(context =>
            {
                var progress = context.AddTask("generating", maxValue: customers);
                using var customerFile = new StreamWriter(paths.Customers, append: false, encoding, 1 << 20);
                using var subscriptionFile = new StreamWriter(paths.Subscriptions, append: false, encoding, 1 << 20);
                using var interactionFile = new StreamWriter(paths.Interactions, append: false, encoding, 1 << 20);
                customerFile.WriteLine("id,kind,name,jurisdiction,msisdn,email,allowedMarketingChannels,telemarketingOptOut,neverOfferBinding,preferredLanguage");
                subscriptionFile.WriteLine("customerId,planCode,msisdn,startDate,bindingMonths,monthlyPrice,status");
                interactionFile.WriteLine("customerId,occurredAt,channel,direction,partnerAgency,agentName,durationSeconds,reason,summary");
                var generator = new GeneratedOperator(Seed, now, plans, agency);
                var done = 0;
                foreach (var generated in generator.Generate(customers, averageInteractions))
                {
                    var c = generated.Customer;
                    ids[done] = c.Id;
                    var msisdn = Msisdn(done);
                    var email = c.Identities.First(i => i.Kind == "email").Value;
                    customerFile.WriteLine(string.Join(',',
                        c.Id.ToString(), c.Kind.ToString().ToLowerInvariant(), Csv(c.Name), c.Jurisdiction, msisdn, Csv(email),
                        c.AllowedMarketingChannels.Replace(',', ';'), Bool(c.TelemarketingOptOut), Bool(c.NeverOfferBinding), c.PreferredLanguage));

                    foreach (var s in generated.Subscriptions)
                    {
                        var months = s.BindingEndDate is { } end ? ((end.Year - s.StartDate.Year) * 12) + end.Month - s.StartDate.Month : 0;
                        subscriptionFile.WriteLine(string.Join(',',
                            s.CustomerId.ToString(), codes[s.PlanId], msisdn, s.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            months.ToString(CultureInfo.InvariantCulture), s.MonthlyPrice.ToString(CultureInfo.InvariantCulture), s.Status.ToWireName()));
                    }

                    foreach (var i in generated.Interactions)
                    {
                        interactionFile.WriteLine(string.Join(',',
                            i.CustomerId.ToString(), i.OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture), i.Channel.ToWireName(), i.Direction.ToWireName(),
                            Csv(i.PartnerAgencyName ?? ""), Csv(i.AgentName), i.DurationSeconds?.ToString(CultureInfo.InvariantCulture) ?? "", Csv(i.Reason), Csv(i.Summary)));
                    }

                    interactions += generated.Interactions.Count;
                    if (++done % 1000 == 0 || done == customers)
                    {
                        progress.Description = string.Create(CultureInfo.InvariantCulture, $"generating: {done:N0}/{customers:N0} customers, {interactions:N0} interactions");
                        progress.Value = done;
                    }
                }

                progress.StopTask();
            });

        return new CustomerData(paths.Customers, paths.Subscriptions, paths.Interactions, ids, interactions);
    }

    /// <summary>The msisdn of the customer generated at <paramref name="index"/>, as GeneratedOperator numbers it.</summary>
    public static string Msisdn(int index) =>
        GeneratedOperator.Msisdn(JurisdictionCycle[index % JurisdictionCycle.Length], index / JurisdictionCycle.Length);

    /// <summary>GeneratedOperator's numbers are unique up to three million customers per country.</summary>
    public const int MaxCustomers = 12_000_000;

    private static readonly Jurisdiction[] JurisdictionCycle = [Jurisdiction.SE, Jurisdiction.DK, Jurisdiction.NL, Jurisdiction.NO];

    private static string Bool(bool value) => value ? "true" : "false";

    // The raw baseline splits on commas; the generator never needs quoting, and this keeps it honest if it ever does.
    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
