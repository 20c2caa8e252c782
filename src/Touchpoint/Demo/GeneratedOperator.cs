using System.Buffers.Binary;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Demo;

/// <summary>One generated customer with everything that belongs to them.</summary>
public sealed record GeneratedCustomer(Customer Customer, IReadOnlyList<Subscription> Subscriptions, IReadOnlyList<Interaction> Interactions);

/// <summary>
/// A synthetic operator: customers across SE, DK, NL and NO with a mobile plan of their own country and a year of
/// contacts. The same seed gives the same data, ids included, so demos and benchmarks are repeatable.
/// Values are produced in canonical form (E.164, lower-case e-mail), exactly as the normalizer stores them.
/// </summary>
public sealed class GeneratedOperator(int seed, DateTime now, IReadOnlyList<Plan> plans, (Guid Id, string Name)? partnerAgency)
{
    private static readonly string[] Surnames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
    ];

    private static readonly string[] GivenNames =
    [
        "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per",
        "Mette", "Søren", "Camilla", "Jens", "Louise", "Mads", "Ida", "Niels", "Freja", "Rasmus",
        "Sanne", "Jan", "Emma", "Pieter", "Lotte", "Daan", "Sophie", "Bram", "Fleur", "Thijs",
        "Ingrid", "Ole", "Kari", "Bjørn", "Silje", "Håkon", "Nora", "Magnus", "Ingeborg", "Sindre",
    ];

    private static readonly (InteractionChannel Channel, int Weight)[] Channels =
    [
        (InteractionChannel.Phone, 40), (InteractionChannel.Email, 15), (InteractionChannel.Chat, 15), (InteractionChannel.Web, 10), (InteractionChannel.Store, 8),
        (InteractionChannel.Sms, 5), (InteractionChannel.Ivr, 4), (InteractionChannel.Letter, 2), (InteractionChannel.Social, 1),
    ];

    private static readonly string[] Reasons =
        ["Billing question", "Invoice dispute", "Plan change", "Roaming", "Coverage problem", "Device support", "Cancellation", "Address change", "Renewal offer", "Payment reminder"];

    private static readonly Jurisdiction[] JurisdictionCycle = [Jurisdiction.SE, Jurisdiction.DK, Jurisdiction.NL, Jurisdiction.NO];

    private readonly DateTime idEpoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="averageInteractions">Mean contacts per customer over the last year.</param>
    public IEnumerable<GeneratedCustomer> Generate(int customers, double averageInteractions)
    {
        var random = new Random(seed);
        // A customer is only ever sold the plans of their own country; a country without a mobile plan gets any.
        var mobilePlans = plans.Where(p => p.Technology is "4G" or "5G").ToList();
        var plansByJurisdiction = JurisdictionCycle.ToDictionary(
            j => j, j => mobilePlans.Where(p => p.IsSoldIn(j)).ToList() is { Count: > 0 } own ? own : mobilePlans);
        var interactionSequence = 0L;
        for (var index = 0; index < customers; index++)
        {
            var jurisdiction = JurisdictionCycle[index % JurisdictionCycle.Length];
            var given = GivenNames[(index % 4 * 10) + random.Next(10)];
            var surname = Surnames[(index % 4 * 10) + random.Next(10)];
            var name = $"{given} {surname}";
            var msisdn = Msisdn(jurisdiction, index / JurisdictionCycle.Length);
            var createdAt = now.AddDays(-random.Next(30, 3650));
            var customer = new Customer
            {
                Id = SequentialId(0, index, random),
                Kind = CustomerKind.Person,
                Name = name,
                NameKey = CustomerNames.SearchKey(name),
                Jurisdiction = jurisdiction.ToWireName(),
                PreferredLanguage = jurisdiction.DefaultLanguage(),
                TelemarketingOptOut = random.Next(10) == 0,
                NeverOfferBinding = random.Next(8) == 0,
                AllowedMarketingChannels = random.Next(3) == 0 ? "email,sms" : "",
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            customer.Identities.Add(new CustomerIdentity { CustomerId = customer.Id, Kind = IdentityKind.Msisdn.ToWireName(), Value = msisdn, AddedAt = createdAt });
            customer.Identities.Add(new CustomerIdentity
            {
                CustomerId = customer.Id,
                Kind = IdentityKind.Email.ToWireName(),
                Value = $"{Ascii(given)}.{Ascii(surname)}.{index}@example.{jurisdiction.ToWireName().ToLowerInvariant()}",
                AddedAt = createdAt,
            });

            var ownPlans = plansByJurisdiction[jurisdiction];
            var plan = ownPlans[random.Next(ownPlans.Count)];
            var start = DateOnly.FromDateTime(createdAt);
            var binding = plan.BindingMonths[random.Next(plan.BindingMonths.Count)];

            // The customer's law caps the binding (DK-1, NO-1): the longest option it allows, drawing no extra random numbers.
            if (!ContractRuleBook.Law.CheckBinding(jurisdiction, binding).IsAllowed)
            {
                binding = plan.BindingMonths.Where(months => ContractRuleBook.Law.CheckBinding(jurisdiction, months).IsAllowed).Max();
            }
            var subscription = new Subscription
            {
                Id = SequentialId(1, index, random),
                CustomerId = customer.Id,
                PlanId = plan.Id,
                Msisdn = msisdn,
                MonthlyPrice = plan.MonthlyPrice,
                StartDate = start,
                BindingEndDate = binding == 0 || customer.NeverOfferBinding ? null : start.AddMonths(binding),
                Status = SubscriptionStatus.Active,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };

            var count = Poisson(random, averageInteractions);
            var interactions = new List<Interaction>(count);
            for (var n = 0; n < count; n++)
            {
                var channel = Pick(random);
                var byAgency = partnerAgency is not null && channel == InteractionChannel.Phone && random.Next(50) == 0;
                var at = now.AddSeconds(-random.Next(1, 365 * 24 * 3600));
                interactions.Add(new Interaction
                {
                    Id = SequentialId(2, interactionSequence++, random),
                    CustomerId = customer.Id,
                    OccurredAt = at,
                    Channel = channel,
                    Direction = byAgency || random.Next(5) == 0 ? InteractionDirection.Outbound : InteractionDirection.Inbound,
                    PartnerAgencyId = byAgency ? partnerAgency!.Value.Id : null,
                    PartnerAgencyName = byAgency ? partnerAgency!.Value.Name : null,
                    AgentName = byAgency ? $"{partnerAgency!.Value.Name} seller {random.Next(1, 20)}" : $"Agent {random.Next(1, 400):000}",
                    DurationSeconds = channel is InteractionChannel.Phone or InteractionChannel.Chat or InteractionChannel.Store ? random.Next(60, 1800) : null,
                    Reason = byAgency ? "Sales call" : Reasons[random.Next(Reasons.Length)],
                    Summary = "",
                    SubscriptionId = subscription.Id,
                    RecordedAt = at,
                });
            }

            yield return new GeneratedCustomer(customer, [subscription], interactions);
        }
    }

    /// <summary>
    /// A valid mobile number per country, unique per index within it (at least three million per country). Only
    /// blocks the numbering plans assign to mobiles are used, so the numbers pass the same validation as typed ones.
    /// </summary>
    public static string Msisdn(Jurisdiction jurisdiction, int index) => jurisdiction switch
    {
        Jurisdiction.SE => Invariant($"+4670{index % 10_000_000:0000000}"),
        Jurisdiction.DK => Invariant($"+45{DanishMobileBlocks[index / 1_000_000 % DanishMobileBlocks.Length]}{index % 1_000_000:000000}"),
        Jurisdiction.NL => Invariant($"+3161{index % 10_000_000:0000000}"),
        Jurisdiction.NO => Invariant($"+47{NorwegianMobileBlocks[index / 1_000_000 % NorwegianMobileBlocks.Length]}{index % 1_000_000:000000}"),
        Jurisdiction.FI => Invariant($"+35840{index % 10_000_000:0000000}"),
        Jurisdiction.DE => Invariant($"+49151{index % 100_000_000:00000000}"),
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    /// <summary>Danish and Norwegian numbers are eight digits; each of these two-digit mobile blocks holds a million.</summary>
    private static readonly string[] DanishMobileBlocks = ["26", "27", "28"];

    private static readonly string[] NorwegianMobileBlocks = ["40", "41", "46"];

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Time-ordered (UUID version 7 layout) and deterministic: a fixed epoch plus the sequence number.</summary>
    private Guid SequentialId(int stream, long sequence, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = (long)(idEpoch - DateTime.UnixEpoch).TotalMilliseconds + (stream * 1_000_000_000L) + sequence;
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16 | (long)(bytes[6] & 0x0F | 0x70) << 8 | bytes[7]);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static InteractionChannel Pick(Random random)
    {
        var roll = random.Next(Channels.Sum(c => c.Weight));
        foreach (var (channel, weight) in Channels)
        {
            if (roll < weight)
            {
                return channel;
            }

            roll -= weight;
        }

        return InteractionChannel.Phone;
    }

    /// <summary>Knuth's method; fine for the small means used here.</summary>
    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * NextGaussian(random))));
        }

        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static string Ascii(string text) => CustomerNames.SearchKey(text).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
