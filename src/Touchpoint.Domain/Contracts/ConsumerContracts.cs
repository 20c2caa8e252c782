using System.Globalization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Contracts;

/// <summary>
/// TP-5: whether a contract carries the consumer-law rights is settled when it is sold, by who bought it. The statutory
/// withdrawal right (CRD-9, CRD-10) and the limits on binding (EU-105-1 and the national caps DK-1, NO-1, SE-1) are a
/// consumer's; a contract sold to a business has neither (<see cref="ContractRuleBook.Withdrawal"/> and
/// <see cref="ContractRuleBook.CheckBinding"/> say so, naming this rule). The rights every end-user has stay with every
/// contract: notice of at most a month after the binding (EU-105-2), leaving free on a worse change of terms (EU-105-3),
/// and TP-1.
/// </summary>
/// <remarks>
/// A customer who changes kind keeps what was open: a consumer who becomes a business keeps the withdrawal right and the
/// binding limits of every contract sold while a consumer, also for changes made to those contracts later; only what is
/// sold after the change, on new contracts, is a business sale. A business that becomes a consumer gets consumer law for
/// everything sold from then on, changes to its older contracts included. Either way the change never takes a right away.
/// </remarks>
public static class ConsumerContracts
{
    public const string RuleId = "TP-5";

    /// <summary>Whether a new contract sold to a customer of <paramref name="buyer"/>'s kind is a consumer sale.</summary>
    public static bool IsConsumerSale(CustomerKind buyer) => buyer.IsConsumer();

    /// <summary>
    /// Whether a change sold on an existing contract (a plan change, a new binding) is judged as a consumer sale: when the
    /// contract was sold to a consumer, or the customer buying the change is one.
    /// </summary>
    public static bool IsConsumerSale(bool contractSoldToConsumer, CustomerKind buyer) => contractSoldToConsumer || buyer.IsConsumer();

    /// <summary>What a change of the customer's kind means for their contracts, in a sentence an agent can read out.</summary>
    /// <param name="consumerContractsKept">Live contracts sold to a consumer, which keep their consumer rights.</param>
    public static string KindChanged(CustomerKind from, CustomerKind to, int consumerContractsKept)
    {
        if (from == to)
        {
            throw new ArgumentException("The kind did not change.", nameof(to));
        }

        if (to.IsConsumer())
        {
            return $"From now on this customer buys as a consumer: new contracts, and changes to existing ones, carry the withdrawal right (CRD-9) and the binding limits of consumer law (EU-105-1) ({RuleId}).";
        }

        var kept = consumerContractsKept switch
        {
            0 => "No live contract was sold to them as a consumer.",
            1 => "The one contract sold to them as a consumer keeps its withdrawal right (CRD-9) and binding limits (EU-105-1), also for later changes to it.",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"The {consumerContractsKept} contracts sold to them as a consumer keep their withdrawal right (CRD-9) and binding limits (EU-105-1), also for later changes to them."),
        };
        return $"From now on this customer buys as a business: new contracts have no statutory withdrawal right and no consumer binding limit. {kept} ({RuleId})";
    }
}
